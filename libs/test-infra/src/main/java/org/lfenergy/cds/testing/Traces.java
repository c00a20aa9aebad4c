package org.lfenergy.cds.testing;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** W3C trace contexts for tracing tests: fresh ids, a traced Kafka record, and "does this span continue it". */
public final class Traces {

    public static final String TRACEPARENT = "traceparent";

    private Traces() {
    }

    /** A random valid 32-hex-digit trace id. */
    public static String newTraceId() {
        return randomHex(16);
    }

    /** A random valid 16-hex-digit span id. */
    public static String newSpanId() {
        return randomHex(8);
    }

    /** The {@code traceparent} of a sampled caller span. */
    public static String traceparent(String traceId, String spanId) {
        return "00-" + traceId + "-" + spanId + "-01";
    }

    /** Publishes one record carrying {@code traceparent} and waits until Kafka has it. */
    public static void publish(String bootstrapServers, String topic, String key, byte[] value, String traceparent) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
            record.headers().add(TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish to " + topic, e.getCause());
        }
    }

    /**
     * Whether {@code span} continues the caller span {@code spanId} of trace {@code traceId}: as its child, or (a
     * batch that mixed several traces) through a link.
     */
    public static boolean continues(SpanData span, String traceId, String spanId) {
        if (span.getTraceId().equals(traceId) && span.getParentSpanId().equals(spanId)) {
            return true;
        }
        return span.getLinks().stream().anyMatch(l -> l.getSpanContext().getTraceId().equals(traceId)
                && l.getSpanContext().getSpanId().equals(spanId));
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zero, which W3C forbids
        return HexFormat.of().formatHex(b);
    }
}
