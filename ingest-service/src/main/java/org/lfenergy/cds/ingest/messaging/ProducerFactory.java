package org.lfenergy.cds.ingest.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the Kafka producers of the ingest service from the application's Kafka configuration: idempotent,
 * acks=all, lz4, large batches, and transactional, so a file's chunk becomes visible all at once or not at all.
 */
@ApplicationScoped
public class ProducerFactory {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "cds.ingest.kafka.batch-size", defaultValue = "262144")
    int batchSize;

    @ConfigProperty(name = "cds.ingest.kafka.linger-ms", defaultValue = "10")
    int lingerMs;

    @ConfigProperty(name = "cds.ingest.kafka.compression", defaultValue = "lz4")
    String compression;

    @ConfigProperty(name = "cds.ingest.kafka.transactional-id-prefix", defaultValue = "ingest")
    String transactionalIdPrefix;

    /** Stable per replica (e.g. a StatefulSet pod name) so a restarted instance fences its predecessor; default: host name. */
    @ConfigProperty(name = "cds.ingest.kafka.instance-id")
    java.util.Optional<String> instanceId;

    /** A transactional producer whose id is stable per host, so a restarted instance fences its predecessor. */
    public KafkaProducer<String, byte[]> transactional(String role) {
        Map<String, Object> props = base();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalIdPrefix + "-" + instanceId.orElseGet(ProducerFactory::host) + "-" + role);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props);
        producer.initTransactions();
        return producer;
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
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, batchSize);
        props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-" + UUID.randomUUID().toString().substring(0, 8));
        return props;
    }

    private static String host() {
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
