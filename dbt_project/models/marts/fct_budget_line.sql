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
    part
from {{ ref('stg_budget_line') }}
