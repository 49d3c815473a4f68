-- 三公: the three categories sum to the total, and 购置 + 运行 to the vehicle total, per year and measure.
-- Within the rounding of the parts (n × 0.005 万元) a difference is a rounding slip (info); amounts are kept
-- to 0.0001 万元, so a 元 figure's cents are no difference.
with figures as (
    select
        document_id,
        fiscal_year,
        measure,
        max(case when category = 'total' then amount_wan end) as total,
        max(case when category = 'outbound_travel' then amount_wan end) as outbound_travel,
        max(case when category = 'vehicle_total' then amount_wan end) as vehicle_total,
        max(case when category = 'vehicle_purchase' then amount_wan end) as vehicle_purchase,
        max(case when category = 'vehicle_operation' then amount_wan end) as vehicle_operation,
        max(case when category = 'reception' then amount_wan end) as reception,
        min(page) as page
    from {{ ref('stg_sangong') }}
    group by document_id, fiscal_year, measure
)

select
    document_id,
    'sangong_parts_sum_to_total' as check_id,
    case
        when abs(total - (outbound_travel + vehicle_total + reception)) <= 0.015 then 'info' else 'warning'
    end as severity,
    format(
        '三公 {} {}: 因公出国 {} + 公务用车 {} + 公务接待 {} = {}, but the total is {}',
        fiscal_year, measure, outbound_travel, vehicle_total, reception,
        outbound_travel + vehicle_total + reception, total
    ) as message,
    cast(outbound_travel + vehicle_total + reception as varchar) as expected,
    cast(total as varchar) as actual,
    page
from figures
where abs(total - (outbound_travel + vehicle_total + reception)) > 0.0003

union all

select
    document_id,
    'sangong_vehicle_parts_sum' as check_id,
    case
        when abs(vehicle_total - (vehicle_purchase + vehicle_operation)) <= 0.01 then 'info' else 'warning'
    end as severity,
    format(
        '三公 {} {}: 公务用车购置 {} + 运行维护 {} = {}, but 公务用车购置及运行维护费 is {}',
        fiscal_year, measure, vehicle_purchase, vehicle_operation,
        vehicle_purchase + vehicle_operation, vehicle_total
    ) as message,
    cast(vehicle_purchase + vehicle_operation as varchar) as expected,
    cast(vehicle_total as varchar) as actual,
    page
from figures
where abs(vehicle_total - (vehicle_purchase + vehicle_operation)) > 0.0002
