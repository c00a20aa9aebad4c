package org.lfenergy.cds.contracts.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Carries the trace of a GridX file through Kafka at batch granularity. The ingest-service publishes every row of a
 * file under the file's span ({@link #currentContextHeaders()}, W3C {@code traceparent}/{@code tracestate} headers,
 * computed once per file); a consumer opens one span per polled batch ({@link #startBatch}), whose parent is the file
 * when the batch comes from one file, and which links to up to {@link #MAX_LINKS} files otherwise. A span per row
 * would cost more than projecting the row and would bury a file's trace under a million children.
 */
public final class RecordTracing {

    /** The W3C trace-context header a row carries (also read by any OpenTelemetry Kafka instrumentation). */
    public static final String TRACEPARENT = "traceparent";
    /** Links a batch span keeps to the files it mixes (the SDK's default link limit); more are counted, not linked. */
    public static final int MAX_LINKS = 128;

    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<Long> COUNT = AttributeKey.longKey("messaging.batch.message_count");
    static final AttributeKey<Long> TRACES = AttributeKey.longKey("cds.batch.trace_count");

    private static final TextMapGetter<Headers> KAFKA_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            List<String> keys = new java.util.ArrayList<>();
            carrier.forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            if (carrier == null) {
                return null;
            }
            Header h = carrier.lastHeader(key);
            return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public RecordTracing(OpenTelemetry openTelemetry, String instrumentationName) {
        this.tracer = openTelemetry.getTracer(instrumentationName);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** The tracer spans of the caller's own work (e.g. one file) come from. */
    public Tracer tracer() {
        return tracer;
    }

    /**
     * The headers that carry the current context to consumers, as UTF-8 bytes in propagator order; empty when no
     * span is current (nothing is traced then, and the records carry no trace header).
     */
    public Map<String, byte[]> currentContextHeaders() {
        Context context = Context.current();
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return Map.of();
        }
        Map<String, byte[]> headers = new LinkedHashMap<>(4);
        propagator.inject(context, headers, (carrier, key, value) -> carrier.put(key,
                value.getBytes(StandardCharsets.UTF_8)));
        return Collections.unmodifiableMap(headers);
    }

    /**
     * Starts (does not make current) a {@code CONSUMER} span, {@code process <topic>}, for one polled batch of
     * {@code topic}: child of the one trace the batch's records carry, or a new trace linked to each of them when
     * they carry several. The caller ends it.
     */
    public Span startBatch(String topic, Iterable<? extends ConsumerRecord<?, ?>> records) {
        Map<ByteBuffer, Headers> distinct = new LinkedHashMap<>(4);
        long count = 0;
        for (ConsumerRecord<?, ?> record : records) {
            count++;
            Header parent = record.headers().lastHeader(TRACEPARENT);
            if (parent != null && parent.value() != null) {
                distinct.putIfAbsent(ByteBuffer.wrap(parent.value()), record.headers());
            }
        }
        SpanBuilder span = tracer.spanBuilder("process " + topic)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(DESTINATION, topic)
                .setAttribute(OPERATION, "process")
                .setAttribute(COUNT, count)
                .setAttribute(TRACES, (long) distinct.size());
        if (distinct.size() == 1) {
            return span.setParent(extract(distinct.values().iterator().next())).startSpan();
        }
        span.setNoParent();
        int links = 0;
        for (Headers headers : distinct.values()) {
            SpanContext linked = Span.fromContext(extract(headers)).getSpanContext();
            if (linked.isValid() && links++ < MAX_LINKS) {
                span.addLink(linked);
            }
        }
        return span.startSpan();
    }

    /**
     * Runs {@code body}, the processing of one polled batch of {@code topic}, inside its {@link #startBatch} span; a
     * failure is recorded on the span and rethrown.
     */
    public void runInBatch(String topic, Iterable<? extends ConsumerRecord<?, ?>> records, Runnable body) {
        Span span = startBatch(topic, records);
        try (io.opentelemetry.context.Scope ignored = span.makeCurrent()) {
            body.run();
        } catch (RuntimeException | Error e) {
            failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** Marks {@code span} failed by {@code failure}. */
    public static void failed(Span span, Throwable failure) {
        span.recordException(failure);
        span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR,
                failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage());
    }

    private Context extract(Headers headers) {
        return propagator.extract(Context.root(), headers, KAFKA_HEADERS);
    }
}
