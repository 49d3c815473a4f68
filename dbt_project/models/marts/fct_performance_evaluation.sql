select
    evaluation_id,
    document_id,
    scope,
    project_name,
    project_code,
    initial_budget_wan,
    adjusted_budget_wan,
    actual_wan,
    execution_rate_reported,
    cast(round(actual_wan / nullif(adjusted_budget_wan, 0), 4) as decimal(9, 4)) as execution_rate_calc,
    total_score,
    grade,
    page,
    source,
    part
from {{ ref('stg_evaluation') }}
