package org.lfenergy.cds.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

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

    /**
     * How often a delivery interrupted by a database outage is tried again: it resumes after its last committed line
     * once PostgreSQL answers.
     */
    @WithDefault("5s")
    Duration resumeInterval();

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

    /** Whether the topic catalogue is created (and realigned) at start; off on Kubernetes, where Strimzi owns it. */
    @WithDefault("true")
    boolean provisionTopics();

    /** Replication factor of the topics this service creates. */
    @WithDefault("1")
    short topicReplicationFactor();

    /** Cross-row validation ({@code cds.ingest.validation.*}). */
    Validation validation();

    /** Kafka publication of the rows ({@code cds.ingest.kafka.*}). */
    Kafka kafka();

    default ZoneId zoneOf(String client) {
        return clientZones().getOrDefault(client, defaultZone());
    }

    /** Bounds of the register-versus-interval check's window. */
    interface Validation {

        /** Hours of interval usage kept per client. */
        @WithDefault("200000")
        int usageWindowHours();

        /** Register reads kept per client. */
        @WithDefault("200000")
        int usageWindowRegisters();
    }

    /** The producers of the rows, rejects and lifecycle events, and how a chunk survives a transient Kafka error. */
    interface Kafka {

        /** Producer batch size in bytes. */
        @WithDefault("262144")
        int batchSize();

        /** Producer linger. */
        @WithDefault("10")
        int lingerMs();

        /** Producer compression codec. */
        @WithDefault("lz4")
        String compression();

        /** First part of every transactional id: {@code <prefix>-<instance-id>-<role>}. */
        @WithDefault("ingest")
        String transactionalIdPrefix();

        /**
         * This instance's part of the transactional ids; must differ between instances that run at the same time
         * (two instances with the same id fence each other). Default: the host name ({@code HOSTNAME}, else the
         * local host's name), which Kubernetes sets to the pod name.
         */
        Optional<String> instanceId();

        /**
         * How long the transaction coordinator waits before aborting a transaction its producer left open (an
         * instance that died mid-chunk): until then read_committed consumers of the partitions it wrote stall.
         */
        @WithDefault("60s")
        Duration transactionTimeout();

        /** Retries of a chunk after a transient Kafka error. */
        Retry retry();
    }

    /** Bounded exponential backoff for a chunk's retries ({@code cds.ingest.kafka.retry.*}). */
    interface Retry {

        /** Attempts per chunk including the first one; 1 disables retries. */
        @WithDefault("8")
        int maxAttempts();

        /** Wait before the first retry; doubled for each further one. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Longest wait between two attempts. */
        @WithDefault("30s")
        Duration maxBackoff();
    }
}
