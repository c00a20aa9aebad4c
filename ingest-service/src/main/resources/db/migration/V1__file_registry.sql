-- The file registry: every delivery of a GridX file, what became of it, and where processing stands.
create table ingest_file (
    id                    uuid primary key,
    name                  text        not null,
    client                text        not null,
    file_type             text        not null,
    source                text        not null check (source in ('upload', 'inbox')),
    size_bytes            bigint      not null,
    md5                   text,
    status                text        not null check (status in ('received', 'processing', 'completed', 'failed', 'duplicate')),
    duplicate_of          uuid references ingest_file (id),
    received_at           timestamptz not null,
    started_at            timestamptz,
    finished_at           timestamptz,
    physical_lines        bigint      not null default 0,
    data_rows             bigint      not null default 0,
    published_rows        bigint      not null default 0,
    rejected_rows         bigint      not null default 0,
    warnings              bigint      not null default 0,
    -- Rows up to this physical line are committed to Kafka; a restart resumes after it.
    committed_through_line bigint     not null default 0,
    rejects_by_rule       jsonb       not null default '{}'::jsonb,
    failure               text
);

-- One content per name is processed once; duplicates and failed attempts do not count.
create unique index ingest_file_name_md5 on ingest_file (name, md5) where status not in ('duplicate', 'failed');
create index ingest_file_received on ingest_file (received_at desc);
create index ingest_file_status on ingest_file (status);

-- The first findings of each file (all rejects also go to gridx.rejects.v1), for the status API.
create table ingest_finding (
    file_id  uuid   not null references ingest_file (id) on delete cascade,
    seq      int    not null,
    line     bigint not null,
    column_name text,
    value    text,
    rule_id  text   not null,
    severity text   not null,
    message  text   not null,
    raw      text,
    primary key (file_id, seq)
);
