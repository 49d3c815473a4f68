{{ config(alias='绩效目标') }}
select
    d.department_name as 部门名称,
    t.fiscal_year as 年度,
    t.department_name as 申报单位,
    t.project_code as 项目编码,
    t.project_name as 项目名称,
    t.funding_total_wan as 本年金额万元,
    t.row_order as 序号,
    t.level1 as 一级指标,
    t.level2 as 二级指标,
    t.level3 as 三级指标,
    t.target_raw as 指标值,
    t.target_operator as 比较符,
    t.target_value as 目标数值,
    t.target_unit as 计量单位,
    t.target_id as 目标标识
from {{ ref('fct_performance_target').include(database=False) }} as t
inner join {{ ref('dim_document').include(database=False) }} as d on t.document_id = d.document_id
