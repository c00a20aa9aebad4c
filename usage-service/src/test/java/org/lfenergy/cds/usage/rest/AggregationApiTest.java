package org.lfenergy.cds.usage.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
import org.lfenergy.cds.usage.support.AggregationScenario;
import org.lfenergy.cds.usage.support.Filters;
import org.lfenergy.cds.usage.support.KafkaEvents;

/**
 * Aggregations over real Kafka and PostgreSQL: the objects (members, types, consent requirement, threshold), their
 * data as usage segments equal to the sums computed here from the published member rows under the documented
 * anonymity rules (test profile: at least 3 customers per value, none above 90 %), and access only through the
 * grant's aggregation selection or inclusion.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "usage"))
class AggregationApiTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final int MIN = 3;
    private static final BigDecimal SHARE = new BigDecimal("0.9");
    private static final List<Topic> TOPICS = List.of(Topic.CUSTOMERS, Topic.METERACCOUNT_METERS, Topic.ATTRIBUTES,
            Topic.INTERVALS, Topic.NETWORKS);

    static AggregationScenario scenario;
    static Throwable failure;

    @Inject
    CdsIds ids;

    @Inject
    @io.smallrye.common.annotation.Identifier("usage-assignments")
    TopicAssignments assignments;

    @BeforeEach
    void publishOnce() throws Exception {
        if (failure != null) {
            throw new IllegalStateException("publication failed earlier", failure);
        }
        if (scenario != null) {
            Filters.useGridxClient(scenario.client); // filters name the aggregation scenario's GridX client
            return;
        }
        try {
            KafkaEvents.ensureTopics();
            Map<String, Integer> partitions = KafkaEvents.partitions(TOPICS.stream().map(Topic::topicName).toList());
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> KafkaEvents.settled(assignments, partitions));
            AggregationScenario s = new AggregationScenario();
            Filters.useGridxClient(s.client);
            try (KafkaEvents k = new KafkaEvents()) {
                s.publish(k);
            }
            scenario = s;
            // every aggregation registered and the intervals of all five customers stored
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(list("/cds/v1/aggregations", direct(IdSelection.ALL), "cds_aggregation_ids",
                        String.join(" ", allIds())).size()).isEqualTo(allIds().size());
                JsonNode zipDay = segments(dataGrant("ZIP-" + s.zip), "after", "2024-06-01T12:00:00Z", "before",
                        "2024-06-01T12:00:00Z");
                assertThat(zipDay.size()).isEqualTo(1);
                assertThat(zipDay.get(0).get("values").get(0).get(0).get("eu").decimalValue())
                        .isEqualByComparingTo(expectedSums(s.zipMembers()).get(0));
                JsonNode sparse = segments(direct(IdSelection.ALL), "cds_account_ids", id(CdsIdKind.ACCOUNT, "E2"));
                assertThat(sparse.size()).isEqualTo(2);
            });
        } catch (Exception | AssertionError e) {
            failure = e;
            throw e;
        }
    }

    // ------------------------------------------------------------------ the objects

    @Test
    void buildingZipRateProgramAndNetworkAggregationsListTheirMembers() {
        String f = Filters.sign(Filters.filter(new Coverage(null, IdSelection.ALL, IdSelection.ALL, IdSelection.ALL,
                IdSelection.ALL, IdSelection.ALL), EnumSet.of(IncludeField.AGGREGATIONS, IncludeField.AGGREGATION_ADDRESSES,
                IncludeField.ACCOUNTS, IncludeField.SERVICE_CONTRACTS, IncludeField.SERVICE_POINTS,
                IncludeField.METER_DEVICES), List.of(), DateWindows.UNBOUNDED));
        Map<String, JsonNode> byNumber = new HashMap<>();
        list("/cds/v1/aggregations", f, "cds_aggregation_ids", String.join(" ", allIds()))
                .forEach(a -> byNumber.put(a.get("aggregation_number").asText(), a));
        assertThat(byNumber.keySet()).containsExactlyInAnyOrder(scenario.building1, scenario.building2,
                "ZIP-" + scenario.zip, "RATE-" + scenario.rateA, "RATE-" + scenario.rateB, "PROGRAM-NEM",
                scenario.network);

        JsonNode b1 = byNumber.get(scenario.building1);
        assertThat(b1.get("cds_aggregation_id").asText()).isEqualTo(aggId("building", scenario.building1));
        assertThat(texts(b1.get("aggregation_types"))).containsExactly("listed", "building", "premise_number");
        assertThat(texts(b1.get("premise_numbers"))).containsExactly(scenario.building1);
        assertThat(texts(b1.get("grouped_servicecontracts"))).containsExactlyInAnyOrderElementsOf(
                scenario.building1Members().stream().map(c -> id(CdsIdKind.SERVICE_CONTRACT, c)).toList());
        assertThat(texts(b1.get("grouped_accounts"))).containsExactlyInAnyOrder(id(CdsIdKind.ACCOUNT, "E1"),
                id(CdsIdKind.ACCOUNT, "E2"), id(CdsIdKind.ACCOUNT, "E3"));
        assertThat(texts(b1.get("grouped_servicepoints"))).containsExactlyInAnyOrder(id(CdsIdKind.SERVICE_POINT, "S1"),
                id(CdsIdKind.SERVICE_POINT, "S2"), id(CdsIdKind.SERVICE_POINT, "S3"));
        assertThat(texts(b1.get("grouped_meterdevices"))).containsExactlyInAnyOrder(id(CdsIdKind.METER_DEVICE, "MTR1"),
                id(CdsIdKind.METER_DEVICE, "MTR2"), id(CdsIdKind.METER_DEVICE, "MTR3"));
        assertThat(texts(b1.get("grouped_addresses"))).containsExactly("10 Tower Plaza\nSan Jose, CA " + scenario.zip);
        assertThat(b1.get("scope").asText()).isEqualTo("cds_query_usage");
        assertThat(b1.get("authorization_details").get(0).get("type").asText()).isEqualTo("cds_query_usage");
        assertThat(texts(b1.get("authorization_details").get(0).get("aggregation_numbers")))
                .containsExactly(scenario.building1);
        assertThat(b1.get("consent_requirements").get(0).get("id").asText()).isEqualTo("anonymity_threshold");
        assertThat(texts(b1.get("consent_requirements").get(0).get("types"))).containsExactly("never");
        assertThat(b1.get("grouped_aggregations").size()).isZero();
        assertThat(b1.get("grouped_regions").size()).isZero();

        JsonNode zip = byNumber.get("ZIP-" + scenario.zip);
        assertThat(texts(zip.get("aggregation_types"))).containsExactly("listed", "region");
        assertThat(texts(zip.get("grouped_regions").get(0).get("postal_codes"))).containsExactly(scenario.zip);
        assertThat(texts(zip.get("grouped_regions").get(0).get("types"))).containsExactly("postal_code");
        assertThat(zip.get("grouped_servicecontracts").size()).isEqualTo(5);
        assertThat(zip.get("grouped_addresses").size()).isZero();

        JsonNode rate = byNumber.get("RATE-" + scenario.rateA);
        assertThat(texts(rate.get("aggregation_types"))).containsExactly("listed", "rateplan_code");
        assertThat(texts(rate.get("rateplan_code"))).containsExactly(scenario.rateA);
        assertThat(texts(rate.get("grouped_servicecontracts"))).containsExactlyInAnyOrderElementsOf(
                scenario.rateAMembers().stream().map(c -> id(CdsIdKind.SERVICE_CONTRACT, c)).toList());

        JsonNode nem = byNumber.get("PROGRAM-NEM");
        assertThat(texts(nem.get("aggregation_types"))).containsExactly("listed", "service_program_number");
        assertThat(texts(nem.get("service_program_numbers"))).containsExactly("NEM");
        assertThat(texts(nem.get("grouped_servicecontracts"))).containsExactlyInAnyOrderElementsOf(
                scenario.nemMembers().stream().map(c -> id(CdsIdKind.SERVICE_CONTRACT, c)).toList());

        JsonNode net = byNumber.get(scenario.network);
        assertThat(texts(net.get("service_program_numbers"))).containsExactly("COMMUNITY_SOLAR");
        assertThat(texts(net.get("grouped_servicecontracts"))).containsExactlyInAnyOrderElementsOf(
                scenario.networkMembers().stream().map(c -> id(CdsIdKind.SERVICE_CONTRACT, c)).toList());
    }

    @Test
    void anAggregationBelowTheThresholdOffersNoDataAndServesNone() {
        JsonNode b2 = list("/cds/v1/aggregations", direct(IdSelection.ALL), "aggregation_numbers", scenario.building2).get(0);
        assertThat(b2.get("scope").asText()).isEmpty();
        assertThat(b2.get("authorization_details").size()).isZero();
        assertThat(texts(b2.get("consent_requirements").get(0).get("types"))).containsExactly("always");
        assertThat(segments(dataGrant(scenario.building2)).size()).isZero();
        JsonNode rateB = list("/cds/v1/aggregations", direct(IdSelection.ALL), "aggregation_numbers",
                "RATE-" + scenario.rateB).get(0);
        assertThat(rateB.get("scope").asText()).isEmpty();
        assertThat(segments(dataGrant("RATE-" + scenario.rateB)).size()).isZero();
    }

    @Test
    void aggregationFiltersTypesSearchAndPaging() {
        String f = direct(IdSelection.ALL);
        String ours = String.join(" ", allIds());
        assertThat(numbers(list("/cds/v1/aggregations", f, "cds_aggregation_ids", ours, "aggregation_types", "building")))
                .containsExactlyInAnyOrder(scenario.building1, scenario.building2);
        assertThat(numbers(list("/cds/v1/aggregations", f, "cds_aggregation_ids", ours, "aggregation_types",
                "rateplan_code region"))).containsExactlyInAnyOrder("RATE-" + scenario.rateA, "RATE-" + scenario.rateB,
                "ZIP-" + scenario.zip);
        assertThat(numbers(list("/cds/v1/aggregations", f, "cds_aggregation_ids", ours, "aggregation_types",
                "service_program_number"))).containsExactlyInAnyOrder("PROGRAM-NEM", scenario.network);
        assertThat(numbers(list("/cds/v1/aggregations", f, "cds_aggregation_ids", ours, "aggregation_types",
                "account_program_number"))).isEmpty();
        assertThat(numbers(list("/cds/v1/aggregations", f, "q", scenario.client.toLowerCase() + "-pm")))
                .containsExactlyInAnyOrder(scenario.building1, scenario.building2);
        assertThat(numbers(list("/cds/v1/aggregations", f, "aggregation_numbers", scenario.network + " "
                + scenario.building2))).containsExactlyInAnyOrder(scenario.network, scenario.building2);
        // search in addresses only with include_aggregation_addresses
        assertThat(list("/cds/v1/aggregations", f, "cds_aggregation_ids", ours, "q", "12 tower")).isEmpty();
        String withAddresses = Filters.sign(Filters.filter(allCoverage(), EnumSet.of(IncludeField.AGGREGATIONS,
                IncludeField.AGGREGATION_ADDRESSES), List.of(), DateWindows.UNBOUNDED));
        assertThat(numbers(list("/cds/v1/aggregations", withAddresses, "cds_aggregation_ids", ours, "q", "12 tower")))
                .containsExactly(scenario.building2);
        // order cds_modified desc, pages of 3 through next and back through previous
        List<JsonNode> all = list("/cds/v1/aggregations", f, "cds_aggregation_ids", ours);
        List<String> modified = all.stream().map(a -> a.get("cds_modified").asText()).toList();
        assertThat(modified).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        JsonNode page1 = body(given().header(AccessFilter.HEADER, f).queryParam("cds_aggregation_ids", ours)
                .queryParam("limit", "3").get("/cds/v1/aggregations"));
        List<String> walked = new ArrayList<>(ids(page1.get("aggregations")));
        JsonNode page = page1;
        while (!page.get("next").isNull()) {
            page = body(given().header(AccessFilter.HEADER, f).urlEncodingEnabled(false)
                    .get(path(page.get("next").asText())));
            walked.addAll(ids(page.get("aggregations")));
        }
        assertThat(walked).containsExactlyElementsOf(all.stream().map(a -> a.get("cds_aggregation_id").asText()).toList());
        JsonNode back = body(given().header(AccessFilter.HEADER, f).urlEncodingEnabled(false)
                .get(path(page.get("previous").asText())));
        assertThat(ids(back.get("aggregations"))).containsExactlyElementsOf(walked.subList(walked.size()
                - ids(page.get("aggregations")).size() - 3, walked.size() - ids(page.get("aggregations")).size()));
        given().header(AccessFilter.HEADER, f).queryParam("aggregation_types", " ").get("/cds/v1/aggregations")
                .then().statusCode(400).body("parameter", org.hamcrest.Matchers.equalTo("aggregation_types"));
        given().header(AccessFilter.HEADER, f).queryParam("cursor", "x").get("/cds/v1/aggregations")
                .then().statusCode(400).body("parameter", org.hamcrest.Matchers.equalTo("cursor"));
        given().get("/cds/v1/aggregations").then().statusCode(401);
    }

    // ------------------------------------------------------------------ the data

    @Test
    void aggregationDataEqualsTheMembersSumsUnderTheAnonymityRules() {
        Map<String, List<String>> members = Map.of(scenario.building1, scenario.building1Members(),
                "ZIP-" + scenario.zip, scenario.zipMembers(), "RATE-" + scenario.rateA, scenario.rateAMembers(),
                "PROGRAM-NEM", scenario.nemMembers(), scenario.network, scenario.networkMembers());
        for (Map.Entry<String, List<String>> e : members.entrySet()) {
            JsonNode segs = segments(dataGrant(e.getKey()));
            String as = e.getKey();
            // the sparse day has two customers (below 3): no segment
            assertThat(segs.size()).as(as).isEqualTo(1);
            JsonNode seg = segs.get(0);
            String aggId = list("/cds/v1/aggregations", direct(IdSelection.ALL), "aggregation_numbers", e.getKey())
                    .get(0).get("cds_aggregation_id").asText();
            assertThat(texts(seg.get("related_aggregations"))).as(as).containsExactly(aggId);
            for (String kind : List.of("related_accounts", "related_servicecontracts", "related_servicepoints",
                    "related_meterdevices", "related_billsections")) {
                assertThat(seg.get(kind).size()).as(as + " " + kind).isZero();
            }
            assertThat(seg.get("cds_usagesegment_id").asText()).isEqualTo(aggId + ".2024-06-01.900");
            assertThat(seg.get("segment_start").asText()).isEqualTo("2024-06-01T07:00:00Z");
            assertThat(seg.get("segment_end").asText()).isEqualTo("2024-06-02T07:00:00Z");
            assertThat(seg.get("interval").asInt()).isEqualTo(900);
            assertThat(seg.get("formats").size()).isEqualTo(1);
            assertThat(seg.get("formats").get(0).get("id").asText()).isEqualTo("electric_usage_forward");
            List<BigDecimal> expected = expectedSums(e.getValue());
            boolean anyEstimated = e.getValue().contains("K3")
                    && expected.get(AggregationScenario.ESTIMATED_SLOT) != null;
            JsonNode format = seg.get("formats").get(0);
            if (anyEstimated) {
                assertThat(format.has("quality")).as(as).isFalse(); // mixed: per value
            } else {
                assertThat(format.get("quality").asText()).as(as).isEqualTo("calculated");
            }
            JsonNode values = seg.get("values");
            assertThat(values.size()).isEqualTo(96);
            for (int i = 0; i < 96; i++) {
                JsonNode v = values.get(i).get(0);
                if (expected.get(i) == null) {
                    assertThat(v.isNull()).as("%s slot %d: %s", as, i, v).isTrue();
                } else {
                    assertThat(v.get("eu").decimalValue()).as("%s slot %d", as, i).isEqualByComparingTo(expected.get(i));
                    boolean estimated = i == AggregationScenario.ESTIMATED_SLOT && e.getValue().contains("K3");
                    if (anyEstimated) {
                        assertThat(v.get("gridx_quality").asText()).as("%s slot %d", as, i)
                                .isEqualTo(estimated ? "estimated" : "calculated");
                    } else {
                        assertThat(v.has("gridx_quality")).isFalse();
                    }
                }
            }
        }
        // the rules did hide something: the dominated slot everywhere K1 is, the missing slot in the building of 3
        assertThat(expectedSums(scenario.building1Members()).get(AggregationScenario.DOMINATED_SLOT)).isNull();
        assertThat(expectedSums(scenario.building1Members()).get(AggregationScenario.MISSING_SLOT)).isNull();
        assertThat(expectedSums(scenario.zipMembers()).get(AggregationScenario.MISSING_SLOT)).isNotNull();
        // a segment id filter finds the aggregation day; before/after bound it
        JsonNode seg = segments(dataGrant(scenario.building1)).get(0);
        assertThat(segments(dataGrant(scenario.building1), "cds_usagesegment_ids",
                seg.get("cds_usagesegment_id").asText()).size()).isOne();
        assertThat(segments(dataGrant(scenario.building1), "before", "2024-05-31T00:00:00Z").size()).isZero();
        assertThat(segments(dataGrant(scenario.building1), "account_numbers", "E1").size()).isZero();
    }

    @Test
    void aGrantWithoutTheAggregationSeesNeitherItNorItsData() {
        String other = Filters.sign(Filters.filter(new Coverage(null, null, null, null, null,
                IdSelection.ofNumbers(List.of(scenario.client + "-NOT-AN-AGGREGATION"))), EnumSet.of(
                IncludeField.USAGE_SEGMENTS, IncludeField.USAGE_SEGMENT_VALUE_TYPES, IncludeField.AGGREGATIONS),
                List.of(), DateWindows.UNBOUNDED));
        assertThat(list("/cds/v1/aggregations", other, "cds_aggregation_ids", String.join(" ", allIds()))).isEmpty();
        assertThat(segments(other).size()).isZero();
        // a customer's own usage grant (no aggregation selection, no include_aggregations): own segments only
        String own = Filters.sign(Filters.filter(new Coverage(id(CdsIdKind.CUSTOMER, "Q1"), IdSelection.ALL, null,
                null, null, null), EnumSet.of(IncludeField.USAGE_SEGMENTS, IncludeField.USAGE_SEGMENT_VALUE_TYPES),
                List.of(), DateWindows.UNBOUNDED));
        JsonNode mine = segments(own);
        assertThat(mine.size()).isEqualTo(2);
        mine.forEach(s -> assertThat(s.get("related_aggregations").size()).isZero());
        assertThat(list("/cds/v1/aggregations", own)).isEmpty();
        // with include_aggregations the customer sees the aggregations it is a member of, and their data
        String including = Filters.sign(Filters.filter(new Coverage(id(CdsIdKind.CUSTOMER, "Q1"), IdSelection.ALL,
                null, null, null, null), EnumSet.of(IncludeField.USAGE_SEGMENTS, IncludeField.USAGE_SEGMENT_VALUE_TYPES,
                IncludeField.AGGREGATIONS), List.of(), DateWindows.UNBOUNDED));
        assertThat(numbers(list("/cds/v1/aggregations", including))).containsExactlyInAnyOrder(scenario.building1,
                "ZIP-" + scenario.zip, "RATE-" + scenario.rateA, "PROGRAM-NEM", scenario.network);
        // … and only the member ids it covers (its own contract)
        JsonNode b1 = list("/cds/v1/aggregations", including, "aggregation_numbers", scenario.building1).get(0);
        assertThat(texts(b1.get("grouped_accounts"))).containsExactly(id(CdsIdKind.ACCOUNT, "E1"));
        assertThat(segments(including).size()).isEqualTo(2 + 5); // own two days + its five aggregations' first day
        // a selection of another client's aggregation number does not reveal this one through a customer grant
        String wrongCustomer = Filters.sign(Filters.filter(new Coverage(id(CdsIdKind.CUSTOMER, "Q4"), null, null, null,
                null, IdSelection.ofNumbers(List.of(scenario.building1))), EnumSet.of(IncludeField.USAGE_SEGMENTS,
                IncludeField.USAGE_SEGMENT_VALUE_TYPES), List.of(), DateWindows.UNBOUNDED));
        assertThat(segments(wrongCustomer).size()).isZero();
    }

    // ------------------------------------------------------------------ expectations from the published rows

    /** Per slot: the sum of the members' values, or null under the anonymity rules (computed from the rows). */
    private List<BigDecimal> expectedSums(List<String> contracts) {
        Set<String> meterAccounts = new TreeSet<>();
        contracts.forEach(c -> meterAccounts.add("N" + c.substring(1)));
        Map<Integer, Map<String, BigDecimal>> bySlot = new HashMap<>();
        Instant start = AggregationScenario.DAY.atStartOfDay(AggregationScenario.LA).toInstant();
        for (IntervalPayload p : scenario.intervals) {
            if (meterAccounts.contains(p.meterAccountId()) && p.dateOfInterval().equals(AggregationScenario.DAY)) {
                int slot = (int) ((p.datetimeOfIntervalUtc().getEpochSecond() - start.getEpochSecond()) / 900);
                String person = scenario.contracts.get("K" + p.meterAccountId().substring(1))[0];
                bySlot.computeIfAbsent(slot, k -> new HashMap<>()).merge(person, p.usageValue(), BigDecimal::add);
            }
        }
        List<BigDecimal> out = new ArrayList<>();
        for (int i = 0; i < 96; i++) {
            Map<String, BigDecimal> perCustomer = bySlot.getOrDefault(i, Map.of());
            BigDecimal sum = perCustomer.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal magnitude = perCustomer.values().stream().map(BigDecimal::abs).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal largest = perCustomer.values().stream().map(BigDecimal::abs).max(BigDecimal::compareTo)
                    .orElse(BigDecimal.ZERO);
            boolean hidden = perCustomer.size() < MIN || largest.compareTo(SHARE.multiply(magnitude)) > 0;
            out.add(hidden ? null : sum);
        }
        return out;
    }

    // ------------------------------------------------------------------ helpers

    private List<String> allIds() {
        return List.of(aggId("building", scenario.building1), aggId("building", scenario.building2),
                aggId("zip", scenario.zip), aggId("rate", scenario.rateA), aggId("rate", scenario.rateB),
                aggId("program", "NEM"), aggId("network", scenario.network));
    }

    private String aggId(String kind, String key) {
        return ids.compositeId(CdsIdKind.AGGREGATION, scenario.client, kind, key);
    }

    private String id(CdsIdKind kind, String source) {
        return ids.id(kind, scenario.client, source);
    }

    private static Coverage allCoverage() {
        return new Coverage(null, IdSelection.ALL, IdSelection.ALL, IdSelection.ALL, IdSelection.ALL, IdSelection.ALL);
    }

    /** Direct access (cds_query_aggregations-like) to everything, aggregations selected as given. */
    private static String direct(IdSelection aggregations) {
        return Filters.sign(Filters.filter(new Coverage(null, IdSelection.ALL, IdSelection.ALL, IdSelection.ALL,
                IdSelection.ALL, aggregations), EnumSet.of(IncludeField.AGGREGATIONS, IncludeField.USAGE_SEGMENTS,
                IncludeField.USAGE_SEGMENT_VALUE_TYPES), List.of(), DateWindows.UNBOUNDED));
    }

    /** A cds_query_usage grant with aggregation_numbers = [number] (as the Aggregation's authorization_details). */
    private static String dataGrant(String number) {
        return Filters.sign(Filters.filter(new Coverage(null, null, null, null, null,
                IdSelection.ofNumbers(List.of(number))), EnumSet.of(IncludeField.USAGE_SEGMENTS,
                IncludeField.USAGE_SEGMENT_VALUE_TYPES), List.of(), DateWindows.UNBOUNDED));
    }

    private static JsonNode segments(String filter, String... params) {
        return body(request(filter, params).get("/cds/v1/usage-segments")).get("usage_segments");
    }

    private static List<JsonNode> list(String path, String filter, String... params) {
        JsonNode body = body(request(filter, params).get(path));
        List<JsonNode> out = new ArrayList<>();
        body.get("aggregations").forEach(out::add);
        return out;
    }

    private static io.restassured.specification.RequestSpecification request(String filter, String... params) {
        var req = given().header(AccessFilter.HEADER, filter);
        for (int i = 0; i < params.length; i += 2) {
            req = req.queryParam(params[i], params[i + 1]);
        }
        return req;
    }

    private static JsonNode body(io.restassured.response.Response r) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        try {
            return JSON.readTree(r.asString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String path(String link) {
        return link.substring(link.indexOf("/cds/"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> numbers(List<JsonNode> aggregations) {
        return aggregations.stream().map(a -> a.get("aggregation_number").asText()).toList();
    }

    private static List<String> ids(JsonNode aggregations) {
        List<String> out = new ArrayList<>();
        aggregations.forEach(a -> out.add(a.get("cds_aggregation_id").asText()));
        return out;
    }
}
