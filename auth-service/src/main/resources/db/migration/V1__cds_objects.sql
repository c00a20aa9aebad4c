-- CDS objects owned by auth-service. Queryable attributes are columns; the rest of each API object is a JSON
-- document (its shape is the CDS object's, see the mapping package). Keycloak holds client secrets and signing keys.

-- A Client Object (WG1-02 §5). registrant_id groups the objects of one registration (the cds_client_admin object's id).
create table client_object (
    client_id      text primary key,
    registrant_id  text        not null,
    kind           text        not null,
    status         text        not null,
    scope          text        not null,
    issued_at      timestamptz not null,
    created        timestamptz not null,
    modified       timestamptz not null,
    keycloak_id    text,
    document       jsonb       not null
);
create index client_object_registrant on client_object (registrant_id, modified desc);

-- A Credential (WG1-02 §7). The secret itself lives in Keycloak (the client's secret); only a SHA-256 hash is kept
-- here to authenticate token requests without a round trip.
create table credential (
    credential_id  text primary key,
    registrant_id  text        not null,
    client_id      text        not null references client_object (client_id),
    created        timestamptz not null,
    modified       timestamptz not null,
    secret_hash    text        not null,
    expires_at     bigint      not null default 0
);
create index credential_registrant on credential (registrant_id, modified desc);
create index credential_client on credential (client_id);

-- A Message (WG1-02 §6).
create table message (
    message_id      text primary key,
    registrant_id   text        not null,
    previous_id     text,
    type            text        not null,
    status          text        not null,
    read            boolean     not null,
    creator         text,
    created         timestamptz not null,
    modified        timestamptz not null,
    document        jsonb       not null
);
create index message_registrant on message (registrant_id, modified desc);

-- A Grant (WG1-02 §8). version counts changes; published_version is the last version acknowledged by Kafka
-- (cds.grants.v1), so unpublished changes are sent again after a failure (a transactional outbox in one row).
create table cds_grant (
    grant_id           text primary key,
    registrant_id      text        not null,
    client_id          text        not null references client_object (client_id),
    status             text        not null,
    scope              text        not null,
    parent_id          text references cds_grant (grant_id),
    target_grant_id    text references cds_grant (grant_id),
    fingerprint        text,
    keycloak_scope     text,
    created            timestamptz not null,
    modified           timestamptz not null,
    version            bigint      not null default 1,
    published_version  bigint      not null default 0,
    document           jsonb       not null
);
create index cds_grant_registrant on cds_grant (registrant_id, modified desc);
create index cds_grant_reuse on cds_grant (client_id, fingerprint) where fingerprint is not null;
create index cds_grant_unpublished on cds_grant (modified) where version > published_version;
create index cds_grant_target on cds_grant (target_grant_id) where target_grant_id is not null;
