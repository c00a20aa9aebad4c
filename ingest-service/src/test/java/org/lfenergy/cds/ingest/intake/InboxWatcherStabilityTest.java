package org.lfenergy.cds.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lfenergy.cds.ingest.config.IngestConfig;

class InboxWatcherStabilityTest {

    @TempDir
    Path inbox;

    private final Instant t0 = Instant.parse("2026-11-22T10:00:00Z");

    private InboxWatcher watcher() {
        return new InboxWatcher(new FixedConfig(inbox, Duration.ofSeconds(2)), null);
    }

    private Path write(String name, String content, Instant modified) throws IOException {
        Path file = inbox.resolve(name);
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    @Test
    void takesAFileOnlyAfterItStayedUnchangedForTheStablePeriod() throws IOException {
        InboxWatcher watcher = watcher();
        Path file = write("GRIDX_DEMO_CUSTOMER_20261122000000.csv", "a", t0);

        assertThat(watcher.stableFiles(t0.plusSeconds(3))).isEmpty();
        assertThat(watcher.stableFiles(t0.plusSeconds(4))).isEmpty();
        assertThat(watcher.stableFiles(t0.plusSeconds(5))).containsExactly(file);
    }

    @Test
    void leavesAFileAloneWhileItIsStillGrowing() throws IOException {
        InboxWatcher watcher = watcher();
        Path file = write("GRIDX_DEMO_INTERVAL_20261122000000.csv", "a", t0);
        assertThat(watcher.stableFiles(t0.plusSeconds(3))).isEmpty();

        Files.writeString(file, "ab");
        Files.setLastModifiedTime(file, FileTime.from(t0.plusSeconds(4)));
        assertThat(watcher.stableFiles(t0.plusSeconds(6))).isEmpty();
        assertThat(watcher.stableFiles(t0.plusSeconds(7))).isEmpty();
        assertThat(watcher.stableFiles(t0.plusSeconds(9))).containsExactly(file);
    }

    @Test
    void neverTakesHiddenOrPartialTransferFiles() throws IOException {
        InboxWatcher watcher = watcher();
        write(".GRIDX_DEMO_CUSTOMER_20261122000000.csv", "a", t0);
        write("GRIDX_DEMO_CUSTOMER_20261122000000.csv.part", "a", t0);
        write("GRIDX_DEMO_CUSTOMER_20261122000000.csv.tmp", "a", t0);

        watcher.stableFiles(t0.plusSeconds(10));
        assertThat(watcher.stableFiles(t0.plusSeconds(20))).isEmpty();
    }

    @Test
    void takesFilesInNameOrderSoTimestampedNamesArriveOldestFirst() throws IOException {
        InboxWatcher watcher = watcher();
        Path later = write("GRIDX_DEMO_BILLING_20261122000000.csv", "a", t0);
        Path earlier = write("GRIDX_DEMO_BILLING_20261121000000.csv", "a", t0);

        watcher.stableFiles(t0.plusSeconds(3));
        assertThat(watcher.stableFiles(t0.plusSeconds(10))).containsExactly(earlier, later);
    }

    private record FixedConfig(Path inbox, Duration stableFor) implements IngestConfig {
        public boolean inboxEnabled() {
            return true;
        }

        public Duration pollInterval() {
            return Duration.ofSeconds(1);
        }

        public Duration resumeInterval() {
            return Duration.ofSeconds(5);
        }

        public ZoneId defaultZone() {
            return ZoneId.of("UTC");
        }

        public Map<String, ZoneId> clientZones() {
            return Map.of();
        }

        public int chunkRows() {
            return 10;
        }

        public int storedFindingsPerFile() {
            return 10;
        }

        public boolean provisionTopics() {
            return false;
        }

        public short topicReplicationFactor() {
            return 1;
        }

        public Validation validation() {
            throw new UnsupportedOperationException("the inbox watcher validates nothing");
        }

        public Kafka kafka() {
            throw new UnsupportedOperationException("the inbox watcher publishes nothing");
        }

        public io.quarkus.runtime.configuration.MemorySize maxUploadSize() {
            return new io.quarkus.runtime.configuration.MemorySize(java.math.BigInteger.valueOf(1_000_000));
        }
    }
}
