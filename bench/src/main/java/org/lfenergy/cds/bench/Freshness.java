package org.lfenergy.cds.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.lfenergy.cds.contracts.EventCodec;

/**
 * P3: for each INTERVAL file in a directory (name order), uploads it to ingest-service and polls the public
 * Usage Segments API through the gateway (real token, cds_query_usage) until the file's last row is returned with its
 * value. Prints one TSV line per file ({@code file seconds_until_returned seconds_until_ingest_completed}; the second
 * is polled alongside, so it is NaN when the API already returned the row before the registry said COMPLETED) and then
 * p50/p99/min/max.
 *
 * <p>Usage: Freshness INGEST_BASE GATEWAY_BASE FILTER_KEY_FILE DIR OUT_TSV
 */
public final class Freshness {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm");

    private Freshness() {
    }

    public static void main(String[] args) throws Exception {
        String ingest = args[0];
        String gateway = args[1];
        Path keyFile = Path.of(args[2]);
        Path dir = Path.of(args[3]);
        Path out = Path.of(args[4]);
        long pollMillis = Long.parseLong(System.getProperty("poll.ms", "20"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        CdsAccess access = new CdsAccess(http, gateway, List.of(ApiLoad.USAGE), keyFile, null);
        ObjectMapper json = EventCodec.shared().mapper();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().contains("_INTERVAL_")).sorted().toList();
        }
        double[] seconds = new double[files.size()];
        StringBuilder tsv = new StringBuilder();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            List<String> lines = Files.readAllLines(f);
            String[] last = lines.get(lines.size() - 1).split(",", -1);
            String meter = last[1];
            BigDecimal value = new BigDecimal(last[2]);
            ZoneId zone = ZoneId.of(last[6]);
            Instant at = LocalDateTime.parse(last[4], MINUTE).atZone(zone).toInstant();
            String query = "/cds/v1/usage-segments?meter_numbers=" + URLEncoder.encode(meter, StandardCharsets.UTF_8)
                    + "&after=" + at + "&before=" + at + "&limit=100";

            // A value already served would stop the clock at once: the files must carry data not yet delivered.
            if (holds(json.readTree(usage(http, access, gateway + query)), at, value)) {
                throw new IllegalStateException(f + ": its last row is already served before the upload");
            }
            long t0 = System.nanoTime();
            HttpResponse<String> up = http.send(HttpRequest.newBuilder(URI.create(ingest + "/files/"
                            + f.getFileName())).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofFile(f)).build(), HttpResponse.BodyHandlers.ofString());
            if (up.statusCode() != 202) {
                throw new IllegalStateException("upload of " + f + " answered " + up.statusCode() + ": " + up.body());
            }
            String id = json.readTree(up.body()).get("id").asText();
            long deadline = t0 + Duration.ofSeconds(120).toNanos();
            double ingested = Double.NaN;
            while (true) {
                if (Double.isNaN(ingested)) {
                    JsonNode file = json.readTree(http.send(HttpRequest.newBuilder(URI.create(ingest + "/files/" + id))
                            .GET().build(), HttpResponse.BodyHandlers.ofString()).body()).get("file");
                    if ("COMPLETED".equals(file.get("status").asText())) {
                        ingested = (System.nanoTime() - t0) / 1e9;
                    } else if ("FAILED".equals(file.get("status").asText())
                            || "DUPLICATE".equals(file.get("status").asText())) {
                        throw new IllegalStateException(f + " ended " + file);
                    }
                }
                if (holds(json.readTree(usage(http, access, gateway + query)), at, value)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(f + ": its last row was not returned within 120 s");
                }
                Thread.sleep(pollMillis);
            }
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            String line = f.getFileName() + "\t" + String.format("%.3f\t%.3f", seconds[i], ingested);
            System.out.println(line);
            tsv.append(line).append('\n');
        }
        Arrays.sort(seconds);
        long[] nanos = Arrays.stream(seconds).mapToLong(s -> (long) (s * 1e9)).toArray();
        tsv.append(String.format("# p50_s=%.3f p99_s=%.3f min_s=%.3f max_s=%.3f files=%d%n",
                ApiLoad.pct(nanos, 0.5) / 1e3, ApiLoad.pct(nanos, 0.99) / 1e3, seconds[0], seconds[seconds.length - 1],
                seconds.length));
        Files.writeString(out, tsv.toString());
        System.out.print(tsv.substring(tsv.lastIndexOf("#")));
    }

    /** One page of usage segments through the gateway with the usage token; anything but 200 ends the run. */
    private static byte[] usage(HttpClient http, CdsAccess access, String url) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + access.token(ApiLoad.USAGE))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + r.statusCode() + ": "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
        return r.body();
    }

    /** Whether a returned interval segment covering {@code at} carries {@code value} (either sign) in its slot. */
    private static boolean holds(JsonNode page, Instant at, BigDecimal value) {
        for (JsonNode seg : page.get("usage_segments")) {
            int interval = seg.path("interval").asInt();
            if (interval != 900 && interval != 3600) {
                continue; // electric quarter-hours and hourly gas; not register or billed segments
            }
            Instant start = Instant.parse(seg.get("segment_start").asText());
            Instant end = Instant.parse(seg.get("segment_end").asText());
            if (at.isBefore(start) || !at.isBefore(end)) {
                continue;
            }
            JsonNode set = seg.get("values").get((int) (Duration.between(start, at).getSeconds() / interval));
            if (set == null) {
                continue;
            }
            for (JsonNode v : set) {
                if (v != null && v.isObject()) {
                    for (JsonNode x : v) {
                        if (x.isNumber() || x.isTextual()) {
                            try {
                                if (new BigDecimal(x.asText()).abs().compareTo(value.abs()) == 0) {
                                    return true;
                                }
                            } catch (NumberFormatException ignored) {
                                // a non-numeric field of the value object
                            }
                        }
                    }
                }
            }
        }
        return false;
    }
}
