{{ config(alias='报告') }}
select
    document_id as 文档标识,
    file_name as 文件名,
    report_kind as 报告类型,
    department_name as 部门名称,
    province as 省,
    city as 市,
    county as 县区,
    fiscal_year as 年度,
    self_eval_score as 自评得分,
    self_eval_grade as 自评等级,
    extraction_status as 抽取状态,
    facts_total as 金额事实数,
    facts_confirmed as 已印证数
from {{ ref('dim_document').include(database=False) }}
