package org.lfenergy.cds.ingest.digest;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.GridxFileName;
import org.lfenergy.cds.gridx.format.read.GridxRow;
import org.lfenergy.cds.gridx.format.read.ReadSummary;
import org.lfenergy.cds.gridx.format.record.DailyDigestRecord;
import org.lfenergy.cds.gridx.format.validation.DigestReconciler;
import org.lfenergy.cds.ingest.registry.FileRegistry;
import org.lfenergy.cds.ingest.registry.FileStatus;
import org.lfenergy.cds.ingest.registry.IngestFile;

/**
 * Reconciles Daily Digests with the files that arrived. A digest's entries are stored when it is processed and
 * checked at once; an entry still missing or mismatched is checked again each time a file it lists arrives, so a
 * file delivered after its digest is reconciled too. The comparison itself is gridx-format's {@link DigestReconciler}.
 */
@ApplicationScoped
public class DigestLedger {

    private final Pool pool;
    private final FileRegistry registry;

    public DigestLedger(Pool pool, FileRegistry registry) {
        this.pool = pool;
        this.registry = registry;
    }

    /** Records the accepted rows of a processed digest file and reconciles each. */
    public List<DigestEntry> recordDigest(IngestFile digest, List<GridxRow> rows) {
        for (GridxRow row : rows) {
            if (row.record() instanceof DailyDigestRecord entry) {
                pool.preparedQuery("insert into digest_entry (digest_file_id, line, client, listed_name, expected_lines, "
                                + "expected_md5, status, checked_at) values ($1, $2, $3, $4, $5, $6, 'missing', $7) "
                                + "on conflict do nothing")
                        .execute(Tuple.from(new Object[] {digest.id(), row.line(), digest.client(), entry.fileName(),
                                entry.lineCount(), entry.md5(), now()}))
                        .await().indefinitely();
                reconcile(digest.id(), digest.client(), row, entry);
            }
        }
        return entries(digest.id());
    }

    /** Re-checks the open entries of this file's client that list it; returns the ids of the digests that changed. */
    public List<UUID> fileArrived(IngestFile file) {
        GridxFileName name = GridxFileName.parse(file.name());
        List<UUID> changed = new ArrayList<>();
        for (Row r : pool.preparedQuery("select digest_file_id, line, listed_name, expected_lines, expected_md5 "
                        + "from digest_entry where client = $1 and status <> 'matched'")
                .execute(Tuple.of(file.client())).await().indefinitely()) {
            if (name.matchesDigestEntry(r.getString("listed_name"))) {
                UUID digestId = r.getUUID("digest_file_id");
                DailyDigestRecord entry = new DailyDigestRecord(r.getString("listed_name"), r.getLong("expected_lines"),
                        r.getString("expected_md5"));
                GridxRow row = new GridxRow(file.name(), r.getLong("line"), "", entry, List.of());
                reconcile(digestId, file.client(), row, entry);
                changed.add(digestId);
            }
        }
        return changed;
    }

    private void reconcile(UUID digestId, String client, GridxRow row, DailyDigestRecord entry) {
        List<IngestFile> candidates = registry.candidatesFor(client, entry.fileName()).stream()
                .filter(f -> f.status() == FileStatus.COMPLETED || f.status() == FileStatus.FAILED).toList();
        List<DigestReconciler.ArrivedFile> arrived = candidates.stream()
                .map(f -> new DigestReconciler.ArrivedFile(GridxFileName.parse(f.name()), f.name(), summaryOf(f)))
                .toList();
        List<Finding> findings = DigestReconciler.reconcile(List.of(row), arrived);
        UUID matchedId = candidates.stream()
                .filter(f -> GridxFileName.parse(f.name()).matchesDigestEntry(entry.fileName()))
                .map(IngestFile::id).findFirst().orElse(null);
        String status = matchedId == null ? "missing" : findings.isEmpty() ? "matched" : "mismatched";
        Finding first = findings.isEmpty() ? null : findings.get(0);
        pool.preparedQuery("update digest_entry set status = $3, matched_file_id = $4, rule_id = $5, reason = $6, "
                        + "checked_at = $7 where digest_file_id = $1 and line = $2")
                .execute(Tuple.from(new Object[] {digestId, row.line(), status, matchedId,
                        first == null ? null : first.ruleId(), first == null ? null : first.message(), now()}))
                .await().indefinitely();
    }

    public List<DigestEntry> entries(UUID digestId) {
        List<DigestEntry> out = new ArrayList<>();
        for (Row r : pool.preparedQuery("select * from digest_entry where digest_file_id = $1 order by line")
                .execute(Tuple.of(digestId)).await().indefinitely()) {
            out.add(new DigestEntry(r.getUUID("digest_file_id"), r.getLong("line"), r.getString("client"),
                    r.getString("listed_name"), r.getLong("expected_lines"), r.getString("expected_md5"),
                    r.getString("status"), r.getUUID("matched_file_id"), r.getString("rule_id"), r.getString("reason"),
                    r.getOffsetDateTime("checked_at")));
        }
        return out;
    }

    private static ReadSummary summaryOf(IngestFile f) {
        return new ReadSummary(f.physicalLines(), f.dataRows(), f.publishedRows(), f.rejectedRows(), f.physicalLines() > 0,
                f.status() == FileStatus.FAILED, f.md5());
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
