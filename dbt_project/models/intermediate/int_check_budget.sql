-- Budget lines: 基本支出 = 人员经费 + 公用经费 and 基本支出 + 项目支出 ≤ 支出合计 where the same part of the
-- report states them; a line stated with one amount in a table and another in the text.
with lines as (
    select
        document_id,
        statement,
        source,
        fiscal_year,
        measure,
        min(page) as page,
        max(case when line_code = 'basic_expenditure' then amount_wan end) as basic,
        max(case when line_code = 'personnel_expenditure' then amount_wan end) as personnel,
        max(case when line_code = 'public_expenditure' then amount_wan end) as public,
        max(case when line_code = 'project_expenditure' then amount_wan end) as project,
        max(case when line_code = 'total_expenditure' then amount_wan end) as total_expenditure
    from {{ ref('stg_budget_line') }}
    group by document_id, statement, source, fiscal_year, measure
),

-- a figure the text states against the statements: statements of two scopes (all funds, 财政拨款) may print
-- two amounts for one line, and the text may restate either. The text is read at its printed precision: a
-- 元 statement's 873,617.00 is the text's 87.36万元; 87.70 for 87.708 is truncated (a rounding slip).
stated_twice as (
    select
        t.document_id,
        t.line_code,
        t.fiscal_year,
        t.measure,
        t.amount_wan as in_text,
        arg_min(b.amount_wan, abs(b.amount_wan - t.amount_wan)) as in_table,
        power(10, -length(coalesce(regexp_extract(t.value_raw, '\.(\d+)', 1), ''))) as unit,
        min(t.page) as page
    from {{ ref('stg_budget_line') }} as t
    inner join {{ ref('stg_budget_line') }} as b
        on
            t.document_id = b.document_id
            and t.line_code = b.line_code
            and t.fiscal_year = b.fiscal_year
            and t.measure = b.measure
            and b.source = 'table'
    where
        t.source = 'text'
        and (
            t.line_code in (
                'basic_expenditure', 'personnel_expenditure', 'public_expenditure', 'project_expenditure',
                'total_income', 'total_expenditure', 'grand_total', 'government_procurement',
                'fiscal_appropriation', 'general_public_budget'
            )
            or regexp_matches(t.line_code, '^\d{3}(\d{2}){0,2}$')
        )
    group by t.document_id, t.line_code, t.fiscal_year, t.measure, t.amount_wan, t.value_raw
),

disagreements as (
    select
        *,
        case when abs(in_table - in_text) < unit then 'info' else 'warning' end as severity
    from stated_twice
    where abs(round(cast(in_table as double) / unit) * unit - cast(in_text as double)) > unit / 10
)

select
    document_id,
    'basic_is_personnel_plus_public' as check_id,
    'warning' as severity,
    format(
        '{} {} {}: 人员经费 {} + 公用经费 {} = {}, but 基本支出 is stated as {}',
        fiscal_year, measure, statement, personnel, public, personnel + public, basic
    ) as message,
    cast(personnel + public as varchar) as expected,
    cast(basic as varchar) as actual,
    page
from lines
where abs(basic - (personnel + public)) > 0.01

union all

-- only an excess is certain: some templates add further kinds (上缴上级支出, 单位预留机动经费) to the total
select
    document_id,
    'basic_plus_project_exceeds_total' as check_id,
    'warning' as severity,
    format(
        '{} {} {}: 基本支出 {} + 项目支出 {} = {}, more than 支出合计 {}',
        fiscal_year, measure, statement, basic, project, basic + project, total_expenditure
    ) as message,
    cast(total_expenditure as varchar) as expected,
    cast(basic + project as varchar) as actual,
    page
from lines
where basic + project > total_expenditure + 0.01

union all

select
    document_id,
    'text_and_table_disagree' as check_id,
    severity,
    format('{} {} {}: a table says {}, the text says {}', line_code, fiscal_year, measure, in_table, in_text)
        as message,
    cast(in_table as varchar) as expected,
    cast(in_text as varchar) as actual,
    page
from disagreements
