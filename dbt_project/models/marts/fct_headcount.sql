select
    document_id,
    metric,
    headcount,
    page,
    source,
    value_raw,
    part
from {{ ref('stg_headcount') }}
