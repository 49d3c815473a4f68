-- One row per department across the years it reported.
with named as (
    select
        k.department_key,
        d.department_name,
        d.province,
        d.city,
        d.county,
        d.fiscal_year
    from {{ ref('stg_document') }} as d
    inner join {{ ref('int_department_key') }} as k on d.document_id = k.document_id
    where k.department_key is not null
)

select
    department_key,
    arg_max(department_name, fiscal_year) as department_name,
    arg_max(province, province is not null) as province,
    arg_max(city, city is not null) as city,
    arg_max(county, county is not null) as county,
    min(fiscal_year) as first_fiscal_year,
    max(fiscal_year) as last_fiscal_year,
    cast(count(*) as integer) as documents
from named
group by department_key
