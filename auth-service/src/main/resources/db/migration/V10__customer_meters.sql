-- Which meters are installed at which meter account, from gridx.meteraccount-meters.v1, so the authorization form
-- can list a customer's meter devices (WG3 §9.2.3 Meter Selection) under the service points of their contracts.
-- Upserted idempotently by its natural key; an install with no removal date (or one in the future) is current.
create table customer_meter (
    gridx_client      text        not null,
    meter_account_id  text        not null,
    meter_id          text        not null,
    installed         timestamptz not null,
    removed           timestamptz,
    primary key (gridx_client, meter_account_id, meter_id, installed)
);
create index customer_meter_account on customer_meter (gridx_client, meter_account_id);
