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
        BigDecimal[] v = new BigDecimal[92];
        String[] qs = new String[92];
        for (int i = 0; i < 92; i++) {
            String s = values[i % values.length];
            v[i] = s.equals("-") ? null : new BigDecimal(s);
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
