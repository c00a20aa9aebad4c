-- What the cross-row validators remember between files, per client (GridX checklists "for all time").
create table xrow_contract_link (
    client           text not null,
    contract_id      text not null,
    meter_account_id text not null,
    primary key (client, contract_id)
);
create unique index xrow_contract_link_meter_account on xrow_contract_link (client, meter_account_id);

create table xrow_meter_install (
    client    text        not null,
    meter_id  text        not null,
    installed timestamptz not null,
    facts     jsonb       not null,
    primary key (client, meter_id, installed)
);

-- Continuity chains: bills per contract, billing cycles per read cycle.
create table xrow_period (
    client     text not null,
    chain      text not null,
    period_id  text not null,
    start_date date not null,
    end_date   date not null,
    facts      jsonb not null,
    primary key (client, chain, period_id)
);
create index xrow_period_start on xrow_period (client, chain, start_date);

create table xrow_bill (
    client  text  not null,
    bill_id text  not null,
    facts   jsonb not null,
    primary key (client, bill_id)
);

create table xrow_detail_line (
    client   text  not null,
    bill_id  text  not null,
    line_key text  not null,
    facts    jsonb not null,
    primary key (client, bill_id, line_key)
);

create table xrow_charge_meaning (
    client      text not null,
    tariff      text not null,
    charge_code text not null,
    meaning     text not null,
    primary key (client, tariff, charge_code)
);
