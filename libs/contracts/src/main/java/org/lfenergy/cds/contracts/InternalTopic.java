package org.lfenergy.cds.contracts;

import java.util.Map;

/**
 * Topics one service keeps for itself, outside the {@link Topic} catalogue of data topics (docs/topics.md,
 * "Internal topics"): no other service reads or writes them. Named here so the service that creates them and the
 * Kubernetes manifests (KafkaTopic, KafkaUser ACLs) take name, partitions and settings from one place.
 */
public enum InternalTopic {

    /**
     * ingest-service's chunk checkpoints: one record per chunk, written in the chunk's Kafka transaction (key = the
     * delivery's registry id). Compacted, and segments roll hourly, so compaction keeps about one record per delivery.
     */
    INGEST_CHECKPOINTS("cds.ingest.checkpoints.v1", "ingest-service", 1,
            Map.of("cleanup.policy", "compact", "segment.ms", "3600000"));

    private final String topicName;
    private final String owner;
    private final int partitions;
    private final Map<String, String> configs;

    InternalTopic(String topicName, String owner, int partitions, Map<String, String> configs) {
        this.topicName = topicName;
        this.owner = owner;
        this.partitions = partitions;
        this.configs = configs;
    }

    /** The Kafka topic name. */
    public String topicName() {
        return topicName;
    }

    /** The one service that reads and writes it. */
    public String owner() {
        return owner;
    }

    /** Partitions. */
    public int partitions() {
        return partitions;
    }

    /** Topic-level settings. */
    public Map<String, String> configs() {
        return configs;
    }
}
