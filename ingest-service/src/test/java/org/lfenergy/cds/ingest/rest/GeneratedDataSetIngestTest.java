package org.lfenergy.cds.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.gridx.events.GridxEvents;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.generator.GenerationReport;
import org.lfenergy.cds.gridx.generator.GeneratorConfig;
import org.lfenergy.cds.gridx.generator.GridxDataSetGenerator;
import org.lfenergy.cds.gridx.generator.WrittenFile;
import org.lfenergy.cds.ingest.IngestTestSupport;
import org.lfenergy.cds.testing.RealInfrastructure;

/** The generated data set, uploaded as a utility would send it: every row reaches its topic, the digest reconciles. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "ingest"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedDataSetIngestTest {

    private String client;
    private GenerationReport report;
    private final Map<String, String> fileIds = new LinkedHashMap<>();

    // RestAssured learns the random test port per test, so the one-time upload runs from the first test's setup.
    @BeforeEach
    void ingestTheGeneratedDataSetOnce() throws Exception {
        if (report != null) {
            return;
        }
        client = IngestTestSupport.uniqueClient();
        Path dir = Files.createTempDirectory("gridx-set");
        report = new GridxDataSetGenerator(GeneratorConfig.builder(dir).client(client).persons(3).days(40)
                .startDate(LocalDate.of(2024, 3, 1)).build()).generate();
        // The digest first: files arriving after their digest must be reconciled as they come.
        List<WrittenFile> order = new ArrayList<>();
        order.add(report.file(GridxFileType.DAILYDIGEST));
        report.files().stream().filter(f -> f.type() != GridxFileType.DAILYDIGEST).forEach(order::add);
        for (WrittenFile file : order) {
            String id = IngestTestSupport.upload(file.path()).then().statusCode(202).extract().path("id");
            fileIds.put(file.fileName(), id);
        }
        for (String id : fileIds.values()) {
            assertThat(IngestTestSupport.awaitFinished(id)).isEqualTo("COMPLETED");
        }
    }

    @Test
    void everyTopicReceivesExactlyOneEventPerDataRow() {
        for (WrittenFile file : report.files()) {
            Topic topic = GridxEvents.topicOf(file.type());
            assertThat(IngestTestSupport.eventsOf(topic.topicName(), client, file.fileName()))
                    .as("%s on %s", file.fileName(), topic.topicName()).hasSize((int) file.dataRows());
            given().get("/files/" + fileIds.get(file.fileName())).then()
                    .body("file.dataRows", equalTo((int) file.dataRows()))
                    .body("file.publishedRows", equalTo((int) file.dataRows()))
                    .body("file.rejectedRows", equalTo(0))
                    .body("file.physicalLines", equalTo((int) file.lineCount()));
        }
    }

    @Test
    void theDailyDigestIsReconciledEvenForFilesArrivingAfterIt() {
        String digestId = fileIds.get(report.file(GridxFileType.DAILYDIGEST).fileName());
        List<String> statuses = given().get("/files/" + digestId + "/digest").then().statusCode(200)
                .extract().path("status");
        assertThat(statuses).hasSize(report.files().size() - 1).containsOnly("matched");
    }

    @Test
    void uploadingTheWholeSetAgainChangesNothing() throws Exception {
        Map<String, Integer> before = new LinkedHashMap<>();
        for (WrittenFile file : report.files()) {
            before.put(file.fileName(), IngestTestSupport.eventsOf(GridxEvents.topicOf(file.type()).topicName(), client,
                    file.fileName()).size());
        }
        for (WrittenFile file : report.files()) {
            String id = IngestTestSupport.upload(file.path()).then().extract().path("id");
            assertThat(IngestTestSupport.awaitFinished(id)).as(file.fileName()).isEqualTo("DUPLICATE");
        }
        for (WrittenFile file : report.files()) {
            assertThat(IngestTestSupport.eventsOf(GridxEvents.topicOf(file.type()).topicName(), client, file.fileName()))
                    .hasSize(before.get(file.fileName()));
        }
    }

    @Test
    void anInboxFileIsPickedUpAndMovedToDone() throws Exception {
        String inboxClient = IngestTestSupport.uniqueClient();
        Path inbox = Path.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("cds.ingest.inbox", String.class));
        String name = "GRIDX_" + inboxClient + "_CUSTOMER_20261122020000.csv";
        Path partial = inbox.resolve(name + ".part");
        Files.writeString(partial, "Person_ID,Entity_ID,Contract_ID,Premise_ID,ServicePoint_ID,MeterAccount_ID,"
                + "Contract_start_date,Contract_end_date,Service_status\nP9,E9,4009,7009,6009,5009,202401010000,,Active\n");
        Files.move(partial, inbox.resolve(name));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
                IngestTestSupport.eventsOf(Topic.CUSTOMERS.topicName(), inboxClient, name).size() == 1);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                Files.list(inbox.resolve("done")).anyMatch(p -> p.getFileName().toString().endsWith(name)));
        assertThat(inbox.resolve(name)).doesNotExist();
    }
}
