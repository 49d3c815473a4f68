select
    document_id,
    fiscal_year,
    measure,
    category,
    amount_wan,
    page,
    source,
    value_raw,
    part,
    coalesce(confirmed, false) as confirmed
from {{ ref('stg_sangong') }}
