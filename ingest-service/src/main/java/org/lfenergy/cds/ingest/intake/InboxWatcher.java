package org.lfenergy.cds.ingest.intake;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.lfenergy.cds.ingest.config.IngestConfig;

/**
 * Picks up files dropped into the inbox. A file still being written is left alone: it is taken only after its size
 * and modification time have stayed the same for {@code cds.ingest.stable-for}. Hidden files and the usual
 * transfer-in-progress suffixes ({@code .part}, {@code .tmp}, {@code .filepart}, {@code .partial}) are never taken.
 * A file whose name is not a GridX name goes to {@code failed/} with a {@code .error.txt} beside it.
 */
@ApplicationScoped
public class InboxWatcher {

    private static final Logger LOG = Logger.getLogger(InboxWatcher.class);
    private static final List<String> IN_PROGRESS_SUFFIXES = List.of(".part", ".tmp", ".filepart", ".partial", ".crdownload");

    private final IngestConfig config;
    private final Intake intake;
    private final Map<Path, Observation> seen = new HashMap<>();

    public InboxWatcher(IngestConfig config, Intake intake) {
        this.config = config;
        this.intake = intake;
    }

    @Scheduled(every = "${cds.ingest.poll-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scan() {
        if (!config.inboxEnabled()) {
            return;
        }
        try {
            for (Path file : stableFiles(Instant.now())) {
                take(file);
            }
        } catch (IOException e) {
            LOG.warnf("cannot scan inbox %s: %s", config.inbox(), e.getMessage());
        }
    }

    /** Files that have not changed for the configured time; forgets files that disappeared. */
    synchronized List<Path> stableFiles(Instant now) throws IOException {
        List<Path> ready = new ArrayList<>();
        Map<Path, Observation> current = new HashMap<>();
        if (!Files.isDirectory(config.inbox())) {
            return ready;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(config.inbox(), Files::isRegularFile)) {
            for (Path file : dir) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || IN_PROGRESS_SUFFIXES.stream().anyMatch(name::endsWith)) {
                    continue;
                }
                BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
                Observation now2 = new Observation(attrs.size(), attrs.lastModifiedTime().toMillis(), now);
                Observation before = seen.get(file);
                if (before != null && before.size == now2.size && before.modified == now2.modified) {
                    current.put(file, before);
                    boolean quietLongEnough = !before.firstSeen.plus(config.stableFor()).isAfter(now)
                            && now.toEpochMilli() - now2.modified >= config.stableFor().toMillis();
                    if (quietLongEnough) {
                        ready.add(file);
                    }
                } else {
                    current.put(file, now2);
                }
            }
        }
        seen.clear();
        seen.putAll(current);
        ready.sort(null);
        ready.forEach(seen::remove);
        return ready;
    }

    private void take(Path file) {
        try {
            intake.fromInbox(file);
        } catch (DeliveryRejectedException e) {
            LOG.warnf("inbox file %s rejected: %s (%s)", file.getFileName(), e.getMessage(), e.ruleId());
            try {
                Path failed = config.inbox().resolve("failed").resolve(file.getFileName());
                Files.move(file, failed, StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(failed.resolveSibling(file.getFileName() + ".error.txt"),
                        e.ruleId() + ": " + e.getMessage() + System.lineSeparator());
            } catch (IOException io) {
                LOG.errorf(io, "cannot move rejected file %s", file);
            }
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "cannot take inbox file %s; will retry", file);
        }
    }

    private record Observation(long size, long modified, Instant firstSeen) {
    }
}
