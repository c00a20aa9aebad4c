-- Server-Provided Files (WG1-02 §9): files the utility makes available to one Client Object of a registrant (its
-- cds_server_provided_files Client Object). Each file is covered by a server-created Grant whose
-- authorization_details name its file_id; clients read files with a Grant Admin token for that Grant.
create table server_file (
    file_id        text primary key,
    registrant_id  text        not null,
    client_id      text        not null references client_object (client_id),
    grant_id       text        not null references cds_grant (grant_id),
    created        timestamptz not null,
    modified       timestamptz not null,
    name           text        not null,
    mime_type      text        not null,
    description    text        not null,
    size           bigint      not null,
    content        bytea       not null
);
create index server_file_grant on server_file (grant_id, modified desc);
