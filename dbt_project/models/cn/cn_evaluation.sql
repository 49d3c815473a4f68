{{ config(alias='绩效评价') }}
select
    d.department_name as 部门名称,
    d.fiscal_year as 年度,
    coalesce(scope.label_zh, e.scope) as 评价范围,
    e.project_name as 项目名称,
    e.project_code as 项目编码,
    e.initial_budget_wan as 年初预算数,
    e.adjusted_budget_wan as 全年预算数,
    e.actual_wan as 全年执行数,
    e.execution_rate_reported as 执行率,
    e.total_score as 自评得分,
    e.grade as 等级,
    e.evaluation_id as 评价标识
from {{ ref('fct_performance_evaluation').include(database=False) }} as e
inner join {{ ref('dim_document').include(database=False) }} as d on e.document_id = d.document_id
left join {{ ref('dim_code_label').include(database=False) }} as scope
    on scope.domain = 'scope' and e.scope = scope.code
