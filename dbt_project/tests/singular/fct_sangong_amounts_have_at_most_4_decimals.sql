-- 万元 amounts carry at most 4 decimals (1 元 = 0.0001 万元): finer means a unit was misread.
select amount_wan
from {{ ref('fct_sangong') }}
where amount_wan * 10000 != round(amount_wan * 10000)
