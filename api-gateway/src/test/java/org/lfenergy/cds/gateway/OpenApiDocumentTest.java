package org.lfenergy.cds.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lfenergy.cds.gateway.service.DataApi;
import org.lfenergy.cds.testing.RealInfrastructure;

/**
 * The served OpenAPI document describes exactly the data APIs the gateway routes, with the list keys and the filter
 * parameters of CDS-WG3-01 §10 (table below, from the spec digest §4), and Swagger UI shows it.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class OpenApiDocumentTest {

    /** List key and filter parameters of each API (CDS-WG3-01 §10, digest §4). */
    private static final Map<DataApi, List<String>> SPEC = new EnumMap<>(Map.of(
            DataApi.ACCOUNTS_API, List.of("accounts", "cds_account_ids", "customer_numbers", "account_numbers",
                    "account_statuses", "q"),
            DataApi.SERVICE_CONTRACTS_API, List.of("service_contracts", "cds_servicecontract_ids", "account_numbers",
                    "contract_numbers", "contract_statuses", "contract_types", "service_types", "q"),
            DataApi.SERVICE_POINTS_API, List.of("service_points", "cds_servicepoint_ids", "servicepoint_numbers",
                    "current_servicecontracts", "previous_servicecontracts", "q"),
            DataApi.METER_DEVICES_API, List.of("meter_devices", "cds_meterdevice_ids", "meter_number",
                    "current_servicepoints", "previous_servicepoints", "q"),
            DataApi.BILL_STATEMENTS_API, List.of("bill_statements", "cds_billstatement_ids", "before", "after",
                    "cds_account_ids", "account_numbers"),
            DataApi.BILL_SECTIONS_API, List.of("bill_sections", "cds_billsection_ids", "before", "after",
                    "cds_billstatement_ids", "cds_account_ids", "account_numbers", "cds_servicecontract_ids",
                    "contract_numbers"),
            DataApi.AGGREGATIONS_API, List.of("aggregations", "cds_aggregation_ids", "aggregation_numbers",
                    "aggregation_types", "q"),
            DataApi.USAGE_SEGMENTS_API, List.of("usage_segments", "cds_usagesegment_ids", "before", "after",
                    "cds_account_ids", "account_numbers", "cds_servicecontract_ids", "contract_numbers",
                    "cds_servicepoint_ids", "servicepoint_numbers", "cds_meterdevice_ids", "meter_numbers",
                    "cds_billsection_ids"),
            DataApi.EACS_API, List.of("eacs", "cds_eac_ids", "eac_numbers", "beneficiaries", "before", "after")));

    /** The largest page each service accepts for the server extension {@code limit}. */
    private static final Map<DataApi, Integer> LIMIT_MAX = new EnumMap<>(Map.of(
            DataApi.ACCOUNTS_API, 1000, DataApi.SERVICE_CONTRACTS_API, 1000, DataApi.BILL_STATEMENTS_API, 1000,
            DataApi.BILL_SECTIONS_API, 1000, DataApi.SERVICE_POINTS_API, 100, DataApi.METER_DEVICES_API, 100,
            DataApi.USAGE_SEGMENTS_API, 400, DataApi.AGGREGATIONS_API, 100, DataApi.EACS_API, 100));

    private JsonNode doc;

    @BeforeEach
    void load() throws Exception {
        String json = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        doc = new ObjectMapper().readTree(json);
    }

    @Test
    void describesExactlyTheRoutedDataApis() {
        Set<String> paths = new HashSet<>();
        doc.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(DataApi.values()).map(DataApi::path).toList());
    }

    @ParameterizedTest
    @EnumSource(DataApi.class)
    void listsTheSpecsFiltersListKeyAndErrorsOfEachApi(DataApi api) {
        JsonNode get = doc.path("paths").path(api.path()).path("get");
        List<String> expected = SPEC.get(api);

        List<String> params = StreamSupport.stream(get.path("parameters").spliterator(), false)
                .map(p -> p.path("name").asText()).toList();
        List<String> specAndLimit = new ArrayList<>(expected.subList(1, expected.size()));
        specAndLimit.add("limit");
        assertThat(params).containsExactlyInAnyOrderElementsOf(specAndLimit);
        JsonNode limit = StreamSupport.stream(get.path("parameters").spliterator(), false)
                .filter(p -> p.path("name").asText().equals("limit")).findFirst().orElseThrow();
        assertThat(limit.path("schema").path("minimum").asInt()).isEqualTo(1);
        assertThat(limit.path("schema").path("maximum").asInt()).as(api.name()).isEqualTo(LIMIT_MAX.get(api));
        assertThat(get.path("description").asText()).contains(api.metadataField());
        assertThat(get.path("security").toString()).contains("bearer");

        List<String> statuses = new ArrayList<>();
        get.path("responses").fieldNames().forEachRemaining(statuses::add);
        assertThat(statuses).containsExactlyInAnyOrder("200", "401", "403", "429", "502", "503", "504");

        JsonNode list = resolve(get.path("responses").path("200").path("content").path("application/json").path("schema"));
        assertThat(fieldNames(list.path("properties"))).containsExactlyInAnyOrder(expected.get(0), "next", "previous");
        assertThat(StreamSupport.stream(list.path("required").spliterator(), false).map(JsonNode::asText).toList())
                .containsExactlyInAnyOrder(expected.get(0), "next", "previous");
    }

    @Test
    void everyReferenceResolves() {
        Set<String> refs = new HashSet<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
    }

    @Test
    void declaresTheBearerScheme() {
        JsonNode bearer = doc.path("components").path("securitySchemes").path("bearer");
        assertThat(bearer.path("type").asText()).isEqualTo("http");
        assertThat(bearer.path("scheme").asText()).isEqualTo("bearer");
        assertThat(doc.path("components").path("responses").path("Unauthorized").path("headers")
                .has("WWW-Authenticate")).isTrue();
    }

    @Test
    void servesSwaggerUi() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    private JsonNode resolve(JsonNode schema) {
        return schema.has("$ref") ? doc.at(schema.path("$ref").asText().substring(1)) : schema;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, refs));
        }
    }
}
