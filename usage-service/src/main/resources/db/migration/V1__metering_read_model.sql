-- usage-service read model: the metering side of the GridX hierarchy, interval days, register reads,
-- billing determinants, networks and demand-response events. See docs/usage-mapping.md.

-- Per slot merge of two same-length arrays: a non-null new slot replaces the old one, a null new slot keeps it.
CREATE FUNCTION merge_slots(old_slots anyarray, new_slots anyarray) RETURNS anyarray
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT CASE
           WHEN old_slots IS NULL OR cardinality(old_slots) <> cardinality(new_slots) THEN new_slots
           ELSE ARRAY(SELECT coalesce(u.n, u.o) FROM unnest(new_slots, old_slots) WITH ORDINALITY AS u(n, o, i) ORDER BY u.i)
       END
$$;

-- True when merging the new slots would change a value or its quality (a replay changes nothing).
CREATE FUNCTION slots_change(old_vals numeric[], new_vals numeric[], old_q text[], new_q text[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT old_vals IS NULL OR cardinality(old_vals) <> cardinality(new_vals) OR EXISTS (
    SELECT 1 FROM unnest(new_vals, old_vals, new_q, old_q) AS u(n, o, nq, oq)
    WHERE u.n IS NOT NULL AND (u.o IS NULL OR u.n <> u.o OR u.nq IS DISTINCT FROM u.oq))
$$;

-- CUSTOMER rows: one per contract (person → entity → contract → premise / service point / meter account).
CREATE TABLE contract (
    client                 text        NOT NULL,
    contract_id            text        NOT NULL,
    person_id              text        NOT NULL,
    entity_id              text        NOT NULL,
    premise_id             text,
    servicepoint_id        text,
    meter_account_id       text        NOT NULL,
    contract_start         timestamptz NOT NULL,
    contract_end           timestamptz,
    service_status         text,
    cds_customer_id        text        NOT NULL,
    cds_account_id         text        NOT NULL,
    cds_servicecontract_id text        NOT NULL,
    cds_servicepoint_id    text        NOT NULL,
    cds_premise_id         text,
    created                timestamptz NOT NULL DEFAULT now(),
    modified               timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client, contract_id)
);
CREATE INDEX contract_meter_account ON contract (client, meter_account_id);
CREATE INDEX contract_servicepoint ON contract (cds_servicepoint_id);
CREATE INDEX contract_customer ON contract (cds_customer_id);
CREATE INDEX contract_account ON contract (cds_account_id);
CREATE UNIQUE INDEX contract_cds_id ON contract (cds_servicecontract_id);

-- Service points, one per ServicePoint_ID (or MeterAccount_ID when the Customer row has none).
CREATE TABLE service_point (
    cds_servicepoint_id text PRIMARY KEY,
    client              text        NOT NULL,
    servicepoint_number text        NOT NULL,
    from_meter_account  boolean     NOT NULL DEFAULT false,
    premise_id          text,
    cds_premise_id      text,
    created             timestamptz NOT NULL DEFAULT now(),
    modified            timestamptz NOT NULL DEFAULT now(),
    UNIQUE (client, servicepoint_number)
);
CREATE INDEX service_point_order ON service_point (modified DESC, cds_servicepoint_id);
CREATE INDEX service_point_premise ON service_point (client, premise_id);

-- METERACCOUNTMETER rows: which physical meter served a meter account when (removal exclusive).
CREATE TABLE meter_install (
    client             text        NOT NULL,
    meter_account_id   text        NOT NULL,
    meter_id           text        NOT NULL,
    install_at         timestamptz NOT NULL,
    removal_at         timestamptz,
    cds_meterdevice_id text        NOT NULL,
    created            timestamptz NOT NULL DEFAULT now(),
    modified           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client, meter_account_id, meter_id, install_at)
);
CREATE INDEX meter_install_meter ON meter_install (client, meter_id);
CREATE INDEX meter_install_cds ON meter_install (cds_meterdevice_id);

-- Meter devices: known from METERACCOUNTMETER or from usage rows carrying a Meter_ID; channels seen so far.
CREATE TABLE meter_device (
    cds_meterdevice_id text PRIMARY KEY,
    client             text        NOT NULL,
    meter_id           text        NOT NULL,
    channels           text[]      NOT NULL DEFAULT '{}',
    min_interval_s     integer,
    created            timestamptz NOT NULL DEFAULT now(),
    modified           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (client, meter_id)
);
CREATE INDEX meter_device_order ON meter_device (modified DESC, cds_meterdevice_id);

-- CUSTOMERATTRIBUTE rows, time-sliced (end_date exclusive, null = open).
CREATE TABLE attribute (
    client     text NOT NULL,
    id_type    text NOT NULL,
    id         text NOT NULL,
    key        text NOT NULL,
    start_date date NOT NULL,
    end_date   date,
    value      text NOT NULL,
    modified   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client, id_type, id, key, start_date)
);
CREATE INDEX attribute_key_value ON attribute (client, key, value);

-- The value of an attribute today (else the most recent slice).
CREATE FUNCTION attr_value(p_client text, p_id_type text, p_id text, p_key text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE AS
$$
SELECT a.value FROM attribute a
WHERE a.client = p_client AND a.id_type = p_id_type AND a.id = p_id AND a.key = p_key
ORDER BY (a.start_date <= current_date AND (a.end_date IS NULL OR a.end_date > current_date)) DESC, a.start_date DESC
LIMIT 1
$$;

-- INTERVAL rows stored as one row per (series, channel, interval length, local day) with slot arrays.
-- series_key is 'ma:<MeterAccount_ID>' or, when only a meter id was sent, 'm:<Meter_ID>'.
CREATE TABLE interval_day (
    client           text        NOT NULL,
    series_key       text        NOT NULL,
    channel          text        NOT NULL,
    interval_s       integer     NOT NULL,
    local_day        date        NOT NULL,
    meter_account_id text,
    series_meter_id  text,
    meter_ids        text[]      NOT NULL DEFAULT '{}',
    time_zone        text        NOT NULL,
    day_start        timestamptz NOT NULL,
    slot_count       integer     NOT NULL,
    vals             numeric[]   NOT NULL,
    quality          text[]      NOT NULL,
    segment_id       text        NOT NULL,
    created          timestamptz NOT NULL DEFAULT now(),
    modified         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client, series_key, local_day, interval_s, channel)
) PARTITION BY RANGE (local_day);
-- Monthly partitions are created by the writer on first use (interval_day_yYYYYmMM).
-- segment_id: the CDS cds_usagesegment_id of the day (derived with CdsIds, stored for the id filter).
CREATE INDEX interval_day_segment ON interval_day (segment_id);

-- REGISTER rows: cumulative reads (one row per read; daily reads are 1/96 of the interval volume).
CREATE TABLE register_read (
    client           text        NOT NULL,
    series_key       text        NOT NULL,
    channel          text        NOT NULL,
    meter_id         text        NOT NULL,
    read_at          timestamptz NOT NULL,
    meter_account_id text,
    local_day        date        NOT NULL,
    time_zone        text        NOT NULL,
    interval_s       integer     NOT NULL,
    value            numeric     NOT NULL,
    quality          text,
    segment_id       text        NOT NULL,
    created          timestamptz NOT NULL DEFAULT now(),
    modified         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client, series_key, local_day, channel, meter_id, read_at)
);

-- BILLDETERMINANTS rows: billed usage of one channel over one billed period.
CREATE TABLE bill_determinant (
    client           text        NOT NULL,
    meter_account_id text        NOT NULL,
    channel          text        NOT NULL,
    start_at         timestamptz NOT NULL,
    end_at           timestamptz NOT NULL,
    value            numeric     NOT NULL,
    quality          text,
    time_zone        text        NOT NULL,
    segment_id       text        NOT NULL,
    created          timestamptz NOT NULL DEFAULT now(),
    modified         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client, meter_account_id, start_at, end_at, channel)
);

-- NETWORK rows: members of community-solar / VNEM arrangements.
CREATE TABLE network_member (
    client                 text    NOT NULL,
    network_type           text    NOT NULL DEFAULT '',
    network_id             text    NOT NULL DEFAULT '',
    network_member_type    text    NOT NULL DEFAULT '',
    member_id              text    NOT NULL DEFAULT '',
    member_meteraccount_id text    NOT NULL DEFAULT '',
    member_start_date      date    NOT NULL DEFAULT '0001-01-01',
    network_start_date     date,
    network_end_date       date,
    member_type            text,
    percent_allocation     numeric,
    member_end_date        date,
    modified               timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client, network_type, network_id, network_member_type, member_id, member_meteraccount_id, member_start_date)
);

-- EVENT rows: demand-response events (CPP days).
CREATE TABLE dr_event (
    client               text NOT NULL,
    event_type           text NOT NULL,
    event_sub_type       text NOT NULL DEFAULT '',
    rate_plan_identifier text NOT NULL DEFAULT '',
    event_date           date NOT NULL,
    event_start_time     time NOT NULL DEFAULT '00:00',
    event_end_time       time,
    event_duration       numeric,
    modified             timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client, event_type, event_sub_type, rate_plan_identifier, event_date, event_start_time)
);
