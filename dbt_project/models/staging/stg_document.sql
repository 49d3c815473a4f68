select
    document_id,
    sha256,
    file_name,
    file_format,
    page_count,
    report_kind,
    department_name,
    province,
    city,
    county,
    fiscal_year,
    self_eval_score,
    self_eval_grade,
    extraction_status,
    parser_version,
    ingested_at
from {{ source('raw', 'document') }}
