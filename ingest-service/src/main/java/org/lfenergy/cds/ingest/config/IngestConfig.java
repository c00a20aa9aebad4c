package org.lfenergy.cds.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/** Settings of the ingest service ({@code cds.ingest.*}). */
@ConfigMapping(prefix = "cds.ingest")
public interface IngestConfig {

    /** Folder watched for new files; {@code processing/}, {@code done/} and {@code failed/} are created inside it. */
    @WithDefault(".local/data/inbox")
    Path inbox();

    /** Whether the inbox folder is watched at all (uploads work either way). */
    @WithDefault("true")
    boolean inboxEnabled();

    /** How often the inbox is scanned. */
    @WithDefault("2s")
    Duration pollInterval();

    /** A file is picked up only once its size and modification time have not changed for this long. */
    @WithDefault("2s")
    Duration stableFor();

    /** Zone of local date-times for clients without an entry in {@link #clientZones()}. */
    @WithDefault("America/Los_Angeles")
    ZoneId defaultZone();

    /** Zone per client code, e.g. {@code cds.ingest.client-zones.DEMO=America/Los_Angeles}. */
    Map<String, ZoneId> clientZones();

    /** Rows per Kafka transaction; a restart re-reads at most this many already published rows. */
    @WithDefault("50000")
    int chunkRows();

    /** Findings kept per file for the status API (all rejects are published to gridx.rejects.v1). */
    @WithDefault("1000")
    int storedFindingsPerFile();

    /** Largest accepted upload. */
    @WithDefault("64G")
    io.quarkus.runtime.configuration.MemorySize maxUploadSize();

    default ZoneId zoneOf(String client) {
        return clientZones().getOrDefault(client, defaultZone());
    }
}
