package org.lfenergy.cds.usage.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.DateWindows;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.contracts.id.CdsIdKind;
import org.lfenergy.cds.contracts.id.CdsIds;
import org.lfenergy.cds.testing.RealInfrastructure;
import org.lfenergy.cds.usage.messaging.TopicAssignments;
import org.lfenergy.cds.usage.support.Filters;
import org.lfenergy.cds.usage.support.KafkaEvents;
import org.lfenergy.cds.usage.support.Scenario;

/**
 * Two GridX clients with the same person, account, contract, premise, service point, meter account and meter
 * numbers in one read model: a grant is about one GridX client and sees only its service points, meters and usage
 * segments (and only its ids in every related list), whichever way it selects (numbers, {@code all}, ids) and
 * whatever URL filters name; a filter without a GridX client is refused. Also include-future: the customer's
 * contracts that appeared after the grant.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "usage"))
class GridxClientCoverageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CDS_ID = Pattern.compile("(acc|sc|sp|pre|md|bst|bsc|cus|agg|us|eac)_[a-z2-7]{24}");
    private static final String[] PATHS = {"/cds/v1/service-points", "/cds/v1/meter-devices", "/cds/v1/usage-segments"};
    private static final List<Topic> TOPICS = List.of(Topic.CUSTOMERS, Topic.METERACCOUNT_METERS, Topic.ATTRIBUTES,
            Topic.INTERVALS, Topic.REGISTERS, Topic.BILL_DETERMINANTS);
    private static final Map<CdsIdKind, List<String>> SOURCE_IDS = Map.of(
            CdsIdKind.CUSTOMER, List.of("P0", "P1", "P2"),
            CdsIdKind.ACCOUNT, List.of("A0", "A1", "A2"),
            CdsIdKind.SERVICE_CONTRACT, List.of("C0", "C1", "C2", "C3"),
            CdsIdKind.SERVICE_POINT, List.of("SP1", "SP2", "SP3"),
            CdsIdKind.PREMISE, List.of("PM1", "PM2", "PM3"),
            CdsIdKind.METER_DEVICE, List.of("M-OLD", "M-NEW", "M-NEM", "M-OTHER"),
            // related_billsections of the billed periods (Scenario publishes bills B-0 and B-1)
            CdsIdKind.BILL_SECTION, List.of("B-0", "B-1"));

    private static Scenario a;
    private static Scenario b;
    private static Instant beforeA;
    private static Instant afterBoth;

    @Inject
    CdsIds ids;

    @Inject
    @io.smallrye.common.annotation.Identifier("usage-assignments")
    TopicAssignments assignments;

    private static Throwable setupFailure;

    @BeforeEach
    void ingestOnce() throws Exception {
        synchronized (GridxClientCoverageTest.class) {
            if (setupFailure != null) {
                throw new IllegalStateException("the data set did not arrive as expected", setupFailure);
            }
            if (a != null) {
                return;
            }
            try {
                ingest();
            } catch (Exception | AssertionError e) {
                setupFailure = e;
                throw e;
            }
        }
    }

    private void ingest() throws Exception {
        {
            KafkaEvents.ensureTopics();
            Map<String, Integer> partitions = KafkaEvents.partitions(TOPICS.stream().map(Topic::topicName).toList());
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> KafkaEvents.settled(assignments, partitions));
            Scenario first = new Scenario();
            Scenario second = new Scenario();
            Instant before = Instant.now().minusSeconds(1);
            try (KafkaEvents k = new KafkaEvents()) {
                first.publish(k);
                second.publish(k);
            }
            for (Scenario s : List.of(first, second)) {
                String all = sign(s.client, allCoverage(), null);
                Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(
                        () -> {
                            assertThat(list("/cds/v1/usage-segments", all)).hasSize(4);
                            assertThat(list("/cds/v1/meter-devices", all)).hasSize(4);
                            assertThat(list("/cds/v1/service-points", all)).hasSize(3);
                        });
            }
            afterBoth = Instant.now().plusSeconds(1);
            beforeA = before;
            a = first;
            b = second;
        }
    }

    // ------------------------------------------------------------------ one GridX client per grant

    @Test
    void grantByNumbersSeesOnlyItsGridxClientsObjectsInEveryListAndRelatedList() {
        assertOnlyTheObjectsOf(a, b, numbersCoverage());
        assertOnlyTheObjectsOf(b, a, numbersCoverage());
    }

    @Test
    void grantOfAllObjectsWithoutCustomerSeesOnlyItsGridxClientsObjects() {
        assertOnlyTheObjectsOf(a, b, allCoverage());
        assertOnlyTheObjectsOf(b, a, allCoverage());
    }

    @Test
    void otherClientsIdsAndNumbersAsUrlFiltersFindNothingOfTheirs() {
        for (Coverage coverage : List.of(numbersCoverage(), allCoverage())) {
            String ofA = sign(a.client, coverage, null);
            assertThat(list("/cds/v1/service-points", ofA, "cds_servicepoint_ids",
                    String.join(" ", ids(b, CdsIdKind.SERVICE_POINT)))).isEmpty();
            assertThat(list("/cds/v1/meter-devices", ofA, "cds_meterdevice_ids",
                    String.join(" ", ids(b, CdsIdKind.METER_DEVICE)))).isEmpty();
            for (CdsIdKind kind : List.of(CdsIdKind.ACCOUNT, CdsIdKind.SERVICE_CONTRACT, CdsIdKind.SERVICE_POINT,
                    CdsIdKind.METER_DEVICE)) {
                String param = switch (kind) {
                    case ACCOUNT -> "cds_account_ids";
                    case SERVICE_CONTRACT -> "cds_servicecontract_ids";
                    case SERVICE_POINT -> "cds_servicepoint_ids";
                    default -> "cds_meterdevice_ids";
                };
                assertThat(list("/cds/v1/usage-segments", ofA, param, String.join(" ", ids(b, kind))))
                        .as(param).isEmpty();
            }
            assertThat(list("/cds/v1/usage-segments", ofA, "cds_usagesegment_ids",
                    String.join(" ", segmentIds(b)))).isEmpty();
            // The shared numbers find client A's objects only.
            assertThat(field(list("/cds/v1/service-points", ofA, "servicepoint_numbers", "SP1"),
                    "cds_servicepoint_id")).containsExactly(id(a, CdsIdKind.SERVICE_POINT, "SP1"));
            assertThat(field(list("/cds/v1/meter-devices", ofA, "meter_number", "M-NEM"), "cds_meterdevice_id"))
                    .containsExactly(id(a, CdsIdKind.METER_DEVICE, "M-NEM"));
            assertThat(list("/cds/v1/usage-segments", ofA, "account_numbers", "A1")).hasSize(3)
                    .allSatisfy(s -> assertThat(s.path("related_accounts").get(0).asText())
                            .isEqualTo(id(a, CdsIdKind.ACCOUNT, "A1")));
        }
    }

    @Test
    void filterWithoutGridxClientIsRefused() {
        String valid = sign(a.client, allCoverage(), null);
        for (String value : new String[] {null, "null", "\"\"", "\" \""}) {
            String header = withGridxClient(valid, value);
            for (String path : PATHS) {
                given().header(AccessFilter.HEADER, header).get(path).then().statusCode(401)
                        .body("error", org.hamcrest.Matchers.equalTo("invalid_token"));
            }
        }
        given().header(AccessFilter.HEADER, withGridxClient(valid, "\"" + a.client + "\""))
                .get("/cds/v1/service-points").then().statusCode(200);
    }

    // ------------------------------------------------------------------ include future

    @Test
    void includeFutureSelectsTheCustomersContractsThatAppearedAfterTheGrant() {
        IdSelection future = new IdSelection(false, true, List.of(), List.of());
        Coverage p1 = new Coverage(id(a, CdsIdKind.CUSTOMER, "P1"), future, future, null, null, null);
        String created = sign(a.client, p1, beforeA);
        assertThat(field(list("/cds/v1/service-points", created), "cds_servicepoint_id"))
                .containsExactlyInAnyOrder(id(a, CdsIdKind.SERVICE_POINT, "SP1"), id(a, CdsIdKind.SERVICE_POINT, "SP2"));
        assertThat(list("/cds/v1/usage-segments", created)).hasSize(3);
        assertThat(field(list("/cds/v1/meter-devices", created), "cds_meterdevice_id")).containsExactlyInAnyOrder(
                id(a, CdsIdKind.METER_DEVICE, "M-OLD"), id(a, CdsIdKind.METER_DEVICE, "M-NEW"),
                id(a, CdsIdKind.METER_DEVICE, "M-NEM"));
        // a grant created after everything appeared, or without a creation time, or without a customer: nothing
        for (String filter : List.of(sign(a.client, p1, afterBoth), sign(a.client, p1, null),
                sign(a.client, new Coverage(null, future, future, null, null, null), beforeA))) {
            for (String path : PATHS) {
                assertThat(list(path, filter)).as(path).isEmpty();
            }
        }
        // client B's P1 under client A's filter: nothing
        Coverage bP1 = new Coverage(id(b, CdsIdKind.CUSTOMER, "P1"), future, future, null, null, null);
        for (String path : PATHS) {
            assertThat(list(path, sign(a.client, bP1, beforeA))).as(path).isEmpty();
        }
    }

    // ------------------------------------------------------------------ helpers

    private void assertOnlyTheObjectsOf(Scenario x, Scenario y, Coverage coverage) {
        String filter = sign(x.client, coverage, null);
        List<JsonNode> points = list("/cds/v1/service-points", filter);
        List<JsonNode> meters = list("/cds/v1/meter-devices", filter);
        List<JsonNode> segments = list("/cds/v1/usage-segments", filter);
        assertThat(field(points, "cds_servicepoint_id"))
                .containsExactlyInAnyOrderElementsOf(ids(x, CdsIdKind.SERVICE_POINT));
        assertThat(field(meters, "cds_meterdevice_id"))
                .containsExactlyInAnyOrderElementsOf(ids(x, CdsIdKind.METER_DEVICE));
        assertThat(segments).hasSize(4);
        Set<String> universe = new HashSet<>();
        SOURCE_IDS.keySet().forEach(kind -> universe.addAll(ids(x, kind)));
        Set<String> seen = new HashSet<>();
        for (List<JsonNode> objects : List.of(points, meters, segments)) {
            objects.forEach(o -> collectIds(o, seen));
        }
        Set<String> segmentIds = new HashSet<>(field(segments, "cds_usagesegment_id"));
        seen.removeAll(segmentIds);
        assertThat(seen).as("every CDS id in the responses belongs to client " + x.client).isSubsetOf(universe);
        assertThat(seen).as("related lists are present").contains(id(x, CdsIdKind.ACCOUNT, "A1"),
                id(x, CdsIdKind.SERVICE_CONTRACT, "C1"));
        assertThat(segmentIds).doesNotContainAnyElementsOf(segmentIds(y));
    }

    private static Coverage numbersCoverage() {
        return new Coverage(null, IdSelection.ofNumbers(List.of("A0", "A1", "A2")),
                IdSelection.ofNumbers(List.of("C0", "C1", "C2", "C3")),
                IdSelection.ofNumbers(List.of("SP1", "SP2", "SP3")),
                IdSelection.ofNumbers(List.of("M-OLD", "M-NEW", "M-NEM", "M-OTHER")), IdSelection.NONE);
    }

    private static Coverage allCoverage() {
        return new Coverage(null, IdSelection.ALL, IdSelection.ALL, IdSelection.ALL, IdSelection.ALL, IdSelection.ALL);
    }

    private static String sign(String client, Coverage coverage, Instant grantCreated) {
        return Filters.sign(Filters.filter(client, coverage, EnumSet.complementOf(EnumSet.of(IncludeField.UNKNOWN)),
                List.of(), DateWindows.UNBOUNDED, grantCreated));
    }

    /** The signed filter {@code header} re-signed with gridx_client removed (null) or set to a JSON literal. */
    private static String withGridxClient(String header, String jsonValue) {
        try {
            var o = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(
                    Base64.getUrlDecoder().decode(header.substring(0, header.indexOf('.'))));
            if (jsonValue == null) {
                o.remove("gridx_client");
            } else {
                o.set("gridx_client", JSON.readTree(jsonValue));
            }
            String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(o));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(ConfigProvider.getConfig().getValue("cds.access-filter.key", String.class)
                    .getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return payload + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String id(Scenario s, CdsIdKind kind, String source) {
        return ids.id(kind, s.client, source);
    }

    private List<String> ids(Scenario s, CdsIdKind kind) {
        return SOURCE_IDS.get(kind).stream().map(source -> id(s, kind, source)).toList();
    }

    private static List<String> segmentIds(Scenario s) {
        return field(list("/cds/v1/usage-segments", sign(s.client, allCoverage(), null)), "cds_usagesegment_id");
    }

    private static void collectIds(JsonNode node, Set<String> out) {
        if (node.isTextual() && CDS_ID.matcher(node.asText()).matches()) {
            out.add(node.asText());
        }
        node.forEach(child -> collectIds(child, out));
    }

    private static List<JsonNode> list(String path, String filter, String... params) {
        var request = given().header(AccessFilter.HEADER, filter).queryParam("limit", "100");
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        Response r = request.get(path);
        r.then().statusCode(200);
        List<JsonNode> out = new ArrayList<>();
        try {
            JsonNode page = JSON.readTree(r.asString());
            page.fields().forEachRemaining(e -> {
                if (e.getValue().isArray()) {
                    e.getValue().forEach(out::add);
                }
            });
            assertThat(page.path("next").isNull()).as("one page holds the whole list").isTrue();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private static List<String> field(List<JsonNode> objects, String name) {
        return objects.stream().map(o -> o.path(name).asText()).toList();
    }
}
