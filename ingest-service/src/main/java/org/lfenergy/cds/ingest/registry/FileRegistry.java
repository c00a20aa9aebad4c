package org.lfenergy.cds.ingest.registry;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lfenergy.cds.gridx.format.Finding;

/**
 * The file registry in PostgreSQL. Calls block: they are made from the file-processing worker thread and
 * from blocking REST endpoints, never from an event loop.
 */
@ApplicationScoped
public class FileRegistry {

    private static final String COLUMNS = "id, name, client, file_type, source, size_bytes, md5, status, duplicate_of, "
            + "received_at, started_at, finished_at, physical_lines, data_rows, published_rows, rejected_rows, warnings, "
            + "committed_through_line, rejects_by_rule, failure";

    private final Pool pool;

    public FileRegistry(Pool pool) {
        this.pool = pool;
    }

    /** Records a new delivery as received. */
    public IngestFile register(String name, String client, String fileType, String source, long sizeBytes, String md5) {
        UUID id = UUID.randomUUID();
        query("insert into ingest_file (id, name, client, file_type, source, size_bytes, md5, status, received_at) "
                        + "values ($1, $2, $3, $4, $5, $6, $7, 'received', $8)",
                Tuple.from(new Object[] {id, name, client, fileType, source, sizeBytes, md5, now()}));
        return find(id).orElseThrow();
    }

    public Optional<IngestFile> find(UUID id) {
        RowSet<Row> rows = query("select " + COLUMNS + " from ingest_file where id = $1", Tuple.of(id));
        return rows.size() == 0 ? Optional.empty() : Optional.of(toFile(rows.iterator().next()));
    }

    /** The delivery of this exact content under this name that was (or is being) processed, if any. */
    public Optional<IngestFile> findProcessedContent(String name, String md5) {
        RowSet<Row> rows = query("select " + COLUMNS + " from ingest_file where name = $1 and md5 = $2 "
                + "and status not in ('duplicate', 'failed') order by received_at limit 1", Tuple.of(name, md5));
        return rows.size() == 0 ? Optional.empty() : Optional.of(toFile(rows.iterator().next()));
    }

    /** Whether any earlier delivery used this name (then the content must be compared before processing). */
    public boolean nameSeen(String name, UUID except) {
        return query("select 1 from ingest_file where name = $1 and id <> $2 limit 1", Tuple.of(name, except)).size() > 0;
    }

    /** Newest first, optionally filtered. */
    public List<IngestFile> list(String status, String client, String fileType, int limit, int offset) {
        RowSet<Row> rows = query("select " + COLUMNS + " from ingest_file where ($1::text is null or status = $1) "
                        + "and ($2::text is null or client = $2) and ($3::text is null or file_type = $3) "
                        + "order by received_at desc, id limit $4 offset $5",
                Tuple.of(status, client, fileType, limit, offset));
        List<IngestFile> files = new ArrayList<>();
        rows.forEach(r -> files.add(toFile(r)));
        return files;
    }

    /** Deliveries of this client whose name starts like a digest entry (the exact match is the caller's). */
    public List<IngestFile> candidatesFor(String client, String listedName) {
        String stem = listedName.contains(".") ? listedName.substring(0, listedName.indexOf('.')) : listedName;
        String pattern = stem.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        RowSet<Row> rows = query("select " + COLUMNS + " from ingest_file where client = $1 and name like $2 "
                + "and status <> 'duplicate' order by received_at desc", Tuple.of(client, pattern));
        List<IngestFile> files = new ArrayList<>();
        rows.forEach(r -> files.add(toFile(r)));
        return files;
    }

    /** Deliveries a previous run left unfinished, oldest first. */
    public List<IngestFile> unfinished() {
        RowSet<Row> rows = query("select " + COLUMNS + " from ingest_file where status in ('received', 'processing') "
                + "order by received_at", Tuple.tuple());
        List<IngestFile> files = new ArrayList<>();
        rows.forEach(r -> files.add(toFile(r)));
        return files;
    }

    public void markProcessing(UUID id) {
        query("update ingest_file set status = 'processing', started_at = coalesce(started_at, $2) where id = $1",
                Tuple.of(id, now()));
    }

    public void markDuplicate(UUID id, UUID original, String md5) {
        query("update ingest_file set status = 'duplicate', duplicate_of = $2, md5 = $3, finished_at = $4 where id = $1",
                Tuple.of(id, original, md5, now()));
    }

    /** Persists progress after a committed Kafka transaction. */
    public void checkpoint(UUID id, FileCounts counts) {
        query("update ingest_file set physical_lines = $2, data_rows = $3, published_rows = $4, rejected_rows = $5, "
                        + "warnings = $6, committed_through_line = $7, rejects_by_rule = $8 where id = $1",
                Tuple.from(new Object[] {id, counts.physicalLines, counts.dataRows, counts.publishedRows,
                        counts.rejectedRows, counts.warnings, counts.committedThroughLine,
                        new JsonObject(new HashMap<String, Object>(counts.rejectsByRule))}));
    }

    public void complete(UUID id, FileCounts counts, String md5) {
        checkpoint(id, counts);
        query("update ingest_file set status = 'completed', md5 = coalesce($2, md5), finished_at = $3 where id = $1",
                Tuple.of(id, md5, now()));
    }

    public void fail(UUID id, FileCounts counts, String failure) {
        checkpoint(id, counts);
        query("update ingest_file set status = 'failed', failure = $2, finished_at = $3 where id = $1",
                Tuple.of(id, failure, now()));
    }

    /** Keeps findings for the status API, numbered from {@code firstSeq}. */
    public void saveFindings(UUID id, int firstSeq, List<Finding> findings, List<String> raws) {
        if (findings.isEmpty()) {
            return;
        }
        List<Tuple> batch = new ArrayList<>(findings.size());
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            batch.add(Tuple.from(new Object[] {id, firstSeq + i, f.line(), f.column(), f.value(), f.ruleId(),
                    f.severity().name(), f.message(), raws.get(i)}));
        }
        pool.preparedQuery("insert into ingest_finding (file_id, seq, line, column_name, value, rule_id, severity, "
                + "message, raw) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict do nothing")
                .executeBatch(batch).await().indefinitely();
    }

    public List<StoredFinding> findings(UUID id, String severity, int limit, int offset) {
        RowSet<Row> rows = query("select line, column_name, value, rule_id, severity, message, raw from ingest_finding "
                + "where file_id = $1 and ($2::text is null or severity = $2) order by seq limit $3 offset $4",
                Tuple.of(id, severity, limit, offset));
        List<StoredFinding> out = new ArrayList<>();
        rows.forEach(r -> out.add(new StoredFinding(r.getLong("line"), r.getString("column_name"), r.getString("value"),
                r.getString("rule_id"), r.getString("severity"), r.getString("message"), r.getString("raw"))));
        return out;
    }

    public int findingCount(UUID id) {
        return query("select count(*) as n from ingest_finding where file_id = $1", Tuple.of(id))
                .iterator().next().getInteger("n");
    }

    /** The highest source line among the delivery's stored findings (0 if none). */
    public long lastFindingLine(UUID id) {
        Long line = query("select max(line) as line from ingest_finding where file_id = $1", Tuple.of(id))
                .iterator().next().getLong("line");
        return line == null ? 0 : line;
    }

    private RowSet<Row> query(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).await().indefinitely();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static IngestFile toFile(Row r) {
        Map<String, Long> byRule = new HashMap<>();
        JsonObject json = (JsonObject) r.getValue("rejects_by_rule");
        if (json != null) {
            json.forEach(e -> byRule.put(e.getKey(), ((Number) e.getValue()).longValue()));
        }
        return new IngestFile(r.getUUID("id"), r.getString("name"), r.getString("client"), r.getString("file_type"),
                r.getString("source"), r.getLong("size_bytes"), r.getString("md5"), FileStatus.fromDb(r.getString("status")),
                r.getUUID("duplicate_of"), r.getOffsetDateTime("received_at"), r.getOffsetDateTime("started_at"),
                r.getOffsetDateTime("finished_at"), r.getLong("physical_lines"), r.getLong("data_rows"),
                r.getLong("published_rows"), r.getLong("rejected_rows"), r.getLong("warnings"),
                r.getLong("committed_through_line"), byRule, r.getString("failure"));
    }
}
