package org.lfenergy.cds.usage.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.DateWindows;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.contracts.gridx.IntervalPayload;
import org.lfenergy.cds.contracts.id.CdsIdKind;
import org.lfenergy.cds.contracts.id.CdsIds;
import org.lfenergy.cds.testing.RealInfrastructure;
import org.lfenergy.cds.usage.messaging.TopicAssignments;
import org.lfenergy.cds.usage.support.Filters;
import org.lfenergy.cds.usage.support.KafkaEvents;
import org.lfenergy.cds.usage.support.Scenario;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "usage"))
class UsageApiTest {

    static Scenario scenario;
    static Throwable ingestFailure;

    @Inject
    CdsIds ids;

    @Inject
    @io.smallrye.common.annotation.Identifier("usage-assignments")
    TopicAssignments assignments;

    private static final List<Topic> TOPICS = List.of(Topic.CUSTOMERS, Topic.METERACCOUNT_METERS, Topic.ATTRIBUTES,
            Topic.INTERVALS, Topic.REGISTERS, Topic.BILL_DETERMINANTS, Topic.NETWORKS, Topic.EVENTS, Topic.BILLS);

    @BeforeEach
    void ingestOnce() throws Exception {
        if (ingestFailure != null) {
            throw new IllegalStateException("ingestion failed earlier", ingestFailure);
        }
        if (scenario != null) {
            return;
        }
        try {
            ingest();
        } catch (Exception | AssertionError e) {
            ingestFailure = e;
            throw e;
        }
    }

    private void ingest() throws Exception {
        KafkaEvents.ensureTopics();
        Map<String, Integer> partitions = KafkaEvents.partitions(TOPICS.stream().map(Topic::topicName).toList());
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> KafkaEvents.settled(assignments, partitions));
        Scenario s = new Scenario();
        try (KafkaEvents k = new KafkaEvents()) {
            pending = s;
            s.publish(k);
        }
        String all = Filters.everything(customer("P1"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonPath j = given().header(AccessFilter.HEADER, all).get("/cds/v1/usage-segments").then().extract().jsonPath();
            return j.getList("usage_segments").size() == 3
                    && j.getList("usage_segments.related_billsections.flatten()").size() == 1;
        });
        scenario = s;
    }

    private static Scenario pending;

    private String id(CdsIdKind kind, String source) {
        return ids.id(kind, (scenario != null ? scenario : pending).client, source);
    }

    /** Customer P1's grant: everything of P1 (accounts all), nothing else. */
    private Coverage customer(String person) {
        return new Coverage(id(CdsIdKind.CUSTOMER, person), IdSelection.ALL, null, null, null, null);
    }

    private JsonPath get(String path, String filter, Object... params) {
        var req = given().header(AccessFilter.HEADER, filter);
        for (int i = 0; i < params.length; i += 2) {
            req = req.queryParam((String) params[i], params[i + 1]);
        }
        return req.get(path).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void refusesRequestsWithoutAValidAccessFilter() {
        given().get("/cds/v1/usage-segments").then().statusCode(401).body("error", equalTo("invalid_token"));
        given().header(AccessFilter.HEADER, "abc.def").get("/cds/v1/service-points").then().statusCode(401);
        String good = Filters.everything(customer("P1"));
        String tampered = good.substring(0, good.indexOf('.')) + "x" + good.substring(good.indexOf('.'));
        given().header(AccessFilter.HEADER, tampered).get("/cds/v1/meter-devices").then().statusCode(401);
        Instant past = Instant.now().minus(Duration.ofHours(1));
        AccessFilter expired = new AccessFilter("g", "c", scenario.client, List.of(), customer("P1"),
                EnumSet.of(IncludeField.METER_DEVICES), List.of(), DateWindows.UNBOUNDED, null, past,
                past.plusSeconds(60));
        given().header(AccessFilter.HEADER, Filters.sign(expired)).get("/cds/v1/meter-devices").then().statusCode(401);
        given().header(AccessFilter.HEADER, Filters.sign(expired)).get("/cds/v1/eacs").then().statusCode(401);
    }

    @Test
    void acceptsFiltersSignedWithTheOtherKeyOfARotationAndNoStrangerKey() {
        AccessFilter f = new org.lfenergy.cds.contracts.access.AccessFilterCodec(
                org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getValue("cds.access-filter.key", String.class).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .verify(Filters.everything(customer("P1")));
        String rotated = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("cds.access-filter.also-accepted-keys", String.class);
        String byRotatedKey = new org.lfenergy.cds.contracts.access.AccessFilterCodec(
                rotated.getBytes(java.nio.charset.StandardCharsets.UTF_8)).encode(f);
        assertThat(get("/cds/v1/meter-devices", byRotatedKey).getList("meter_devices")).isNotEmpty();
        String byStranger = new org.lfenergy.cds.contracts.access.AccessFilterCodec(
                "a-key-nobody-configured-0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8)).encode(f);
        given().header(AccessFilter.HEADER, byStranger).get("/cds/v1/meter-devices").then().statusCode(401);
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        String f = Filters.everything(customer("P1"));
        given().header(AccessFilter.HEADER, f).queryParam("before", "yesterday").get("/cds/v1/usage-segments")
                .then().statusCode(400).body("parameter", equalTo("before")).body("error", equalTo("invalid_request"));
        given().header(AccessFilter.HEADER, f).queryParam("after", "2024-13-01").get("/cds/v1/usage-segments")
                .then().statusCode(400).body("parameter", equalTo("after"));
        given().header(AccessFilter.HEADER, f).queryParam("limit", "0").get("/cds/v1/service-points")
                .then().statusCode(400).body("parameter", equalTo("limit"));
        given().header(AccessFilter.HEADER, f).queryParam("cursor", "garbage").get("/cds/v1/meter-devices")
                .then().statusCode(400).body("parameter", equalTo("cursor"));
        given().header(AccessFilter.HEADER, f).queryParam("q", "  ").get("/cds/v1/meter-devices")
                .then().statusCode(400).body("parameter", equalTo("q"));
        given().header(AccessFilter.HEADER, f).queryParam("account_numbers", " ").get("/cds/v1/usage-segments")
                .then().statusCode(400).body("parameter", equalTo("account_numbers"));
        given().header(AccessFilter.HEADER, f).queryParam("before", "x").get("/cds/v1/eacs")
                .then().statusCode(400).body("parameter", equalTo("before"));
    }

    @Test
    void servicePointsShowAddressCoordinatesPremiseAndCurrentAndPreviousContracts() {
        // Direct access selecting service point SP1 by number, with every include field.
        Coverage c = new Coverage(null, null, null, IdSelection.ofNumbers(List.of("SP1")), null, null);
        JsonPath j = get("/cds/v1/service-points", Filters.everything(c));
        assertThat(j.getList("service_points")).hasSize(1);
        assertThat(j.getString("service_points[0].cds_servicepoint_id")).isEqualTo(id(CdsIdKind.SERVICE_POINT, "SP1"));
        assertThat(j.getString("service_points[0].servicepoint_number")).isEqualTo("SP1");
        assertThat(j.getString("service_points[0].servicepoint_address")).isEqualTo("1 Main St\nSan Jose, CA 95126");
        String raw = given().header(AccessFilter.HEADER, Filters.everything(c)).get("/cds/v1/service-points").asString();
        assertThat(raw).contains("\"latitude\":37.332710").contains("\"longitude\":-121.913450");
        assertThat(j.getList("service_points[0].servicepoint_types")).contains("electric", "edge");
        assertThat(j.getList("service_points[0].current_servicecontracts"))
                .containsExactly(id(CdsIdKind.SERVICE_CONTRACT, "C1"));
        assertThat(j.getList("service_points[0].previous_servicecontracts"))
                .containsExactly(id(CdsIdKind.SERVICE_CONTRACT, "C0"));
        assertThat(j.getString("service_points[0].premises[0].premise_number")).isEqualTo("PM1");
        assertThat(j.getString("next")).isNull();
        assertThat(j.getString("previous")).isNull();

        // Without the optional include fields the optional fields are left out, related contracts hidden.
        String bare = Filters.sign(Filters.filter(c, EnumSet.of(IncludeField.SERVICE_POINTS), null, DateWindows.UNBOUNDED));
        JsonPath b = get("/cds/v1/service-points", bare);
        Map<String, Object> sp = b.getMap("service_points[0]");
        assertThat(sp).doesNotContainKeys("servicepoint_address", "latitude", "longitude", "premises");
        assertThat(sp).containsKeys("cds_servicepoint_id", "cds_created", "cds_modified", "cds_synced",
                "servicepoint_number", "servicepoint_types", "current_servicecontracts", "previous_servicecontracts");
        assertThat(b.getList("service_points[0].current_servicecontracts")).isEmpty();
    }

    @Test
    void servicePointFiltersAndSearch() {
        String f = Filters.everything(customer("P1"));
        assertThat(get("/cds/v1/service-points", f).getList("service_points.servicepoint_number"))
                .containsExactlyInAnyOrder("SP1", "SP2");
        assertThat(get("/cds/v1/service-points", f, "servicepoint_numbers", "SP2 SP3")
                .getList("service_points.servicepoint_number")).containsExactly("SP2");
        assertThat(get("/cds/v1/service-points", f, "cds_servicepoint_ids", id(CdsIdKind.SERVICE_POINT, "SP1"))
                .getList("service_points.servicepoint_number")).containsExactly("SP1");
        assertThat(get("/cds/v1/service-points", f, "current_servicecontracts", id(CdsIdKind.SERVICE_CONTRACT, "C2"))
                .getList("service_points.servicepoint_number")).containsExactly("SP2");
        assertThat(get("/cds/v1/service-points", f, "previous_servicecontracts", id(CdsIdKind.SERVICE_CONTRACT, "C0"))
                .getList("service_points.servicepoint_number")).isEmpty(); // C0 is not P1's: never visible
        assertThat(get("/cds/v1/service-points", f, "q", "main st").getList("service_points.servicepoint_number"))
                .containsExactly("SP1");
    }

    @Test
    void meterSwapMovesTheOldMeterToPreviousServicePoints() {
        String f = Filters.everything(customer("P1"));
        JsonPath j = get("/cds/v1/meter-devices", f);
        assertThat(j.getList("meter_devices.meter_number")).containsExactlyInAnyOrder("M-OLD", "M-NEW", "M-NEM");
        String sp1 = id(CdsIdKind.SERVICE_POINT, "SP1");
        JsonPath old = get("/cds/v1/meter-devices", f, "meter_number", "M-OLD");
        assertThat(old.getList("meter_devices[0].current_servicepoints")).isEmpty();
        assertThat(old.getList("meter_devices[0].previous_servicepoints")).containsExactly(sp1);
        JsonPath now = get("/cds/v1/meter-devices", f, "current_servicepoints", sp1);
        assertThat(now.getList("meter_devices.meter_number")).containsExactly("M-NEW");
        assertThat(get("/cds/v1/meter-devices", f, "previous_servicepoints", sp1).getList("meter_devices.meter_number"))
                .containsExactly("M-OLD");
        JsonPath nem = get("/cds/v1/meter-devices", f, "cds_meterdevice_ids", id(CdsIdKind.METER_DEVICE, "M-NEM"));
        assertThat(nem.getList("meter_devices[0].meter_types")).contains("electric_usage", "bidirectional", "ami_meter");
        assertThat(get("/cds/v1/meter-devices", f, "q", "OLD").getList("meter_devices.meter_number"))
                .containsExactly("M-OLD");
        // meter_number needs include_meter_numbers
        String bare = Filters.sign(Filters.filter(customer("P1"), EnumSet.of(IncludeField.METER_DEVICES), null,
                DateWindows.UNBOUNDED));
        assertThat(get("/cds/v1/meter-devices", bare).getList("meter_devices")).hasSize(3);
        assertThat(get("/cds/v1/meter-devices", bare).getMap("meter_devices[0]")).doesNotContainKey("meter_number");
    }

    @Test
    void springForwardDayHas92SlotsNullForTheMissingIntervalAndQualityPerValue() {
        String f = Filters.everything(customer("P1"));
        JsonPath j = get("/cds/v1/usage-segments", f, "contract_numbers", "C1");
        List<Map<String, Object>> segs = j.getList("usage_segments");
        // the interval day (the register read sits in it)
        assertThat(segs).hasSize(1);
        Map<String, Object> seg = segs.get(0);
        assertThat(seg.get("segment_start")).isEqualTo("2024-03-10T08:00:00Z");
        assertThat(seg.get("segment_end")).isEqualTo("2024-03-11T07:00:00Z");
        assertThat(seg.get("interval")).isEqualTo(900);
        List<List<Map<String, Object>>> values = j.getList("usage_segments[0].values");
        assertThat(values).hasSize(92);
        List<Map<String, Object>> formats = j.getList("usage_segments[0].formats");
        assertThat(formats).extracting(m -> m.get("id")).containsExactly("electric_usage_forward",
                "meter_readings.KWH_DEL." + id(CdsIdKind.METER_DEVICE, "M-OLD"));
        assertThat(formats.get(0)).doesNotContainKey("quality"); // actual and estimated mixed
        assertThat((List<String>) formats.get(0).get("related_meterdevices")).containsExactlyInAnyOrder(
                id(CdsIdKind.METER_DEVICE, "M-OLD"), id(CdsIdKind.METER_DEVICE, "M-NEW"));
        // expectations from the published rows
        Map<Integer, IntervalPayload> bySlot = new HashMap<>();
        Instant start = Instant.parse("2024-03-10T08:00:00Z");
        for (IntervalPayload p : scenario.intervals) {
            if (p.meterAccountId().equals("MA1")) {
                bySlot.put((int) ((p.datetimeOfIntervalUtc().getEpochSecond() - start.getEpochSecond()) / 900), p);
            }
        }
        int missingSlot = (int) ((scenario.missing.getEpochSecond() - start.getEpochSecond()) / 900);
        for (int i = 0; i < 92; i++) {
            Map<String, Object> v = values.get(i).get(0);
            if (i == missingSlot) {
                assertThat(v).as("slot %d", i).isNull();
                continue;
            }
            IntervalPayload p = bySlot.get(i);
            assertThat(new BigDecimal(v.get("eu").toString())).as("slot %d", i).isEqualByComparingTo(p.usageValue());
            assertThat(v.get("gridx_quality")).isEqualTo(p.dataVersion().equals("E") ? "estimated" : "revenue");
        }
        assertThat(values.get(0).get(1)).isEqualTo(Map.of("r", "12345.678"));
        assertThat(values.get(1).get(1)).isNull();
        assertThat(j.getList("usage_segments[0].related_servicecontracts"))
                .containsExactly(id(CdsIdKind.SERVICE_CONTRACT, "C1"));
        assertThat(j.getList("usage_segments[0].related_accounts")).containsExactly(id(CdsIdKind.ACCOUNT, "A1"));
    }

    @Test
    void fallBackDayHas100SlotsWithForwardReverseAndNetForTheNetMeteredCustomer() {
        String f = Filters.everything(customer("P1"));
        JsonPath j = get("/cds/v1/usage-segments", f, "contract_numbers", "C2", "before", "2024-11-04T00:00:00Z",
                "after", "2024-11-03T12:00:00Z");
        List<Map<String, Object>> segs = j.getList("usage_segments");
        assertThat(segs).extracting(m -> m.get("interval")).containsExactly(30 * 86400 + 3600, 900); // the period spans the fall-back night
        JsonPath day = new JsonPath(j.prettify()).setRootPath("usage_segments[1]");
        assertThat(day.getString("segment_start")).isEqualTo("2024-11-03T07:00:00Z");
        assertThat(day.getString("segment_end")).isEqualTo("2024-11-04T08:00:00Z");
        assertThat(day.getList("values")).hasSize(100);
        assertThat(day.getList("formats.id")).containsExactly("electric_usage_forward", "electric_usage_reverse",
                "electric_usage_net");
        assertThat(day.getList("formats.direction")).containsExactly("forward", "reverse", "net");
        assertThat(day.getList("formats.quality")).containsExactly("revenue", "revenue", "revenue");
        for (int i = 0; i < 100; i++) {
            BigDecimal del = new BigDecimal(day.getString("values[" + i + "][0].eu"));
            BigDecimal rec = new BigDecimal(day.getString("values[" + i + "][1].eu"));
            BigDecimal net = new BigDecimal(day.getString("values[" + i + "][2].eu"));
            IntervalPayload pd = find("MA2", "KWH_DEL", i);
            IntervalPayload pr = find("MA2", "KWH_REC", i);
            assertThat(del).isEqualByComparingTo(pd.usageValue());
            assertThat(rec).isEqualByComparingTo(pr.usageValue().negate());
            assertThat(net).isEqualByComparingTo(pd.usageValue().subtract(pr.usageValue()));
        }
    }

    private IntervalPayload find(String ma, String channel, int slot) {
        Instant start = Scenario.FALL.atStartOfDay(Scenario.LA).toInstant().plusSeconds(900L * slot);
        return scenario.intervals.stream().filter(p -> p.meterAccountId().equals(ma) && p.channel().equals(channel)
                && p.datetimeOfIntervalUtc().equals(start)).findFirst().orElseThrow();
    }

    @Test
    void billingDeterminantsFormOneSegmentPerBilledPeriodWithSeasonAndTimeOfUse() {
        String f = Filters.everything(customer("P1"));
        JsonPath j = get("/cds/v1/usage-segments", f, "contract_numbers", "C2", "before", "2024-10-31T00:00:00Z");
        assertThat(j.getList("usage_segments")).hasSize(1);
        assertThat(j.getString("usage_segments[0].segment_start")).isEqualTo("2024-10-15T07:00:00Z");
        assertThat(j.getString("usage_segments[0].segment_end")).isEqualTo("2024-11-14T08:00:00Z");
        assertThat(j.getList("usage_segments[0].values")).hasSize(1);
        assertThat(j.getList("usage_segments[0].formats.id")).containsExactly("electric_usage_forward.winter.off_peak",
                "electric_usage_forward.winter.peak", "electric_usage_reverse.winter.peak");
        assertThat(j.getList("usage_segments[0].formats.tou")).containsExactly("off_peak", "peak", "peak");
        assertThat(j.getList("usage_segments[0].formats.season")).containsExactly("winter", "winter", "winter");
        assertThat(j.getString("usage_segments[0].values[0][0].eu")).isEqualTo("310.25");
        assertThat(j.getString("usage_segments[0].values[0][2].eu")).isEqualTo("-80.0");
        // the bill of exactly that period, as billing-service identifies its section
        assertThat(j.getList("usage_segments[0].related_billsections")).containsExactly(id(CdsIdKind.BILL_SECTION, "B-1"));
    }

    @Test
    void relatedBillSectionsNeedAGrantThatIncludesBillSectionsWithinItsDates() {
        AccessFilter noSections = Filters.filter(customer("P1"), EnumSet.complementOf(EnumSet.of(IncludeField.UNKNOWN,
                IncludeField.BILL_SECTIONS)), List.of(), DateWindows.UNBOUNDED);
        JsonPath j = get("/cds/v1/usage-segments", Filters.sign(noSections), "contract_numbers", "C2", "before",
                "2024-10-31T00:00:00Z");
        assertThat(j.getList("usage_segments")).hasSize(1);
        assertThat(j.getList("usage_segments[0].related_billsections")).isEmpty();
        AccessFilter earlierSections = Filters.filter(customer("P1"), EnumSet.complementOf(EnumSet.of(IncludeField.UNKNOWN)),
                List.of(), new DateWindows(null, null, null, null, java.time.LocalDate.of(2024, 11, 1), null, null));
        j = get("/cds/v1/usage-segments", Filters.sign(earlierSections), "contract_numbers", "C2", "before",
                "2024-10-31T00:00:00Z");
        assertThat(j.getList("usage_segments[0].related_billsections")).isEmpty(); // the section ends after end_date
    }

    @Test
    void anotherCustomersDataIsNeverVisible() {
        String f = Filters.everything(customer("P1"));
        assertThat(get("/cds/v1/usage-segments", f, "contract_numbers", "C3").getList("usage_segments")).isEmpty();
        assertThat(get("/cds/v1/usage-segments", f, "account_numbers", "A1 A2").getList("usage_segments")).hasSize(3);
        assertThat(get("/cds/v1/service-points", f, "servicepoint_numbers", "SP3").getList("service_points")).isEmpty();
        assertThat(get("/cds/v1/meter-devices", f, "meter_number", "M-OTHER").getList("meter_devices")).isEmpty();
        // P2's grant sees its own day only
        JsonPath other = get("/cds/v1/usage-segments", Filters.everything(customer("P2")));
        assertThat(other.getList("usage_segments")).hasSize(1);
        assertThat(other.getList("usage_segments[0].related_servicepoints"))
                .containsExactly(id(CdsIdKind.SERVICE_POINT, "SP3"));
    }

    @Test
    void usageSegmentFiltersMatchThroughTheRelatedObjects() {
        String f = Filters.everything(customer("P1"));
        assertThat(get("/cds/v1/usage-segments", f, "cds_account_ids", id(CdsIdKind.ACCOUNT, "A1"))
                .getList("usage_segments")).hasSize(3);
        assertThat(get("/cds/v1/usage-segments", f, "cds_servicecontract_ids", id(CdsIdKind.SERVICE_CONTRACT, "C2"))
                .getList("usage_segments")).hasSize(2);
        assertThat(get("/cds/v1/usage-segments", f, "cds_servicepoint_ids", id(CdsIdKind.SERVICE_POINT, "SP1"))
                .getList("usage_segments")).hasSize(1);
        assertThat(get("/cds/v1/usage-segments", f, "servicepoint_numbers", "SP2").getList("usage_segments")).hasSize(2);
        assertThat(get("/cds/v1/usage-segments", f, "meter_numbers", "M-NEW").getList("usage_segments")).hasSize(1);
        assertThat(get("/cds/v1/usage-segments", f, "cds_meterdevice_ids", id(CdsIdKind.METER_DEVICE, "M-NEM"))
                .getList("usage_segments")).hasSize(2);
        assertThat(get("/cds/v1/usage-segments", f, "cds_billsection_ids", "bsc_x").getList("usage_segments")).isEmpty();
        JsonPath billed = get("/cds/v1/usage-segments", f, "cds_billsection_ids", id(CdsIdKind.BILL_SECTION, "B-1"));
        assertThat(billed.getList("usage_segments")).hasSize(1);
        assertThat(billed.getString("usage_segments[0].segment_start")).isEqualTo("2024-10-15T07:00:00Z");
        assertThat(get("/cds/v1/usage-segments", f, "cds_billsection_ids", id(CdsIdKind.BILL_SECTION, "B-0"))
                .getList("usage_segments")).isEmpty();
        JsonPath all = get("/cds/v1/usage-segments", f);
        String someId = all.getString("usage_segments[1].cds_usagesegment_id");
        assertThat(get("/cds/v1/usage-segments", f, "cds_usagesegment_ids", someId)
                .getList("usage_segments.cds_usagesegment_id")).containsExactly(someId);
        // order: account, contract (C1 before C2), then segment_start ascending
        assertThat(all.getList("usage_segments.segment_start")).containsExactly("2024-03-10T08:00:00Z",
                "2024-10-15T07:00:00Z", "2024-11-03T07:00:00Z");
    }

    @Test
    void pagesFollowNextAndPreviousLinksWithAllFilters() {
        String f = Filters.everything(customer("P1"));
        JsonPath p1 = get("/cds/v1/usage-segments", f, "limit", "2", "account_numbers", "A1");
        assertThat(p1.getList("usage_segments")).hasSize(2);
        assertThat(p1.getString("previous")).isNull();
        String next = p1.getString("next");
        assertThat(next).startsWith("http://127.0.0.1:8080/cds/v1/usage-segments?").contains("account_numbers=A1")
                .contains("limit=2").contains("cursor=");
        JsonPath p2 = given().header(AccessFilter.HEADER, f).urlEncodingEnabled(false)
                .get(next.substring(next.indexOf("/cds/"))).then().statusCode(200).extract().jsonPath();
        assertThat(p2.getList("usage_segments")).hasSize(1);
        assertThat(p2.getString("next")).isNull();
        String prev = p2.getString("previous");
        JsonPath back = given().header(AccessFilter.HEADER, f).urlEncodingEnabled(false)
                .get(prev.substring(prev.indexOf("/cds/"))).then().statusCode(200).extract().jsonPath();
        assertThat(back.getList("usage_segments.cds_usagesegment_id"))
                .isEqualTo(p1.getList("usage_segments.cds_usagesegment_id"));
        assertThat(back.getString("previous")).isNull();
    }

    @Test
    void valueFormatsFollowTheGrantsChoices() {
        Coverage c = customer("P1");
        EnumSet<IncludeField> usage = EnumSet.of(IncludeField.USAGE_SEGMENTS);
        JsonPath none = get("/cds/v1/usage-segments", Filters.sign(Filters.filter(c, usage, null, DateWindows.UNBOUNDED)),
                "contract_numbers", "C2");
        assertThat(none.getList("usage_segments")).hasSize(2);
        assertThat(none.getList("usage_segments[1].formats")).isEmpty();
        assertThat(none.getList("usage_segments[1].values")).isEmpty();
        // related ids hidden without their include fields
        assertThat(none.getList("usage_segments[1].related_servicecontracts")).isEmpty();
        assertThat(none.getList("usage_segments[1].related_meterdevices")).isEmpty();
        EnumSet<IncludeField> withValues = EnumSet.of(IncludeField.USAGE_SEGMENTS, IncludeField.USAGE_SEGMENT_VALUE_TYPES);
        JsonPath net = get("/cds/v1/usage-segments", Filters.sign(Filters.filter(c, withValues,
                List.of("electric_usage_net"), DateWindows.UNBOUNDED)), "contract_numbers", "C2");
        assertThat(net.getList("usage_segments[1].formats.id")).containsExactly("electric_usage_net");
        assertThat(net.getList("usage_segments[1].values[0]")).hasSize(1);
        assertThat(net.getList("usage_segments[0].formats")).isEmpty(); // no determinant chosen
        // No usage segments without include_usage_segments
        assertThat(get("/cds/v1/usage-segments", Filters.sign(Filters.filter(c, EnumSet.of(IncludeField.ACCOUNTS),
                List.of(), DateWindows.UNBOUNDED))).getList("usage_segments")).isEmpty();
    }

    @Test
    void aGrantWindowTrimsTheSegmentItCuts() {
        OffsetDateTime from = OffsetDateTime.of(2024, 11, 3, 18, 0, 0, 0, ZoneOffset.UTC);
        OffsetDateTime to = OffsetDateTime.of(2024, 11, 3, 20, 0, 0, 0, ZoneOffset.UTC);
        String f = Filters.sign(Filters.filter(customer("P1"), EnumSet.complementOf(EnumSet.of(IncludeField.UNKNOWN)),
                List.of(), new DateWindows(null, null, null, null, null, from, to)));
        JsonPath j = get("/cds/v1/usage-segments", f);
        assertThat(j.getList("usage_segments")).hasSize(1);
        assertThat(j.getString("usage_segments[0].segment_start")).isEqualTo("2024-11-03T18:00:00Z");
        assertThat(j.getString("usage_segments[0].segment_end")).isEqualTo("2024-11-03T20:00:00Z");
        assertThat(j.getList("usage_segments[0].values")).hasSize(8);
        String full = get("/cds/v1/usage-segments", Filters.everything(customer("P1")), "contract_numbers", "C2")
                .getString("usage_segments[1].cds_usagesegment_id");
        assertThat(j.getString("usage_segments[0].cds_usagesegment_id")).isNotEqualTo(full);
    }

    @Test
    void aReplayedFileChangesNothingAndAPoisonEventDoesNotStopTheChannel() throws Exception {
        String f = Filters.everything(customer("P1"));
        JsonPath before = get("/cds/v1/usage-segments", f, "contract_numbers", "C2");
        try (KafkaEvents k = new KafkaEvents()) {
            k.sendRaw(Topic.INTERVALS, "poison", "{not json".getBytes(StandardCharsets.UTF_8));
            long line = 10_000;
            for (IntervalPayload p : scenario.intervals) {
                if (p.meterAccountId().equals("MA2")) {
                    k.send(Topic.INTERVALS, scenario.client, p, line++);
                }
            }
            // after the replay, a correction of one slot on the other customer's day proves the channel kept going
            IntervalPayload last = scenario.intervals.get(scenario.intervals.size() - 1);
            k.send(Topic.INTERVALS, scenario.client, new IntervalPayload(last.meterAccountId(), last.meterId(),
                    new BigDecimal("9.999"), last.dateOfInterval(), last.datetimeOfInterval(),
                    last.datetimeOfIntervalUtc(), last.channel(), last.timeZone(), 15, "C"), line);
            k.flush();
        }
        String other = Filters.everything(customer("P2"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "9.999".equals(
                get("/cds/v1/usage-segments", other).getString("usage_segments[0].values[95][0].eu")));
        JsonPath after = get("/cds/v1/usage-segments", f, "contract_numbers", "C2");
        assertThat(after.getList("usage_segments.cds_modified")).isEqualTo(before.getList("usage_segments.cds_modified"));
        assertThat(after.getList("usage_segments.values")).isEqualTo(before.getList("usage_segments.values"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("usage_events_skipped_total{reason=\"undecodable\",topic=\"gridx.intervals.v1\"}");
        assertThat(metrics).contains("usage_consumer_record_age");
        assertThat(metrics).contains("kafka_consumer_fetch_manager_records_lag");
    }

    @Test
    void eacsAreAnEmptyDocumentedCapability() {
        String f = Filters.everything(customer("P1"));
        JsonPath j = get("/cds/v1/eacs", f, "after", "2024-01-01T00:00:00Z");
        assertThat(j.getList("eacs")).isEmpty();
        given().header(AccessFilter.HEADER, f).get("/cds/v1/eacs").then().body("eacs", hasSize(0));
    }
}
