select
    document_id,
    check_id,
    severity,
    message,
    expected,
    actual,
    page
from {{ ref('stg_finding') }}
