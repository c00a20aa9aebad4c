package org.lfenergy.cds.ingest.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * The checkpoint a chunk's Kafka transaction carries along with the chunk's rows: "this delivery is committed
 * through this line". Because it commits (or aborts) together with the rows, it can never disagree with them, unlike
 * the registry's checkpoint, which PostgreSQL writes after the commit and can lose to an outage in between.
 *
 * <p>Record on {@value #TOPIC}: key = the delivery's registry id, value = UTF-8 JSON
 * {@code {"file_id":"…","file_name":"…","committed_through_line":N}}.
 */
public record ChunkCheckpoint(UUID fileId, String fileName, long committedThroughLine) {

    /** The compacted internal topic of the checkpoints (docs/topics.md, "Internal topics"). */
    public static final String TOPIC = org.lfenergy.cds.contracts.InternalTopic.INGEST_CHECKPOINTS.topicName();

    private static final ObjectMapper JSON = new ObjectMapper();

    public ChunkCheckpoint {
        if (fileId == null) {
            throw new IllegalArgumentException("checkpoint without file_id");
        }
        if (fileName == null || fileName.isBlank()) {
            throw new IllegalArgumentException("checkpoint of " + fileId + " without file_name");
        }
        if (committedThroughLine < 0) {
            throw new IllegalArgumentException("checkpoint of " + fileId + ": committed_through_line "
                    + committedThroughLine + " is negative");
        }
    }

    /** The record key: the delivery's registry id (compaction keeps the last checkpoint of each delivery). */
    public String key() {
        return fileId.toString();
    }

    public byte[] encode() {
        ObjectNode node = JSON.createObjectNode();
        node.put("file_id", fileId.toString());
        node.put("file_name", fileName);
        node.put("committed_through_line", committedThroughLine);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a record of {@value #TOPIC}.
     *
     * @throws IllegalArgumentException naming the key and the broken field if the record is not a checkpoint
     */
    public static ChunkCheckpoint decode(String key, byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("checkpoint " + key + ": no value (tombstone)");
        }
        JsonNode node;
        try {
            node = JSON.readTree(new String(value, StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("checkpoint " + key + ": not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("checkpoint " + key + ": not a JSON object");
        }
        UUID id = uuid(key, node.get("file_id"));
        if (!id.toString().equals(key)) {
            throw new IllegalArgumentException("checkpoint " + key + ": file_id " + id + " differs from the key");
        }
        JsonNode name = node.get("file_name");
        if (name == null || !name.isTextual()) {
            throw new IllegalArgumentException("checkpoint " + key + ": file_name missing or not a string");
        }
        JsonNode line = node.get("committed_through_line");
        if (line == null || !line.isIntegralNumber() || !line.canConvertToLong()) {
            throw new IllegalArgumentException("checkpoint " + key + ": committed_through_line " + line
                    + " is not a whole number");
        }
        return new ChunkCheckpoint(id, name.asText(), line.asLong());
    }

    private static UUID uuid(String key, JsonNode id) {
        if (id == null || !id.isTextual()) {
            throw new IllegalArgumentException("checkpoint " + key + ": file_id missing or not a string");
        }
        try {
            UUID parsed = UUID.fromString(id.asText());
            if (!parsed.toString().equals(id.asText().toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("not canonical");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint " + key + ": file_id " + id.asText() + " is not a UUID", e);
        }
    }

    /**
     * The line a resumed delivery continues after: the later of the registry's checkpoint and the last checkpoint
     * committed with the rows (the registry lags when PostgreSQL failed between a chunk's commit and its checkpoint).
     *
     * @throws IllegalArgumentException if the topic's checkpoint belongs to another delivery
     */
    public static long resumeAfter(UUID fileId, long registryLine, Optional<ChunkCheckpoint> committed) {
        if (registryLine < 0) {
            throw new IllegalArgumentException("registry checkpoint " + registryLine + " of " + fileId + " is negative");
        }
        if (committed.isEmpty()) {
            return registryLine;
        }
        if (!committed.get().fileId().equals(fileId)) {
            throw new IllegalArgumentException("checkpoint of " + committed.get().fileId() + " used for " + fileId);
        }
        return Math.max(registryLine, committed.get().committedThroughLine());
    }
}
