package org.lfenergy.cds.auth.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.auth.support.SpecExamples;
import org.lfenergy.cds.testing.RealInfrastructure;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "auth"))
class MetadataResourceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BASE = "http://127.0.0.1:8080";

    static JsonNode get(String path) throws Exception {
        String body = given().when().get(path).then().statusCode(200).contentType("application/json")
                .extract().asString();
        return MAPPER.readTree(body);
    }

    @Test
    void servesServerMetadataWithOauthAndCoverageCapabilities() throws Exception {
        JsonNode metadata = get("/.well-known/cds-server-metadata.json");

        assertThat(metadata.path("cds_metadata_version").asText()).isEqualTo("v1");
        assertThat(metadata.path("cds_metadata_url").asText()).isEqualTo(BASE + "/.well-known/cds-server-metadata.json");
        assertThat(texts(metadata.path("capabilities"))).contains("coverage", "oauth");
        assertThat(metadata.path("coverage").asText()).isEqualTo(BASE + "/cds-api/v1/coverage");
        assertThat(metadata.path("oauth_metadata").asText()).isEqualTo(BASE + "/.well-known/oauth-authorization-server");
        for (String field : List.of("created", "updated", "name", "description", "website", "documentation", "support")) {
            assertThat(metadata.path(field).asText()).as(field).isNotBlank();
        }
    }

    @Test
    void serverMetadataHasEveryMemberOfTheSpecExample() throws Exception {
        JsonNode example = SpecExamples.json("wg1-02_12.01_retrieving-cds-server-metadata_response.json");

        JsonNode metadata = get("/.well-known/cds-server-metadata.json");

        assertThat(SpecExamples.keys(metadata)).containsAll(SpecExamples.keys(example));
    }

    @Test
    void servesTheSameDocumentAtTheLegacyCarbonDataSpecName() throws Exception {
        assertThat(get("/.well-known/carbon-data-spec.json")).isEqualTo(get("/.well-known/cds-server-metadata.json"));
    }

    @Test
    void answersNotModifiedWhenTheEtagStillMatches() {
        String etag = given().when().get("/.well-known/cds-server-metadata.json").then().statusCode(200)
                .extract().header("ETag");

        given().header("If-None-Match", etag).when().get("/.well-known/cds-server-metadata.json")
                .then().statusCode(304);
    }

    @Test
    void coverageListsEntriesWithTheSpecExampleShapeAndFiltersByIds() throws Exception {
        JsonNode example = SpecExamples.json("wg1-01_7_coverage_response.txt");
        JsonNode coverage = get("/cds-api/v1/coverage");

        assertThat(SpecExamples.keys(coverage)).containsAll(SpecExamples.keys(example));
        assertThat(coverage.path("coverage_entries").size()).isEqualTo(2);
        Set<String> required = Set.of("id", "created", "updated", "entity_name", "entity_abbreviation", "country",
                "name", "type", "role", "infrastructure_types", "commodity_types", "capabilities");
        coverage.path("coverage_entries").forEach(entry -> {
            assertThat(SpecExamples.keys(entry)).containsAll(required);
            assertThat(texts(entry.path("capabilities"))).doesNotContain("coverage");
        });

        JsonNode filtered = get("/cds-api/v1/coverage?ids=gridx_demo_gas");
        assertThat(filtered.path("coverage_entries").size()).isEqualTo(1);
        assertThat(filtered.path("coverage_entries").get(0).path("id").asText()).isEqualTo("gridx_demo_gas");
        assertThat(get("/cds-api/v1/coverage?ids=unknown").path("coverage_entries").size()).isZero();
    }

    @Test
    void capabilitiesContainTheUnionOfTheCoverageEntriesCapabilities() throws Exception {
        List<String> capabilities = texts(get("/.well-known/cds-server-metadata.json").path("capabilities"));
        get("/cds-api/v1/coverage").path("coverage_entries")
                .forEach(e -> assertThat(capabilities).containsAll(texts(e.path("capabilities"))));
    }

    @Test
    void authorizationServerMetadataHasEveryRequiredRfc8414AndCdsMember() throws Exception {
        JsonNode as = get("/.well-known/oauth-authorization-server");

        for (String field : List.of("issuer", "service_documentation", "op_policy_uri", "op_tos_uri",
                "registration_endpoint", "authorization_endpoint", "token_endpoint", "revocation_endpoint",
                "introspection_endpoint", "pushed_authorization_request_endpoint", "cds_oauth_version",
                "cds_human_registration", "cds_timezone", "cds_clients_api", "cds_messages_api",
                "cds_credentials_api", "cds_grants_api", "cds_server_provided_files_api", "cds_test_accounts",
                "cds_customerdata_version", "cds_accounts_api", "cds_servicecontracts_api", "cds_servicepoints_api",
                "cds_meterdevices_api", "cds_billstatement_api", "cds_billsection_api", "cds_aggregations_api",
                "cds_usagesegments_api")) {
            assertThat(as.path(field).isTextual()).as(field).isTrue();
        }
        assertThat(as.path("issuer").asText()).endsWith("/realms/cds");
        assertThat(as.path("token_endpoint").asText()).isEqualTo(BASE + "/oauth/token");
        assertThat(as.path("cds_accounts_api").asText()).isEqualTo(BASE + "/cds/v1/accounts");
        assertThat(as.path("cds_timezone").asText()).isEqualTo("America/Los_Angeles");
        assertThat(as.path("cds_usagesegments_additional_value_types").isObject()).isTrue();
        assertThat(texts(as.path("code_challenge_methods_supported"))).containsExactly("S256");
        assertThat(texts(as.path("response_types_supported"))).containsExactly("code");
        assertThat(texts(as.path("grant_types_supported")))
                .containsExactlyInAnyOrder("client_credentials", "authorization_code", "refresh_token");
        assertThat(texts(as.path("token_endpoint_auth_methods_supported"))).containsExactly("client_secret_basic");
    }

    @Test
    void authorizationServerMetadataHasEveryMemberOfBothSpecExamples() throws Exception {
        JsonNode as = get("/.well-known/oauth-authorization-server");
        for (String example : List.of("wg1-02_12.02_retrieving-authorization-server-metadata_response.txt",
                "wg3_13.01.01_retrieving-available-scopes-from-metadata_response.txt")) {
            assertThat(SpecExamples.keys(as)).as(example).containsAll(SpecExamples.keys(SpecExamples.json(example)));
        }
    }

    @Test
    void scopesSupportedAndRarTypesAreTheUnionOfTheScopeDescriptions() throws Exception {
        JsonNode as = get("/.well-known/oauth-authorization-server");
        JsonNode descriptions = as.path("cds_scope_descriptions");

        List<String> expected = new ArrayList<>(SpecExamples.keys(descriptions));
        expected.addAll(SpecExamples.keys(as.path("cds_scope_aliases")));
        assertThat(texts(as.path("scopes_supported"))).containsExactlyInAnyOrderElementsOf(expected);
        List<String> rarTypes = new ArrayList<>();
        descriptions.forEach(d -> rarTypes.addAll(texts(d.path("authorization_details_types_supported"))));
        assertThat(texts(as.path("authorization_details_types_supported"))).containsExactlyInAnyOrderElementsOf(rarTypes);
        assertThat(descriptions.size()).isEqualTo(21);
    }

    @Test
    void everyScopeDescriptionHasTheMembersOfTheSpecExamplesScopeDescriptions() throws Exception {
        JsonNode example = SpecExamples.json("wg3_13.01.01_retrieving-available-scopes-from-metadata_response.txt");
        Set<String> scopeKeys = SpecExamples.keys(example.path("cds_scope_descriptions").path("cds_client_admin"));
        Set<String> fieldKeys = Set.of("id", "name", "description", "documentation", "for_types", "format", "is_required");

        JsonNode descriptions = get("/.well-known/oauth-authorization-server").path("cds_scope_descriptions");

        descriptions.forEach(d -> {
            assertThat(SpecExamples.keys(d)).as(d.path("id").asText()).containsAll(scopeKeys);
            d.path("authorization_details_fields_supported")
                    .forEach(f -> assertThat(SpecExamples.keys(f)).as(f.path("id").asText()).containsAll(fieldKeys));
        });
    }

    @Test
    void clientAdminGrantAdminAndFilesScopesMatchTheBuiltInDefinitions() throws Exception {
        JsonNode d = get("/.well-known/oauth-authorization-server").path("cds_scope_descriptions");

        JsonNode admin = d.path("cds_client_admin");
        assertThat(admin.path("type").asText()).isEqualTo("cds_client_admin");
        assertThat(admin.path("name").asText()).isEqualTo("Client Admin");
        assertThat(admin.path("description").asText())
                .isEqualTo("This scope grants administrative access to the Client management APIs.");
        assertThat(texts(admin.path("grant_types_supported"))).containsExactly("client_credentials");
        assertThat(admin.path("grant_admin_scope").isNull()).isTrue();
        assertThat(admin.path("authorization_details_fields_supported").size()).isZero();

        JsonNode grantAdmin = d.path("cds_grant_admin_1");
        assertThat(grantAdmin.path("type").asText()).isEqualTo("cds_grant_admin");
        assertThat(texts(grantAdmin.path("authorization_details_types_supported"))).containsExactly("cds_grant_admin_1");
        assertThat(grantAdmin.path("authorization_details_fields_supported").findValuesAsText("id"))
                .containsExactly("client_id", "grant_id");
        grantAdmin.path("authorization_details_fields_supported").forEach(f -> {
            assertThat(f.path("format").asText()).isEqualTo("string");
            assertThat(f.path("is_required").asBoolean()).isTrue();
            assertThat(f.path("maximum").asInt()).isEqualTo(1000);
            assertThat(f.path("minimum").asInt()).isEqualTo(1);
            assertThat(f.has("default")).isFalse();
            assertThat(texts(f.path("for_types"))).containsExactly("cds_grant_admin_1");
        });

        JsonNode files = d.path("cds_server_provided_files_1");
        assertThat(files.path("type").asText()).isEqualTo("cds_server_provided_files");
        assertThat(files.path("grant_admin_scope").asText()).isEqualTo("cds_grant_admin_1");
        assertThat(files.path("grant_types_supported").size()).isZero();
        assertThat(files.path("authorization_details_fields_supported").get(0).path("id").asText()).isEqualTo("file_id");
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
