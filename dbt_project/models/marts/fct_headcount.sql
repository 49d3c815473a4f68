select
    document_id,
    metric,
    headcount,
    page,
    source,
    value_raw
from {{ ref('stg_headcount') }}
