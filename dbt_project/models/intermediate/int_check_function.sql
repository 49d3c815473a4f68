-- 功能分类: a 类 (3-digit code) is the sum of its 款 (5 digits), a 款 the sum of its 项 (7 digits), in the tables;
-- in the 决算说明's text, a 类 total ("社会保障和就业支出124.32万元，占9.94%") is the sum of the items
-- it lists as 类/款/项 (named, without codes).
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
),

text_lines as (
    select
        document_id,
        fiscal_year,
        measure,
        line_code,
        amount_wan,
        page,
        -- the 类 as the items name it: "社会保障和就业" and "社会保障和就业支出" are one class
        regexp_replace(split_part(line_code, '/', 1), '支出$', '') as class_name,
        length(line_code) - length(replace(line_code, '/', '')) as depth
    from {{ ref('stg_budget_line') }}
    where statement = 'by_function' and source = 'text'
),

text_classes as (
    select
        whole.document_id,
        whole.fiscal_year,
        whole.measure,
        whole.line_code,
        whole.amount_wan,
        whole.page,
        sum(item.amount_wan) as children_sum,
        count(*) as children
    from text_lines as whole
    inner join text_lines as item
        on
            whole.document_id = item.document_id
            and whole.fiscal_year = item.fiscal_year
            and whole.measure = item.measure
            and whole.class_name = item.class_name
    where whole.depth = 0 and item.depth = 2
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

union all

select
    document_id,
    'function_class_sums' as check_id,
    'warning' as severity,
    format(
        '功能分类 {} (决算说明): the {} items it lists (类/款/项) sum to {}, but it is {}',
        line_code, children, children_sum, amount_wan
    ) as message,
    cast(children_sum as varchar) as expected,
    cast(amount_wan as varchar) as actual,
    page
from text_classes
where abs(amount_wan - children_sum) > 0.01
