-- Whether each indicator met its target (quantitative targets compared with the actual value), and
-- the share of its weight it scored.
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
    case
        when target_operator is null or target_value is null or actual_value is null then 'qualitative'
        when
            (target_operator = '>=' and actual_value >= target_value)
            or (target_operator = '<=' and actual_value <= target_value)
            or (target_operator = '>' and actual_value > target_value)
            or (target_operator = '<' and actual_value < target_value)
            or (target_operator = '=' and actual_value = target_value)
            then 'met'
        else 'not_met'
    end as attainment,
    weight,
    score,
    cast(round(score / nullif(weight, 0), 4) as decimal(9, 4)) as score_ratio
from {{ ref('stg_indicator') }}
