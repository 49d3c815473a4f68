-- Whether each indicator met its target (quantitative targets compared with the actual value), and
-- the share of its weight it scored. A bare number as target ("12次", no sign printed) is a floor, or a
-- ceiling for 成本指标 (cost), as the forms mean it; an "=" printed is exact.
with indicators as (
    select
        *,
        case
            when target_operator = '=' and position('=' in coalesce(target_raw, '')) = 0
                then case when coalesce(level2, '') like '%成本%' then '<=' else '>=' end
            else target_operator
        end as comparison
    from {{ ref('stg_indicator') }}
)

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
            (comparison = '>=' and actual_value >= target_value)
            or (comparison = '<=' and actual_value <= target_value)
            or (comparison = '>' and actual_value > target_value)
            or (comparison = '<' and actual_value < target_value)
            or (comparison = '=' and actual_value = target_value)
            then 'met'
        else 'not_met'
    end as attainment,
    weight,
    score,
    cast(round(score / nullif(weight, 0), 4) as decimal(9, 4)) as score_ratio
from indicators
