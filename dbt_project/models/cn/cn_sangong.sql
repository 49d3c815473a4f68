{{ config(alias='三公经费') }}
select
    d.department_name as 部门名称,
    s.fiscal_year as 年度,
    case s.measure when 'budget' then '预算数' else '决算数' end as 口径,
    case s.category
        when 'total' then '三公经费合计'
        when 'outbound_travel' then '因公出国(境)费'
        when 'vehicle_total' then '公务用车购置及运行维护费'
        when 'vehicle_purchase' then '公务用车购置费'
        when 'vehicle_operation' then '公务用车运行维护费'
        when 'reception' then '公务接待费'
    end as 类别,
    s.amount_wan as 金额万元,
    s.value_raw as 原文,
    s.page as 页码,
    s.confirmed as 已印证,
    s.document_id as 文档标识
from {{ ref('fct_sangong').include(database=False) }} as s
inner join {{ ref('dim_document').include(database=False) }} as d on s.document_id = d.document_id
