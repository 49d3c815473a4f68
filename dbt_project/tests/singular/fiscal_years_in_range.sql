-- A fiscal year between 2000 and next year: anything else is a misread number.
with years as (
    select
        'dim_document' as mart,
        fiscal_year
    from {{ ref('dim_document') }}
    union all
    select
        'fct_sangong' as mart,
        fiscal_year
    from {{ ref('fct_sangong') }}
    union all
    select
        'fct_budget_line' as mart,
        fiscal_year
    from {{ ref('fct_budget_line') }}
)

select
    mart,
    fiscal_year
from years
where fiscal_year < 2000 or fiscal_year > year(current_date) + 1
