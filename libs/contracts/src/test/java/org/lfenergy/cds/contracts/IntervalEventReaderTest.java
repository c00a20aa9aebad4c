package org.lfenergy.cds.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lfenergy.cds.contracts.gridx.IntervalPayload;

/**
 * The interval reader (byte scan, streaming parser, data binding) accepts and refuses exactly what the data-binding
 * path ({@link EventCodec#decodeRow}) does, with the same values (decimal scale, offsets) and the same error
 * messages; whatever the byte scan reads equals data binding's value; every event the producers write is read
 * without data binding, and the ASCII ones (the volume) by the byte scan.
 */
class IntervalEventReaderTest {

    private static final EventCodec CODEC = EventCodec.shared();
    private static final IntervalEventReader READER = IntervalEventReader.shared();

    private static final String CLIENT = "\"client\":\"DEMO\"";
    private static final String SOURCE = "\"source\":{\"file_id\":\"f-1\",\"file_name\":\"GRIDX_DEMO_INTERVAL_20240301120000.csv\",\"line\":7}";
    private static final String[][] DATA = {
            {"meteraccount_id", "\"5000001\""},
            {"meter_id", "\"M-9001\""},
            {"usage_value", "\"0.25300\""},
            {"date_of_interval", "\"2024-03-10\""},
            {"datetime_of_interval", "\"2024-03-10T03:00:00-07:00\""},
            {"datetime_of_interval_utc", "\"2024-03-10T10:00:00Z\""},
            {"channel", "\"KWH_DEL\""},
            {"time_zone", "\"America/Los_Angeles\""},
            {"interval_frequency", "15"},
            {"data_version", "\"A\""}};

    /** The canonical event with one data member's JSON value replaced (null value text: member left out). */
    private static String withData(String field, String json) {
        StringBuilder sb = new StringBuilder("{").append(CLIENT).append(',').append(SOURCE).append(",\"data\":{");
        boolean first = true;
        for (String[] kv : DATA) {
            String value = kv[0].equals(field) ? json : kv[1];
            if (value == null) {
                continue;
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('"').append(kv[0]).append("\":").append(value);
        }
        return sb.append("}}").toString();
    }

    private static String canonical() {
        return withData("", null);
    }

    static Stream<String> dataVariants() {
        List<String> out = new ArrayList<>();
        String[] strings = {null, "null", "\"\"", "\" \"", "\"x\"", "\"ünïcødé ✓ 😀\"", "\"\\u0041\\n\\\"\"", "1", "-7",
                "1.5", "1e3", "true", "false", "{}", "{\"a\":1}", "[]", "[\"5000001\"]", "[1,2]",
                "\"" + "9".repeat(300) + "\""};
        String[] decimals = {"\"0.25300\"", "\"0\"", "\"-0.0\"", "\"-12.5\"", "\"007\"", "\"1.\"", "\".5\"",
                "\"+1\"", "\"1e3\"", "\"1E-2\"", "\" 1.5\"", "\"1.5 \"", "\"1,5\"", "\"NaN\"", "\"Infinity\"",
                "\"0x10\"", "\"--1\"", "\"-\"", "\"1.2.3\"", "\"١٢\"", "\"" + "9".repeat(64) + "\"",
                "\"" + "9".repeat(65) + "\"", "\"1." + "0".repeat(70) + "\"", "\"" + "9".repeat(2000) + "\"",
                "0.253", "0.25300", "1", "12345678901234567890123", "1e400", "-0", "null", "true", "\"\"",
                "{}", "[]", "[\"1\"]"};
        String[] dates = {"\"2024-03-10\"", "\"2024-02-29\"", "\"2023-02-29\"", "\"2024-13-01\"", "\"2024-3-10\"",
                "\"2024-03-10T00:00:00Z\"", "\" 2024-03-10\"", "\"+12024-03-10\"", "\"\"", "20240310", "null",
                "[2024,3,10]", "{}", "\"２０２４-03-10\""};
        String[] dateTimes = {"\"2024-03-10T03:00:00-07:00\"", "\"2024-03-10T10:00:00Z\"", "\"2024-03-10T10:00:00.5Z\"",
                "\"2024-03-10T10:00Z\"", "\"2024-03-10T10:00:00+00:00\"", "\"2024-03-10T10:00:00\"",
                "\"2024-03-10 10:00:00Z\"", "\"2024-03-10T24:00:00Z\"", "\"2024-02-30T10:00:00Z\"",
                "\"2024-03-10T10:00:00+18:01\"", "\"2024-03-10T10:00:00.1234567891Z\"", "\"\"", "\"x\"", "0",
                "1710064800", "1710064800.5", "null", "[]", "{}", "true"};
        String[] frequencies = {"15", "60", "0", "-15", "1440", "7", "2147483647", "2147483648", "-2147483649",
                "99999999999999999999", "15.0", "15.7", "1e1", "\"15\"", "\"x\"", "\"\"", "null", "true", "[15]",
                "{}", null};
        for (String[] kv : DATA) {
            String f = kv[0];
            String[] values = switch (f) {
                case "usage_value" -> decimals;
                case "date_of_interval" -> dates;
                case "datetime_of_interval", "datetime_of_interval_utc" -> dateTimes;
                case "interval_frequency" -> frequencies;
                default -> strings;
            };
            for (String v : values) {
                out.add(withData(f, v));
            }
        }
        return out.stream();
    }

    static Stream<String> envelopeVariants() {
        String data = canonical().substring(canonical().indexOf("\"data\""), canonical().length() - 1);
        return Stream.of(
                canonical(),
                // client
                "{" + SOURCE + "," + data + "}",
                "{\"client\":null," + SOURCE + "," + data + "}",
                "{\"client\":1," + SOURCE + "," + data + "}",
                "{\"client\":{}," + SOURCE + "," + data + "}",
                "{\"client\":[\"DEMO\"]," + SOURCE + "," + data + "}",
                "{\"client\":\"\"," + SOURCE + "," + data + "}",
                "{\"client\":\"DÉMO ✓\"," + SOURCE + "," + data + "}",
                "{" + CLIENT + "," + CLIENT + "," + SOURCE + "," + data + "}",
                "{\"client\":\"A\",\"client\":\"B\"," + SOURCE + "," + data + "}",
                // source
                "{" + CLIENT + "," + data + "}",
                "{" + CLIENT + ",\"source\":null," + data + "}",
                "{" + CLIENT + ",\"source\":\"f-1\"," + data + "}",
                "{" + CLIENT + ",\"source\":[]," + data + "}",
                "{" + CLIENT + ",\"source\":{}," + data + "}",
                "{" + CLIENT + ",\"source\":{\"file_id\":\"f\",\"file_name\":\"n\"}," + data + "}",
                "{" + CLIENT + ",\"source\":{\"file_id\":\"f\",\"line\":1}," + data + "}",
                "{" + CLIENT + ",\"source\":{\"file_name\":\"n\",\"line\":1}," + data + "}",
                "{" + CLIENT + ",\"source\":{\"file_id\":null,\"file_name\":\"n\",\"line\":1}," + data + "}",
                "{" + CLIENT + ",\"source\":{\"file_id\":\"f\",\"file_name\":\"n\",\"line\":\"7\"}," + data + "}",
                "{" + CLIENT + ",\"source\":{\"file_id\":\"f\",\"file_name\":\"n\",\"line\":7.0}," + data + "}",
                "{" + CLIENT + ",\"source\":{\"file_id\":\"f\",\"file_name\":\"n\",\"line\":-1}," + data + "}",
                "{" + CLIENT + ",\"source\":{\"file_id\":\"f\",\"file_name\":\"n\",\"line\":9223372036854775807}," + data + "}",
                "{" + CLIENT + ",\"source\":{\"file_id\":\"f\",\"file_name\":\"n\",\"line\":9223372036854775808}," + data + "}",
                "{" + CLIENT + ",\"source\":{\"file_id\":\"f\",\"file_name\":\"n\",\"line\":null}," + data + "}",
                "{" + CLIENT + ",\"source\":{\"file_id\":1,\"file_name\":\"n\",\"line\":1}," + data + "}",
                "{" + CLIENT + ",\"source\":{\"file_id\":\"f\",\"file_name\":\"n\",\"line\":1,\"x\":{\"y\":[1]}}," + data + "}",
                "{" + CLIENT + ",\"source\":{\"file_id\":\"f\",\"file_id\":\"g\",\"file_name\":\"n\",\"line\":1}," + data + "}",
                // data
                "{" + CLIENT + "," + SOURCE + "}",
                "{" + CLIENT + "," + SOURCE + ",\"data\":null}",
                "{" + CLIENT + "," + SOURCE + ",\"data\":{}}",
                "{" + CLIENT + "," + SOURCE + ",\"data\":[]}",
                "{" + CLIENT + "," + SOURCE + ",\"data\":\"x\"}",
                "{" + CLIENT + "," + SOURCE + ",\"data\":{\"interval_frequency\":15}}",
                "{" + CLIENT + "," + SOURCE + "," + data + "," + data + "}",
                "{" + CLIENT + "," + SOURCE + "," + data.replace("\"channel\"", "\"extra\":{\"a\":[1,{\"b\":null}]},\"channel\"") + "}",
                "{" + CLIENT + "," + SOURCE + "," + data.replace("\"channel\"", "\"extra\":null,\"more\":\"s\",\"n\":1.5,\"channel\"") + "}",
                "{" + CLIENT + "," + SOURCE + "," + data.replace("\"channel\":\"KWH_DEL\"", "\"channel\":\"KWH_DEL\",\"channel\":\"KWH_REC\"") + "}",
                "{" + CLIENT + "," + SOURCE + "," + data.replace("\"meteraccount_id\"", "\"meter_account_id\"") + "}",
                "{" + CLIENT + "," + SOURCE + "," + data.replace("\"meteraccount_id\"", "\"meterAccountId\"") + "}",
                "{" + CLIENT + "," + SOURCE + "," + data.replace("\"usage_value\"", "\"usageValue\"") + "}",
                "{" + CLIENT + "," + SOURCE + "," + data.replace("\"channel\"", "\"CHANNEL\"") + "}",
                // unknown top-level members, order, trailing text
                "{\"specversion\":\"1.0\"," + CLIENT + ",\"x\":[1,[2,{\"y\":{}}]]," + SOURCE + "," + data + ",\"z\":null}",
                "{" + data + "," + SOURCE + "," + CLIENT + "}",
                canonical() + " ",
                canonical() + "garbage",
                canonical() + "{}",
                " \n\t" + canonical(),
                // malformed JSON
                "", " ", "null", "[]", "\"x\"", "1", "{", "}", "{not json", "{\"client\":\"DEMO\"",
                canonical().substring(0, canonical().length() - 1),
                canonical().substring(0, canonical().length() / 2),
                canonical().replace(":", "="), canonical().replace("\"", "'"), canonical().replace(",", ",,"),
                canonical().replace("{", "{,"), "{\"client\":\"DE\u0001MO\"," + SOURCE + "," + data + "}",
                "{\"client\":\"DEMO\\q\"," + SOURCE + "," + data + "}",
                "{client:\"DEMO\"," + SOURCE + "," + data + "}",
                "{\"client\":\"DEMO\"," + SOURCE + "," + data + ",}");
    }

    @ParameterizedTest
    @MethodSource({"dataVariants", "envelopeVariants"})
    void decodesExactlyAsDataBinding(String json) {
        assertSameAsDataBinding(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void invalidUtf8AndNonUtf8EncodingsDecodeAsDataBinding() {
        byte[] canonical = canonical().getBytes(StandardCharsets.UTF_8);
        int at = canonical().indexOf("KWH_DEL");
        for (byte[] bad : new byte[][]{{(byte) 0xC3}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF0, (byte) 0x9F}, {0}}) {
            byte[] json = new byte[canonical.length + bad.length];
            System.arraycopy(canonical, 0, json, 0, at);
            System.arraycopy(bad, 0, json, at, bad.length);
            System.arraycopy(canonical, at, json, at + bad.length, canonical.length - at);
            assertSameAsDataBinding(json);
        }
        assertSameAsDataBinding(canonical().getBytes(StandardCharsets.UTF_16BE));
        assertSameAsDataBinding(canonical().getBytes(StandardCharsets.UTF_16LE));
        byte[] bom = canonical().getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(bom, 0, withBom, 3, bom.length);
        assertSameAsDataBinding(withBom);
    }

    @Test
    void randomMutationsOfAnEventDecodeAsDataBinding() {
        Random random = new Random(20261122L);
        byte[] canonical = canonical().getBytes(StandardCharsets.UTF_8);
        byte[] alphabet = "{}[]:,\"\\ 0123456789.-+eEtrufalsn xZT".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20_000; i++) {
            byte[] json = canonical.clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(json.length);
                switch (random.nextInt(3)) {
                    case 0 -> json[at] = alphabet[random.nextInt(alphabet.length)];
                    case 1 -> { // delete a byte
                        byte[] shorter = new byte[json.length - 1];
                        System.arraycopy(json, 0, shorter, 0, at);
                        System.arraycopy(json, at + 1, shorter, at, json.length - at - 1);
                        json = shorter;
                    }
                    default -> { // insert a byte
                        byte[] longer = new byte[json.length + 1];
                        System.arraycopy(json, 0, longer, 0, at);
                        longer[at] = alphabet[random.nextInt(alphabet.length)];
                        System.arraycopy(json, at, longer, at + 1, json.length - at);
                        json = longer;
                    }
                }
                if (json.length == 0) {
                    break;
                }
            }
            assertSameAsDataBinding(json);
        }
    }

    @Test
    void everyEventTheCodecWritesIsReadWithoutFallingBack() throws Exception {
        OffsetDateTime local = OffsetDateTime.of(2024, 11, 3, 1, 45, 0, 0, ZoneOffset.ofHours(-8));
        List<IntervalPayload> payloads = List.of(
                new IntervalPayload("5000001", "M-9001", new BigDecimal("0.25300"), LocalDate.of(2024, 11, 3), local,
                        local.toInstant(), "KWH_DEL", "America/Los_Angeles", 15, "A"),
                new IntervalPayload(null, "M-9001", new BigDecimal("-12345678901234.12345"), null, null,
                        Instant.parse("2024-03-10T10:00:00.500Z"), "KWH_REC", null, 60, null),
                new IntervalPayload("ma ✓ \"quoted\" \\", null, BigDecimal.ZERO, LocalDate.of(2024, 2, 29),
                        local.withOffsetSameInstant(ZoneOffset.ofHoursMinutes(5, 30)), local.toInstant(), "1", "UTC",
                        1440, "E"),
                new IntervalPayload("5000001", "M-9001", null, LocalDate.of(2024, 3, 10), local, local.toInstant(),
                        null, "America/Los_Angeles", 0, ""));
        for (IntervalPayload p : payloads) {
            RowEvent<IntervalPayload> event = RowEvent.of("DEMO", "f-1", "GRIDX_DEMO_INTERVAL_20240301120000.csv",
                    9601, p);
            byte[] json = CODEC.encode(event);
            assertThat(new IntervalEventReader(CODEC).fast(json)).as(new String(json, StandardCharsets.UTF_8))
                    .isEqualTo(event);
            assertThat(READER.read(json)).isEqualTo(event);
        }
    }

    @Test
    void theEventsProducersWriteAreReadByTheByteScan() {
        OffsetDateTime local = OffsetDateTime.of(2024, 11, 3, 1, 45, 0, 0, ZoneOffset.ofHours(-8));
        List<IntervalPayload> payloads = List.of(
                new IntervalPayload("5000001", "M-9001", new BigDecimal("0.25300"), LocalDate.of(2024, 11, 3), local,
                        local.toInstant(), "KWH_DEL", "America/Los_Angeles", 15, "A"),
                new IntervalPayload(null, "M-9001", new BigDecimal("-12345678901234.12345"), null, null,
                        Instant.parse("2024-03-10T10:00:00.500Z"), "KWH_REC", null, 60, null),
                new IntervalPayload("5000001", null, new BigDecimal("-0.000"), LocalDate.of(2024, 2, 29),
                        local.withOffsetSameInstant(ZoneOffset.ofHoursMinutes(5, 45)), local.toInstant(), "", "",
                        1440, ""),
                new IntervalPayload("", "M", new BigDecimal("123456789012345678.9"), LocalDate.of(2024, 3, 10), local,
                        local.toInstant(), null, "America/Los_Angeles", 0, "E"),
                new IntervalPayload("5000001", "M-9001", null, LocalDate.of(2024, 3, 10), local, local.toInstant(),
                        null, "America/Los_Angeles", 5, "A"));
        for (IntervalPayload p : payloads) {
            RowEvent<IntervalPayload> event = RowEvent.of("DEMO", "f-1", "GRIDX_DEMO_INTERVAL_20240301120000.csv",
                    9601, p);
            byte[] json = CODEC.encode(event);
            assertThat(READER.scan(json)).as(new String(json, StandardCharsets.UTF_8)).isEqualTo(event);
            RowEvent<IntervalPayload> scanned = READER.scan(json);
            if (p.usageValue() != null) {
                assertThat(scanned.data().usageValue().scale()).isEqualTo(p.usageValue().scale());
                assertThat(scanned.data().usageValue().unscaledValue()).isEqualTo(p.usageValue().unscaledValue());
            }
        }
    }

    @Test
    void oneBatchReadingManyEventsGivesEachItsOwnValuesAndSharesRepeatedStrings() {
        // consecutive events repeat and change ids, channel, zone, quality and file in random patterns, some
        // spelled in forms only the parsers read: every event equals data binding's, whatever came before
        Random random = new Random(20261123L);
        String[] accounts = {"5000001", "5000002", "500000", "50000011", ""};
        String[] meters = {"M-9001", "M-9002", "M-900", "M-90011"};
        String[] channels = {"KWH_DEL", "KWH_REC", "KWH_DE", "KW"};
        String[] zones = {"America/Los_Angeles", "America/New_York", "UTC"};
        String[] versions = {"A", "E", "", "AE"};
        IntervalEventReader.Batch batch = READER.batch();
        RowEvent<IntervalPayload> previous = null;
        int shared = 0;
        for (int i = 0; i < 5_000; i++) {
            Instant t = Instant.parse("2024-03-10T00:00:00Z").plusSeconds(900L * random.nextInt(2_000));
            OffsetDateTime local = t.atOffset(ZoneOffset.ofHours(random.nextBoolean() ? -7 : -8));
            IntervalPayload p = new IntervalPayload(pick(random, accounts, true), pick(random, meters, true),
                    random.nextInt(10) == 0 ? null : BigDecimal.valueOf(random.nextLong(-100_000, 100_000_000),
                            random.nextInt(6)), local.toLocalDate(), local, t, pick(random, channels, true),
                    pick(random, zones, true), 15, pick(random, versions, true));
            RowEvent<IntervalPayload> event = RowEvent.of(random.nextInt(20) == 0 ? "OTHER" : "DEMO",
                    "f-" + random.nextInt(2), "GRIDX_DEMO_INTERVAL_2024030112000" + random.nextInt(2) + ".csv",
                    i + 2, p);
            String text = new String(CODEC.encode(event), StandardCharsets.UTF_8);
            boolean scanned = random.nextInt(25) != 0;
            if (!scanned) {
                text = text.replace(",\"data\":", ", \"data\" : "); // whitespace: read by the streaming parser
            }
            byte[] json = text.getBytes(StandardCharsets.UTF_8);
            RowEvent<IntervalPayload> read = batch.read(json);
            assertThat(read).as(text).isEqualTo(CODEC.decodeRow(json, IntervalPayload.class)).isEqualTo(event);
            if (scanned && previous != null && read.data().channel() != null
                    && read.data().channel().equals(previous.data().channel())) {
                assertThat(read.data().channel()).isSameAs(previous.data().channel());
                shared++;
            }
            previous = scanned ? read : null;
        }
        assertThat(shared).isGreaterThan(600);
    }

    private static String pick(Random random, String[] values, boolean nullable) {
        return nullable && random.nextInt(15) == 0 ? null : values[random.nextInt(values.length)];
    }

    @Test
    void decimalsKeepTheirExactValueAndScale() {
        RowEvent<IntervalPayload> e = READER.read(withData("usage_value", "\"-0.000012300\"")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(e.data().usageValue().unscaledValue().longValue()).isEqualTo(-12300L);
        assertThat(e.data().usageValue().scale()).isEqualTo(9);
        RowEvent<IntervalPayload> big = READER.read(withData("usage_value", "\"" + "9".repeat(40) + ".5\"")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(big.data().usageValue()).isEqualTo(new BigDecimal("9".repeat(40) + ".5"));
    }

    private static void assertSameAsDataBinding(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        Object expected;
        try {
            expected = CODEC.decodeRow(json, IntervalPayload.class);
        } catch (RuntimeException e) {
            expected = e.getClass().getName() + ": " + e.getMessage();
        }
        Object actual;
        try {
            actual = READER.read(json);
        } catch (RuntimeException e) {
            actual = e.getClass().getName() + ": " + e.getMessage();
        }
        assertThat(actual).as(text).isEqualTo(expected);
        RowEvent<IntervalPayload> scanned = READER.scan(json);
        if (scanned != null) { // the byte scan may leave any text to the parsers, but what it reads must be right
            assertThat((Object) scanned).as("scanned %s", text).isEqualTo(expected);
        }
    }
}
