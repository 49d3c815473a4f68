{{ config(alias='目标与完成') }}
select
    a.fiscal_year as 年度,
    a.department_name as 申报单位,
    a.project_code as 项目编码,
    a.project_name as 项目名称,
    coalesce(project_match.label_zh, a.project_match) as 项目匹配方式,
    a.level1 as 一级指标,
    a.level2 as 二级指标,
    a.level3 as 三级指标,
    a.promised_target_raw as 申报指标值,
    a.reported_target_raw as 自评指标值,
    a.actual_raw as 完成值,
    coalesce(status.label_zh, a.status) as 对照情况,
    coalesce(attainment.label_zh, a.attainment) as 完成情况,
    a.target_id as 目标标识,
    a.evaluation_id as 评价标识
from {{ ref('fct_target_attainment').include(database=False) }} as a
left join {{ ref('dim_code_label').include(database=False) }} as project_match
    on project_match.domain = 'project_match' and a.project_match = project_match.code
left join {{ ref('dim_code_label').include(database=False) }} as status
    on status.domain = 'target_status' and a.status = status.code
left join {{ ref('dim_code_label').include(database=False) }} as attainment
    on attainment.domain = 'attainment' and a.attainment = attainment.code
