-- Clients API PUT changes held for the server's review (WG1-02 §5.5, 202 + field_changes Message): at most one per
-- Client Object (a later PUT replaces it). body is the PUT body as sent; it is validated again when approved.
create table client_change (
    client_id      text        primary key references client_object (client_id),
    message_id     text        not null unique references message (message_id),
    registrant_id  text        not null,
    requested      timestamptz not null,
    body           jsonb       not null
);
