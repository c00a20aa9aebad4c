-- billing-service read model.
--
-- Two layers:
--  * fact tables: one row per GridX source row, upserted on the row's natural key. Each keeps the payload as
--    received (data), and three file times (the extract timestamp of the GridX file name, UTC):
--      first_ts   earliest file that carried this row,
--      content_ts earliest file that carried the row's current content (a later file with other content wins),
--      seen_ts    latest file that carried the row (same or other content).
--    These make the CDS cds_created / cds_modified / cds_synced independent of the order events arrive in.
--  * CDS tables (account, service_contract, bill_section, bill_statement): rebuilt per account by the projector
--    from the facts, with the columns the API filters and orders on, and the whole CDS object as doc (json, not jsonb: keeps field order and decimal text as written).

CREATE TABLE customer_row (
    client          text        NOT NULL,
    contract_id     text        NOT NULL,
    person_id       text        NOT NULL,
    entity_id       text        NOT NULL,
    premise_id      text,
    servicepoint_id text,
    meteraccount_id text,
    data            jsonb       NOT NULL,
    first_ts        timestamptz NOT NULL,
    content_ts      timestamptz NOT NULL,
    seen_ts         timestamptz NOT NULL,
    PRIMARY KEY (client, contract_id)
);
CREATE INDEX customer_row_entity ON customer_row (client, entity_id);
CREATE INDEX customer_row_person ON customer_row (client, person_id);
CREATE INDEX customer_row_servicepoint ON customer_row (client, servicepoint_id);
CREATE INDEX customer_row_premise ON customer_row (client, premise_id);
CREATE INDEX customer_row_meteraccount ON customer_row (client, meteraccount_id);

CREATE TABLE attribute (
    client     text        NOT NULL,
    id_type    text        NOT NULL, -- upper-cased
    id         text        NOT NULL,
    key        text        NOT NULL, -- lower-cased
    start_date date        NOT NULL,
    value      text,
    data       jsonb       NOT NULL,
    first_ts   timestamptz NOT NULL,
    content_ts timestamptz NOT NULL,
    seen_ts    timestamptz NOT NULL,
    PRIMARY KEY (client, id_type, id, key, start_date)
);
CREATE INDEX attribute_owner ON attribute (client, id_type, id);
CREATE INDEX attribute_key_value ON attribute (client, key, value);

CREATE TABLE bill (
    client          text        NOT NULL,
    bill_id         text        NOT NULL,
    is_cancellation boolean     NOT NULL,
    contract_id     text        NOT NULL,
    data            jsonb       NOT NULL,
    first_ts        timestamptz NOT NULL,
    content_ts      timestamptz NOT NULL,
    seen_ts         timestamptz NOT NULL,
    PRIMARY KEY (client, bill_id, is_cancellation)
);
CREATE INDEX bill_contract ON bill (client, contract_id);

CREATE TABLE bill_line (
    client      text        NOT NULL,
    bill_id     text        NOT NULL,
    line_key    text        NOT NULL, -- code|item start|item end|field 1|field 2|field 3
    contract_id text        NOT NULL,
    data        jsonb       NOT NULL,
    first_ts    timestamptz NOT NULL,
    content_ts  timestamptz NOT NULL,
    seen_ts     timestamptz NOT NULL,
    PRIMARY KEY (client, bill_id, line_key)
);
CREATE INDEX bill_line_contract ON bill_line (client, contract_id);

CREATE TABLE billing_cycle (
    client     text        NOT NULL,
    read_cycle text        NOT NULL,
    start_date date        NOT NULL,
    data       jsonb       NOT NULL,
    first_ts   timestamptz NOT NULL,
    content_ts timestamptz NOT NULL,
    seen_ts    timestamptz NOT NULL,
    PRIMARY KEY (client, read_cycle, start_date)
);

CREATE TABLE rate_value (
    client         text        NOT NULL,
    rate_plan      text        NOT NULL,
    description    text        NOT NULL,
    effective_date date        NOT NULL,
    data           jsonb       NOT NULL,
    first_ts       timestamptz NOT NULL,
    content_ts     timestamptz NOT NULL,
    seen_ts        timestamptz NOT NULL,
    PRIMARY KEY (client, rate_plan, description, effective_date)
);

CREATE TABLE network_member (
    client                 text        NOT NULL,
    member_key             text        NOT NULL, -- the topic's natural key without the client
    member_id              text,
    network_member_type    text,
    member_meteraccount_id text,
    data                   jsonb       NOT NULL,
    first_ts               timestamptz NOT NULL,
    content_ts             timestamptz NOT NULL,
    seen_ts                timestamptz NOT NULL,
    PRIMARY KEY (client, member_key)
);
CREATE INDEX network_member_member ON network_member (client, member_id);
CREATE INDEX network_member_meteraccount ON network_member (client, member_meteraccount_id);

CREATE TABLE dr_event (
    client     text        NOT NULL,
    event_key  text        NOT NULL, -- the topic's natural key without the client
    data       jsonb       NOT NULL,
    first_ts   timestamptz NOT NULL,
    content_ts timestamptz NOT NULL,
    seen_ts    timestamptz NOT NULL,
    PRIMARY KEY (client, event_key)
);

CREATE TABLE meter_install (
    client          text        NOT NULL,
    meteraccount_id text        NOT NULL,
    meter_id        text        NOT NULL,
    install_key     text        NOT NULL, -- Meter_install_date as ISO text
    data            jsonb       NOT NULL,
    first_ts        timestamptz NOT NULL,
    content_ts      timestamptz NOT NULL,
    seen_ts         timestamptz NOT NULL,
    PRIMARY KEY (client, meteraccount_id, meter_id, install_key)
);

-- Accounts whose CDS objects must be rebuilt (written in the same transaction as the facts).
CREATE TABLE dirty_account (
    client    text NOT NULL,
    entity_id text NOT NULL,
    PRIMARY KEY (client, entity_id)
);

CREATE TABLE account (
    client          text        NOT NULL,
    entity_id       text        NOT NULL,
    cds_account_id  text        NOT NULL UNIQUE,
    customer_id     text        NOT NULL, -- CDS customer id of the Person_ID
    customer_number text,
    account_number  text        NOT NULL,
    account_status  text        NOT NULL,
    cds_created     timestamptz NOT NULL,
    cds_modified    timestamptz NOT NULL,
    cds_synced      timestamptz NOT NULL,
    q_numbers       text        NOT NULL, -- searchable text visible with include_account_numbers
    q_details       text        NOT NULL, -- … with include_account_details
    q_programs      text        NOT NULL, -- … with include_account_programs
    doc             json        NOT NULL,
    PRIMARY KEY (client, entity_id)
);
CREATE INDEX account_modified ON account (cds_modified DESC, cds_account_id);
CREATE INDEX account_customer ON account (customer_id);
CREATE INDEX account_number_idx ON account (account_number);

CREATE TABLE service_contract (
    client                 text        NOT NULL,
    contract_id            text        NOT NULL,
    entity_id              text        NOT NULL,
    cds_servicecontract_id text        NOT NULL UNIQUE,
    cds_account_id         text        NOT NULL,
    cds_servicepoint_id    text,
    customer_id            text        NOT NULL,
    account_number         text        NOT NULL,
    contract_number        text        NOT NULL,
    contract_status        text        NOT NULL,
    contract_types         text[]      NOT NULL,
    service_types          text[]      NOT NULL,
    cds_created            timestamptz NOT NULL,
    cds_modified           timestamptz NOT NULL,
    cds_synced             timestamptz NOT NULL,
    q_account_number       text        NOT NULL,
    q_contract_number      text        NOT NULL,
    q_details              text        NOT NULL,
    q_rates                text        NOT NULL,
    q_programs             text        NOT NULL,
    doc                    json        NOT NULL,
    PRIMARY KEY (client, contract_id)
);
CREATE INDEX service_contract_modified ON service_contract (cds_modified DESC, cds_servicecontract_id);
CREATE INDEX service_contract_account ON service_contract (cds_account_id);
CREATE INDEX service_contract_customer ON service_contract (customer_id);

CREATE TABLE bill_section (
    client                 text        NOT NULL,
    bill_id                text        NOT NULL,
    entity_id              text        NOT NULL,
    cds_billsection_id     text        NOT NULL UNIQUE,
    cds_billstatement_id   text        NOT NULL,
    cds_account_id         text        NOT NULL,
    cds_servicecontract_id text        NOT NULL,
    customer_id            text        NOT NULL,
    account_number         text        NOT NULL,
    contract_number        text        NOT NULL,
    start_date             date        NOT NULL,
    end_date               date        NOT NULL,
    cancelled              boolean     NOT NULL,
    cds_created            timestamptz NOT NULL,
    cds_modified           timestamptz NOT NULL,
    cds_synced             timestamptz NOT NULL,
    doc                    json        NOT NULL,
    PRIMARY KEY (client, bill_id)
);
CREATE INDEX bill_section_order ON bill_section (account_number, contract_number, start_date, cds_modified DESC);
CREATE INDEX bill_section_account ON bill_section (cds_account_id);
CREATE INDEX bill_section_statement ON bill_section (cds_billstatement_id);
CREATE INDEX bill_section_contract ON bill_section (cds_servicecontract_id);

CREATE TABLE bill_statement (
    client               text        NOT NULL,
    entity_id            text        NOT NULL,
    period               text        NOT NULL, -- GridX bill year and month, yyyy-MM
    cds_billstatement_id text        NOT NULL UNIQUE,
    cds_account_id       text        NOT NULL,
    customer_id          text        NOT NULL,
    account_number       text        NOT NULL,
    statement_date       date        NOT NULL,
    cds_created          timestamptz NOT NULL,
    cds_modified         timestamptz NOT NULL,
    cds_synced           timestamptz NOT NULL,
    doc                  json        NOT NULL,
    PRIMARY KEY (client, entity_id, period)
);
CREATE INDEX bill_statement_order ON bill_statement (statement_date DESC, cds_modified DESC);
CREATE INDEX bill_statement_account ON bill_statement (cds_account_id);
