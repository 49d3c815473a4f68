-- Chinese labels of the marts' codes, from the seed code_labels.csv.
select
    domain,
    code,
    label_zh
from {{ ref('code_labels') }}
