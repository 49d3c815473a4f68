{{ config(alias='三公经费') }}
select
    d.department_name as 部门名称,
    s.fiscal_year as 年度,
    coalesce(measure.label_zh, s.measure) as 口径,
    coalesce(category.label_zh, s.category) as 类别,
    s.amount_wan as 金额万元,
    s.value_raw as 原文,
    s.page as 页码,
    s.confirmed as 已印证,
    s.document_id as 文档标识
from {{ ref('fct_sangong').include(database=False) }} as s
inner join {{ ref('dim_document').include(database=False) }} as d on s.document_id = d.document_id
left join {{ ref('dim_code_label').include(database=False) }} as measure
    on measure.domain = 'sangong_measure' and s.measure = measure.code
left join {{ ref('dim_code_label').include(database=False) }} as category
    on category.domain = 'sangong_category' and s.category = category.code
