package org.lfenergy.cds.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.RowEvent;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.gridx.CustomerPayload;
import org.lfenergy.cds.contracts.gridx.GridxPayload;

/**
 * What every GridX consumer promises about tracing, for a {@code @QuarkusTest} subclass of the service under test: the
 * batch that projects a row is a {@code CONSUMER} span, {@code process <topic>}, that continues the trace the row
 * carries (the ingest file's span), and the Kafka connector adds no span per record.
 */
public abstract class BatchTracingContract {

    /** The service's in-memory span exporter (a CDI bean of the test sources). */
    protected abstract InMemorySpanExporter spans();

    @Test
    void aPolledBatchContinuesTheTraceOfTheFileItsRowsCameFrom() {
        String traceId = Traces.newTraceId();
        String fileSpanId = Traces.newSpanId();
        String client = "TR" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        GridxPayload row = new CustomerPayload("P1", "E1", "C1", "PM1", "SP1", "MA1",
                OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), null, "Active");
        RowEvent<GridxPayload> event = RowEvent.of(client, "traced-file", "GRIDX_" + client + "_CUSTOMER.csv", 2, row);
        String topic = Topic.CUSTOMERS.topicName();

        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        Traces.publish(bootstrap, topic,
                Topic.CUSTOMERS.keyOf(event), EventCodec.shared().encode(event), Traces.traceparent(traceId, fileSpanId));

        SpanData batch;
        try {
            batch = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                    .until(() -> spans().getFinishedSpanItems().stream()
                            .filter(s -> s.getName().equals("process " + topic)
                                    && Traces.continues(s, traceId, fileSpanId))
                            .findFirst().orElse(null), s -> s != null);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no batch span continues " + Traces.traceparent(traceId, fileSpanId)
                    + "; finished spans: " + spans().getFinishedSpanItems().stream()
                            .map(s -> s.getName() + " " + s.getTraceId() + "/" + s.getParentSpanId() + " links "
                                    + s.getLinks().size()).distinct().limit(40).toList(), e);
        }
        assertThat(batch.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(spans().getFinishedSpanItems()).as("no per-record span of the Kafka connector in the file's trace")
                .filteredOn(s -> s.getTraceId().equals(traceId) && s.getKind() == SpanKind.CONSUMER)
                .extracting(SpanData::getName).allSatisfy(n -> assertThat(n).isEqualTo("process " + topic));
        assertThat(batch.getAttributes().asMap()).extractingFromEntries(e -> e.getKey().getKey() + "=" + e.getValue())
                .contains("messaging.system=kafka", "messaging.destination.name=" + topic,
                        "messaging.operation.type=process");
    }
}
