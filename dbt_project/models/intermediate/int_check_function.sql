-- 功能分类 tables: a 类 (3-digit code) is the sum of its 款 (5 digits), a 款 the sum of its 项 (7 digits).
with subjects as (
    select
        document_id,
        fiscal_year,
        measure,
        line_code,
        line_name,
        amount_wan,
        page
    from {{ ref('stg_budget_line') }}
    where statement = 'by_function' and source = 'table' and regexp_matches(line_code, '^\d{3}(\d{2}){0,2}$')
),

children as (
    select
        parent.document_id,
        parent.fiscal_year,
        parent.measure,
        parent.line_code,
        parent.line_name,
        parent.amount_wan,
        parent.page,
        sum(child.amount_wan) as children_sum,
        count(*) as children
    from subjects as parent
    inner join subjects as child
        on
            parent.document_id = child.document_id
            and parent.fiscal_year = child.fiscal_year
            and parent.measure = child.measure
            and length(child.line_code) = length(parent.line_code) + 2
            and starts_with(child.line_code, parent.line_code)
    group by all
)

select
    document_id,
    'function_class_sums' as check_id,
    'warning' as severity,
    format(
        '功能分类 {} {}: its {} sub-items sum to {}, but it is {}',
        line_code, line_name, children, children_sum, amount_wan
    ) as message,
    cast(children_sum as varchar) as expected,
    cast(amount_wan as varchar) as actual,
    page
from children
where abs(amount_wan - children_sum) > 0.01
