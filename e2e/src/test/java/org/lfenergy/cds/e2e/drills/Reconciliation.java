package org.lfenergy.cds.e2e.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.lfenergy.cds.contracts.CloudEventHeaders;
import org.lfenergy.cds.e2e.support.E2eStack;
import org.lfenergy.cds.gridx.events.GridxEvents;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.format.record.BillingRecord;
import org.lfenergy.cds.gridx.generator.WrittenFile;
import org.lfenergy.cds.testing.KafkaTestTopics;

/**
 * The end of every drill: each source file is {@code COMPLETED} with all its rows published, each source line is on
 * its topic exactly once (committed records, read_committed), the billing and usage read models hold exactly the
 * source rows (customers, bills with their amounts, bill sections with their cancellation, every interval value in
 * time order), and every service reports ready — all without a manual step.
 */
final class Reconciliation {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final E2eStack stack;
    private final DrillData data;

    Reconciliation(E2eStack stack, DrillData data) {
        this.stack = stack;
        this.data = data;
    }

    // ------------------------------------------------------------------------------------------------ ingest

    /** Uploads a file; returns the registry id (202 new, 200 duplicate). */
    static String upload(String ingestUrl, WrittenFile file) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(ingestUrl + "/files/"
                    + file.fileName())).header("Content-Type", "application/octet-stream")
                    .timeout(Duration.ofMinutes(5))
                    .PUT(HttpRequest.BodyPublishers.ofFile(file.path())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("upload %s: %s", file.fileName(), r.body()).isIn(200, 202);
            return JSON.readTree(r.body()).path("id").asText();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode fileReport(String ingestUrl, String id) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(ingestUrl + "/files/" + id))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("GET /files/%s: %s", id, r.body()).isEqualTo(200);
            return JSON.readTree(r.body()).path("file");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the file left RECEIVED/PROCESSING; returns its registry entry. */
    static JsonNode awaitFinished(String ingestUrl, String id, Duration atMost) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            last[0] = fileReport(ingestUrl, id);
            String s = last[0].path("status").asText();
            return !s.equals("RECEIVED") && !s.equals("PROCESSING");
        });
        return last[0];
    }

    /** Every file of {@code ids} (file → registry id of its processed copy) is COMPLETED with all rows published. */
    void filesCompleted(Map<WrittenFile, String> ids) {
        for (Map.Entry<WrittenFile, String> e : ids.entrySet()) {
            JsonNode f = awaitFinished(stack.url("ingest-service"), e.getValue(), Duration.ofMinutes(5));
            assertThat(f.path("status").asText()).as("%s: %s", e.getKey().fileName(), f).isEqualTo("COMPLETED");
            assertThat(f.path("publishedRows").asLong()).as("%s published", e.getKey().fileName())
                    .isEqualTo(e.getKey().dataRows());
            assertThat(f.path("rejectedRows").asLong()).as("%s rejected", e.getKey().fileName()).isZero();
        }
    }

    // ------------------------------------------------------------------------------------------------ topics

    /** Each data line of each delivered file is on its topic exactly once: 0 lost, 0 duplicated. */
    void topicsHoldEveryLineOnce(java.util.Collection<WrittenFile> delivered) {
        KafkaTestTopics topics = new KafkaTestTopics(stack.infrastructure().kafkaBootstrapServers());
        Map<String, List<WrittenFile>> byTopic = new LinkedHashMap<>();
        for (WrittenFile f : delivered) {
            byTopic.computeIfAbsent(GridxEvents.topicOf(f.type()).topicName(), k -> new ArrayList<>()).add(f);
        }
        for (Map.Entry<String, List<WrittenFile>> t : byTopic.entrySet()) {
            Map<String, WrittenFile> bySource = t.getValue().stream().collect(Collectors.toMap(
                    f -> CloudEventHeaders.gridxSource(data.client, f.fileName()), f -> f));
            Map<String, Map<Long, Integer>> lines = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : topics.readAll(t.getKey(),
                    r -> bySource.containsKey(KafkaTestTopics.header(r, CloudEventHeaders.SOURCE)))) {
                long line = readLine(r.value());
                lines.computeIfAbsent(KafkaTestTopics.header(r, CloudEventHeaders.SOURCE), k -> new HashMap<>())
                        .merge(line, 1, Integer::sum);
            }
            for (Map.Entry<String, WrittenFile> s : bySource.entrySet()) {
                Map<Long, Integer> seen = lines.getOrDefault(s.getKey(), Map.of());
                Set<Long> expected = LongStream.rangeClosed(2, s.getValue().dataRows() + 1).boxed()
                        .collect(Collectors.toCollection(TreeSet::new));
                Set<Long> lost = new TreeSet<>(expected);
                lost.removeAll(seen.keySet());
                Map<Long, Integer> duplicated = seen.entrySet().stream().filter(e -> e.getValue() > 1)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
                assertThat(lost).as("%s: lines lost on %s", s.getValue().fileName(), t.getKey()).isEmpty();
                assertThat(duplicated).as("%s: lines published twice on %s", s.getValue().fileName(), t.getKey())
                        .isEmpty();
                Set<Long> extra = new TreeSet<>(seen.keySet()); // (a set difference: isSubsetOf is quadratic)
                extra.removeAll(expected);
                assertThat(extra).as("%s: lines that are not data rows", s.getValue().fileName()).isEmpty();
            }
        }
    }

    private static long readLine(byte[] value) {
        try {
            return JSON.readTree(value).path("source").path("line").asLong();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ read models

    private Connection db(String service) throws SQLException {
        String database = stack.database(service);
        return DriverManager.getConnection("jdbc:postgresql://" + stack.infrastructure().postgresAddress() + "/"
                + database, stack.infrastructure().databaseUser(), stack.infrastructure().databasePassword());
    }

    /** Waits (projections are asynchronous) until both read models equal the source rows. */
    void readModelsEqualTheSource(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            billingEqualsTheSource();
            usageEqualsTheSource();
        });
    }

    void billingEqualsTheSource() throws SQLException {
        try (Connection c = db("billing-service")) {
            Set<String> contracts = new TreeSet<>();
            query(c, "select contract_id from customer_row where client = ?", rs -> contracts.add(rs.getString(1)));
            assertThat(contracts).as("billing customer rows").isEqualTo(new TreeSet<>(data.customers.keySet()));

            Map<String, BigDecimal> amounts = new TreeMap<>();
            query(c, "select bill_id, is_cancellation, data->>'total_bill_amount' from bill where client = ?",
                    rs -> amounts.put(rs.getString(1) + "|" + rs.getBoolean(2), new BigDecimal(rs.getString(3))));
            assertThat(amounts.keySet()).as("billing bill rows").isEqualTo(new TreeSet<>(data.bills.keySet()));
            for (Map.Entry<String, BillingRecord> b : data.bills.entrySet()) {
                assertThat(amounts.get(b.getKey())).as("amount of bill %s", b.getKey())
                        .isEqualByComparingTo(b.getValue().totalBillAmount());
            }

            Map<String, Boolean> sections = new TreeMap<>();
            query(c, "select bill_id, cancelled from bill_section where client = ?",
                    rs -> sections.put(rs.getString(1), rs.getBoolean(2)));
            Map<String, Boolean> expected = new TreeMap<>();
            data.bills.values().forEach(b -> expected.merge(b.billId(), b.isCancellation(), Boolean::logicalOr));
            assertThat(sections).as("bill sections (bill id → cancelled)").isEqualTo(expected);
        }
    }

    void usageEqualsTheSource() throws SQLException {
        Map<String, List<BigDecimal>> series = new TreeMap<>();
        long[] count = new long[1];
        try (Connection c = db("usage-service")) {
            query(c, "select meter_account_id, channel, interval_s, vals from interval_day where client = ?"
                    + " order by meter_account_id, channel, interval_s, local_day", rs -> {
                        Array vals = rs.getArray(4);
                        List<BigDecimal> values = series.computeIfAbsent(rs.getString(1) + "|" + rs.getString(2),
                                k -> new ArrayList<>());
                        for (Object v : (Object[]) vals.getArray()) {
                            if (v != null) {
                                values.add((BigDecimal) v);
                                count[0]++;
                            }
                        }
                    });
        }
        assertThat(count[0]).as("interval values in the usage read model").isEqualTo(data.intervalRows);
        assertThat(series.keySet()).as("interval series").isEqualTo(new TreeSet<>(data.intervals.keySet()));
        for (Map.Entry<String, TreeMap<java.time.Instant, BigDecimal>> s : data.intervals.entrySet()) {
            List<BigDecimal> stored = series.get(s.getKey());
            List<BigDecimal> source = new ArrayList<>(s.getValue().values());
            assertThat(stored).as("values of %s", s.getKey()).hasSameSizeAs(source);
            for (int i = 0; i < source.size(); i++) {
                assertThat(stored.get(i)).as("%s value %d", s.getKey(), i).isEqualByComparingTo(source.get(i));
            }
        }
    }

    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private void query(Connection c, String sql, RowHandler handler) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, data.client);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ health

    /** Every service answers ready again, without a manual step. */
    void everyServiceReady(Duration atMost) {
        for (String service : E2eStack.SERVICES) {
            await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() ->
                    assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(stack.url(service) + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                            .as("%s ready", service).isEqualTo(200));
        }
    }

    /** The whole reconciliation. */
    void all(Map<WrittenFile, String> ids) {
        filesCompleted(ids);
        topicsHoldEveryLineOnce(ids.keySet());
        readModelsEqualTheSource(Duration.ofMinutes(4));
        everyServiceReady(Duration.ofMinutes(2));
    }
}
