package org.lfenergy.cds.usage.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.gridx.BillDeterminantPayload;
import org.lfenergy.cds.contracts.gridx.CustomerPayload;
import org.lfenergy.cds.contracts.gridx.IntervalPayload;
import org.lfenergy.cds.contracts.gridx.MeterAccountMeterPayload;
import org.lfenergy.cds.contracts.gridx.RegisterPayload;
import org.lfenergy.cds.contracts.id.CdsIdKind;
import org.lfenergy.cds.contracts.id.CdsIds;
import org.lfenergy.cds.testing.RealInfrastructure;
import org.lfenergy.cds.usage.messaging.TopicAssignments;
import org.lfenergy.cds.usage.support.Filters;
import org.lfenergy.cds.usage.support.KafkaEvents;
import org.lfenergy.cds.usage.support.Scenario;

/**
 * One meter-year (365 local days of quarter-hours, 35,040 values, both DST days) among the segments of 50 other
 * contracts of the same GridX client and of another client that uses the same meter and account numbers: the
 * meter's pages of 100 walk the year in order, forward and back, without a day missing or repeated.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "usage"))
class MeterYearPagingTest {

    static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
    static final int DAYS = 365; // 2024-01-01 .. 2024-12-30, as the bench's meter-year request
    static final String YEAR_AFTER = "2024-01-01T08:00:00Z";
    static final String YEAR_BEFORE = "2024-12-30T08:00:00Z";
    static final int NOISE = 50;
    static final List<Topic> TOPICS = List.of(Topic.CUSTOMERS, Topic.METERACCOUNT_METERS, Topic.INTERVALS,
            Topic.REGISTERS, Topic.BILL_DETERMINANTS);

    static String client;
    static String otherClient;
    static Throwable ingestFailure;

    @Inject
    CdsIds ids;

    @Inject
    @io.smallrye.common.annotation.Identifier("usage-assignments")
    TopicAssignments assignments;

    @BeforeEach
    void ingestOnce() throws Exception {
        if (ingestFailure != null) {
            throw new IllegalStateException("ingestion failed earlier", ingestFailure);
        }
        if (client != null) {
            Filters.useGridxClient(client);
            return;
        }
        try {
            ingest();
        } catch (Exception | AssertionError e) {
            ingestFailure = e;
            throw e;
        }
    }

    /** The value of slot {@code i} of the meter-year's day {@code day} (0-based): the day and slot are readable. */
    static BigDecimal value(int day, int slot) {
        return new BigDecimal(day).add(new BigDecimal(slot).movePointLeft(3));
    }

    private void ingest() throws Exception {
        KafkaEvents.ensureTopics();
        Map<String, Integer> partitions = KafkaEvents.partitions(TOPICS.stream().map(Topic::topicName).toList());
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> KafkaEvents.settled(assignments, partitions));
        String a = "Y" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        String b = "Z" + a.substring(1);
        OffsetDateTime since = ZonedDateTime.of(LocalDate.of(2020, 1, 1), LocalTime.MIDNIGHT, Scenario.LA).toOffsetDateTime();
        long line = 2;
        try (KafkaEvents k = new KafkaEvents()) {
            // The meter-year: contract CY, meter account MA-Y, meter M-Y.
            k.send(Topic.CUSTOMERS, a, new CustomerPayload("PY", "AY", "CY", "PMY", "SPY", "MA-Y", since, null, "Active"), line++);
            k.send(Topic.METERACCOUNT_METERS, a, new MeterAccountMeterPayload("MA-Y", "M-Y", since, null), line++);
            for (int d = 0; d < DAYS; d++) {
                line = sendDay(k, a, "MA-Y", "M-Y", FIRST.plusDays(d), d, line);
            }
            // Noise of the same client: 50 contracts and meters with two days each inside the year, register reads
            // and a billed period; their account numbers sort before and after AY.
            for (int n = 0; n < NOISE; n++) {
                String ma = "MA-N" + n;
                String meter = "M-N" + n;
                String account = (n % 2 == 0 ? "AA" : "AZ") + n;
                k.send(Topic.CUSTOMERS, a, new CustomerPayload("PN" + n, account, "CN" + n, "PMN" + n, "SPN" + n, ma,
                        since, null, "Active"), line++);
                k.send(Topic.METERACCOUNT_METERS, a, new MeterAccountMeterPayload(ma, meter, since, null), line++);
                line = sendDay(k, a, ma, meter, FIRST.plusDays(7 * n), 1000 + n, line);
                line = sendDay(k, a, ma, meter, FIRST.plusDays(7 * n + 1), 2000 + n, line);
                LocalDate regDay = FIRST.plusDays(7 * n + 3);
                Instant midnight = regDay.atStartOfDay(Scenario.LA).toInstant();
                k.send(Topic.REGISTERS, a, new RegisterPayload(ma, meter, new BigDecimal("5000.5"), regDay,
                        midnight.atZone(Scenario.LA).toOffsetDateTime(), midnight, "KWH_DEL", "America/Los_Angeles",
                        1440, "A"), line++);
                OffsetDateTime bs = ZonedDateTime.of(FIRST.plusDays(7 * n), LocalTime.MIDNIGHT, Scenario.LA).toOffsetDateTime();
                OffsetDateTime be = bs.plusDays(30);
                k.send(Topic.BILL_DETERMINANTS, a, new BillDeterminantPayload(ma, new BigDecimal("300.5"), bs, be,
                        bs.toInstant(), be.toInstant(), "KWH_DEL_WINTER_ON_PEAK", "A", "America/Los_Angeles"), line++);
            }
            // Another GridX client with the same numbers: 60 days of MA-Y / M-Y.
            k.send(Topic.CUSTOMERS, b, new CustomerPayload("PY", "AY", "CY", "PMY", "SPY", "MA-Y", since, null, "Active"), line++);
            k.send(Topic.METERACCOUNT_METERS, b, new MeterAccountMeterPayload("MA-Y", "M-Y", since, null), line++);
            for (int d = 0; d < 60; d++) {
                line = sendDay(k, b, "MA-Y", "M-Y", FIRST.plusDays(100 + d), 5000 + d, line);
            }
            k.flush();
        }
        Filters.useGridxClient(a);
        String meterId = ids.id(CdsIdKind.METER_DEVICE, a, "M-Y");
        String lastNoise = ids.id(CdsIdKind.METER_DEVICE, a, "M-N" + (NOISE - 1));
        String otherMeter = ids.id(CdsIdKind.METER_DEVICE, b, "M-Y");
        Awaitility.await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(2)).until(() ->
                values(walk(all(), meterId)) == DAYS * 96L
                        && segments(walk(all(), lastNoise)) == 4 // two days, a register day, a billed period
                        && segments(walk(Filters.sign(Filters.filter(b, new Coverage(null, IdSelection.ALL, null, null, null, null),
                        java.util.EnumSet.complementOf(java.util.EnumSet.of(org.lfenergy.cds.contracts.grant.IncludeField.UNKNOWN)),
                        List.of(), org.lfenergy.cds.contracts.grant.DateWindows.UNBOUNDED, null)), otherMeter)) == 60);
        otherClient = b;
        client = a;
    }

    /** Sends the 92, 96 or 100 quarter-hours of one local day. */
    private static long sendDay(KafkaEvents k, String gridxClient, String ma, String meter, LocalDate day, int dayNo,
                                long line) {
        Instant t = day.atStartOfDay(Scenario.LA).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(Scenario.LA).toInstant();
        for (int slot = 0; t.isBefore(end); t = t.plusSeconds(900), slot++) {
            k.send(Topic.INTERVALS, gridxClient, new IntervalPayload(ma, meter, value(dayNo, slot), day,
                    t.atZone(Scenario.LA).toOffsetDateTime(), t, "KWH_DEL", "America/Los_Angeles", 15, "A"), line++);
        }
        return line;
    }

    /** Direct access to every account of the client. */
    private static String all() {
        return Filters.everything(new Coverage(null, IdSelection.ALL, null, null, null, null));
    }

    private static JsonPath get(String filter, String pathAndQuery) {
        return given().header(AccessFilter.HEADER, filter).urlEncodingEnabled(false).get(pathAndQuery)
                .then().statusCode(200).extract().jsonPath();
    }

    private static String path(String link) {
        return link.substring(link.indexOf("/cds/"));
    }

    /** Every page of the meter's year (limit 100), following next links. */
    private static List<JsonPath> walk(String filter, String meterId) {
        List<JsonPath> pages = new ArrayList<>();
        JsonPath page = get(filter, "/cds/v1/usage-segments?cds_meterdevice_ids=" + meterId + "&after=" + YEAR_AFTER
                + "&before=" + YEAR_BEFORE + "&limit=100");
        pages.add(page);
        while (page.getString("next") != null && pages.size() < 100) {
            page = get(filter, path(page.getString("next")));
            pages.add(page);
        }
        return pages;
    }

    private static long segments(List<JsonPath> pages) {
        return pages.stream().mapToLong(p -> p.getList("usage_segments").size()).sum();
    }

    private static long values(List<JsonPath> pages) {
        return pages.stream().mapToLong(p -> p.getList("usage_segments.values.flatten()").size()).sum();
    }

    @Test
    void aMeterYearComesInFourPagesOfWholeDaysInTimeOrderWithNoDayMissingOrRepeated() {
        List<JsonPath> pages = walk(all(), ids.id(CdsIdKind.METER_DEVICE, client, "M-Y"));
        assertThat(pages).hasSize(4);
        assertThat(pages.stream().map(p -> p.getList("usage_segments").size()).toList()).containsExactly(100, 100, 100, 65);
        List<String> starts = new ArrayList<>();
        long total = 0;
        for (JsonPath p : pages) {
            List<Map<String, Object>> segments = p.getList("usage_segments");
            for (int i = 0; i < segments.size(); i++) {
                int d = starts.size();
                LocalDate day = FIRST.plusDays(d);
                String prefix = "usage_segments[" + i + "].";
                assertThat(p.getString(prefix + "segment_start"))
                        .isEqualTo(day.atStartOfDay(Scenario.LA).toInstant().toString());
                assertThat(p.getString(prefix + "segment_end"))
                        .isEqualTo(day.plusDays(1).atStartOfDay(Scenario.LA).toInstant().toString());
                List<Object> values = p.getList(prefix + "values");
                int slots = day.equals(Scenario.SPRING) ? 92 : day.equals(Scenario.FALL) ? 100 : 96;
                assertThat(values).as("values of %s", day).hasSize(slots);
                assertThat(new BigDecimal(p.getString(prefix + "values[0][0].eu"))).isEqualByComparingTo(value(d, 0));
                assertThat(new BigDecimal(p.getString(prefix + "values[" + (slots - 1) + "][0].eu")))
                        .isEqualByComparingTo(value(d, slots - 1));
                assertThat(p.getList(prefix + "related_accounts")).containsExactly(ids.id(CdsIdKind.ACCOUNT, client, "AY"));
                total += slots;
                starts.add(p.getString(prefix + "segment_start"));
            }
        }
        assertThat(starts).hasSize(DAYS).doesNotHaveDuplicates();
        assertThat(total).isEqualTo(35_040L);
        assertThat(pages.get(3).getString("next")).isNull();
    }

    @Test
    void limit400ServesTheMeterYearInOnePageEqualToItsFourPagesOf100() {
        String filter = all();
        String meterId = ids.id(CdsIdKind.METER_DEVICE, client, "M-Y");
        List<JsonPath> pages = walk(filter, meterId);
        List<Object> expected = new ArrayList<>();
        pages.forEach(p -> expected.addAll(p.getList("usage_segments")));
        JsonPath year = get(filter, "/cds/v1/usage-segments?cds_meterdevice_ids=" + meterId + "&after=" + YEAR_AFTER
                + "&before=" + YEAR_BEFORE + "&limit=400");
        // every segment with every field and value, in the same order
        assertThat(year.getList("usage_segments")).hasSize(DAYS).containsExactlyElementsOf(expected);
        assertThat(year.getString("next")).isNull();
        assertThat(year.getString("previous")).isNull();
        // a page of 300 ends after day 300 and its next page holds the rest
        JsonPath first = get(filter, "/cds/v1/usage-segments?cds_meterdevice_ids=" + meterId + "&after=" + YEAR_AFTER
                + "&before=" + YEAR_BEFORE + "&limit=300");
        assertThat(first.getList("usage_segments")).containsExactlyElementsOf(expected.subList(0, 300));
        JsonPath rest = get(filter, path(first.getString("next")));
        assertThat(rest.getList("usage_segments")).containsExactlyElementsOf(expected.subList(300, DAYS));
        assertThat(rest.getString("next")).isNull();
    }

    @Test
    void aLimitAbove400OrAPageSizeAbove100ForOtherListsIsRefusedNamingTheParameter() {
        String filter = all();
        for (String path : List.of("/cds/v1/usage-segments?limit=401", "/cds/v1/usage-segments?limit=0",
                "/cds/v1/service-points?limit=101", "/cds/v1/meter-devices?limit=366")) {
            given().header(AccessFilter.HEADER, filter).urlEncodingEnabled(false).get(path)
                    .then().statusCode(400).body("error", org.hamcrest.Matchers.equalTo("invalid_request"))
                    .body("parameter", org.hamcrest.Matchers.equalTo("limit"));
        }
        // without a limit a page holds 100 segments (usage.page-size)
        assertThat(get(filter, "/cds/v1/usage-segments?cds_meterdevice_ids=" + ids.id(CdsIdKind.METER_DEVICE, client, "M-Y")
                + "&after=" + YEAR_AFTER + "&before=" + YEAR_BEFORE).getList("usage_segments")).hasSize(100);
    }

    @Test
    void previousLinksWalkTheMeterYearBackThroughTheSamePages() {
        String filter = all();
        List<JsonPath> forward = walk(filter, ids.id(CdsIdKind.METER_DEVICE, client, "M-Y"));
        assertThat(forward).hasSize(4);
        JsonPath page = forward.get(3);
        for (int i = 2; i >= 0; i--) {
            page = get(filter, path(page.getString("previous")));
            assertThat(page.getList("usage_segments.cds_usagesegment_id"))
                    .as("page %d going back", i + 1)
                    .containsExactlyElementsOf(forward.get(i).getList("usage_segments.cds_usagesegment_id"));
        }
        assertThat(page.getString("previous")).isNull();
    }

    @Test
    void theMeterNumberFilterFindsTheSameYearAndNothingOfTheOtherClientOrTheNoise() {
        String filter = all();
        List<JsonPath> byId = walk(filter, ids.id(CdsIdKind.METER_DEVICE, client, "M-Y"));
        List<String> expected = new ArrayList<>();
        byId.forEach(p -> expected.addAll(p.getList("usage_segments.cds_usagesegment_id")));
        List<String> byNumber = new ArrayList<>();
        JsonPath page = get(filter, "/cds/v1/usage-segments?meter_numbers=M-Y&after=" + YEAR_AFTER + "&before="
                + YEAR_BEFORE + "&limit=100");
        byNumber.addAll(page.getList("usage_segments.cds_usagesegment_id"));
        while (page.getString("next") != null) {
            page = get(filter, path(page.getString("next")));
            byNumber.addAll(page.getList("usage_segments.cds_usagesegment_id"));
        }
        assertThat(byNumber).containsExactlyElementsOf(expected);
        // the other client's meter with the same number is not this client's meter
        assertThat(walk(filter, ids.id(CdsIdKind.METER_DEVICE, otherClient, "M-Y")).get(0).getList("usage_segments"))
                .isEmpty();
        // a noise meter: its two days, its register day and its billed period, in time order, nothing of M-Y
        List<JsonPath> noise = walk(filter, ids.id(CdsIdKind.METER_DEVICE, client, "M-N7"));
        assertThat(noise).hasSize(1);
        assertThat(noise.get(0).getList("usage_segments.segment_start")).containsExactly(
                FIRST.plusDays(49).atStartOfDay(Scenario.LA).toInstant().toString(),
                FIRST.plusDays(49).atStartOfDay(Scenario.LA).toInstant().toString(),
                FIRST.plusDays(50).atStartOfDay(Scenario.LA).toInstant().toString(),
                FIRST.plusDays(52).atStartOfDay(Scenario.LA).toInstant().toString());
        Set<String> accounts = new HashSet<>(noise.get(0).getList("usage_segments.related_accounts.flatten()"));
        assertThat(accounts).containsExactly(ids.id(CdsIdKind.ACCOUNT, client, "AZ7"));
    }
}
