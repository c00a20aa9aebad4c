package org.lfenergy.cds.usage.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.RowEvent;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.gridx.GridxPayload;

/** Publishes row events to the real topics with a plain producer, as ingest-service would (keys from Topic). */
public final class KafkaEvents implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();

    public KafkaEvents() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** The bootstrap servers the application under test uses. */
    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** Creates the row topics this service reads, with the catalogue's partitions, when they do not exist. */
    public static void ensureTopics() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get();
            for (Topic t : List.of(Topic.CUSTOMERS, Topic.METERACCOUNT_METERS, Topic.ATTRIBUTES, Topic.INTERVALS,
                    Topic.REGISTERS, Topic.BILL_DETERMINANTS, Topic.NETWORKS, Topic.EVENTS, Topic.BILLS)) {
                if (!existing.contains(t.topicName())) {
                    try {
                        admin.createTopics(List.of(new NewTopic(t.topicName(), t.defaultPartitions(), (short) 1)
                                .configs(t.configs()))).all().get();
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
            }
        }
    }

    /** The actual partition count of each topic (the shared broker's topics may differ from the catalogue). */
    public static java.util.Map<String, Integer> partitions(List<String> topics) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        try (Admin admin = Admin.create(p)) {
            java.util.Map<String, Integer> out = new java.util.HashMap<>();
            admin.describeTopics(topics).allTopicNames().get()
                    .forEach((name, d) -> out.put(name, d.partitions().size()));
            return out;
        }
    }

    /**
     * True when this instance holds every partition of each topic and every consumer of a topic's channel holds some
     * (the INTERVAL topic has {@code usage.intervals.concurrency} consumers): all have joined the group, so no join-triggered
     * rebalance can move a partition to a consumer that would start it at the latest offset after records were sent.
     */
    public static boolean settled(org.lfenergy.cds.usage.messaging.TopicAssignments assignments,
                                  java.util.Map<String, Integer> partitions) {
        int intervalConsumers = ConfigProvider.getConfig()
                .getOptionalValue("usage.intervals.concurrency", Integer.class).orElse(2);
        return partitions.entrySet().stream().allMatch(e -> assignments.assignedPartitions(e.getKey()) == e.getValue()
                && assignments.consumersOf(e.getKey()) == (e.getKey().equals(Topic.INTERVALS.topicName())
                        ? Math.min(intervalConsumers, e.getValue()) : 1));
    }

    /** Sends one row event (asynchronously; {@link #flush()} waits). */
    public void send(Topic topic, String client, GridxPayload payload, long line) {
        RowEvent<GridxPayload> e = RowEvent.of(client, "test-file", "GRIDX_" + client + "_TEST.csv", line, payload);
        pending.add(producer.send(new ProducerRecord<>(topic.topicName(), topic.keyOf(e),
                EventCodec.shared().encode(e))));
    }

    /** Sends raw bytes (poison records). */
    public void sendRaw(Topic topic, String key, byte[] value) {
        pending.add(producer.send(new ProducerRecord<>(topic.topicName(), key, value)));
    }

    /** Waits until every sent record is acknowledged. */
    public void flush() throws Exception {
        producer.flush();
        for (Future<RecordMetadata> f : pending) {
            f.get();
        }
        pending.clear();
    }

    @Override
    public void close() {
        producer.close();
    }
}
