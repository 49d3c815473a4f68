select
    document_id,
    statement,
    line_code,
    line_name,
    measure,
    fiscal_year,
    amount_wan,
    page,
    source,
    value_raw,
    part,
    coalesce(confirmed, false) as confirmed
from {{ ref('stg_budget_line') }}
