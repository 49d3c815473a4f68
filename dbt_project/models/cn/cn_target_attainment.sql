{{ config(alias='目标与完成') }}
select
    a.fiscal_year as 年度,
    a.department_name as 申报单位,
    a.project_code as 项目编码,
    a.project_name as 项目名称,
    case a.project_match when 'project_code' then '项目编码' when 'department_and_name' then '单位和项目名称' end
        as 项目匹配方式,
    a.level1 as 一级指标,
    a.level2 as 二级指标,
    a.level3 as 三级指标,
    a.promised_target_raw as 申报指标值,
    a.reported_target_raw as 自评指标值,
    a.actual_raw as 完成值,
    case a.status
        when 'promised_and_reported' then '申报且自评'
        when 'promised_not_reported' then '申报未自评'
        else '自评未申报'
    end as 对照情况,
    case a.attainment when 'met' then '达标' when 'not_met' then '未达标' when 'qualitative' then '定性' end
        as 完成情况,
    a.target_id as 目标标识,
    a.evaluation_id as 评价标识
from {{ ref('fct_target_attainment').include(database=False) }} as a
