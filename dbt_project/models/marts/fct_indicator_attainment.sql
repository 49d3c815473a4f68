-- Whether each indicator met its target (macro attainment), and the share of its weight it scored.
select
    evaluation_id,
    document_id,
    row_order,
    level1,
    level2,
    level3,
    target_operator,
    target_value,
    actual_value,
    {{ attainment('target_operator', 'target_raw', 'level2', 'target_value', 'actual_value') }} as attainment,
    weight,
    score,
    cast(round(score / nullif(weight, 0), 4) as decimal(9, 4)) as score_ratio
from {{ ref('stg_indicator') }}
