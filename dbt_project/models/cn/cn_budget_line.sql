{{ config(alias='预决算明细') }}
select
    d.department_name as 部门名称,
    b.fiscal_year as 年度,
    coalesce(statement.label_zh, b.statement) as 报表,
    b.line_code as 科目编码,
    b.line_name as 科目名称,
    coalesce(measure.label_zh, b.measure) as 口径,
    b.amount_wan as 金额万元,
    b.value_raw as 原文,
    b.page as 页码,
    b.confirmed as 已印证,
    b.document_id as 文档标识
from {{ ref('fct_budget_line').include(database=False) }} as b
inner join {{ ref('dim_document').include(database=False) }} as d on b.document_id = d.document_id
left join {{ ref('dim_code_label').include(database=False) }} as statement
    on statement.domain = 'statement' and b.statement = statement.code
left join {{ ref('dim_code_label').include(database=False) }} as measure
    on measure.domain = 'measure' and b.measure = measure.code
