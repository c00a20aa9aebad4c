package org.lfenergy.cds.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.lfenergy.cds.ingest.digest.DigestEntry;
import org.lfenergy.cds.ingest.registry.IngestFile;

/**
 * The ingest service's Prometheus metrics: {@code ingest_files_total{type,status}},
 * {@code ingest_rows_total{type,outcome}}, {@code ingest_rejects_total{type,rule}},
 * {@code ingest_file_duration_seconds{type}}, {@code ingest_digest_mismatches_total{status}} and
 * {@code ingest_chunk_retries_total{type,recovery,cause}}.
 */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A delivery reached a final status (completed, failed, duplicate). */
    public void fileFinished(IngestFile file) {
        Counter.builder("ingest.files").description("Files by final status").tag("type", file.fileType())
                .tag("status", file.status().dbValue()).register(registry).increment();
        if (file.startedAt() != null && file.finishedAt() != null) {
            Timer.builder("ingest.file.duration").description("Processing time per file").tag("type", file.fileType())
                    .register(registry).record(Duration.between(file.startedAt(), file.finishedAt()));
        }
    }

    /** Counts a processed file's rows once, when it finishes. */
    public void rows(IngestFile file, long published, long rejected, Map<String, Long> rejectsByRule) {
        Counter.builder("ingest.rows").description("Rows by outcome").tag("type", file.fileType())
                .tag("outcome", "published").register(registry).increment(published);
        Counter.builder("ingest.rows").description("Rows by outcome").tag("type", file.fileType())
                .tag("outcome", "rejected").register(registry).increment(rejected);
        rejectsByRule.forEach((rule, n) -> Counter.builder("ingest.rejects").description("Rejected rows by rule")
                .tag("type", file.fileType()).tag("rule", rule).register(registry).increment(n));
    }

    /** Digest entries found missing or mismatched in a reconciliation. */
    public void digestChecked(List<DigestEntry> entries) {
        for (DigestEntry e : entries) {
            if (!"matched".equals(e.status())) {
                Counter.builder("ingest.digest.mismatches").description("Digest entries missing or mismatched")
                        .tag("status", e.status()).register(registry).increment();
            }
        }
    }

    /** A chunk failed with a transient Kafka error and is retried ({@code recovery}: recommit or republish). */
    public void chunkRetried(IngestFile file, org.lfenergy.cds.ingest.processing.ChunkPublishException failure) {
        Counter.builder("ingest.chunk.retries").description("Chunks retried after a transient Kafka error")
                .tag("type", file.fileType())
                .tag("recovery", failure.recovery() == org.lfenergy.cds.ingest.processing.ChunkPublishException.Recovery
                        .RETRY_COMMIT ? "recommit" : "republish")
                .tag("cause", failure.causeName()).register(registry).increment();
    }
}
