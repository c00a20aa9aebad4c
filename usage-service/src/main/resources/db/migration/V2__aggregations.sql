-- Aggregations (CDS-WG3-01 §10.7) computed from the read model. See docs/usage-mapping.md §7.

-- Program attributes that make a contract a member of a program aggregation (synchronised at start-up from
-- usage.aggregations.programs.*: CUSTOMERATTRIBUTE Key → program number and level).
CREATE TABLE aggregation_program (
    attribute_key  text PRIMARY KEY,
    program_number text NOT NULL,
    level          text NOT NULL CHECK (level IN ('account', 'service'))
);

-- Every contract's aggregation memberships, one row per (aggregation, contract, validity slice).
-- kind: building (Premise_ID), zip (premise zip attribute), rate (contract rate_code attribute), program (a program
-- attribute whose value is not a "no"), network (NETWORK membership by Contract_ID or MeterAccount_ID).
-- valid_from / valid_to: local days, to exclusive; null = unbounded.
CREATE VIEW aggregation_member AS
SELECT c.client, 'building'::text AS kind, c.premise_id AS key, NULL::text AS detail, c.contract_id,
       c.meter_account_id, c.person_id, NULL::date AS valid_from, NULL::date AS valid_to, c.modified
FROM contract c
WHERE c.premise_id IS NOT NULL
UNION ALL
SELECT c.client, 'zip'::text, a.value, NULL::text, c.contract_id, c.meter_account_id, c.person_id, a.start_date,
       a.end_date, greatest(c.modified, a.modified)
FROM contract c
JOIN attribute a ON a.client = c.client AND a.id_type = 'PM' AND a.id = c.premise_id AND a.key IN ('zip', 'zip_code')
UNION ALL
SELECT c.client, 'rate'::text, a.value, NULL::text, c.contract_id, c.meter_account_id, c.person_id, a.start_date,
       a.end_date, greatest(c.modified, a.modified)
FROM contract c
JOIN attribute a ON a.client = c.client AND a.id_type = 'CT' AND a.id = c.contract_id AND a.key = 'rate_code'
UNION ALL
SELECT c.client, 'program'::text, p.program_number, p.level, c.contract_id, c.meter_account_id, c.person_id,
       a.start_date, a.end_date, greatest(c.modified, a.modified)
FROM contract c
JOIN attribute a ON a.client = c.client AND a.id_type = 'CT' AND a.id = c.contract_id
JOIN aggregation_program p ON p.attribute_key = a.key
WHERE lower(trim(a.value)) NOT IN ('', 'n', 'no', 'false', '0')
UNION ALL
SELECT c.client, 'network'::text, n.network_id, n.network_type, c.contract_id, c.meter_account_id, c.person_id,
       nullif(n.member_start_date, DATE '0001-01-01'), n.member_end_date + 1, greatest(c.modified, n.modified)
FROM network_member n
JOIN contract c ON c.client = n.client
 AND (c.contract_id = n.member_id OR c.meter_account_id = n.member_id OR c.meter_account_id = n.member_meteraccount_id)
WHERE n.network_id <> '';

CREATE INDEX contract_premise ON contract (client, premise_id);
CREATE INDEX network_member_member ON network_member (client, member_id);
CREATE INDEX network_member_meter_account ON network_member (client, member_meteraccount_id);

-- The aggregations known so far, with their stable CDS id (CdsIds kind AGGREGATION of client, kind, key) and their
-- client-facing number. Rows are added by the consumers when a contract, attribute or network row creates one.
CREATE TABLE aggregation (
    client             text        NOT NULL,
    kind               text        NOT NULL,
    key                text        NOT NULL,
    cds_aggregation_id text        NOT NULL UNIQUE,
    aggregation_number text        NOT NULL,
    created            timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client, kind, key)
);
CREATE INDEX aggregation_number_idx ON aggregation (aggregation_number);
