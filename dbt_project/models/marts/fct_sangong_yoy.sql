-- 三公 by department, category, measure and year, with the change on the year before.
-- When several reports state the same figure, the report on that year wins, then the latest report.
with figures as (
    select
        k.department_key,
        s.category,
        s.measure,
        s.fiscal_year,
        s.amount_wan,
        s.document_id,
        row_number() over (
            partition by k.department_key, s.category, s.measure, s.fiscal_year
            order by (d.fiscal_year = s.fiscal_year) desc, d.fiscal_year desc, s.document_id asc
        ) as preference
    from {{ ref('stg_sangong') }} as s
    inner join {{ ref('stg_document') }} as d on s.document_id = d.document_id
    inner join {{ ref('int_department_key') }} as k on s.document_id = k.document_id
    where k.department_key is not null
),

chosen as (
    select * from figures
    where preference = 1
)

select
    cur.department_key,
    cur.category,
    cur.measure,
    cur.fiscal_year,
    cur.amount_wan,
    prev.amount_wan as prior_amount_wan,
    cast(cur.amount_wan - prev.amount_wan as decimal(18, 4)) as change_wan,
    cast(round((cur.amount_wan - prev.amount_wan) / nullif(prev.amount_wan, 0), 4) as decimal(9, 4))
        as change_rate,
    cur.document_id
from chosen as cur
left join chosen as prev
    on
        cur.department_key = prev.department_key
        and cur.category = prev.category
        and cur.measure = prev.measure
        and cur.fiscal_year = prev.fiscal_year + 1
