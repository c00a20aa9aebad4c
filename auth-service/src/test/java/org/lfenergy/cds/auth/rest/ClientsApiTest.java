package org.lfenergy.cds.auth.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.lfenergy.cds.auth.support.ConsentClient;
import org.lfenergy.cds.testing.RealInfrastructure;

/** Clients API PUT (WG1-02 §5.5) over HTTP: applied, mirrored to the Keycloak client, logged as a Message. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "auth"))
class ClientsApiTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Inject
    Keycloak keycloak;

    ConsentClient client;

    @BeforeEach
    void register() throws Exception {
        client = ConsentClient.register(base, "cds_usage cds_query_accounts");
    }

    ClientRepresentation keycloakClient(String clientId) {
        return keycloak.realm("cds").clients().findByClientId(clientId).get(0);
    }

    JsonNode put(String clientId, Object body, int status) throws Exception {
        return MAPPER.readTree(given().auth().oauth2(client.adminToken).contentType(ContentType.JSON).body(body)
                .when().put("/cds-api/v1/clients/" + clientId).then().statusCode(status).extract().asString());
    }

    String objectWith(String scope) throws Exception {
        for (JsonNode c : client.api("/cds-api/v1/clients").path("clients")) {
            if (List.of(c.path("scope").asText().split(" ")).contains(scope)) {
                return c.path("client_id").asText();
            }
        }
        throw new AssertionError(scope);
    }

    @Test
    void putReplacesRedirectUrisAndNameMirrorsThemToKeycloakAndLogsTheChange() throws Exception {
        JsonNode current = client.api("/cds-api/v1/clients/" + client.clientId);
        ObjectNode body = current.deepCopy();
        body.putArray("redirect_uris").add("https://app.example/cb").add(client.redirectUri);
        body.put("client_name", "Renamed app");

        JsonNode updated = put(client.clientId, body, 200);

        assertThat(updated.path("redirect_uris").toString())
                .isEqualTo("[\"https://app.example/cb\",\"" + client.redirectUri + "\"]");
        assertThat(updated.path("client_name").asText()).isEqualTo("Renamed app");
        assertThat(updated.path("cds_modified").asText()).isGreaterThanOrEqualTo(current.path("cds_modified").asText());
        assertThat(client.api("/cds-api/v1/clients/" + client.clientId).path("redirect_uris")).isEqualTo(updated.path("redirect_uris"));
        ClientRepresentation kc = keycloakClient(client.clientId);
        assertThat(kc.getRedirectUris()).containsExactlyInAnyOrder("https://app.example/cb", client.redirectUri);
        assertThat(kc.getName()).isEqualTo("Renamed app");

        JsonNode messages = client.api("/cds-api/v1/messages");
        JsonNode log = null;
        for (JsonNode m : messages.path("unread")) {
            if (m.path("related_uri").asText().endsWith("/cds-api/v1/clients/" + client.clientId)) {
                log = m;
            }
        }
        assertThat(log).as("changelog message").isNotNull();
        assertThat(log.path("type").asText()).isEqualTo("notification");
        assertThat(log.path("status").asText()).isEqualTo("complete");
        assertThat(log.path("creator").isNull()).isTrue();
        assertThat(log.path("related_type").asText()).isEqualTo("client");
        List<String> fields = log.path("updates_requested").findValuesAsText("field");
        assertThat(fields).containsExactlyInAnyOrder("redirect_uris", "client_name");
        assertThat(log.path("updates_requested").get(0).has("previous_value")).isTrue();
    }

    @Test
    void aPutThatChangesNothingAnswersTheObjectAndLogsNothing() throws Exception {
        JsonNode current = client.api("/cds-api/v1/clients/" + client.clientId);
        int before = client.api("/cds-api/v1/messages").path("unread").size();

        JsonNode same = put(client.clientId, current, 200);

        assertThat(same).isEqualTo(current);
        assertThat(client.api("/cds-api/v1/messages").path("unread").size()).isEqualTo(before);
    }

    @Test
    void changingAnImmutableFieldIsRefusedAndNothingChanges() throws Exception {
        ObjectNode body = client.api("/cds-api/v1/clients/" + client.clientId).deepCopy();
        body.putArray("grant_types").add("client_credentials");
        body.putArray("redirect_uris").add("https://app.example/cb");

        given().auth().oauth2(client.adminToken).contentType(ContentType.JSON).body(body)
                .when().put("/cds-api/v1/clients/" + client.clientId)
                .then().statusCode(400).body("error", equalTo("invalid_client_metadata"))
                .body("error_description", containsString("grant_types"));
        assertThat(keycloakClient(client.clientId).getRedirectUris()).containsExactly(client.redirectUri);
    }

    @Test
    void disablingADirectAccessObjectDisablesItsKeycloakClientAndItsTokenRequests() throws Exception {
        String direct = objectWith("cds_query_accounts");
        String secret = client.api("/cds-api/v1/credentials?client_ids=" + direct).path("credentials").get(0)
                .path("client_secret").asText();

        JsonNode updated = put(direct, Map.of("cds_status", "disabled"), 200);

        assertThat(updated.path("cds_status").asText()).isEqualTo("disabled");
        assertThat(keycloakClient(direct).isEnabled()).isFalse();
        TokenResponse refused = TokenResponse.parse(new TokenRequest(base.resolve("/oauth/token"),
                new ClientSecretBasic(new ClientID(direct), new Secret(secret)), new ClientCredentialsGrant(),
                new Scope("cds_query_accounts")).toHTTPRequest().send());
        assertThat(refused.indicatesSuccess()).isFalse();
        assertThat(refused.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_client");

        put(direct, Map.of("cds_status", "production"), 200);
        assertThat(keycloakClient(direct).isEnabled()).isTrue();
    }

    @Test
    void theClientAdminObjectCannotBeDisabledNorGiveUpItsScope() throws Exception {
        String admin = objectWith("cds_client_admin");

        given().auth().oauth2(client.adminToken).contentType(ContentType.JSON).body(Map.of("cds_status", "disabled"))
                .when().put("/cds-api/v1/clients/" + admin).then().statusCode(400);
        given().auth().oauth2(client.adminToken).contentType(ContentType.JSON).body(Map.of("scope", "cds_query_accounts"))
                .when().put("/cds-api/v1/clients/" + admin).then().statusCode(400);
    }

    @Test
    void anotherRegistrantsClientIsNotFoundAndAMissingTokenIsUnauthorized() throws Exception {
        ConsentClient other = ConsentClient.register(base, "cds_accounts");

        given().auth().oauth2(client.adminToken).contentType(ContentType.JSON).body(Map.of())
                .when().put("/cds-api/v1/clients/" + other.clientId).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of()).when().put("/cds-api/v1/clients/" + client.clientId)
                .then().statusCode(401);
        given().auth().oauth2(client.adminToken).contentType(ContentType.JSON).body("{not json")
                .when().put("/cds-api/v1/clients/" + client.clientId).then().statusCode(400);
    }
}
