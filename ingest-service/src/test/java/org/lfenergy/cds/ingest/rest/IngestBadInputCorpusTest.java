package org.lfenergy.cds.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lfenergy.cds.contracts.CloudEventHeaders;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.RowEvent;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.gridx.BillPayload;
import org.lfenergy.cds.contracts.gridx.CustomerPayload;
import org.lfenergy.cds.contracts.gridx.IntervalPayload;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.ingest.IngestTestSupport;
import org.lfenergy.cds.testing.KafkaTestTopics;
import org.lfenergy.cds.testing.RealInfrastructure;

/**
 * The bad-input corpus at the HTTP level: every kind of broken file uploaded with {@code PUT /files/{name}}, each
 * case checking the file's final status, the exact rule (and line and column) of every finding, and that the good
 * rows of the same file are published on Kafka exactly once with the values of their source row.
 *
 * <p>The row rules of every field of every file type are proven at the reader level by {@code BadRowTest} (97
 * cases) and the file-level rules by {@code ReaderFormatTest} in libs/gridx-format; this corpus proves that the
 * service keeps those promises end to end (upload, registry, rejects API, topics). All files are uploaded at once
 * (each with its own client code) and the topics are read once, so the whole corpus costs about one file's latency.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "ingest"))
class IngestBadInputCorpusTest {

    /** A finding the case expects: rule id, line and (when the rule names one) column. */
    record Expected(String rule, long line, String column) {
    }

    /**
     * One corpus file. {@code goodLines} are the line numbers whose rows must be published unaltered; everything
     * else in the file must not be published.
     */
    record Case(String name, GridxFileType type, String extension, byte[] bytes, String status,
                List<Expected> rejects, List<Expected> warnings, String failureRule, Set<Long> goodLines,
                Map<Long, String> rawRows) {
        @Override
        public String toString() {
            return name;
        }
    }

    // ------------------------------------------------------------------ good rows, one per line number

    static String customer(long n) {
        return "P" + n + ",E" + n + ",C" + n + ",PR" + n + ",SP" + n + ",MA" + n + ",202401010000,,Active";
    }

    static String interval(long n) {
        return "MA1,M1,1.25,20240101,20240101" + String.format("%02d%02d", n / 4, (n % 4) * 15)
                + ",KWH_DEL,America/Los_Angeles,15,A";
    }

    static String bill(long n) {
        return "B" + n + ",SP" + n + ",C" + n + ",MA" + n + ",20240101,20240131,2024,01,GS1,CY1,500.5,123.45,0,0";
    }

    static String good(GridxFileType type, long line) {
        return switch (type) {
            case CUSTOMER -> customer(line);
            case INTERVAL -> interval(line);
            case BILLING -> bill(line);
            default -> throw new IllegalArgumentException(type.name());
        };
    }

    static String header(GridxFileType type) {
        return String.join(",", type.headers());
    }

    /** The good row of line 3 with one column replaced. */
    static String with(GridxFileType type, String column, String value) {
        String[] fields = good(type, 3).split(",", -1);
        fields[type.headers().indexOf(column)] = value;
        return String.join(",", fields);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Header, good row (line 2), the bad row (line 3), good row (line 4): the bad row is rejected by its rule. */
    static Case badRow(String name, GridxFileType type, String badRow, String rule, String column) {
        return badRow(name, type, badRow, List.of(new Expected(rule, 3, column)));
    }

    /** As above, for a bad row that breaks several rules (each finding on line 3). */
    static Case badRow(String name, GridxFileType type, String badRow, List<Expected> rejects) {
        String text = header(type) + "\n" + good(type, 2) + "\n" + badRow + "\n" + good(type, 4) + "\n";
        return new Case(name, type, ".csv", utf8(text), "COMPLETED", rejects,
                List.of(), null, Set.of(2L, 4L), Map.of(2L, good(type, 2), 4L, good(type, 4)));
    }

    static List<Expected> required(String... columns) {
        return Arrays.stream(columns).map(c -> new Expected("GX-ROW-REQUIRED", 3, c)).toList();
    }

    static Case badField(String name, GridxFileType type, String column, String value, String rule) {
        return badRow(name, type, with(type, column, value), rule, column);
    }

    static Case failedFile(String name, GridxFileType type, String extension, byte[] bytes, String rule,
                           Set<Long> goodLines) {
        Map<Long, String> raws = new HashMap<>();
        if (goodLines != null) {
            goodLines.forEach(l -> raws.put(l, good(type, l)));
        }
        return new Case(name, type, extension, bytes, "FAILED", List.of(), List.of(), rule, goodLines, raws);
    }

    static Stream<Case> cases() {
        GridxFileType C = GridxFileType.CUSTOMER;
        GridxFileType I = GridxFileType.INTERVAL;
        GridxFileType B = GridxFileType.BILLING;
        List<Case> cases = new ArrayList<>(List.of(
                // every CUSTOMER field broken
                badField("customerWithoutPersonId", C, "Person_ID", "", "GX-ROW-REQUIRED"),
                badField("customerWithNullLiteralEntityId", C, "Entity_ID", "NULL", "GX-ROW-REQUIRED"),
                badField("customerWithoutContractId", C, "Contract_ID", "", "GX-ROW-REQUIRED"),
                badField("customerWithoutMeterAccountId", C, "MeterAccount_ID", "", "GX-ROW-REQUIRED"),
                badField("contractStartWithMonth13", C, "Contract_start_date", "2024-13-01", "GX-ROW-DATETIME"),
                badField("contractStartOnFebruary30", C, "Contract_start_date", "20240230", "GX-ROW-DATETIME"),
                badField("contractStartWithMinute60", C, "Contract_start_date", "202401011260", "GX-ROW-DATETIME"),
                badField("contractStartCarryingSqlInjection", C, "Contract_start_date", "2024'; DROP TABLE files;--",
                        "GX-ROW-DATETIME"),
                badField("contractEndWithHour25", C, "Contract_end_date", "202401012500", "GX-ROW-DATETIME"),
                badField("contractEndingBeforeItStarts", C, "Contract_end_date", "20231230", "GX-ROW-RANGE-ORDER"),
                // every INTERVAL field format broken
                badField("usageInExponentNotation", I, "Usage_value", "1e3", "GX-ROW-DECIMAL"),
                badField("usageNaN", I, "Usage_value", "NaN", "GX-ROW-DECIMAL"),
                badField("usageWithTwoPoints", I, "Usage_value", "1.2.3", "GX-ROW-DECIMAL"),
                badField("usageMissing", I, "Usage_value", "", "GX-ROW-REQUIRED"),
                badField("intervalDateOnFebruary30", I, "Date_of_interval", "20240230", "GX-ROW-DATE"),
                badField("intervalDatetimeWithTenDigits", I, "Datetime_of_interval", "2024010100", "GX-ROW-DATETIME"),
                badField("intervalUnknownTimeZone", I, "Time_zone", "Mars/Olympus", "GX-ROW-TIMEZONE"),
                badField("intervalZeroFrequency", I, "Interval_frequency", "0", "GX-ROW-RANGE"),
                badField("intervalFractionalFrequency", I, "Interval_frequency", "15.5", "GX-ROW-INTEGER"),
                badField("intervalWithoutChannel", I, "Channel", "", "GX-ROW-REQUIRED"),
                badField("intervalWithoutDataVersion", I, "Data_version", "", "GX-ROW-REQUIRED"),
                // every BILLING field format broken
                badField("billAmountWithCurrencySign", B, "Total_bill_amount", "$123.45", "GX-ROW-DECIMAL"),
                badField("billStartOnJanuary32", B, "Bill_start_date", "20240132", "GX-ROW-DATE"),
                badField("billMonth13", B, "Bill_month", "13", "GX-ROW-MONTH"),
                badField("billTwoDigitYear", B, "Bill_year", "24", "GX-ROW-YEAR"),
                badField("billCancellationFlag2", B, "Is_cancellation", "2", "GX-ROW-FLAG"),
                badField("billWithoutBillId", B, "Bill_ID", "", "GX-ROW-REQUIRED"),
                // malformed CSV records
                // a short row is read with its missing trailing values empty (exports drop trailing empty cells,
                // docs/gridx-validation.md): each required one missing is named
                badRow("rowWithTooFewFieldsLacksItsRequiredTrailingValues", C, "P3,E3,C3",
                        required("MeterAccount_ID", "Contract_start_date")),
                badRow("rowWithExtraFilledFields", C, customer(3) + ",x,y", "GX-ROW-COLUMN-COUNT", null),
                // a row with semicolons is one field (the whole row as Person_ID): every other required one missing
                badRow("rowWithSemicolonDelimitersLacksEveryRequiredValueAfterTheFirst", C,
                        customer(3).replace(',', ';'),
                        required("Entity_ID", "Contract_ID", "MeterAccount_ID", "Contract_start_date")),
                badRow("rowWithTextAfterClosingQuote", C, "P3,\"E3\"x,C3,PR3,SP3,MA3,202401010000,,Active",
                        "GX-ROW-QUOTE", null)));

        // a 10 MB line with an unbalanced quote between good rows: rejected, it swallows nothing
        char[] junk = new char[10 * 1024 * 1024];
        Arrays.fill(junk, 'x');
        junk[5] = '"';
        cases.add(badRow("tenMegabyteLine", C, new String(junk), "GX-ROW-TOO-LONG", null));

        // unknown column: a warning, the rows are published without it
        String unknown = header(C) + ",Comment\n" + customer(2) + ",hello\n" + customer(3) + ",<script>x</script>\n";
        cases.add(new Case("unknownColumnIsIgnoredWithAWarning", C, ".csv", utf8(unknown), "COMPLETED", List.of(),
                List.of(new Expected("GX-FILE-HEADER-UNKNOWN", 1, "Comment")), null, Set.of(2L, 3L),
                Map.of(2L, customer(2), 3L, customer(3))));

        // gzip bytes under a plain name: detected by magic bytes, a warning, every row published
        byte[] gz = gzip(utf8(header(C) + "\n" + customer(2) + "\n" + customer(3) + "\n"));
        cases.add(new Case("gzipUnderAPlainName", C, ".csv", gz, "COMPLETED", List.of(),
                List.of(new Expected("GX-FILE-GZIP-NAME", 0, null)), null, Set.of(2L, 3L),
                Map.of(2L, customer(2), 3L, customer(3))));

        // wrong delimiters for the whole file: no required header can be found
        cases.add(failedFile("semicolonSeparatedFileNamedCsv", C, ".csv",
                utf8((header(C) + "\n" + customer(2) + "\n").replace(',', ';')), "GX-FILE-HEADER-MISSING", Set.of()));
        cases.add(failedFile("tabSeparatedFileNamedCsv", C, ".csv",
                utf8((header(C) + "\n" + customer(2) + "\n").replace(',', '\t')), "GX-FILE-HEADER-MISSING", Set.of()));
        cases.add(failedFile("commaSeparatedFileNamedPsv", C, ".psv",
                utf8(header(C) + "\n" + customer(2) + "\n"), "GX-FILE-HEADER-MISSING", Set.of()));
        cases.add(failedFile("duplicateColumn", C, ".csv",
                utf8(header(C) + ",Person_ID\n" + customer(2) + ",P2\n"), "GX-FILE-HEADER-DUPLICATE", Set.of()));

        // a truncated gzip: the rows before the break are published, nothing after it
        StringBuilder big = new StringBuilder(header(C)).append('\n');
        for (long line = 2; line <= 3001; line++) {
            big.append(customer(line)).append('\n');
        }
        byte[] whole = gzip(utf8(big.toString()));
        cases.add(failedFile("truncatedGzip", C, ".csv.gz", Arrays.copyOf(whole, whole.length / 2),
                "GX-FILE-GZIP-TRUNCATED", null));
        byte[] corrupt = gzip(utf8(header(C) + "\n" + customer(2) + "\n"));
        for (int i = 12; i < corrupt.length - 8; i++) {
            corrupt[i] = (byte) 0xFF;
        }
        cases.add(failedFile("corruptGzip", C, ".csv.gz", corrupt, "GX-FILE-GZIP-CORRUPT", Set.of()));
        cases.add(failedFile("gzipCutInsideItsHeader", C, ".csv.gz", Arrays.copyOf(whole, 5),
                "GX-FILE-GZIP-TRUNCATED", Set.of()));

        // binary junk: a whole file of it, and junk after good rows
        byte[] random = new byte[64 * 1024];
        new Random(42).nextBytes(random);
        cases.add(failedFile("binaryJunkFile", C, ".csv", random, "GX-FILE-", Set.of()));
        cases.add(failedFile("binaryJunkAfterTwoGoodRows", C, ".csv",
                concat(utf8(header(C) + "\n" + customer(2) + "\n" + customer(3) + "\n"),
                        new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0x00, (byte) 0xC3, '\n'}, utf8(customer(5) + "\n")),
                "GX-FILE-ENCODING", Set.of(2L, 3L)));
        cases.add(failedFile("utf16File", C, ".csv",
                (header(C) + "\n" + customer(2) + "\n").getBytes(StandardCharsets.UTF_16), "GX-FILE-", Set.of()));
        return cases.stream();
    }

    // ------------------------------------------------------------------ one upload of the whole corpus

    private static Map<String, String> fileIds;
    private static Map<String, String> clients;
    private static Map<String, List<ConsumerRecord<String, byte[]>>> eventsBySource;

    private static Throwable uploadFailure;

    private static synchronized void uploadCorpusOnce() {
        if (uploadFailure != null) {
            throw new IllegalStateException("the corpus upload failed earlier", uploadFailure);
        }
        if (fileIds != null) {
            return;
        }
        try {
            uploadCorpus();
        } catch (RuntimeException | Error e) {
            uploadFailure = e;
            throw e;
        }
    }

    private static void uploadCorpus() {
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, String> codes = new HashMap<>();
        List<Case> all = cases().toList();
        for (Case c : all) {
            String client = IngestTestSupport.uniqueClient();
            String fileName = "GRIDX_" + client + "_" + c.type().name() + "_20261122010000" + c.extension();
            String id = given().contentType("application/octet-stream").body(c.bytes()).put("/files/" + fileName)
                    .then().statusCode(202).contentType("application/json").extract().path("id");
            ids.put(c.name(), id);
            codes.put(c.name(), client);
        }
        ids.values().forEach(IngestTestSupport::awaitFinished);
        Set<String> sources = new TreeSet<>();
        for (Case c : all) {
            sources.add(source(c, codes.get(c.name())));
        }
        KafkaTestTopics topics = IngestTestSupport.topics();
        Map<String, List<ConsumerRecord<String, byte[]>>> bySource = new HashMap<>();
        for (Topic topic : List.of(Topic.CUSTOMERS, Topic.INTERVALS, Topic.BILLS)) {
            // records of other producers may carry no ce_source header (a TreeSet refuses null)
            topics.readAll(topic.topicName(), r -> {
                String source = KafkaTestTopics.header(r, CloudEventHeaders.SOURCE);
                return source != null && sources.contains(source);
            })
                    .forEach(r -> bySource.computeIfAbsent(KafkaTestTopics.header(r, CloudEventHeaders.SOURCE),
                            k -> new ArrayList<>()).add(r));
        }
        clients = codes;
        eventsBySource = bySource;
        fileIds = ids;
    }

    private static String source(Case c, String client) {
        return CloudEventHeaders.gridxSource(client,
                "GRIDX_" + client + "_" + c.type().name() + "_20261122010000" + c.extension());
    }

    // ------------------------------------------------------------------ the case

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputGetsItsPreciseFindingAndTheGoodRowsArePublishedUnaltered(Case c) {
        uploadCorpusOnce();
        String id = fileIds.get(c.name());
        var report = given().get("/files/" + id).then().statusCode(200).contentType("application/json")
                .extract().jsonPath();
        assertThat(report.getString("file.status")).as("status").isEqualTo(c.status());
        if (c.failureRule() != null) {
            assertThat(report.getString("file.failure")).as("failure").contains(c.failureRule());
        } else {
            assertThat(report.getString("file.failure")).as("failure").isNull();
        }

        // every rejected row is reported with its rule, line and column
        List<Map<String, Object>> rejects = given().get("/files/" + id + "/rejects").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertThat(rejects).extracting(r -> r.get("ruleId"), r -> ((Number) r.get("line")).longValue())
                .containsExactlyInAnyOrderElementsOf(c.rejects().stream()
                        .map(e -> org.assertj.core.groups.Tuple.tuple(e.rule(), e.line())).toList());
        for (Expected e : c.rejects()) {
            if (e.column() != null) {
                assertThat(rejects).anySatisfy(r -> {
                    assertThat(r.get("ruleId")).isEqualTo(e.rule());
                    assertThat(r.get("column")).isEqualTo(e.column());
                });
            }
        }
        if (!c.warnings().isEmpty()) {
            List<Map<String, Object>> findings = given().queryParam("severity", "WARN").get("/files/" + id + "/findings")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            for (Expected w : c.warnings()) {
                assertThat(findings).anySatisfy(f -> {
                    assertThat(f.get("ruleId")).isEqualTo(w.rule());
                    if (w.column() != null) {
                        assertThat(f.get("column")).isEqualTo(w.column());
                        assertThat(((Number) f.get("line")).longValue()).isEqualTo(w.line());
                    }
                });
            }
        }

        // the good rows, and only they, are published once each with the values of their source row
        List<ConsumerRecord<String, byte[]>> events = eventsBySource.getOrDefault(source(c, clients.get(c.name())),
                List.of());
        Map<Long, Long> perLine = events.stream().collect(Collectors.groupingBy(
                r -> EventCodec.shared().decodeRow(r.value(), payloadClass(c.type())).source().line(),
                Collectors.counting()));
        assertThat(perLine.values()).as("no row published twice").allMatch(n -> n == 1);
        assertThat(report.getLong("file.publishedRows")).as("publishedRows").isEqualTo(events.size());
        if (c.goodLines() != null) {
            assertThat(perLine.keySet()).as("published lines").containsExactlyInAnyOrderElementsOf(c.goodLines());
        } else {
            // a file broken part-way: lines 2..n published without a gap, and not all of them
            assertThat(perLine).isNotEmpty();
            long last = perLine.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
            assertThat(perLine.keySet()).hasSize((int) (last - 1));
            assertThat(last).isLessThan(3001);
        }
        for (ConsumerRecord<String, byte[]> r : events) {
            RowEvent<?> event = EventCodec.shared().decodeRow(r.value(), payloadClass(c.type()));
            String raw = c.rawRows().getOrDefault(event.source().line(), good(c.type(), event.source().line()));
            assertUnaltered(c.type(), raw, event.data());
        }
    }

    private static Class<? extends org.lfenergy.cds.contracts.gridx.GridxPayload> payloadClass(GridxFileType type) {
        return switch (type) {
            case CUSTOMER -> CustomerPayload.class;
            case INTERVAL -> IntervalPayload.class;
            case BILLING -> BillPayload.class;
            default -> throw new IllegalArgumentException(type.name());
        };
    }

    /** The payload carries the source row's values exactly (ids as text, decimals with their scale). */
    private static void assertUnaltered(GridxFileType type, String raw, Object payload) {
        String[] f = raw.split(",", -1);
        switch (type) {
            case CUSTOMER -> {
                CustomerPayload p = (CustomerPayload) payload;
                assertThat(List.of(p.personId(), p.entityId(), p.contractId(), p.premiseId(), p.servicePointId(),
                        p.meterAccountId(), p.serviceStatus())).containsExactly(f[0], f[1], f[2], f[3], f[4], f[5], f[8]);
                assertThat(p.contractStartDate().toLocalDateTime()).hasToString("2024-01-01T00:00");
                assertThat(p.contractEndDate()).isNull();
            }
            case INTERVAL -> {
                IntervalPayload p = (IntervalPayload) payload;
                assertThat(List.of(p.meterAccountId(), p.meterId(), p.channel(), p.timeZone(), p.dataVersion()))
                        .containsExactly(f[0], f[1], f[5], f[6], f[8]);
                assertThat(p.usageValue()).isEqualTo(new BigDecimal(f[2]));
                assertThat(p.intervalFrequency()).isEqualTo(15);
            }
            case BILLING -> {
                BillPayload p = (BillPayload) payload;
                assertThat(List.of(p.billId(), p.servicePointId(), p.contractId(), p.meterAccountId()))
                        .containsExactly(f[0], f[1], f[2], f[3]);
                assertThat(p.totalBillUsageValue()).isEqualTo(new BigDecimal(f[10]));
                assertThat(p.totalBillAmount()).isEqualTo(new BigDecimal(f[11]));
                assertThat(p.isCancellation()).isFalse();
            }
            default -> throw new IllegalArgumentException(type.name());
        }
    }
}
