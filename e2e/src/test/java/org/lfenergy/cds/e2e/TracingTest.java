package org.lfenergy.cds.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lfenergy.cds.e2e.support.CdsClient;
import org.lfenergy.cds.e2e.support.CdsClient.ClientObject;
import org.lfenergy.cds.e2e.support.Consent;
import org.lfenergy.cds.e2e.support.E2eStack;
import org.lfenergy.cds.e2e.support.OtlpReceiver;
import org.lfenergy.cds.e2e.support.OtlpReceiver.ReceivedSpan;
import org.lfenergy.cds.testing.Traces;

/**
 * Traces cross the services as an operator's collector sees them (OTLP export from the packaged services): a file's
 * upload, its processing and the projections in both read models are one trace; an API call is one trace from the
 * gateway into the service that answers it.
 */
@ExtendWith(E2eStack.Extension.class)
class TracingTest {

    private static final Duration EXPORT_WAIT = Duration.ofSeconds(90);

    @Test
    void aFilesTraceRunsFromItsUploadThroughIngestIntoBothReadModels() {
        E2eStack stack = E2eStack.get();
        OtlpReceiver collector = stack.traces();
        String traceId = Traces.newTraceId();
        String callerSpanId = Traces.newSpanId();
        // Another client code than the run's: consumed and projected like any file, invisible to the run's API.
        String client = "TRC" + traceId.substring(0, 5).toUpperCase();
        String name = "GRIDX_" + client + "_CUSTOMER_20261122030000.csv";

        given().header(Traces.TRACEPARENT, Traces.traceparent(traceId, callerSpanId))
                .contentType("application/octet-stream")
                .body(("Person_ID,Entity_ID,Contract_ID,Premise_ID,ServicePoint_ID,MeterAccount_ID,Contract_start_date,"
                        + "Contract_end_date,Service_status\nP1,E1,4001,7001,6001,5001,202401010000,,Active\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .put(stack.url("ingest-service") + "/files/" + name).then().statusCode(202);

        ReceivedSpan upload = awaitSpan(collector, s -> s.traceId().equals(traceId) && s.kind().equals("SPAN_KIND_SERVER")
                && s.service().equals("ingest-service"));
        assertThat(upload.parentSpanId()).isEqualTo(callerSpanId);
        ReceivedSpan file = awaitSpan(collector, s -> s.traceId().equals(traceId)
                && s.name().equals("gridx.ingest CUSTOMER"));
        assertThat(file.service()).isEqualTo("ingest-service");
        assertThat(file.parentSpanId()).isEqualTo(upload.spanId());
        for (String readModel : List.of("billing-service", "usage-service")) {
            ReceivedSpan batch = awaitSpan(collector, s -> s.service().equals(readModel)
                    && s.name().equals("process gridx.customers.v1")
                    && ((s.traceId().equals(traceId) && s.parentSpanId().equals(file.spanId()))
                            || s.linkedSpanIds().contains(file.spanId())));
            assertThat(batch.kind()).as(readModel).isEqualTo("SPAN_KIND_CONSUMER");
        }
    }

    @Test
    void anApiCallIsOneTraceFromTheGatewayIntoTheServiceThatAnswersIt() {
        E2eStack stack = E2eStack.get();
        OtlpReceiver collector = stack.traces();
        String gw = stack.gateway();
        CdsClient app = CdsClient.register(gw, "cds_client_admin cds_query_accounts");
        ClientObject direct = app.objectWithScope("cds_query_accounts");
        JsonNode token = app.clientCredentials(direct, null, "[{\"type\":\"cds_query_accounts\",\"account_numbers\":"
                + CdsClient.JSON.valueToTree(stack.data().entities(Consent.MARIA)) + "}]");
        String traceId = Traces.newTraceId();
        String callerSpanId = Traces.newSpanId();

        CdsClient.bearer(gw, token.path("access_token").asText())
                .header(Traces.TRACEPARENT, Traces.traceparent(traceId, callerSpanId))
                .get("/cds/v1/accounts").then().statusCode(200);

        ReceivedSpan edge = awaitSpan(collector, s -> s.traceId().equals(traceId) && s.service().equals("api-gateway")
                && s.kind().equals("SPAN_KIND_SERVER"));
        assertThat(edge.parentSpanId()).isEqualTo(callerSpanId);
        ReceivedSpan hop = awaitSpan(collector, s -> s.traceId().equals(traceId) && s.service().equals("api-gateway")
                && s.kind().equals("SPAN_KIND_CLIENT"));
        assertThat(hop.parentSpanId()).isEqualTo(edge.spanId());
        ReceivedSpan answer = awaitSpan(collector, s -> s.traceId().equals(traceId)
                && s.service().equals("billing-service") && s.kind().equals("SPAN_KIND_SERVER"));
        assertThat(answer.parentSpanId()).as("%s", collector.trace(traceId)).isEqualTo(hop.spanId());
        assertThat(answer.name()).contains("/cds/v1/accounts");
    }

    private static ReceivedSpan awaitSpan(OtlpReceiver collector, java.util.function.Predicate<ReceivedSpan> which) {
        try {
            return await().atMost(EXPORT_WAIT).pollInterval(Duration.ofMillis(250))
                    .until(() -> collector.spans().stream().filter(which).findFirst(), Optional::isPresent)
                    .orElseThrow();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no such span in " + EXPORT_WAIT.toSeconds() + " s; received: "
                    + collector.spans(), e);
        }
    }
}
