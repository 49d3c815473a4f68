-- 科目 statements: a 功能分类 类 is the sum of its 款, a 款 the sum of its 项 (201 ⊃ 20103 ⊃ 2010301; a 项
-- whose 款 is not printed belongs to its 类); an 经济分类 类 the sum of its 款 (301 ⊃ 30101). A difference
-- within the rounding of the n parts (n × 0.005 万元) is a rounding slip (info), beyond it a contradiction.
-- (The 说明's own 类 totals are checked at extraction: a 说明 explains some 项 of a 类, not always all.)
with subjects as (
    select
        document_id,
        statement,
        fiscal_year,
        measure,
        line_code,
        line_name,
        amount_wan,
        page
    from {{ ref('stg_budget_line') }}
    where
        source = 'table'
        and (
            (statement in ('by_function', 'expenditure') and regexp_matches(line_code, '^2\d{2}(\d{2}){0,2}$'))
            or (
                statement in ('basic_by_economic', 'operating_expenditure_of_organs')
                and regexp_matches(line_code, '^[35]\d{2}(\d{2})?$')
            )
        )
),

linked as (
    select
        child.*,
        coalesce(kuan.line_code, lei.line_code) as parent
    from subjects as child
    left join subjects as kuan
        on
            child.document_id = kuan.document_id
            and child.statement = kuan.statement
            and child.fiscal_year = kuan.fiscal_year
            and child.measure = kuan.measure
            and length(child.line_code) = 7
            and kuan.line_code = left(child.line_code, 5)
    left join subjects as lei
        on
            child.document_id = lei.document_id
            and child.statement = lei.statement
            and child.fiscal_year = lei.fiscal_year
            and child.measure = lei.measure
            and length(child.line_code) > 3
            and lei.line_code = left(child.line_code, 3)
),

-- a 功能分类 statement's 合计 row is the sum of its 类 (its statement's total line)
class_totals as (
    select
        classes.document_id,
        classes.statement,
        classes.fiscal_year,
        classes.measure,
        total.line_code,
        '合计' as line_name,
        total.amount_wan,
        total.page,
        sum(classes.amount_wan) as children_sum,
        count(*) as children
    from subjects as classes
    inner join {{ ref('stg_budget_line') }} as total
        on
            classes.document_id = total.document_id
            and classes.statement = total.statement
            and classes.fiscal_year = total.fiscal_year
            and classes.measure = total.measure
            and total.source = 'table'
            and total.line_code in ('total_expenditure', 'general_public_budget')
    where classes.statement in ('by_function', 'expenditure') and length(classes.line_code) = 3
    group by all
),

children as (
    select
        whole.document_id,
        whole.statement,
        whole.fiscal_year,
        whole.measure,
        whole.line_code,
        whole.line_name,
        whole.amount_wan,
        whole.page,
        sum(part.amount_wan) as children_sum,
        count(*) as children
    from subjects as whole
    inner join linked as part
        on
            whole.document_id = part.document_id
            and whole.statement = part.statement
            and whole.fiscal_year = part.fiscal_year
            and whole.measure = part.measure
            and whole.line_code = part.parent
    group by all

    union all

    -- a 合计 above its 类 by more than their rounding may hold lines that are no 类 (a 预留机动经费):
    -- only a 合计 below them, or a rounding apart, is a finding
    select * from class_totals
    where children_sum > amount_wan or amount_wan - children_sum <= 0.005 * children
)

select
    document_id,
    case when statement in ('by_function', 'expenditure') then 'function_class_sums' else 'economic_class_sums' end
        as check_id,
    case when abs(amount_wan - children_sum) <= 0.005 * children then 'info' else 'warning' end as severity,
    format(
        '{} {} {}: its {} sub-items sum to {}, but it is {}',
        case when statement in ('by_function', 'expenditure') then '功能分类' else '经济分类' end,
        line_code, line_name, children, children_sum, amount_wan
    ) as message,
    cast(children_sum as varchar) as expected,
    cast(amount_wan as varchar) as actual,
    -- the same rows printed by two statements (支出表, 一般公共预算支出表) are one finding
    min(page) as page
from children
-- amounts are kept to 0.0001 万元: a 元 statement's cents can move each by half of that
where
    abs(amount_wan - children_sum) > 0.0001 * children
    -- an 经济分类 list continued on the next page under another grid may be read in part: a 类 above
    -- the 款 read is reported only within the rounding of its parts
    and (
        statement in ('by_function', 'expenditure')
        or children_sum > amount_wan
        or amount_wan - children_sum <= 0.005 * children
    )
group by all
