select
    document_id,
    metric,
    headcount,
    value_raw,
    page,
    source,
    part
from {{ source('raw', 'headcount') }}
