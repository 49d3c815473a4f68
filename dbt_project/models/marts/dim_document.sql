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
    cast(self_eval_score as decimal(6, 2)) as self_eval_score,
    self_eval_grade,
    extraction_status,
    parser_version,
    ingested_at
from {{ ref('stg_document') }}
