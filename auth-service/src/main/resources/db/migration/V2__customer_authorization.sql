-- Customer authorization (WG3 §9): one row per authorization request, from /oauth/authorize or /oauth/par until the
-- customer approves or declines. The browser that started it is bound by the hash of a random cookie value; the
-- form post must carry the row's CSRF token.
create table authorization_request (
    request_id        text primary key,
    request_uri       text unique,
    client_id         text        not null references client_object (client_id),
    redirect_uri      text        not null,
    state             text,
    code_challenge    text        not null,
    scope             text        not null,
    status            text        not null,
    browser_hash      text,
    csrf_token        text,
    customer_user_id  text,
    person_id         text,
    grant_id          text,
    created           timestamptz not null,
    expires_at        timestamptz not null,
    document          jsonb       not null
);
create index authorization_request_expiry on authorization_request (expires_at);

-- Customer-consent Grants: the Keycloak user who approved and the Keycloak session their tokens live in.
alter table cds_grant add column customer_user_id text;
alter table cds_grant add column keycloak_session text;

-- What each customer holds, from gridx.customers.v1 (person → entity/account → contract → service point → meter
-- account), so the authorization form can list a customer's objects. Upserted idempotently by its natural key.
create table customer_object (
    gridx_client      text        not null,
    person_id         text        not null,
    entity_id         text        not null,
    contract_id       text        not null,
    premise_id        text        not null default '',
    service_point_id  text        not null default '',
    meter_account_id  text        not null default '',
    service_status    text,
    contract_start    timestamptz,
    contract_end      timestamptz,
    primary key (gridx_client, person_id, entity_id, contract_id, meter_account_id)
);
create index customer_object_person on customer_object (person_id);
