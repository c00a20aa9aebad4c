package org.lfenergy.cds.ingest.processing;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.lfenergy.cds.gridx.format.GridxFileName;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.read.GridxFileReader;
import org.lfenergy.cds.gridx.format.read.GridxRow;
import org.lfenergy.cds.gridx.format.read.ReadSummary;
import org.lfenergy.cds.gridx.format.read.ReaderOptions;
import org.lfenergy.cds.ingest.config.IngestConfig;
import org.lfenergy.cds.ingest.metrics.IngestMetrics;
import org.lfenergy.cds.ingest.registry.FileCounts;
import org.lfenergy.cds.ingest.registry.FileRegistry;
import org.lfenergy.cds.ingest.registry.FileStatus;
import org.lfenergy.cds.ingest.registry.IngestFile;
import org.lfenergy.cds.ingest.validation.CrossRowValidation;
import org.lfenergy.cds.gridx.format.validation.CrossRowValidator;

/**
 * Reads one file row by row and sends every row to the sink in committed chunks, checkpointing the registry after
 * each chunk so that a restart resumes after the last committed row instead of publishing the file again.
 *
 * <p>A chunk that fails with a transient Kafka error is retried with bounded exponential backoff
 * ({@code cds.ingest.kafka.retry.*}): a commit whose answer timed out is committed again (re-publishing it could
 * duplicate it); a dropped chunk is published again from the last committed line, exactly as after a restart. A
 * permanent error, or a chunk still failing after its last attempt, fails the file with rule {@value #PUBLISH_RULE}.
 */
@ApplicationScoped
public class FileProcessor {

    private static final Logger LOG = Logger.getLogger(FileProcessor.class);
    /** Rule id of a file that failed because its rows could not be published. */
    public static final String PUBLISH_RULE = "GX-KAFKA-PUBLISH";

    private final FileRegistry registry;
    private final IngestConfig config;
    private final CrossRowValidation crossRow;
    private final IngestMetrics metrics;

    public FileProcessor(FileRegistry registry, IngestConfig config, CrossRowValidation crossRow, IngestMetrics metrics) {
        this.registry = registry;
        this.config = config;
        this.crossRow = crossRow;
        this.metrics = metrics;
    }

    /** Processes the file; returns its final counts. Never throws for bad content: that ends as findings. */
    public Outcome process(IngestFile file, Path path, RowSink sink) throws IOException {
        return process(file, path, sink, row -> { });
    }

    /**
     * As {@link #process(IngestFile, Path, RowSink)}, also handing every row (after validation) to {@code rows},
     * once per line even when a chunk is published again.
     */
    public Outcome process(IngestFile file, Path path, RowSink sink, java.util.function.Consumer<GridxRow> rows)
            throws IOException {
        ChunkRetries retries = new ChunkRetries(config.kafka().retry().maxAttempts(),
                config.kafka().retry().initialBackoff(), config.kafka().retry().maxBackoff());
        // A delivery that was processing before (a restart, a database outage) continues after its last committed
        // line: the registry's checkpoint, or the one committed with the rows if PostgreSQL lost the registry's.
        boolean resumed = file.status() == FileStatus.PROCESSING;
        long committedFloor = file.committedThroughLine();
        registry.markProcessing(file.id());
        long[] handedThrough = {0};
        java.util.function.Consumer<GridxRow> once = row -> {
            if (row.line() > handedThrough[0]) {
                handedThrough[0] = row.line();
                rows.accept(row);
            }
        };
        IngestFile current = file;
        while (true) {
            try {
                if (resumed) {
                    committedFloor = committedThrough(file, sink, retries);
                    resumed = false;
                }
                return attempt(current, Math.max(current.committedThroughLine(), committedFloor), path, sink, once,
                        retries);
            } catch (Republish again) {
                // The sink dropped the chunk; read the file again and publish after the last committed line, with
                // cross-row state rebuilt as after a restart (the dropped attempt's rows must not count twice).
                crossRow.restart(file.client());
                current = registry.find(file.id()).orElseThrow();
            } catch (ChunkFailed failed) {
                IngestFile checkpointed = registry.find(file.id()).orElseThrow();
                FileCounts counts = FileCounts.of(checkpointed);
                counts.committedThroughLine = Math.max(counts.committedThroughLine, committedFloor);
                registry.fail(file.id(), counts, failed.getMessage());
                LOG.errorf(failed.getCause(), "%s failed: %s", file.name(), failed.getMessage());
                return new Outcome(false, counts, null, failed.getMessage());
            }
        }
    }

    /**
     * The line a resumed delivery was committed through: the later of the registry's checkpoint and the last one
     * committed with the rows; a look-up that fails for a transient Kafka error is retried like a chunk.
     */
    private long committedThrough(IngestFile file, RowSink sink, ChunkRetries retries) {
        long registryLine = file.committedThroughLine();
        while (true) {
            try {
                long line = ChunkCheckpoint.resumeAfter(file.id(), registryLine, sink.lastCheckpoint(file));
                if (line > registryLine) {
                    LOG.infof("%s: committed through line %d (checkpoint topic), the registry says %d: resuming "
                            + "after %d", file.name(), line, registryLine, line);
                }
                return line;
            } catch (ChunkPublishException e) {
                String what = PUBLISH_RULE + " cannot read the committed checkpoint of " + file.name() + " from "
                        + ChunkCheckpoint.TOPIC;
                if (!e.retriable()) {
                    throw new ChunkFailed(what + ": not retriable: " + e.getMessage(), e);
                }
                if (!retries.anotherAttempt(0)) {
                    throw new ChunkFailed(what + ": still failing after " + retries.maxAttempts() + " attempts: "
                            + e.getMessage(), e);
                }
                Duration wait = retries.backoff();
                LOG.warnf("%s, attempt %d of %d failed: %s; reading again in %d ms", what, retries.failures(),
                        retries.maxAttempts(), e.getMessage(), wait.toMillis());
                sleep(wait);
            }
        }
    }

    /**
     * One pass over the file: rows through {@code resumeAfter} are committed already and only counted (their findings
     * are kept if the registry's checkpoint, {@code file.committedThroughLine()}, lags behind them and they are not
     * stored yet); publication continues after it.
     */
    private Outcome attempt(IngestFile file, long resumeAfter, Path path, RowSink sink,
                            java.util.function.Consumer<GridxRow> rows, ChunkRetries retries) throws IOException {
        long registryLine = file.committedThroughLine();
        FileCounts counts = new FileCounts();
        counts.committedThroughLine = resumeAfter;
        FindingBuffer findings = new FindingBuffer(file, config.storedFindingsPerFile(), registry.findingCount(file.id()),
                resumeAfter > registryLine ? registry.lastFindingLine(file.id()) : Long.MAX_VALUE);
        ReaderOptions options = ReaderOptions.forClientZone(config.zoneOf(file.client())).withMd5(true);
        int inChunk = 0;
        long lastLine = resumeAfter;
        long firstLine = 0;
        // Opened by stream under the delivered name: the path carries the registry id as a prefix.
        try (GridxFileReader reader = GridxFileReader.open(Files.newInputStream(path), GridxFileName.parse(file.name()),
                options)) {
            CrossRowValidator validator = crossRow.forClient(file.client());
            sink.begin();
            for (GridxRow read : reader) {
                // Cross-row rules may reject a row that is fine on its own (e.g. a second meter account for a contract).
                GridxRow row = read.accepted() ? read.withFindings(validator.check(read)) : read;
                rows.accept(row);
                counts.dataRows++;
                if (!row.findings().isEmpty()) {
                    counts.warnings += row.warnings().size();
                }
                boolean alreadyCommitted = row.line() <= resumeAfter;
                if (row.accepted()) {
                    counts.publishedRows++;
                    if (!alreadyCommitted) {
                        sink.accepted(file, row);
                    }
                } else {
                    List<Finding> rejections = row.rejections();
                    counts.countReject(rejections.isEmpty() ? "unknown" : rejections.get(0).ruleId());
                    if (!alreadyCommitted) {
                        sink.rejected(file, row, rejections);
                    }
                }
                if (alreadyCommitted && row.line() > registryLine) {
                    findings.add(row); // committed, but PostgreSQL went away before its findings were stored
                }
                if (!alreadyCommitted) {
                    if (inChunk == 0) {
                        firstLine = row.line();
                    }
                    lastLine = row.line();
                    findings.add(row);
                    if (++inChunk >= config.chunkRows()) {
                        commitChunk(file, sink, counts, findings, firstLine, row.line(), retries);
                        inChunk = 0;
                        sink.begin();
                    }
                }
            }
            ReadSummary summary = reader.summary();
            counts.physicalLines = summary.physicalLines();
            findings.addFileFindings(reader.fileFindings());
            // Whole-file checks (bill totals, registers vs intervals) come after publication: they only warn.
            List<Finding> late = validator.finishFile(reader.file());
            counts.warnings += late.size();
            findings.addFileFindings(late);
            commitChunk(file, sink, counts, findings, inChunk == 0 ? counts.committedThroughLine + 1 : firstLine,
                    Math.max(lastLine, counts.committedThroughLine), retries);
            if (reader.failed()) {
                String reason = reader.fileFindings().stream().filter(Finding::failsFile).findFirst()
                        .map(Finding::toString).orElse("file failed");
                registry.fail(file.id(), counts, reason);
                return new Outcome(false, counts, summary, reason);
            }
            registry.complete(file.id(), counts, summary.md5());
            LOG.infof("%s: %d rows published, %d rejected, %d warnings", file.name(), counts.publishedRows,
                    counts.rejectedRows, counts.warnings);
            return new Outcome(true, counts, summary, null);
        } catch (RuntimeException | IOException e) {
            sink.abort();
            throw e;
        }
    }

    /**
     * Commits the open chunk (rows on lines {@code firstLine} to {@code throughLine}), retrying as the failure allows,
     * then checkpoints.
     */
    private void commitChunk(IngestFile file, RowSink sink, FileCounts counts, FindingBuffer findings, long firstLine,
                             long throughLine, ChunkRetries retries) {
        long from = counts.committedThroughLine + 1;
        // Committed with the rows, so a resume never trusts a registry checkpoint that PostgreSQL lost.
        sink.checkpoint(file, Math.max(counts.committedThroughLine, throughLine));
        while (true) {
            try {
                sink.commit();
                break;
            } catch (ChunkPublishException e) {
                String chunk = (throughLine > firstLine ? "lines " + firstLine + "-" + throughLine : "line " + firstLine)
                        + " of " + file.name();
                if (!e.retriable()) {
                    throw new ChunkFailed(PUBLISH_RULE + " " + chunk + ": not retriable: " + e.getMessage(), e);
                }
                if (!retries.anotherAttempt(from)) {
                    sink.abort();
                    String outcome = e.recovery() == ChunkPublishException.Recovery.RETRY_COMMIT
                            ? " (the last commit's outcome is unknown: these lines may be visible)" : "";
                    throw new ChunkFailed(PUBLISH_RULE + " " + chunk + ": still failing after " + retries.maxAttempts()
                            + " attempts" + outcome + ": " + e.getMessage(), e);
                }
                Duration wait = retries.backoff();
                boolean recommit = e.recovery() == ChunkPublishException.Recovery.RETRY_COMMIT;
                LOG.warnf("%s, attempt %d of %d failed: %s; %s in %d ms", chunk, retries.failures(),
                        retries.maxAttempts(), e.getMessage(),
                        recommit ? "committing again" : "publishing again after line " + counts.committedThroughLine,
                        wait.toMillis());
                metrics.chunkRetried(file, e);
                sleep(wait);
                if (!recommit) {
                    throw new Republish();
                }
            }
        }
        counts.committedThroughLine = Math.max(counts.committedThroughLine, throughLine);
        findings.flush(registry);
        registry.checkpoint(file.id(), counts);
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a chunk", e);
        }
    }

    /** The chunk was dropped by the sink and is to be published again from the last committed line. */
    private static final class Republish extends RuntimeException {
        Republish() {
            super(null, null, false, false);
        }
    }

    /** The file's rows cannot be published; the message is the file's failure reason. */
    private static final class ChunkFailed extends RuntimeException {
        ChunkFailed(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** The end of one file's processing. */
    public record Outcome(boolean completed, FileCounts counts, ReadSummary summary, String failure) {
    }

    /** Collects the first findings of a file for the registry, writing them in batches. */
    static final class FindingBuffer {
        private final IngestFile file;
        private final int cap;
        private final List<Finding> pending = new ArrayList<>();
        private final List<String> raws = new ArrayList<>();
        private int stored;
        /** Rows through this line whose findings are stored already; {@code Long.MAX_VALUE}: none of that kind. */
        private final long storedThroughLine;

        FindingBuffer(IngestFile file, int cap, int alreadyStored, long storedThroughLine) {
            this.file = file;
            this.cap = cap;
            this.stored = alreadyStored;
            this.storedThroughLine = storedThroughLine;
        }

        /** Keeps the row's findings (a row already committed is passed only if its findings may be missing). */
        void add(GridxRow row) {
            if (storedThroughLine != Long.MAX_VALUE && row.line() <= storedThroughLine) {
                return;
            }
            for (Finding f : row.findings()) {
                if (stored + pending.size() >= cap) {
                    return;
                }
                pending.add(f);
                raws.add(row.rejected() ? row.raw() : null);
            }
        }

        void addFileFindings(List<Finding> fileFindings) {
            for (Finding f : fileFindings) {
                if (stored + pending.size() < cap) {
                    pending.add(f);
                    raws.add(null);
                }
            }
        }

        void flush(FileRegistry registry) {
            registry.saveFindings(file.id(), stored, pending, raws);
            stored += pending.size();
            pending.clear();
            raws.clear();
        }
    }
}
