-- Target vs result (全过程预算绩效管理): each indicator a project's 绩效目标 promised, beside the same
-- project's self-evaluation (自评表) of the same year — matched by 项目编码 when both print one, else by
-- department and project name — and the indicators reported there that were never promised.
with targets as (
    select
        t.*,
        {{ name_key('t.project_name') }} as project_key,
        {{ name_key('t.level3') }} as indicator_key,
        {{ name_key('coalesce(t.department_name, d.department_name)') }} as department_key,
        {{ name_key('d.department_name') }} as document_department_key
    from {{ ref('fct_performance_target') }} as t
    inner join {{ ref('dim_document') }} as d on t.document_id = d.document_id
),

evaluations as (
    select
        e.evaluation_id,
        e.project_code,
        d.fiscal_year,
        {{ name_key('e.project_name') }} as project_key,
        {{ name_key('d.department_name') }} as department_key
    from {{ ref('fct_performance_evaluation') }} as e
    inner join {{ ref('dim_document') }} as d on e.document_id = d.document_id
    where e.scope = 'project'
),

target_projects as (
    select distinct
        target_id,
        project_code,
        project_key,
        fiscal_year,
        department_key,
        document_department_key
    from targets
),

matches as (
    -- a project's first matching evaluation, by code before name
    select
        t.target_id,
        e.evaluation_id,
        case when t.project_code = e.project_code then 'project_code' else 'department_and_name' end
            as project_match
    from target_projects as t
    inner join evaluations as e
        on
            t.fiscal_year = e.fiscal_year
            and (
                t.project_code = e.project_code
                or (
                    (t.project_code is null or e.project_code is null)
                    and t.project_key = e.project_key
                    and e.department_key in (t.department_key, t.document_department_key)
                )
            )
    qualify
        row_number() over (
            partition by t.target_id order by (t.project_code = e.project_code) desc nulls last, e.evaluation_id
        ) = 1
),

target_names as (
    select distinct
        target_id,
        fiscal_year,
        department_name,
        project_name,
        project_code
    from targets
),

indicators as (
    select
        i.*,
        {{ name_key('i.level3') }} as indicator_key
    from {{ ref('fct_performance_indicator') }} as i
    where i.evaluation_id in (select m.evaluation_id from matches as m)
),

promised as (
    select
        t.target_id,
        m.evaluation_id,
        t.fiscal_year,
        t.department_name,
        t.project_name,
        t.project_code,
        m.project_match,
        t.row_order as target_row_order,
        i.row_order as indicator_row_order,
        t.level1,
        t.level2,
        t.level3,
        t.target_raw as promised_target_raw,
        t.target_operator as promised_operator,
        t.target_value as promised_value,
        t.target_unit as promised_unit,
        i.target_raw as reported_target_raw,
        i.actual_raw,
        i.actual_value,
        i.actual_unit,
        case when i.evaluation_id is null then 'promised_not_reported' else 'promised_and_reported' end as status
    from targets as t
    left join matches as m on t.target_id = m.target_id
    left join indicators as i on m.evaluation_id = i.evaluation_id and t.indicator_key = i.indicator_key
    qualify row_number() over (partition by t.target_id, t.row_order order by i.row_order) = 1
),

reported_only as (
    select
        m.target_id,
        i.evaluation_id,
        p.fiscal_year,
        p.department_name,
        p.project_name,
        p.project_code,
        m.project_match,
        null::integer as target_row_order,
        i.row_order as indicator_row_order,
        i.level1,
        i.level2,
        i.level3,
        null as promised_target_raw,
        null as promised_operator,
        null::decimal(18, 6) as promised_value,
        null as promised_unit,
        i.target_raw as reported_target_raw,
        i.actual_raw,
        i.actual_value,
        i.actual_unit,
        'reported_not_promised' as status
    from matches as m
    inner join indicators as i on m.evaluation_id = i.evaluation_id
    inner join target_names as p on m.target_id = p.target_id
    where not exists (
        select 1 from targets as t
        where t.target_id = m.target_id and t.indicator_key = i.indicator_key
    )
)

select
    *,
    case
        when status = 'promised_and_reported'
            then
                {{ attainment('promised_operator', 'promised_target_raw', 'level2', 'promised_value', 'actual_value') }}
    end as attainment
from (
    select * from promised
    union all
    select * from reported_only
) as compared
