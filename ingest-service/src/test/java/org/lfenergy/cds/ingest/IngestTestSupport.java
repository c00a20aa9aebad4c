package org.lfenergy.cds.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.lfenergy.cds.contracts.CloudEventHeaders;
import org.lfenergy.cds.testing.KafkaTestTopics;

/** Upload, wait and read-back helpers shared by the ingest integration tests. */
public final class IngestTestSupport {

    private IngestTestSupport() {
    }

    /** A client code no other test run uses, so shared topics can be filtered by it. */
    public static String uniqueClient() {
        return "T" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
    }

    public static Response upload(Path file) throws IOException {
        return given().contentType("application/octet-stream").body(Files.readAllBytes(file))
                .put("/files/" + file.getFileName());
    }

    public static Response upload(String name, String content) {
        return given().contentType("application/octet-stream").body(content.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .put("/files/" + name);
    }

    /** Waits until the file leaves received/processing; returns its final status. */
    public static String awaitFinished(String fileId) {
        String[] status = new String[1];
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            status[0] = given().get("/files/" + fileId).then().statusCode(200).extract().path("file.status");
            return !status[0].equals("RECEIVED") && !status[0].equals("PROCESSING");
        });
        return status[0];
    }

    public static KafkaTestTopics topics() {
        return new KafkaTestTopics(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    /** The committed events of a topic that came from this file. */
    public static List<ConsumerRecord<String, byte[]>> eventsOf(String topic, String client, String fileName) {
        String source = CloudEventHeaders.gridxSource(client, fileName);
        return topics().readAll(topic, r -> source.equals(KafkaTestTopics.header(r, CloudEventHeaders.SOURCE)));
    }
}
