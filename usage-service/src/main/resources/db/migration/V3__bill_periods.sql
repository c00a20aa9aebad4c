-- BILLING rows (only what links a billed usage period to its CDS Bill Sections; the bills themselves live in
-- billing-service). A cancellation repeats the Bill_ID, so one row per Bill_ID. See docs/usage-mapping.md §5.6.
CREATE TABLE bill_period (
    client             text        NOT NULL,
    bill_id            text        NOT NULL,
    meter_account_id   text        NOT NULL,
    start_date         date        NOT NULL,
    end_date           date        NOT NULL,
    cds_billsection_id text        NOT NULL,
    modified           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client, bill_id)
);
CREATE INDEX bill_period_period ON bill_period (client, meter_account_id, start_date, end_date);
CREATE INDEX bill_period_section ON bill_period (cds_billsection_id);
