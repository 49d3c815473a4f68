-- A key that matches one department across years and small title variations:
-- "中共岳阳市君山区委办公室" and "岳阳市君山区委办公室（本级）" are the same department.
select
    document_id,
    department_name,
    nullif(
        regexp_replace(
            regexp_replace(
                regexp_replace(coalesce(department_name, ''), '^中共', ''),
                '[\s()（）“”"]|本级$', '', 'g'
            ),
            '(委员会)?办公室$', '办公室'
        ),
        ''
    ) as department_key
from {{ ref('stg_document') }}
