-- Every year a figure or a report refers to, with its label as printed in reports.
with years as (
    select fiscal_year from {{ ref('stg_document') }}
    union
    select fiscal_year from {{ ref('stg_sangong') }}
    union
    select fiscal_year from {{ ref('stg_budget_line') }}
)

select
    fiscal_year,
    cast(fiscal_year as varchar) || '年度' as label,
    fiscal_year - 1 as prior_fiscal_year
from years
where fiscal_year is not null
