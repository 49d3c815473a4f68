select
    evaluation_id,
    document_id,
    scope,
    project_name,
    project_code,
    cast(initial_budget_wan as decimal(18, 4)) as initial_budget_wan,
    cast(adjusted_budget_wan as decimal(18, 4)) as adjusted_budget_wan,
    cast(actual_wan as decimal(18, 4)) as actual_wan,
    cast(execution_rate_reported as decimal(9, 4)) as execution_rate_reported,
    cast(total_score as decimal(6, 2)) as total_score,
    grade,
    page,
    source,
    part
from {{ source('raw', 'evaluation') }}
