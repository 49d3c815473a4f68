{{ config(alias='人员编制') }}
select
    d.department_name as 部门名称,
    d.fiscal_year as 年度,
    coalesce(metric.label_zh, h.metric) as 指标,
    h.headcount as 人数,
    h.document_id as 文档标识
from {{ ref('fct_headcount').include(database=False) }} as h
inner join {{ ref('dim_document').include(database=False) }} as d on h.document_id = d.document_id
left join {{ ref('dim_code_label').include(database=False) }} as metric
    on metric.domain = 'headcount_metric' and h.metric = metric.code
