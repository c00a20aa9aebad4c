package org.lfenergy.cds.ingest.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.lfenergy.cds.contracts.InternalTopic;
import org.lfenergy.cds.ingest.config.IngestConfig;
import org.lfenergy.cds.ingest.processing.ChunkCheckpoint;
import org.lfenergy.cds.ingest.registry.IngestFile;

/**
 * The internal topic {@value ChunkCheckpoint#TOPIC}: created with the catalogue, and read when a delivery resumes.
 *
 * <p>Reading: a delivery's checkpoints are all written after it started processing, so the reader starts at the
 * first record stamped after {@code started_at} (less {@link #CLOCK_SKEW}, for a restart on another host) and reads,
 * with {@code isolation.level=read_committed}, up to the high-water mark taken before it starts: only when every
 * transaction open at that moment has committed or aborted has it seen every checkpoint committed so far. A resume
 * is rare (a PostgreSQL outage, a restart), so a short-lived consumer is simpler than an always-on cache and costs
 * nothing on the normal path; the time bound keeps the scan to the checkpoints of the deliveries since this one
 * started, however old the topic.
 */
@ApplicationScoped
public class CheckpointTopic {

    /** How far before {@code started_at} the scan starts (producer clocks of other hosts may lag). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(10);
    /** Compacted; segments roll hourly so compaction keeps the topic at about one record per delivery. */
    static final Map<String, String> CONFIGS = InternalTopic.INGEST_CHECKPOINTS.configs();
    static final int PARTITIONS = InternalTopic.INGEST_CHECKPOINTS.partitions();

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    IngestConfig config;

    /** Creates the topic if missing and realigns its cleanup policy; returns whether it was created. */
    public boolean ensure(Admin admin, short replicationFactor, long timeoutSeconds) {
        try {
            try {
                admin.createTopics(List.of(new NewTopic(ChunkCheckpoint.TOPIC, PARTITIONS, replicationFactor)
                        .configs(CONFIGS))).all().get(timeoutSeconds, TimeUnit.SECONDS);
                return true;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + ChunkCheckpoint.TOPIC, e.getCause());
                }
            }
            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, ChunkCheckpoint.TOPIC);
            List<org.apache.kafka.clients.admin.AlterConfigOp> ops = new ArrayList<>();
            CONFIGS.forEach((k, v) -> ops.add(new org.apache.kafka.clients.admin.AlterConfigOp(
                    new org.apache.kafka.clients.admin.ConfigEntry(k, v),
                    org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)));
            admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get(timeoutSeconds, TimeUnit.SECONDS);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning " + ChunkCheckpoint.TOPIC, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot provision " + ChunkCheckpoint.TOPIC, e);
        }
    }

    /**
     * The last checkpoint committed for this delivery, if any. Waits (up to the transaction timeout and a margin)
     * for transactions still open on the topic to end.
     *
     * @throws IllegalStateException if the topic cannot be read to its end in that time
     */
    public Optional<ChunkCheckpoint> latest(IngestFile file) {
        if (file.startedAt() == null) {
            return Optional.empty();
        }
        Duration patience = config.kafka().transactionTimeout().plus(Duration.ofSeconds(30));
        long deadline = System.nanoTime() + patience.toNanos();
        String key = file.id().toString();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafkaConfig.get("bootstrap.servers")));
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(ChunkCheckpoint.TOPIC, patience)) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + ChunkCheckpoint.TOPIC + " does not exist");
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            // The high-water mark (read_uncommitted end): everything committed before now lies below it.
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(patience.toSeconds(), TimeUnit.SECONDS);
            long since = file.startedAt().toInstant().minus(CLOCK_SKEW).toEpochMilli();
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(tp -> times.put(tp, since));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times, patience);
            consumer.assign(partitions);
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition tp : partitions) {
                long end = ends.get(tp).offset();
                OffsetAndTimestamp start = starts.get(tp);
                if (start != null && start.offset() < end) {
                    consumer.seek(tp, start.offset());
                    remaining.put(tp, end);
                }
            }
            consumer.assign(new ArrayList<>(remaining.keySet()));
            ChunkCheckpoint found = null;
            while (!remaining.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read " + ChunkCheckpoint.TOPIC + " to its end within "
                            + patience.toSeconds() + " s (a transaction stays open?); " + remaining);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key()) && r.value() != null) {
                        ChunkCheckpoint c = ChunkCheckpoint.decode(r.key(), r.value());
                        if (found == null || c.committedThroughLine() > found.committedThroughLine()) {
                            found = c;
                        }
                    }
                }
                remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
            return Optional.ofNullable(found);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + ChunkCheckpoint.TOPIC, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the end offsets of " + ChunkCheckpoint.TOPIC, e);
        }
    }

    private Map<String, Object> consumerProps() {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k)) {
                props.put(k, v);
            }
        });
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaConfig.get("bootstrap.servers"));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-checkpoints-" + Instant.now().toEpochMilli());
        return props;
    }
}
