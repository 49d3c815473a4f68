select
    d.document_id,
    d.sha256,
    d.file_name,
    d.file_format,
    d.page_count,
    d.report_kind,
    d.department_name,
    d.province,
    d.city,
    d.county,
    d.fiscal_year,
    cast(d.self_eval_score as decimal(6, 2)) as self_eval_score,
    d.self_eval_grade,
    d.extraction_status,
    d.parser_version,
    d.ingested_at,
    k.department_key,
    d.facts_total,
    d.facts_confirmed,
    d.ocr_pages
from {{ ref('stg_document') }} as d
left join {{ ref('int_department_key') }} as k on d.document_id = k.document_id
