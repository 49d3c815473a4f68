-- Budget execution per document, canonical line and year: 年初预算, 调整后预算, 决算 side by side.
-- A report stating a line twice (different parts) contributes its first-stated amount per measure.
with lines as (
    select
        document_id,
        line_code,
        fiscal_year,
        measure,
        amount_wan,
        row_number() over (
            partition by document_id, line_code, fiscal_year, measure
            order by source = 'text', statement, page nulls last
        ) as preference
    from {{ ref('stg_budget_line') }}
    where line_code in (
        'total_income', 'total_expenditure', 'grand_total', 'fiscal_appropriation',
        'general_public_budget', 'government_fund', 'basic_expenditure', 'personnel_expenditure',
        'public_expenditure', 'project_expenditure', 'operating_expenditure_of_organs', 'government_procurement'
    )
)

select
    document_id,
    line_code,
    fiscal_year,
    max(case when measure = 'initial_budget' then amount_wan end) as initial_budget_wan,
    max(case when measure = 'adjusted_budget' then amount_wan end) as adjusted_budget_wan,
    max(case when measure = 'actual' then amount_wan end) as actual_wan,
    cast(round(
        max(case when measure = 'actual' then amount_wan end)
        / nullif(coalesce(
            max(case when measure = 'adjusted_budget' then amount_wan end),
            max(case when measure = 'initial_budget' then amount_wan end)
        ), 0), 4
    ) as decimal(9, 4)) as execution_rate
from lines
where preference = 1
group by document_id, line_code, fiscal_year
