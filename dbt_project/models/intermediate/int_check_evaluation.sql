-- Self-evaluations: a score within its weight, the printed execution rate against the amounts, and the
-- total score against the indicator scores when the indicators carry all 100 points.
with indicators as (
    select
        evaluation_id,
        sum(weight) as weights,
        sum(score) as scores
    from {{ ref('stg_indicator') }}
    group by evaluation_id
)

select
    document_id,
    'indicator_score_above_weight' as check_id,
    'warning' as severity,
    format('indicator {} ({}): score {} is more than its weight {}', row_order, level3, score, weight) as message,
    cast(weight as varchar) as expected,
    cast(score as varchar) as actual,
    page
from {{ ref('stg_indicator') }}
where score > weight

union all

select
    document_id,
    'execution_rate_mismatch' as check_id,
    'warning' as severity,
    format('{} {}: 执行率 printed {}, but {} / {} = {}', scope, coalesce(project_name, ''),
        execution_rate_reported, actual_wan, adjusted_budget_wan,
        round(actual_wan / adjusted_budget_wan, 4)) as message,
    cast(round(actual_wan / adjusted_budget_wan, 4) as varchar) as expected,
    cast(execution_rate_reported as varchar) as actual,
    page
from {{ ref('stg_evaluation') }}
where adjusted_budget_wan > 0 and abs(actual_wan / adjusted_budget_wan - execution_rate_reported) > 0.001

union all

select
    e.document_id,
    'total_score_is_sum_of_scores' as check_id,
    'warning' as severity,
    format('{} {}: the indicator scores sum to {}, but the total score is {}',
        e.scope, coalesce(e.project_name, ''), i.scores, e.total_score) as message,
    cast(i.scores as varchar) as expected,
    cast(e.total_score as varchar) as actual,
    e.page
from {{ ref('stg_evaluation') }} as e
inner join indicators as i on e.evaluation_id = i.evaluation_id
where i.weights = 100 and abs(e.total_score - i.scores) > 0.1
