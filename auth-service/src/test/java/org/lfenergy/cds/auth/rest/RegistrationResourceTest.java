package org.lfenergy.cds.auth.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.lfenergy.cds.auth.support.CdsTestClient;
import org.lfenergy.cds.auth.support.SpecExamples;
import org.lfenergy.cds.testing.RealInfrastructure;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "auth"))
class RegistrationResourceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Inject
    Keycloak keycloak;

    static JsonNode register(Object body) throws Exception {
        String json = given().contentType(ContentType.JSON).body(body).when().post("/oauth/register")
                .then().statusCode(201).header("Cache-Control", "no-store").extract().asString();
        return MAPPER.readTree(json);
    }

    @Test
    void aStandardOauthClientLibraryRegistersAndGetsTheAdminClientIdAndSecret() {
        ClientInformation info = CdsTestClient.register(base, "cds_client_admin");

        assertThat(info.getID().getValue()).isNotBlank();
        assertThat(info.getSecret().getValue()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(info.getMetadata().getScope().toStringList()).containsExactly("cds_client_admin");
    }

    @Test
    void respondsWithTheClientAdminObjectInTheShapeOfTheSpecExample() throws Exception {
        JsonNode example = SpecExamples.json("wg3_13.01.02_registering-a-client_response.json");

        JsonNode created = register(Map.of("scope", "cds_client_admin cds_query_accounts", "client_name", "Shape test"));

        assertThat(SpecExamples.keys(created)).containsAll(SpecExamples.keys(example));
        assertThat(created.path("scope").asText()).isEqualTo("cds_client_admin");
        assertThat(created.path("redirect_uris").size()).isZero();
        assertThat(created.path("response_types").size()).isZero();
        assertThat(created.path("grant_types").get(0).asText()).isEqualTo("client_credentials");
        assertThat(created.path("token_endpoint_auth_method").asText()).isEqualTo("client_secret_basic");
        assertThat(created.path("cds_status").asText()).isEqualTo("production");
        assertThat(created.has("client_secret_expires_at")).isFalse();
        assertThat(created.path("contacts").isArray()).isTrue();
        assertThat(created.path("cds_client_uri").asText()).endsWith("/cds-api/v1/clients/" + created.path("client_id").asText());
    }

    @Test
    void replaysTheSpecRegistrationRequestMinusTheScopesThisServerDoesNotOffer() throws Exception {
        JsonNode example = SpecExamples.json("wg1-02_12.03_submitting-a-client-registration-request_request.json");
        Map<String, Object> body = Map.of("scope", "cds_client_admin cds_grant_admin_1 cds_server_provided_files_1",
                "client_name", example.path("client_name").asText(),
                "cds_company_name", example.path("cds_company_name").asText());

        JsonNode created = register(body);

        assertThat(created.path("client_name").asText()).isEqualTo("My App Name");
        assertThat(created.path("cds_company_name").asText()).isEqualTo("My Company Name");
    }

    @Test
    void mirrorsEveryClientObjectAsAKeycloakClientWithTheSameSecretForTheAdminObject() throws Exception {
        JsonNode created = register(Map.of("scope", "cds_client_admin cds_query_usage cds_usage"));
        String clientId = created.path("client_id").asText();

        List<ClientRepresentation> found = keycloak.realm("cds").clients().findByClientId(clientId);

        assertThat(found).hasSize(1);
        ClientRepresentation kc = found.get(0);
        assertThat(kc.isServiceAccountsEnabled()).isTrue();
        assertThat(kc.isStandardFlowEnabled()).isFalse();
        assertThat(kc.getOptionalClientScopes()).contains("cds_client_admin");
        assertThat(keycloak.realm("cds").clients().get(kc.getId()).getSecret().getValue())
                .isEqualTo(created.path("client_secret").asText());
        assertThat(kc.getAttributes()).containsEntry("cds.registrant_id", clientId);
    }

    @Test
    void ignoresRedirectUrisInTheRequest() throws Exception {
        JsonNode created = register(Map.of("scope", "cds_client_admin", "redirect_uris", List.of("https://evil.example/cb")));

        assertThat(created.path("redirect_uris").size()).isZero();
    }

    @Test
    void rejectsARegistrationWithoutClientAdmin() {
        given().contentType(ContentType.JSON).body(Map.of("scope", "cds_query_accounts")).when().post("/oauth/register")
                .then().statusCode(400).body("error", equalTo("invalid_client_metadata"));
    }

    @Test
    void rejectsNonCdsScopesMixedWithCdsScopes() {
        given().contentType(ContentType.JSON).body(Map.of("scope", "cds_client_admin openid profile"))
                .when().post("/oauth/register")
                .then().statusCode(400).body("error", equalTo("invalid_client_metadata"));
    }

    @Test
    void rejectsARegistrationFieldLongerThanItsMaximum() {
        given().contentType(ContentType.JSON)
                .body(Map.of("scope", "cds_client_admin", "cds_company_name", "x".repeat(1025)))
                .when().post("/oauth/register")
                .then().statusCode(400).body("error", equalTo("invalid_client_metadata"));
    }

    @Test
    void rejectsABodyThatIsNotJson() {
        given().contentType(ContentType.JSON).body("{not json").when().post("/oauth/register")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void servesClientSpecificMetadataPubliclyAndNotFoundForUnknownClients() throws Exception {
        JsonNode created = register(Map.of("scope", "cds_client_admin cds_meters"));
        String clientId = created.path("client_id").asText();

        given().when().get("/cds-api/v1/clients/" + clientId + "/cds-server-metadata").then().statusCode(200)
                .body("oauth_metadata", equalTo("http://127.0.0.1:8080/cds-api/v1/clients/" + clientId + "/oauth-authorization-server"));
        given().when().get("/cds-api/v1/clients/" + clientId + "/oauth-authorization-server").then().statusCode(200)
                .body("cds_scope_descriptions.cds_meters.id", equalTo("cds_meters"));
        given().when().get("/cds-api/v1/clients/nope/cds-server-metadata").then().statusCode(404)
                .body("error", equalTo("not_found"));
    }
}
