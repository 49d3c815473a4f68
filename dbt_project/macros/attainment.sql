{# Whether an actual value meets a target: met / not_met, or qualitative when either is not a number.
   A bare number as target ("12次", no sign printed) is a floor, or a ceiling for 成本指标 (cost), as the
   forms mean it; an "=" printed is exact. #}
{% macro attainment(operator, target_raw, level2, target_value, actual_value) -%}
    case
        when {{ operator }} is null or {{ target_value }} is null or {{ actual_value }} is null then 'qualitative'
        when {{ operator }} = '=' and position('=' in coalesce({{ target_raw }}, '')) = 0
            then case
                when coalesce({{ level2 }}, '') like '%成本%'
                    then case when {{ actual_value }} <= {{ target_value }} then 'met' else 'not_met' end
                else case when {{ actual_value }} >= {{ target_value }} then 'met' else 'not_met' end
            end
        when
            ({{ operator }} = '>=' and {{ actual_value }} >= {{ target_value }})
            or ({{ operator }} = '<=' and {{ actual_value }} <= {{ target_value }})
            or ({{ operator }} = '>' and {{ actual_value }} > {{ target_value }})
            or ({{ operator }} = '<' and {{ actual_value }} < {{ target_value }})
            or ({{ operator }} = '=' and {{ actual_value }} = {{ target_value }})
            then 'met'
        else 'not_met'
    end
{%- endmacro %}

{# A name as matched across forms: whitespace, punctuation and the 本级 qualifier removed. #}
{% macro name_key(column) -%}
    nullif(regexp_replace(replace(coalesce({{ column }}, ''), '本级', ''), '[[:space:][:punct:]（）【】、，。：；“”]', '', 'g'), '')
{%- endmacro %}
