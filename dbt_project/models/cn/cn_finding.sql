{{ config(alias='质量问题') }}
select
    d.file_name as 文件名,
    d.department_name as 部门名称,
    coalesce(severity.label_zh, f.severity) as 级别,
    coalesce(checks.label_zh, f.check_id) as 检查项,
    f.message as 说明,
    f.expected as 应为,
    f.actual as 实为,
    f.page as 页码,
    f.check_id as 检查项编码
from {{ ref('fct_quality_finding').include(database=False) }} as f
left join {{ ref('dim_document').include(database=False) }} as d on f.document_id = d.document_id
left join {{ ref('dim_code_label').include(database=False) }} as severity
    on severity.domain = 'severity' and f.severity = severity.code
left join {{ ref('dim_code_label').include(database=False) }} as checks
    on checks.domain = 'check_id' and f.check_id = checks.code
