package org.lfenergy.cds.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.lfenergy.cds.contracts.EventCodec;

/**
 * Uploads one file to a running ingest-service, waits until it is processed and prints its processing rate from
 * the registry's own timings (start of processing to last Kafka commit; the upload itself is excluded).
 * Usage: IngestOnce BASE_URL FILE [NAME]
 */
public final class IngestOnce {

    private IngestOnce() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        Path file = Path.of(args[1]);
        String name = args.length > 2 ? args[2] : file.getFileName().toString();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(base + "/files/" + name))
                .timeout(Duration.ofHours(2)).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (upload.statusCode() != 202) {
            throw new IllegalStateException("upload answered " + upload.statusCode() + ": " + upload.body());
        }
        var json = EventCodec.shared().mapper();
        String id = json.readTree(upload.body()).get("id").asText();
        JsonNode f;
        while (true) {
            Thread.sleep(500);
            f = json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/files/" + id)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("file");
            String status = f.get("status").asText();
            if (status.equals("COMPLETED") || status.equals("FAILED") || status.equals("DUPLICATE")) {
                if (!status.equals("COMPLETED")) {
                    throw new IllegalStateException(name + " ended " + status + ": " + f);
                }
                break;
            }
        }
        double seconds = Duration.between(OffsetDateTime.parse(f.get("startedAt").asText()),
                OffsetDateTime.parse(f.get("finishedAt").asText())).toMillis() / 1000.0;
        long rows = f.get("publishedRows").asLong();
        System.out.printf("rows=%d%n", rows);
        System.out.printf("seconds=%.3f%n", seconds);
        System.out.printf("ingest_rows_per_s=%.0f%n", rows / seconds);
    }
}
