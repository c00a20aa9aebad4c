package org.lfenergy.cds.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.RowEvent;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.gridx.CustomerPayload;
import org.lfenergy.cds.contracts.ingest.RejectEvent;
import org.lfenergy.cds.testing.KafkaTestTopics;
import org.lfenergy.cds.testing.RealInfrastructure;
import org.lfenergy.cds.ingest.IngestTestSupport;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "ingest"))
class FileIngestionTest {

    private static final String CUSTOMER_HEADER = "Person_ID,Entity_ID,Contract_ID,Premise_ID,ServicePoint_ID,"
            + "MeterAccount_ID,Contract_start_date,Contract_end_date,Service_status\n";

    private static String customerFile(String client) {
        return "GRIDX_" + client + "_CUSTOMER_20261122010000.csv";
    }

    @Test
    void publishesGoodRowsAndQuarantinesTheBadRowOfTheSameFile() {
        String client = IngestTestSupport.uniqueClient();
        String name = customerFile(client);
        String content = CUSTOMER_HEADER
                + "P1,E1,4001,7001,6001,5001,202401010000,,Active\n"
                + "P2,E2,4002,7002,6002,5002,2024-13-45,,Active\n"
                + "P3,E3,4003,7003,6003,5003,20240201,20241231,Active\n";

        String id = IngestTestSupport.upload(name, content)
                .then().statusCode(202).body("status", equalTo("RECEIVED")).extract().path("id");
        assertThat(IngestTestSupport.awaitFinished(id)).isEqualTo("COMPLETED");

        given().get("/files/" + id).then().statusCode(200)
                .body("file.dataRows", equalTo(3)).body("file.publishedRows", equalTo(2))
                .body("file.rejectedRows", equalTo(1)).body("file.physicalLines", equalTo(4))
                .body("file.md5", notNullValue());

        List<ConsumerRecord<String, byte[]>> customers = org.lfenergy.cds.ingest.IngestTestSupport
                .eventsOf(Topic.CUSTOMERS.topicName(), client, name);
        assertThat(customers).hasSize(2);
        EventCodec codec = EventCodec.shared();
        List<RowEvent<CustomerPayload>> events = customers.stream()
                .map(r -> codec.decodeRow(r.value(), CustomerPayload.class)).toList();
        assertThat(events).extracting(e -> e.data().contractId()).containsExactlyInAnyOrder("4001", "4003");
        assertThat(events).extracting(e -> e.source().line()).containsExactlyInAnyOrder(2L, 4L);
        assertThat(customers).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(client + "|4001", client + "|4003");

        List<ConsumerRecord<String, byte[]>> rejects = org.lfenergy.cds.ingest.IngestTestSupport
                .eventsOf(Topic.REJECTS.topicName(), client, name);
        assertThat(rejects).hasSize(1);
        RejectEvent reject = codec.decode(rejects.get(0).value(), RejectEvent.class);
        assertThat(reject.source().line()).isEqualTo(3);
        assertThat(reject.column()).isEqualTo("Contract_start_date");
        assertThat(reject.value()).isEqualTo("2024-13-45");
        assertThat(reject.rawRow()).isEqualTo("P2,E2,4002,7002,6002,5002,2024-13-45,,Active");
        assertThat(reject.ruleId()).startsWith("GX-ROW-");

        given().get("/files/" + id + "/rejects").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].line", equalTo(3))
                .body("[0].column", equalTo("Contract_start_date"))
                .body("[0].ruleId", equalTo(reject.ruleId()));
    }

    @Test
    void deliveringTheSameFileAgainChangesNothing() {
        String client = IngestTestSupport.uniqueClient();
        String name = customerFile(client);
        String content = CUSTOMER_HEADER + "P1,E1,4001,7001,6001,5001,202401010000,,Active\n";
        String first = IngestTestSupport.upload(name, content).then().statusCode(202)
                .extract().path("id");
        assertThat(IngestTestSupport.awaitFinished(first)).isEqualTo("COMPLETED");

        String second = IngestTestSupport.upload(name, content).then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(202))).extract().path("id");
        assertThat(IngestTestSupport.awaitFinished(second)).isEqualTo("DUPLICATE");
        given().get("/files/" + second).then().body("file.duplicateOf", equalTo(first));

        assertThat(IngestTestSupport.eventsOf(Topic.CUSTOMERS.topicName(), client, name))
                .hasSize(1);
    }

    @Test
    void aCorrectedFileUnderTheSameNameIsProcessedAgain() {
        String client = IngestTestSupport.uniqueClient();
        String name = customerFile(client);
        String first = IngestTestSupport.upload(name,
                CUSTOMER_HEADER + "P1,E1,4001,7001,6001,5001,202401010000,,Active\n").then().extract().path("id");
        IngestTestSupport.awaitFinished(first);
        String second = IngestTestSupport.upload(name,
                CUSTOMER_HEADER + "P1,E1,4001,7001,6001,5001,202401010000,202412312359,Inactive\n").then()
                .statusCode(202).extract().path("id");
        assertThat(IngestTestSupport.awaitFinished(second)).isEqualTo("COMPLETED");
        assertThat(IngestTestSupport.eventsOf(Topic.CUSTOMERS.topicName(), client, name))
                .hasSize(2);
    }

    @Test
    void refusesAFileNameOutsideTheGridxGrammarWithAJsonError() {
        given().contentType("application/octet-stream").body("a,b\n".getBytes(StandardCharsets.UTF_8))
                .put("/files/customers.csv")
                .then().statusCode(400).contentType("application/json")
                .body("error", equalTo("invalid_file"))
                .body("rule", org.hamcrest.Matchers.startsWith("GX-FILE-NAME"));
    }

    @Test
    void failsAFileWhoseRequiredHeaderIsMissingAndPublishesNothing() {
        String client = IngestTestSupport.uniqueClient();
        String name = customerFile(client);
        String id = IngestTestSupport.upload(name,
                "Person_ID,Entity_ID\nP1,E1\n").then().statusCode(202).extract().path("id");
        assertThat(IngestTestSupport.awaitFinished(id)).isEqualTo("FAILED");
        given().get("/files/" + id).then().body("file.failure", org.hamcrest.Matchers.containsString("GX-FILE-"));
        assertThat(IngestTestSupport.eventsOf(Topic.CUSTOMERS.topicName(), client, name))
                .isEmpty();
        List<ConsumerRecord<String, byte[]>> lifecycle = new KafkaTestTopics(
                org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))
                .readAll(Topic.FILES.topicName(), r -> id.equals(r.key()));
        assertThat(lifecycle).extracting(r -> KafkaTestTopics.header(r, "ce_id"))
                .contains(id + ":received", id + ":failed");
    }

    @Test
    void exposesFileRowAndRejectCountsAsPrometheusMetrics() {
        String client = IngestTestSupport.uniqueClient();
        String id = IngestTestSupport.upload(customerFile(client), CUSTOMER_HEADER
                + "P1,E1,4001,7001,6001,5001,202401010000,,Active\n"
                + "P2,E2,4002,7002,6002,5002,notadate,,Active\n").then().statusCode(202).extract().path("id");
        IngestTestSupport.awaitFinished(id);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("ingest_files_total\\{[^}]*status=\"completed\"[^}]*type=\"CUSTOMER\"");
        assertThat(metrics).containsPattern("ingest_rejects_total\\{[^}]*rule=\"GX-ROW-DATETIME\"[^}]*\\} [1-9]");
        assertThat(metrics).containsPattern("ingest_rows_total\\{outcome=\"published\",type=\"CUSTOMER\"\\} [1-9]");
        assertThat(metrics).contains("ingest_file_duration_seconds_count{type=\"CUSTOMER\"}");
    }

    @Test
    void answersUnknownFilesAndBadPagingWithJsonErrors() {
        given().get("/files/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .body("error", equalTo("not_found"));
        given().get("/files?limit=0").then().statusCode(400).body("parameter", equalTo("limit"));
        given().get("/files?status=bogus").then().statusCode(400).body("parameter", equalTo("status"));
    }
}
