select
    document_id,
    fiscal_year,
    measure,
    category,
    cast(amount_wan as decimal(18, 4)) as amount_wan,
    value_raw,
    page,
    source,
    part,
    confirmed
from {{ source('raw', 'sangong') }}
