select
    document_id,
    metric,
    headcount,
    value_raw,
    page,
    source
from {{ source('raw', 'headcount') }}
