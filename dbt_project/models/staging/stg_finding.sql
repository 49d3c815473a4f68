select
    document_id,
    check_id,
    severity,
    message,
    expected,
    actual,
    page
from {{ source('raw', 'finding') }}
