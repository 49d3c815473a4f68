-- Problems found while reading and extracting, and the cross-checks on the extracted facts.
with findings as (
    select * from {{ ref('stg_finding') }}
    union all
    select * from {{ ref('int_check_sangong') }}
    union all
    select * from {{ ref('int_check_budget') }}
    union all
    select * from {{ ref('int_check_function') }}
    union all
    select * from {{ ref('int_check_evaluation') }}
)

select
    document_id,
    check_id,
    severity,
    message,
    expected,
    actual,
    page
from findings
