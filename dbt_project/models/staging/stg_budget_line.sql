select
    document_id,
    statement,
    line_code,
    line_name,
    measure,
    fiscal_year,
    cast(amount_wan as decimal(18, 4)) as amount_wan,
    value_raw,
    page,
    source,
    part,
    confirmed
from {{ source('raw', 'budget_line') }}
