-- Which Grants (and Keycloak sessions) each Credential obtained tokens for, recorded by the token endpoint, so that a
-- Credential's expiry revokes exactly the tokens issued with it (WG1-02 §7.6). keycloak_session is '' for client
-- credentials tokens (Keycloak keeps no session for them).
create table credential_use (
    credential_id     text        not null references credential (credential_id),
    grant_id          text        not null references cds_grant (grant_id),
    keycloak_session  text        not null default '',
    used_at           timestamptz not null,
    primary key (credential_id, grant_id, keycloak_session)
);
create index credential_use_grant on credential_use (grant_id);

-- When the tokens issued with an expired Credential were revoked (null: not yet; the expiry sweep does it).
alter table credential add column tokens_revoked_at timestamptz;
