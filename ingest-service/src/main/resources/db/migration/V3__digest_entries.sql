-- Every file a Daily Digest lists, and what became of it; re-checked whenever a listed file arrives late.
create table digest_entry (
    digest_file_id  uuid   not null references ingest_file (id) on delete cascade,
    line            bigint not null,
    client          text   not null,
    listed_name     text   not null,
    expected_lines  bigint not null,
    expected_md5    text,
    status          text   not null check (status in ('missing', 'matched', 'mismatched')),
    matched_file_id uuid,
    rule_id         text,
    reason          text,
    checked_at      timestamptz not null,
    primary key (digest_file_id, line)
);
create index digest_entry_open on digest_entry (client, status) where status <> 'matched';
