-- Self-evaluations: a score within its weight, and the printed execution rate against the amounts.
-- (Weights and scores against the form's totals are checked at extraction, where the 执行率 row's
-- points are known: ingest/extract/performance.py.)
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
    format(
        '{} {}: 执行率 printed {}, but {} / {} = {}', scope, coalesce(project_name, ''),
        execution_rate_reported, actual_wan, adjusted_budget_wan,
        round(actual_wan / adjusted_budget_wan, 4)
    ) as message,
    cast(round(actual_wan / adjusted_budget_wan, 4) as varchar) as expected,
    cast(execution_rate_reported as varchar) as actual,
    page
from {{ ref('stg_evaluation') }}
where adjusted_budget_wan > 0 and abs(actual_wan / adjusted_budget_wan - execution_rate_reported) > 0.001
