package org.lfenergy.cds.ingest.processing;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.lfenergy.cds.ingest.registry.FileCounts;
import org.lfenergy.cds.ingest.registry.FileRegistry;
import org.lfenergy.cds.ingest.registry.IngestFile;
import org.lfenergy.cds.ingest.validation.CrossRowValidation;
import org.lfenergy.cds.gridx.format.validation.CrossRowValidator;

/**
 * Reads one file row by row and sends every row to the sink in committed chunks, checkpointing the registry after
 * each chunk so that a restart resumes after the last committed row instead of publishing the file again.
 */
@ApplicationScoped
public class FileProcessor {

    private static final Logger LOG = Logger.getLogger(FileProcessor.class);

    private final FileRegistry registry;
    private final IngestConfig config;
    private final CrossRowValidation crossRow;

    public FileProcessor(FileRegistry registry, IngestConfig config, CrossRowValidation crossRow) {
        this.registry = registry;
        this.config = config;
        this.crossRow = crossRow;
    }

    /** Processes the file; returns its final counts. Never throws for bad content: that ends as findings. */
    public Outcome process(IngestFile file, Path path, RowSink sink) throws IOException {
        return process(file, path, sink, row -> { });
    }

    /** As {@link #process(IngestFile, Path, RowSink)}, also handing every row (after validation) to {@code rows}. */
    public Outcome process(IngestFile file, Path path, RowSink sink, java.util.function.Consumer<GridxRow> rows)
            throws IOException {
        registry.markProcessing(file.id());
        long resumeAfter = file.committedThroughLine();
        FileCounts counts = new FileCounts();
        counts.committedThroughLine = resumeAfter;
        FindingBuffer findings = new FindingBuffer(file, config.storedFindingsPerFile(), registry.findingCount(file.id()));
        ReaderOptions options = ReaderOptions.forClientZone(config.zoneOf(file.client())).withMd5(true);
        int inChunk = 0;
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
                if (!alreadyCommitted) {
                    findings.add(row);
                    if (++inChunk >= config.chunkRows()) {
                        commitChunk(file, sink, counts, findings, row.line());
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
            commitChunk(file, sink, counts, findings, Long.MAX_VALUE);
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

    private void commitChunk(IngestFile file, RowSink sink, FileCounts counts, FindingBuffer findings, long throughLine) {
        sink.commit();
        counts.committedThroughLine = Math.max(counts.committedThroughLine, throughLine == Long.MAX_VALUE
                ? counts.committedThroughLine : throughLine);
        findings.flush(registry);
        registry.checkpoint(file.id(), counts);
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

        FindingBuffer(IngestFile file, int cap, int alreadyStored) {
            this.file = file;
            this.cap = cap;
            this.stored = alreadyStored;
        }

        void add(GridxRow row) {
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
