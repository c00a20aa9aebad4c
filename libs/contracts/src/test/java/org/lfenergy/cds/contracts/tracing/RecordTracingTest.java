package org.lfenergy.cds.contracts.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordTracingTest {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    private final RecordTracing tracing = new RecordTracing(sdk, "test");
    private long offset;

    @AfterEach
    void close() {
        sdk.close();
    }

    @Test
    void rowsPublishedUnderAFileSpanCarryThatSpanAsW3cTraceparent() {
        Span file = tracing.tracer().spanBuilder("file").startSpan();
        Map<String, byte[]> headers;
        try (Scope ignored = file.makeCurrent()) {
            headers = tracing.currentContextHeaders();
        } finally {
            file.end();
        }
        SpanContext c = file.getSpanContext();
        assertThat(new String(headers.get(RecordTracing.TRACEPARENT), StandardCharsets.UTF_8))
                .isEqualTo("00-" + c.getTraceId() + "-" + c.getSpanId() + "-01");
    }

    @Test
    void withoutACurrentSpanRowsCarryNoTraceHeader() {
        assertThat(tracing.currentContextHeaders()).isEmpty();
    }

    @Test
    void aBatchFromOneFileIsAConsumerChildOfThatFilesSpan() {
        SpanContext file = fileSpan();
        List<ConsumerRecord<String, String>> batch = List.of(record(file), record(file), record(file));

        tracing.startBatch("gridx.customers.v1", batch).end();

        SpanData span = onlyBatchSpan();
        assertThat(span.getName()).isEqualTo("process gridx.customers.v1");
        assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(span.getTraceId()).isEqualTo(file.getTraceId());
        assertThat(span.getParentSpanId()).isEqualTo(file.getSpanId());
        assertThat(span.getLinks()).isEmpty();
        assertThat(span.getAttributes().get(RecordTracing.COUNT)).isEqualTo(3L);
        assertThat(span.getAttributes().get(RecordTracing.DESTINATION)).isEqualTo("gridx.customers.v1");
        assertThat(span.getAttributes().get(RecordTracing.TRACES)).isEqualTo(1L);
    }

    @Test
    void aBatchMixingFilesStartsItsOwnTraceLinkedToEveryFile() {
        SpanContext first = fileSpan();
        SpanContext second = fileSpan();
        List<ConsumerRecord<String, String>> batch = List.of(record(first), record(second), record(first),
                record(null));

        tracing.startBatch("gridx.intervals.v1", batch).end();

        SpanData span = onlyBatchSpan();
        assertThat(span.getParentSpanContext().isValid()).isFalse();
        assertThat(span.getTraceId()).isNotIn(first.getTraceId(), second.getTraceId());
        assertThat(span.getLinks()).extracting(LinkData::getSpanContext).extracting(SpanContext::getSpanId)
                .containsExactly(first.getSpanId(), second.getSpanId());
        assertThat(span.getAttributes().get(RecordTracing.COUNT)).isEqualTo(4L);
        assertThat(span.getAttributes().get(RecordTracing.TRACES)).isEqualTo(2L);
    }

    @Test
    void aBatchOfManyFilesKeepsTheFirstLinksAndCountsTheRest() {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        for (int i = 0; i < RecordTracing.MAX_LINKS + 8; i++) {
            batch.add(record(fileSpan()));
        }

        tracing.startBatch("gridx.bills.v1", batch).end();

        SpanData span = onlyBatchSpan();
        assertThat(span.getLinks()).hasSize(RecordTracing.MAX_LINKS);
        assertThat(span.getAttributes().get(RecordTracing.TRACES)).isEqualTo(RecordTracing.MAX_LINKS + 8L);
    }

    @Test
    void aFailingBatchIsRecordedAsAnErrorAndRethrown() {
        SpanContext file = fileSpan();
        IllegalStateException boom = new IllegalStateException("database refused");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tracing.runInBatch("gridx.bills.v1",
                List.of(record(file)), () -> {
                    throw boom;
                })).isSameAs(boom);

        SpanData span = onlyBatchSpan();
        assertThat(span.getParentSpanId()).isEqualTo(file.getSpanId());
        assertThat(span.getStatus().getStatusCode()).isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
        assertThat(span.getStatus().getDescription()).isEqualTo("database refused");
        assertThat(span.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
    }

    @Test
    void aBatchWithoutTraceHeadersIsARootSpanWithoutLinks() {
        tracing.startBatch("gridx.events.v1", List.of(record(null), record(null))).end();

        SpanData span = onlyBatchSpan();
        assertThat(span.getParentSpanContext().isValid()).isFalse();
        assertThat(span.getLinks()).isEmpty();
        assertThat(span.getAttributes().get(RecordTracing.TRACES)).isZero();
    }

    private SpanContext fileSpan() {
        Span span = tracing.tracer().spanBuilder("file").startSpan();
        span.end();
        return span.getSpanContext();
    }

    private SpanData onlyBatchSpan() {
        List<SpanData> batches = exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getName().startsWith("process ")).toList();
        assertThat(batches).hasSize(1);
        return batches.get(0);
    }

    private ConsumerRecord<String, String> record(SpanContext file) {
        ConsumerRecord<String, String> r = new ConsumerRecord<>("t", 0, offset++, "k", "v");
        if (file != null) {
            String traceparent = "00-" + file.getTraceId() + "-" + file.getSpanId() + "-01";
            r.headers().add(new RecordHeader(RecordTracing.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8)));
        }
        return r;
    }
}
