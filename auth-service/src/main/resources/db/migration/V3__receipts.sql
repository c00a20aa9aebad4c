-- Authorization Receipts (WG3 §9.4): created at approval, reachable without login at a random URL (the token) that
-- is unrelated to the confirmation number. The document is a snapshot of what the customer approved.
create table receipt (
    receipt_token  text primary key,
    confirmation   text        not null unique,
    grant_id       text        not null references cds_grant (grant_id),
    created        timestamptz not null,
    document       jsonb       not null
);
create index receipt_grant on receipt (grant_id);
