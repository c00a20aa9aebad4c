package org.lfenergy.cds.billing.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.RowEvent;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.TopicProvisioner;
import org.lfenergy.cds.contracts.gridx.GridxPayload;

/** Publishes row events to the real topics, as ingest-service would (keys from Topic, JSON from EventCodec). */
public final class TopicPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final EventCodec codec = EventCodec.shared();

    public TopicPublisher() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        ensureTopics(bootstrap);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(p);
    }

    /** Publishes the rows of one "file" and waits until Kafka has them. */
    public void publish(String client, String fileName, List<? extends GridxPayload> rows) {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        long line = 2;
        for (GridxPayload row : rows) {
            RowEvent<GridxPayload> event = RowEvent.of(client, "test-" + fileName, fileName, line++, row);
            Topic topic = Topic.forPayload(row.getClass()).orElseThrow();
            sent.add(producer.send(new ProducerRecord<>(topic.topicName(), topic.keyOf(event), codec.encode(event))));
        }
        waitFor(sent);
    }

    /** Publishes a raw value (e.g. a poison event). */
    public void publishRaw(Topic topic, String key, byte[] value) {
        waitFor(List.of(producer.send(new ProducerRecord<>(topic.topicName(), key, value))));
    }

    private static void waitFor(List<java.util.concurrent.Future<?>> sent) {
        try {
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The catalogue's topics with their real settings (one recipe: contracts' TopicProvisioner). */
    private static void ensureTopics(String bootstrap) {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            TopicProvisioner.ensureTopics(admin, (short) 1, 30);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
