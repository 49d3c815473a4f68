{{ config(alias='绩效指标') }}
select
    d.department_name as 部门名称,
    e.project_name as 项目名称,
    i.row_order as 序号,
    i.level1 as 一级指标,
    i.level2 as 二级指标,
    i.level3 as 三级指标,
    i.target_raw as 指标值,
    i.actual_raw as 完成值,
    i.weight as 分值,
    i.score as 得分,
    coalesce(attainment.label_zh, a.attainment) as 完成情况,
    i.deviation_note as 偏差原因,
    i.evaluation_id as 评价标识
from {{ ref('fct_performance_indicator').include(database=False) }} as i
inner join {{ ref('fct_performance_evaluation').include(database=False) }} as e on i.evaluation_id = e.evaluation_id
inner join {{ ref('dim_document').include(database=False) }} as d on i.document_id = d.document_id
left join {{ ref('fct_indicator_attainment').include(database=False) }} as a
    on i.evaluation_id = a.evaluation_id and i.row_order = a.row_order
left join {{ ref('dim_code_label').include(database=False) }} as attainment
    on attainment.domain = 'attainment' and a.attainment = attainment.code
