package org.lfenergy.cds.ingest.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.tracing.RecordTracing;
import org.lfenergy.cds.ingest.IngestTestSupport;
import org.lfenergy.cds.testing.KafkaTestTopics;
import org.lfenergy.cds.testing.RealInfrastructure;
import org.lfenergy.cds.testing.Traces;

/** A file's processing is one span in the uploader's trace, and every record it publishes carries that span. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "ingest"))
class FileTracingTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void rowsRejectsAndLifecycleEventsOfAFileCarryTheFileSpanWhichContinuesTheUploadersTrace() {
        String traceId = Traces.newTraceId();
        String callerSpanId = Traces.newSpanId();
        String client = IngestTestSupport.uniqueClient();
        String name = "GRIDX_" + client + "_CUSTOMER_20261122010000.csv";
        String content = "Person_ID,Entity_ID,Contract_ID,Premise_ID,ServicePoint_ID,MeterAccount_ID,"
                + "Contract_start_date,Contract_end_date,Service_status\n"
                + "P1,E1,4001,7001,6001,5001,202401010000,,Active\n"
                + "P2,E2,4002,7002,6002,5002,2024-13-45,,Active\n";

        String id = given().header(Traces.TRACEPARENT, Traces.traceparent(traceId, callerSpanId))
                .contentType("application/octet-stream").body(content.getBytes(StandardCharsets.UTF_8))
                .put("/files/" + name).then().statusCode(202).extract().path("id");
        assertThat(IngestTestSupport.awaitFinished(id)).isEqualTo("COMPLETED");

        SpanData file = await().atMost(Duration.ofSeconds(20)).until(() -> spanNamed(traceId, "gridx.ingest CUSTOMER"),
                s -> s != null);
        SpanData upload = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId) && s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertThat(upload.getParentSpanId()).isEqualTo(callerSpanId);
        assertThat(file.getParentSpanId()).isEqualTo(upload.getSpanId());
        assertThat(file.getAttributes().asMap()).extractingFromEntries(e -> e.getKey().getKey() + "=" + e.getValue())
                .contains("cds.file.name=" + name, "cds.file.id=" + id, "cds.gridx.client=" + client,
                        "cds.file.published_rows=1", "cds.file.rejected_rows=1");

        String expected = Traces.traceparent(traceId, file.getSpanId());
        List<ConsumerRecord<String, byte[]>> rows = IngestTestSupport.eventsOf(Topic.CUSTOMERS.topicName(), client,
                name);
        List<ConsumerRecord<String, byte[]>> rejects = IngestTestSupport.eventsOf(Topic.REJECTS.topicName(), client,
                name);
        assertThat(rows).hasSize(1);
        assertThat(rejects).hasSize(1);
        assertThat(rows).extracting(r -> KafkaTestTopics.header(r, RecordTracing.TRACEPARENT)).containsOnly(expected);
        assertThat(rejects).extracting(r -> KafkaTestTopics.header(r, RecordTracing.TRACEPARENT))
                .containsOnly(expected);
        List<ConsumerRecord<String, byte[]>> lifecycle = IngestTestSupport.topics().readAll(Topic.FILES.topicName(),
                r -> id.equals(r.key()) || (r.key() != null && r.key().endsWith(id)));
        assertThat(lifecycle).extracting(r -> KafkaTestTopics.header(r, RecordTracing.TRACEPARENT))
                .contains(expected);
    }

    @Test
    void aFileUploadedWithoutTraceStartsItsOwnTraceAndItsRowsCarryIt() {
        String client = IngestTestSupport.uniqueClient();
        String name = "GRIDX_" + client + "_CUSTOMER_20261122020000.csv";
        String id = IngestTestSupport.upload(name, "Person_ID,Entity_ID,Contract_ID,Premise_ID,ServicePoint_ID,"
                + "MeterAccount_ID,Contract_start_date,Contract_end_date,Service_status\n"
                + "P1,E1,4001,7001,6001,5001,202401010000,,Active\n").then().statusCode(202).extract().path("id");
        assertThat(IngestTestSupport.awaitFinished(id)).isEqualTo("COMPLETED");

        SpanData file = await().atMost(Duration.ofSeconds(20)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("gridx.ingest CUSTOMER")
                        && id.equals(s.getAttributes().get(io.opentelemetry.api.common.AttributeKey
                                .stringKey("cds.file.id"))))
                .findFirst().orElse(null), s -> s != null);
        List<ConsumerRecord<String, byte[]>> rows = IngestTestSupport.eventsOf(Topic.CUSTOMERS.topicName(), client,
                name);
        assertThat(rows).extracting(r -> KafkaTestTopics.header(r, RecordTracing.TRACEPARENT))
                .containsOnly(Traces.traceparent(file.getTraceId(), file.getSpanId()));
    }

    private SpanData spanNamed(String traceId, String name) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId) && s.getName().equals(name)).findFirst().orElse(null);
    }
}
