package org.lfenergy.cds.auth.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads {@code cds.grants.v1} (the real Kafka) the way the api-gateway does, to see what a Grant change published. */
public final class GrantTopic {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GrantTopic() {
    }

    /** The latest event of this Grant with this status (waits up to 30 s), or an AssertionError. */
    public static JsonNode awaitStatus(String grantId, String status) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put("group.id", "auth-test-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("cds.grants.v1"));
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                List<JsonNode> matches = new ArrayList<>();
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (grantId.equals(r.key())) {
                        JsonNode value = MAPPER.readTree(r.value());
                        if (status.equals(value.path("status").asText())) {
                            matches.add(value);
                        }
                    }
                }
                if (!matches.isEmpty()) {
                    return matches.get(matches.size() - 1);
                }
            }
        }
        throw new AssertionError("no " + status + " event for grant " + grantId + " on cds.grants.v1");
    }
}
