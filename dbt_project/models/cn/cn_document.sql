{{ config(alias='报告') }}
select
    d.document_id as 文档标识,
    d.file_name as 文件名,
    coalesce(kind.label_zh, d.report_kind) as 报告类型,
    d.department_name as 部门名称,
    d.province as 省,
    d.city as 市,
    d.county as 县区,
    d.fiscal_year as 年度,
    d.self_eval_score as 自评得分,
    d.self_eval_grade as 自评等级,
    coalesce(status.label_zh, d.extraction_status) as 抽取状态,
    d.facts_total as 金额事实数,
    d.facts_confirmed as 已印证数,
    d.ocr_pages as 扫描页数
from {{ ref('dim_document').include(database=False) }} as d
left join {{ ref('dim_code_label').include(database=False) }} as kind
    on kind.domain = 'report_kind' and d.report_kind = kind.code
left join {{ ref('dim_code_label').include(database=False) }} as status
    on status.domain = 'extraction_status' and d.extraction_status = status.code
