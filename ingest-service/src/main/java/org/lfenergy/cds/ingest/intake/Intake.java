package org.lfenergy.cds.ingest.intake;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.lfenergy.cds.contracts.tracing.RecordTracing;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.format.read.GridxRow;
import org.lfenergy.cds.ingest.digest.DigestLedger;
import org.lfenergy.cds.ingest.metrics.IngestMetrics;
import org.lfenergy.cds.gridx.format.GridxFileName;
import org.lfenergy.cds.gridx.format.GridxFileNameException;
import org.lfenergy.cds.ingest.config.IngestConfig;
import org.lfenergy.cds.ingest.processing.FileProcessor;
import org.lfenergy.cds.ingest.processing.RowSink;
import org.lfenergy.cds.ingest.registry.DatabaseUnavailable;
import org.lfenergy.cds.ingest.registry.FileRegistry;
import org.lfenergy.cds.ingest.registry.FileStatus;
import org.lfenergy.cds.ingest.registry.IngestFile;

/**
 * Turns a delivered file (upload or inbox) into a registry entry and processes deliveries one at a time, in
 * arrival order, on one worker thread. Files live in {@code inbox/processing/<id>__<name>} while being worked on,
 * then move to {@code done/} or {@code failed/}. Deliveries left unfinished by a previous run are resumed at start;
 * a delivery interrupted because PostgreSQL went away (crash, restart, fail-over) stays in {@code processing/} and is
 * resumed after its last committed line once the database answers again ({@link #resumeInterrupted()}), without a
 * restart of the service.
 *
 * <p>Each processing is one span, {@code gridx.ingest <FILE_TYPE>} (child of the upload request when there is one):
 * the rows and lifecycle events published under it carry its context, so the consumers' projection spans join the
 * file's trace.
 */
@ApplicationScoped
public class Intake {

    private static final Logger LOG = Logger.getLogger(Intake.class);
    static final AttributeKey<String> FILE_NAME = AttributeKey.stringKey("cds.file.name");
    static final AttributeKey<String> FILE_ID = AttributeKey.stringKey("cds.file.id");
    static final AttributeKey<String> CLIENT = AttributeKey.stringKey("cds.gridx.client");
    static final AttributeKey<Long> PUBLISHED = AttributeKey.longKey("cds.file.published_rows");
    static final AttributeKey<Long> REJECTED = AttributeKey.longKey("cds.file.rejected_rows");

    private final IngestConfig config;
    private final FileRegistry registry;
    private final FileProcessor processor;
    private final RowSink sink;
    private final FileEvents events;
    private final DigestLedger digests;
    private final IngestMetrics metrics;
    private final RecordTracing tracing;
    /** Deliveries queued on or running in this instance's worker (never submitted twice). */
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ingest-worker");
        t.setDaemon(true);
        return t;
    });

    public Intake(IngestConfig config, FileRegistry registry, FileProcessor processor, RowSink sink, FileEvents events,
                  DigestLedger digests, IngestMetrics metrics, RecordTracing tracing) {
        this.tracing = tracing;
        this.digests = digests;
        this.metrics = metrics;
        this.config = config;
        this.registry = registry;
        this.processor = processor;
        this.sink = sink;
        this.events = events;
    }

    void onStart(@Observes StartupEvent ignored) throws IOException {
        for (String dir : new String[] {"processing", "done", "failed", ".uploads"}) {
            Files.createDirectories(config.inbox().resolve(dir));
        }
        for (IngestFile unfinished : registry.unfinished()) {
            Path path = processingPath(unfinished);
            if (Files.isRegularFile(path)) {
                LOG.infof("resuming %s after line %d", unfinished.name(), unfinished.committedThroughLine());
                inFlight.add(unfinished.id());
                worker.submit(() -> process(unfinished, path));
            } else {
                registry.fail(unfinished.id(), new org.lfenergy.cds.ingest.registry.FileCounts(),
                        "file vanished from " + path + " while unfinished");
            }
        }
    }

    void onStop(@Observes ShutdownEvent ignored) throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Streams an upload to the staging folder, then delivers it. */
    public IngestFile upload(String name, InputStream body) throws IOException {
        GridxFileName parsed = parseName(name);
        Path staged = Files.createTempFile(config.inbox().resolve(".uploads"), "upload-", ".part");
        MessageDigest md5 = md5();
        long size;
        try (InputStream in = new DigestInputStream(body, md5)) {
            size = Files.copy(in, staged, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(staged);
            throw e;
        }
        if (size > config.maxUploadSize().asLongValue()) {
            Files.deleteIfExists(staged);
            throw new DeliveryRejectedException(name, "GX-UPLOAD-TOO-LARGE",
                    "upload of " + size + " bytes exceeds cds.ingest.max-upload-size");
        }
        return deliver(staged, name, parsed, "upload", size, HexFormat.of().formatHex(md5.digest()));
    }

    /** Delivers a complete file from the inbox (moved, never copied). */
    public IngestFile fromInbox(Path file) throws IOException {
        String name = file.getFileName().toString();
        GridxFileName parsed = parseName(name);
        return deliver(file, name, parsed, "inbox", Files.size(file), null);
    }

    private IngestFile deliver(Path file, String name, GridxFileName parsed, String source, long size, String md5)
            throws IOException {
        IngestFile registered;
        try {
            registered = registry.register(name, parsed.client(), parsed.type().token(), source, size, md5);
        } catch (RuntimeException e) {
            // Same name and content delivered concurrently: the unique index lets exactly one through.
            Optional<IngestFile> original = md5 == null ? Optional.empty() : registry.findProcessedContent(name, md5);
            if (original.isEmpty()) {
                throw e;
            }
            IngestFile dup = registry.register(name, parsed.client(), parsed.type().token(), source, size, null);
            registry.markDuplicate(dup.id(), original.get().id(), md5);
            Files.deleteIfExists(file);
            IngestFile marked = registry.find(dup.id()).orElseThrow();
            events.duplicate(marked, original.get());
            return marked;
        }
        Path target = processingPath(registered);
        inFlight.add(registered.id()); // before the file is in processing/, where resumeInterrupted() looks
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            inFlight.remove(registered.id());
            throw e;
        }
        events.received(registered);
        worker.submit(Context.current().wrap(() -> process(registered, target)));
        return registered;
    }

    private void process(IngestFile file, Path path) {
        Span span = tracing.tracer().spanBuilder("gridx.ingest " + file.fileType())
                .setAttribute(FILE_NAME, file.name())
                .setAttribute(FILE_ID, file.id().toString())
                .setAttribute(CLIENT, file.client())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            processInSpan(file, path, span);
        } finally {
            span.end();
            inFlight.remove(file.id());
        }
    }

    /**
     * Resumes deliveries of this instance that are unfinished in the registry, still in {@code processing/} and not
     * queued or running: those a database outage interrupted. While PostgreSQL is still away this finds nothing to
     * do and tries again at the next interval.
     */
    @Scheduled(every = "${cds.ingest.resume-interval}", delayed = "${cds.ingest.resume-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void resumeInterrupted() {
        List<IngestFile> unfinished;
        try {
            unfinished = registry.unfinished();
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.causedBy(e)) {
                LOG.debugf("database still unavailable: %s", e.getMessage());
                return;
            }
            throw e;
        }
        for (IngestFile file : unfinished) {
            Path path = processingPath(file);
            if (!inFlight.contains(file.id()) && Files.isRegularFile(path) && inFlight.add(file.id())) {
                LOG.infof("database answers again: resuming %s after line %d", file.name(), file.committedThroughLine());
                worker.submit(() -> process(file, path));
            }
        }
    }

    private void processInSpan(IngestFile file, Path path, Span span) {
        try {
            if (isDuplicate(file, path)) {
                return;
            }
            boolean isDigest = GridxFileType.DAILYDIGEST.token().equals(file.fileType());
            List<GridxRow> digestRows = new ArrayList<>();
            FileProcessor.Outcome outcome = processor.process(registry.find(file.id()).orElseThrow(), path, sink,
                    row -> {
                        if (isDigest && row.accepted()) {
                            digestRows.add(row);
                        }
                    });
            Path dest = config.inbox().resolve(outcome.completed() ? "done" : "failed").resolve(path.getFileName());
            Files.move(path, dest, StandardCopyOption.REPLACE_EXISTING);
            IngestFile finished = registry.find(file.id()).orElseThrow();
            events.finished(finished, outcome);
            metrics.fileFinished(finished);
            metrics.rows(finished, outcome.counts().publishedRows, outcome.counts().rejectedRows,
                    outcome.counts().rejectsByRule);
            span.setAttribute(PUBLISHED, outcome.counts().publishedRows);
            span.setAttribute(REJECTED, outcome.counts().rejectedRows);
            if (!outcome.completed()) {
                span.setStatus(StatusCode.ERROR, outcome.failure());
            }
            reconcileDigests(finished, isDigest, digestRows);
        } catch (Exception e) {
            if (DatabaseUnavailable.causedBy(e)) {
                // Not the file's fault: it keeps its place (committed through its last checkpoint) and resumes.
                LOG.warnf("processing %s interrupted: PostgreSQL unavailable (%s); it resumes after its last committed "
                        + "line once the database answers", file.name(), e.getMessage());
                span.recordException(e);
                span.setStatus(StatusCode.ERROR, "database unavailable; resumed later");
                return;
            }
            LOG.errorf(e, "processing %s failed", file.name());
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, reason);
            try {
                registry.fail(file.id(), new org.lfenergy.cds.ingest.registry.FileCounts(), reason);
                Files.move(path, config.inbox().resolve("failed").resolve(path.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                events.failed(registry.find(file.id()).orElseThrow(), reason);
            } catch (Exception nested) {
                LOG.errorf(nested, "could not record the failure of %s; it is processed again once the database "
                        + "answers", file.name());
            }
        }
    }

    private void reconcileDigests(IngestFile finished, boolean isDigest, List<GridxRow> digestRows) {
        if (isDigest) {
            List<org.lfenergy.cds.ingest.digest.DigestEntry> entries = digests.recordDigest(finished, digestRows);
            metrics.digestChecked(entries);
            events.digestReconciled(finished, entries);
        } else {
            for (java.util.UUID digestId : new java.util.LinkedHashSet<>(digests.fileArrived(finished))) {
                registry.find(digestId).ifPresent(d -> events.digestReconciled(d, digests.entries(digestId)));
            }
        }
    }

    /** A name seen before is compared by content before anything is published. */
    private boolean isDuplicate(IngestFile file, Path path) throws IOException {
        if (!registry.nameSeen(file.name(), file.id())) {
            return false;
        }
        String md5 = file.md5() != null ? file.md5() : md5Of(path);
        Optional<IngestFile> original = registry.findProcessedContent(file.name(), md5)
                .filter(o -> !o.id().equals(file.id()));
        if (original.isEmpty()) {
            return false;
        }
        registry.markDuplicate(file.id(), original.get().id(), md5);
        Files.deleteIfExists(path);
        IngestFile duplicate = registry.find(file.id()).orElseThrow();
        events.duplicate(duplicate, original.get());
        metrics.fileFinished(duplicate);
        LOG.infof("%s: same name and MD5 as %s, nothing to do", file.name(), original.get().id());
        return true;
    }

    /** Whether the worker has nothing queued or running (tests and the inbox watcher's back-pressure use it). */
    public boolean idle() {
        return registry.unfinished().isEmpty();
    }

    private Path processingPath(IngestFile file) {
        return config.inbox().resolve("processing").resolve(file.id() + "__" + file.name());
    }

    private static GridxFileName parseName(String name) {
        try {
            return GridxFileName.parse(name);
        } catch (GridxFileNameException e) {
            throw new DeliveryRejectedException(name, e.ruleId(), e.getMessage());
        }
    }

    private static String md5Of(Path path) throws IOException {
        MessageDigest md5 = md5();
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), md5)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For status reporting of a file's state. */
    public static boolean finished(FileStatus status) {
        return status == FileStatus.COMPLETED || status == FileStatus.FAILED || status == FileStatus.DUPLICATE;
    }
}
