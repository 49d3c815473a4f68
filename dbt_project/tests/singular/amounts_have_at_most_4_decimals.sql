-- 万元 amounts carry at most 4 decimals (1 元 = 0.0001 万元): finer means a unit was misread.
select
    'fct_budget_line' as mart,
    amount_wan
from {{ ref('fct_budget_line') }}
where amount_wan * 10000 != round(amount_wan * 10000)
union all
select
    'fct_sangong' as mart,
    amount_wan
from {{ ref('fct_sangong') }}
where amount_wan * 10000 != round(amount_wan * 10000)
