package org.lfenergy.cds.usage.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.id.CdsIds;
import org.lfenergy.cds.usage.mapping.Json;
import org.lfenergy.cds.usage.mapping.TestConfigs;
import org.lfenergy.cds.usage.service.SegmentData.ChannelDay;
import org.lfenergy.cds.usage.service.SegmentData.Determinant;
import org.lfenergy.cds.usage.service.SegmentData.Header;
import org.lfenergy.cds.usage.service.SegmentData.Kind;
import org.lfenergy.cds.usage.service.SegmentData.RegisterRead;

class UsageSegmentAssemblerTest {

    static final CdsIds IDS = new CdsIds("unit-test-key-0123456789abcdef-0123".getBytes(StandardCharsets.UTF_8));
    final UsageSegmentAssembler assembler = new UsageSegmentAssembler(TestConfigs.channels(), TestConfigs.quality(),
            IDS, "meter_readings");
    static final Instant START = Instant.parse("2024-03-10T08:00:00Z");
    static final Instant END = Instant.parse("2024-03-11T07:00:00Z");
    static final OffsetDateTime T = OffsetDateTime.parse("2024-03-12T00:00:00Z");

    static Header day(boolean showAll) {
        return new Header(Kind.INTERVAL_DAY, "us_x", "C", "ma:MA", LocalDate.of(2024, 3, 10), 900, START, END, T, T,
                "acc_1", "sc_1", "sp_1", "MA", showAll, showAll, showAll);
    }

    static UsageSegmentAssembler.Visibility all() {
        return new UsageSegmentAssembler.Visibility(id -> true, (c, m) -> true, null, null);
    }

    static final ObjectMapper MAPPER = new ObjectMapper().setNodeFactory(Json.NODES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** The segment as a client reads it: its JSON text, parsed (value sets are written by the generator, not nodes). */
    Optional<ObjectNode> assemble(Header h, List<ChannelDay> days, List<RegisterRead> reads, List<Determinant> dets,
                                  UsageSegmentAssembler.Visibility v) {
        return assembler.assemble(h, days, reads, dets, v).map(UsageSegmentAssemblerTest::json);
    }

    static ObjectNode json(ObjectNode segment) {
        try {
            return (ObjectNode) MAPPER.readTree(MAPPER.writeValueAsString(segment));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ChannelDay channel(String channel, String q, String... values) {
        String[] v = new String[92];
        String[] qs = new String[92];
        for (int i = 0; i < 92; i++) {
            String s = values[i % values.length];
            v[i] = s.equals("-") ? null : s;
            qs[i] = v[i] == null ? null : q;
        }
        return new ChannelDay(channel, List.of("M1"), START, 900, v, qs);
    }

    @Test
    void anIntervalDayHasOneValueSetPerSlotAndNullForMissingValues() {
        ObjectNode s = assemble(day(true), List.of(channel("KWH_DEL", "A", "0.5", "-")), List.of(), List.of(),
                all()).orElseThrow();
        assertThat(s.get("segment_start").asText()).isEqualTo("2024-03-10T08:00:00Z");
        assertThat(s.get("segment_end").asText()).isEqualTo("2024-03-11T07:00:00Z");
        assertThat(s.get("interval").asInt()).isEqualTo(900);
        assertThat(s.get("values")).hasSize(92);
        assertThat(s.get("values").get(0).get(0).get("eu").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(s.get("values").get(1).get(0).isNull()).isTrue();
        assertThat(s.get("formats").get(0).get("quality").asText()).isEqualTo("revenue");
        assertThat(s.get("related_accounts")).hasSize(1);
        assertThat(s.get("related_billsections")).isEmpty();
    }

    @Test
    void valuesAreWrittenAsTheStoredDecimalsWithTheirScaleAndReverseNegated() throws Exception {
        ObjectNode seg = assembler.assemble(day(true), List.of(channel("KWH_DEL", "A", "1.500", "-", "0.000001"),
                channel("KWH_REC", "A", "0.40", "0", "-")), List.of(), List.of(), all()).orElseThrow();
        String text = MAPPER.writeValueAsString(seg);
        String values = text.substring(text.indexOf("\"values\":"));
        assertThat(values).startsWith("\"values\":[[{\"eu\":1.500},{\"eu\":-0.40},{\"eu\":1.100}],"
                + "[null,{\"eu\":0},null],[{\"eu\":0.000001},null,null],[{\"eu\":1.500},");
        assertThat(json(seg).get("values")).hasSize(92);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "-({0}) = {1}")
    @org.junit.jupiter.params.provider.CsvSource({"0.40, -0.40", "-0.40, 0.40", "0, 0", "0.000, 0.000", "-0, 0",
            "1, -1", "123456789.123456789, -123456789.123456789", "0.001, -0.001", "-5, 5", "10, -10"})
    void aNegatedDecimalTextIsWhatBigDecimalNegationPrints(String v, String negated) {
        assertThat(UsageSegmentAssembler.negate(v)).isEqualTo(negated);
        if (!v.equals("-0")) { // PostgreSQL never prints a signed zero
            assertThat(UsageSegmentAssembler.negate(v)).isEqualTo(new BigDecimal(v).negate().toPlainString());
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"revenue", "a\"b", "back\\slash", "tab\tnew\nline",
            "\u0001\u001f", "é ü", "\r\f\b"})
    void jsonStringsAreEscapedAsJacksonEscapesThem(String s) throws Exception {
        JsonBytes out = new JsonBytes(1).appendJsonString(s);
        assertThat(out.toString()).isEqualTo(new ObjectMapper().writeValueAsString(s));
        assertThat(out.toBytes()).isEqualTo(new ObjectMapper().writeValueAsBytes(s));
    }

    /**
     * The value sets written as one raw text equal, byte for byte, what writing each value with the JSON generator
     * from its BigDecimal wrote (the previous serialisation): random days of forward and reverse channels (hence
     * net), missing values, mixed qualities and register reads, also trimmed by a grant window.
     */
    @Test
    void valueSetsAreByteForByteWhatTheGeneratorWroteFromBigDecimals() throws Exception {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        for (int n = 0; n < 200; n++) {
            String[][] vals = new String[2][92];
            String[][] qs = new String[2][92];
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < 92; i++) {
                    if (r.nextInt(10) > 0) {
                        vals[c][i] = BigDecimal.valueOf(r.nextLong(0, 100_000_000L), r.nextInt(0, 7)).toPlainString();
                        qs[c][i] = r.nextInt(n % 3 == 0 ? 5 : 1000) == 0 ? "E" : "A";
                    }
                }
            }
            List<ChannelDay> days = List.of(new ChannelDay("KWH_DEL", List.of("M1"), START, 900, vals[0], qs[0]),
                    new ChannelDay("KWH_REC", List.of("M1"), START, 900, vals[1], qs[1]));
            List<RegisterRead> reads = List.of(new RegisterRead("KWH_DEL", "M1", START.plusSeconds(900L * r.nextInt(92)),
                    BigDecimal.valueOf(r.nextLong(0, 10_000_000L), 3)));
            UsageSegmentAssembler.Visibility v = n % 4 == 0 ? new UsageSegmentAssembler.Visibility(id -> true,
                    (c, m) -> true, START.plusSeconds(900L * r.nextInt(40)), START.plusSeconds(900L * r.nextInt(50, 93)))
                    : all();
            ObjectNode seg = assembler.assemble(day(true), days, reads, List.of(), v).orElseThrow();
            String text = MAPPER.writeValueAsString(seg);
            String served = text.substring(text.indexOf("\"values\":") + 9, text.length() - 1);
            assertThat(served).isEqualTo(generatorWritten(json(seg).get("formats"), days, reads,
                    (int) ((Instant.parse(json(seg).get("segment_start").asText()).getEpochSecond()
                            - START.getEpochSecond()) / 900), json(seg).get("values").size()));
        }
    }

    /** The previous serialisation: per value, the generator writes the BigDecimal (reverse negated, net subtracted). */
    private static String generatorWritten(JsonNode formats, List<ChannelDay> days, List<RegisterRead> reads, int from,
                                           int count) throws Exception {
        java.io.StringWriter w = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator g = MAPPER.getFactory().createGenerator(w)) {
            g.writeStartArray();
            for (int i = from; i < from + count; i++) {
                g.writeStartArray();
                for (JsonNode f : formats) {
                    String id = f.get("id").asText();
                    boolean mixed = !f.has("quality");
                    if (id.startsWith("meter_readings")) {
                        RegisterRead read = reads.get(0);
                        if (read.readAt().equals(START.plusSeconds(900L * i))) {
                            g.writeStartObject();
                            g.writeStringField("r", read.value().toPlainString());
                            g.writeEndObject();
                        } else {
                            g.writeNull();
                        }
                        continue;
                    }
                    ChannelDay del = days.get(0);
                    ChannelDay rec = days.get(1);
                    BigDecimal value;
                    String q;
                    switch (id) {
                        case "electric_usage_forward" -> {
                            value = del.values()[i] == null ? null : new BigDecimal(del.values()[i]);
                            q = del.quality()[i];
                        }
                        case "electric_usage_reverse" -> {
                            value = rec.values()[i] == null ? null : new BigDecimal(rec.values()[i]).negate();
                            q = rec.quality()[i];
                        }
                        default -> {
                            value = del.values()[i] == null || rec.values()[i] == null ? null
                                    : new BigDecimal(del.values()[i]).subtract(new BigDecimal(rec.values()[i]));
                            q = value == null ? null : del.quality()[i].equals(rec.quality()[i]) ? del.quality()[i] : "E";
                        }
                    }
                    if (value == null) {
                        g.writeNull();
                        continue;
                    }
                    g.writeStartObject();
                    g.writeFieldName("eu");
                    g.writeNumber(value);
                    if (mixed) {
                        g.writeStringField("gridx_quality", TestConfigs.quality().toCds(q));
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        return w.toString();
    }

    @Test
    void aDayOfMixedQualityWritesEachValuesQualityInItsJson() throws Exception {
        ChannelDay d = channel("KWH_DEL", "A", "2.25");
        d.quality()[1] = "E";
        String text = MAPPER.writeValueAsString(assembler.assemble(day(true), List.of(d), List.of(), List.of(), all())
                .orElseThrow());
        assertThat(text).contains("\"values\":[[{\"eu\":2.25,\"gridx_quality\":\"revenue\"}],"
                + "[{\"eu\":2.25,\"gridx_quality\":\"estimated\"}],[{\"eu\":2.25,\"gridx_quality\":\"revenue\"}]");
    }

    @Test
    void mixedQualityMovesToEachValue() {
        ChannelDay d = channel("KWH_DEL", "A", "1.0");
        d.quality()[3] = "E";
        ObjectNode s = assemble(day(true), List.of(d), List.of(), List.of(), all()).orElseThrow();
        assertThat(s.get("formats").get(0).has("quality")).isFalse();
        assertThat(s.get("values").get(3).get(0).get("gridx_quality").asText()).isEqualTo("estimated");
        assertThat(s.get("values").get(2).get(0).get("gridx_quality").asText()).isEqualTo("revenue");
    }

    @Test
    void forwardAndReverseGiveANetFormatWithTheCdsSignConvention() {
        ObjectNode s = assemble(day(true), List.of(channel("KWH_REC", "A", "0.4", "-"),
                channel("KWH_DEL", "A", "1.0", "0.2")), List.of(), List.of(), all()).orElseThrow();
        JsonNode f = s.get("formats");
        assertThat(f).extracting(n -> n.get("id").asText()).containsExactly("electric_usage_forward",
                "electric_usage_reverse", "electric_usage_net");
        JsonNode v0 = s.get("values").get(0);
        assertThat(v0.get(0).get("eu").decimalValue()).isEqualByComparingTo("1.0");
        assertThat(v0.get(1).get("eu").decimalValue()).isEqualByComparingTo("-0.4");
        assertThat(v0.get(2).get("eu").decimalValue()).isEqualByComparingTo("0.6");
        JsonNode v1 = s.get("values").get(1);
        assertThat(v1.get(1).isNull()).isTrue();
        assertThat(v1.get(2).isNull()).isTrue(); // no net without both directions
    }

    @Test
    void theGrantsFormatChoiceAndHiddenKindsAreRespected() {
        UsageSegmentAssembler.Visibility netOnly = new UsageSegmentAssembler.Visibility(
                id -> id.equals("electric_usage_net"), (c, m) -> false, null, null);
        ObjectNode s = assemble(day(false), List.of(channel("KWH_REC", "A", "0.4"),
                channel("KWH_DEL", "A", "1.0")), List.of(), List.of(), netOnly).orElseThrow();
        assertThat(s.get("formats")).hasSize(1);
        assertThat(s.get("formats").get(0).has("related_meterdevices")).isFalse();
        assertThat(s.get("values").get(0)).hasSize(1);
        assertThat(s.get("related_accounts")).isEmpty();
        assertThat(s.get("related_servicecontracts")).isEmpty();
        assertThat(s.get("related_meterdevices")).isEmpty();
        UsageSegmentAssembler.Visibility none = new UsageSegmentAssembler.Visibility(id -> false, (c, m) -> true,
                null, null);
        ObjectNode periods = assemble(day(true), List.of(channel("KWH_DEL", "A", "1")), List.of(), List.of(),
                none).orElseThrow();
        assertThat(periods.get("formats")).isEmpty();
        assertThat(periods.get("values")).isEmpty();
    }

    @Test
    void registerReadsArePlacedInTheSlotTheyStart() {
        ObjectNode s = assemble(day(true), List.of(channel("KWH_DEL", "A", "1")),
                List.of(new RegisterRead("KWH_DEL", "M1", START, new BigDecimal("100.500")),
                        new RegisterRead("KWH_DEL", "M1", START.plusSeconds(60), new BigDecimal("1"))),
                List.of(), all()).orElseThrow();
        JsonNode f = s.get("formats").get(1);
        assertThat(f.get("type").asText()).isEqualTo("meter_readings");
        assertThat(f.get("register").asText()).isEqualTo("KWH_DEL");
        assertThat(f.get("units").asText()).isEqualTo("kWh");
        assertThat(s.get("values").get(0).get(1).get("r").asText()).isEqualTo("100.500");
        assertThat(s.get("values").get(0).get(1).get("r").isTextual()).isTrue();
        assertThat(s.get("values").get(1).get(1).isNull()).isTrue();
    }

    @Test
    void aGrantWindowTrimsToTheWholeSlotsInsideItWithANewId() {
        UsageSegmentAssembler.Visibility w = new UsageSegmentAssembler.Visibility(id -> true, (c, m) -> true,
                START.plusSeconds(1000), START.plusSeconds(3600));
        ObjectNode s = assemble(day(true), List.of(channel("KWH_DEL", "A", "1")), List.of(), List.of(), w)
                .orElseThrow();
        assertThat(s.get("segment_start").asText()).isEqualTo("2024-03-10T08:30:00Z");
        assertThat(s.get("segment_end").asText()).isEqualTo("2024-03-10T09:00:00Z");
        assertThat(s.get("values")).hasSize(2);
        assertThat(s.get("cds_usagesegment_id").asText()).isNotEqualTo("us_x").startsWith("us_");
        UsageSegmentAssembler.Visibility outside = new UsageSegmentAssembler.Visibility(id -> true, (c, m) -> true,
                END, null);
        assertThat(assemble(day(true), List.of(channel("KWH_DEL", "A", "1")), List.of(), List.of(), outside))
                .isEmpty();
    }

    @Test
    void aBilledPeriodIsOneValueSetQualifiedBySeasonAndTimeOfUse() {
        Instant s0 = Instant.parse("2024-06-01T07:00:00Z");
        Instant s1 = Instant.parse("2024-07-01T07:00:00Z");
        Header h = new Header(Kind.BILLED_PERIOD, "us_b", "C", "ma:MA", null, 0, s0, s1, T, T, "acc_1", "sc_1",
                "sp_1", "MA", true, true, true);
        ObjectNode s = assemble(h, List.of(), List.of(), List.of(
                new Determinant("KWH_REC_SUMMER_ON_PEAK", new BigDecimal("12.5"), "A"),
                new Determinant("KWH_DEL_SUMMER_OFF_PEAK", new BigDecimal("300.25"), "E"),
                new Determinant("KWH_DEL_CPP_EVENT", new BigDecimal("4"), null),
                new Determinant("UNKNOWN_X", new BigDecimal("1"), "A")), all()).orElseThrow();
        assertThat(s.get("interval").asInt()).isEqualTo(30 * 86400);
        assertThat(s.get("values")).hasSize(1);
        assertThat(s.get("formats")).extracting(n -> n.get("id").asText()).containsExactly(
                "electric_usage_forward.cpp", "electric_usage_forward.summer.off_peak",
                "electric_usage_reverse.summer.peak");
        assertThat(s.get("formats").get(1).get("quality").asText()).isEqualTo("estimated");
        assertThat(s.get("formats").get(0).get("gridx_event").asText()).isEqualTo("cpp");
        assertThat(s.get("values").get(0).get(2).get("eu").decimalValue()).isEqualByComparingTo("-12.5");
    }

    @Test
    void netQualityIsTheCommonOneElseEstimatedElseCalculated() {
        assertThat(UsageSegmentAssembler.netQuality("revenue", "revenue")).isEqualTo("revenue");
        assertThat(UsageSegmentAssembler.netQuality("revenue", "estimated")).isEqualTo("estimated");
        assertThat(UsageSegmentAssembler.netQuality("revenue", "valid")).isEqualTo("calculated");
        assertThat(Set.of("a")).isNotEmpty();
    }
}
