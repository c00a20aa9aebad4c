package org.lfenergy.cds.ingest.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.lfenergy.cds.ingest.config.IngestConfig;

/**
 * Builds the Kafka producers of the ingest service from the application's Kafka configuration: idempotent,
 * acks=all, lz4, large batches, and transactional, so a file's chunk becomes visible all at once or not at all.
 *
 * <p>Transactional ids are {@code <prefix>-<instance-id>-<role>}: unique per running instance, so two instances
 * (two pods, or the old and the new pod of a rolling update) never fence each other (docs/operations.md,
 * "Kafka transactional ids").
 */
@ApplicationScoped
public class ProducerFactory {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    IngestConfig config;

    /** This instance's transactional producer for {@code role} (e.g. {@code rows}), transactions initialised. */
    public Producer<String, byte[]> transactional(String role) {
        return transactional(instanceId(), role);
    }

    /** A transactional producer as the instance {@code instance} would have it (tests run two instances in one JVM). */
    public Producer<String, byte[]> transactional(String instance, String role) {
        Map<String, Object> props = base();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(instance, role));
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                (int) Math.min(Integer.MAX_VALUE, config.kafka().transactionTimeout().toMillis()));
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props);
        try {
            // Aborts whatever a previous producer with this id left open, and fences that producer.
            producer.initTransactions();
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        return producer;
    }

    /** {@code <prefix>-<instance>-<role>}. */
    public String transactionalId(String instance, String role) {
        return config.kafka().transactionalIdPrefix() + "-" + instance + "-" + role;
    }

    /** This instance's id: {@code cds.ingest.kafka.instance-id}, else the host name. */
    public String instanceId() {
        return config.kafka().instanceId().filter(id -> !id.isBlank()).map(String::strip)
                .orElseGet(ProducerFactory::host);
    }

    /** A plain idempotent producer (lifecycle events: not part of a file's chunks). */
    public KafkaProducer<String, byte[]> plain() {
        return new KafkaProducer<>(base());
    }

    private Map<String, Object> base() {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (ProducerConfig.configNames().contains(k)) {
                props.put(k, v);
            }
        });
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaConfig.get("bootstrap.servers"));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.kafka().compression());
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, config.kafka().batchSize());
        props.put(ProducerConfig.LINGER_MS_CONFIG, config.kafka().lingerMs());
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-" + UUID.randomUUID().toString().substring(0, 8));
        return props;
    }

    static String host() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
