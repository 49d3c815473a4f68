-- 功能分类: a 类 is the sum of its 款, a 款 the sum of its 项. The tables name them by 科目编码
-- (201 ⊃ 20103 ⊃ 2010301); the 决算说明's text gives a 类 total ("社会保障和就业支出124.32万元，占9.94%") and
-- its items as 类/款/项 names, where "社会保障和就业" and "社会保障和就业支出" are one class.
with subjects as (
    select
        document_id,
        fiscal_year,
        measure,
        source,
        line_code,
        line_name,
        amount_wan,
        page,
        line_code as node,
        case when length(line_code) > 3 then left(line_code, length(line_code) - 2) end as parent
    from {{ ref('stg_budget_line') }}
    where statement = 'by_function' and source = 'table' and regexp_matches(line_code, '^\d{3}(\d{2}){0,2}$')

    union all

    select
        document_id,
        fiscal_year,
        measure,
        source,
        line_code,
        '(决算说明)' as line_name,
        amount_wan,
        page,
        case when not contains(line_code, '/') then regexp_replace(line_code, '支出$', '') end as node,
        case
            when length(line_code) - length(replace(line_code, '/', '')) = 2
                then regexp_replace(split_part(line_code, '/', 1), '支出$', '')
        end as parent
    from {{ ref('stg_budget_line') }}
    where statement = 'by_function' and source = 'text'
),

children as (
    select
        whole.document_id,
        whole.fiscal_year,
        whole.measure,
        whole.line_code,
        whole.line_name,
        whole.amount_wan,
        whole.page,
        sum(part.amount_wan) as children_sum,
        count(*) as children
    from subjects as whole
    inner join subjects as part
        on
            whole.document_id = part.document_id
            and whole.fiscal_year = part.fiscal_year
            and whole.measure = part.measure
            and whole.source = part.source
            and whole.node = part.parent
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
