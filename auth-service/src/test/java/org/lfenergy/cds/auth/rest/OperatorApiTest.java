package org.lfenergy.cds.auth.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.lfenergy.cds.auth.repository.ClientObjectRepository;
import org.lfenergy.cds.auth.service.GrantService;
import org.lfenergy.cds.auth.service.model.ClientObject;
import org.lfenergy.cds.auth.service.model.Grant;
import org.lfenergy.cds.auth.service.model.GrantState;
import org.lfenergy.cds.auth.support.ConsentClient;
import org.lfenergy.cds.testing.RealInfrastructure;

/**
 * The operator API over HTTP with a Keycloak token carrying the realm role {@code cds-operator}: production approval
 * of a sandbox Client Object, and every Grant status transition (allowed ones applied, from final statuses 409).
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "auth"))
class OperatorApiTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Inject
    Keycloak keycloak;

    @Inject
    GrantService grantService;

    @Inject
    ClientObjectRepository clients;

    ConsentClient client;
    String operatorToken;

    @BeforeEach
    void setUp() throws Exception {
        client = ConsentClient.register(base, "cds_usage cds_query_accounts");
        operatorToken = operatorToken();
    }

    String operatorToken() throws Exception {
        return org.lfenergy.cds.auth.support.OperatorToken.issue(keycloak);
    }

    @Test
    void approvingProductionCreatesTheTwinWithItsOwnCredentialAndCompletesTheProductionRequest() throws Exception {
        JsonNode sandbox = client.api("/cds-api/v1/clients/" + client.clientId);
        JsonNode request = MAPPER.readTree(given().auth().oauth2(client.adminToken).contentType(ContentType.JSON)
                .body(Map.of("type", "production_request", "name", "Go live", "description", "please",
                        "related_uri", sandbox.path("cds_client_uri").asText()))
                .when().post("/cds-api/v1/messages").then().statusCode(201).extract().asString());

        JsonNode production = MAPPER.readTree(given().auth().oauth2(operatorToken)
                .when().post("/cds-admin/v1/clients/" + client.clientId + "/production")
                .then().statusCode(201).extract().asString());

        String id = production.path("client_id").asText();
        assertThat(id).isNotEqualTo(client.clientId);
        assertThat(production.path("cds_status").asText()).isEqualTo("production");
        assertThat(production.path("cds_status_options").toString()).isEqualTo("[\"production\",\"disabled\"]");
        assertThat(production.path("scope").asText()).isEqualTo(sandbox.path("scope").asText());
        assertThat(production.path("redirect_uris").get(0).asText()).endsWith("/oauth/default-redirect/" + id);
        assertThat(production.path("cds_default_redirect_uri").asText()).endsWith("/oauth/default-redirect/" + id);
        assertThat(client.api("/cds-api/v1/clients").path("clients").findValuesAsText("client_id")).contains(id);
        assertThat(client.api("/cds-api/v1/credentials?client_ids=" + id).path("credentials")).hasSize(1);
        assertThat(keycloak.realm("cds").clients().findByClientId(id)).hasSize(1);

        JsonNode completed = client.api("/cds-api/v1/messages/" + request.path("message_id").asText());
        assertThat(completed.path("status").asText()).isEqualTo("complete");
        assertThat(completed.path("related_type").asText()).isEqualTo("client");
        assertThat(completed.path("related_uri").asText()).isEqualTo(production.path("cds_client_uri").asText());
        JsonNode unread = client.api("/cds-api/v1/messages").path("unread");
        boolean update = false;
        for (JsonNode m : unread) {
            update |= m.path("type").asText().equals("request_update")
                    && m.path("previous_uri").asText().equals(request.path("uri").asText())
                    && m.path("status").asText().equals("complete");
        }
        assertThat(update).as("request_update replying to the production_request").isTrue();

        given().auth().oauth2(operatorToken).when().post("/cds-admin/v1/clients/" + client.clientId + "/production")
                .then().statusCode(409);
    }

    @Test
    void theOperatorApiNeedsTheOperatorRealmRole() {
        given().when().post("/cds-admin/v1/clients/" + client.clientId + "/production").then().statusCode(401);
        given().auth().oauth2(client.adminToken).when().post("/cds-admin/v1/clients/" + client.clientId + "/production")
                .then().statusCode(403);
        given().auth().oauth2(operatorToken).when().post("/cds-admin/v1/clients/no-such-client/production")
                .then().statusCode(404);
    }

    @Test
    void onlySandboxObjectsCanBeApproved() throws Exception {
        String direct = null;
        for (JsonNode c : client.api("/cds-api/v1/clients").path("clients")) {
            if (c.path("scope").asText().equals("cds_query_accounts")) {
                direct = c.path("client_id").asText();
            }
        }
        given().auth().oauth2(operatorToken).when().post("/cds-admin/v1/clients/" + direct + "/production")
                .then().statusCode(400);
    }

    Grant freshGrant(ClientObject owner) {
        return grantService.findOrCreate(owner, List.of("cds_query_accounts"), MAPPER.createArrayNode(),
                "transition-test-" + UUID.randomUUID(), null).await().indefinitely();
    }

    JsonNode move(String grantId, String status, int expected) throws Exception {
        return MAPPER.readTree(given().auth().oauth2(operatorToken).contentType(ContentType.JSON)
                .body(Map.of("status", status)).when().post("/cds-admin/v1/grants/" + grantId + "/status")
                .then().statusCode(expected).extract().asString());
    }

    @Test
    void everyGrantStatusTransitionIsAppliedOrRefusedAsTheStatusMachineSays() throws Exception {
        String directId = null;
        for (JsonNode c : client.api("/cds-api/v1/clients").path("clients")) {
            if (c.path("scope").asText().equals("cds_query_accounts")) {
                directId = c.path("client_id").asText();
            }
        }
        ClientObject owner = clients.find(directId).await().indefinitely().orElseThrow();
        int applied = 0;
        int refused = 0;
        for (GrantState from : GrantState.values()) {
            for (GrantState to : GrantState.values()) {
                if (from == to) {
                    continue;
                }
                Grant g = freshGrant(owner);
                if (from != GrantState.ACTIVE) {
                    move(g.grantId(), from.wire(), 200);
                }
                if (from.isFinal()) {
                    JsonNode error = move(g.grantId(), to.wire(), 409);
                    assertThat(error.path("error").asText()).as(from + "->" + to).isEqualTo("invalid_transition");
                    assertThat(grantService.get(g.grantId()).await().indefinitely().status()).isEqualTo(from);
                    refused++;
                    continue;
                }
                JsonNode moved = move(g.grantId(), to.wire(), 200);
                assertThat(moved.path("status").asText()).as(from + "->" + to).isEqualTo(to.wire());
                assertThat(moved.path("enabled_scope").asText()).as(from + "->" + to + " enabled_scope")
                        .isEqualTo(to.allowsAccess() ? "cds_query_accounts" : "");
                assertThat(moved.path("eta").isNull()).as(from + "->" + to + " eta").isTrue();
                if (to == GrantState.EXPIRED) {
                    assertThat(moved.path("not_after").isNull()).isFalse();
                }
                applied++;
            }
        }
        assertThat(applied).isEqualTo(10 * 13);
        assertThat(refused).isEqualTo(4 * 13);
    }

    @Test
    void aPendingGrantCarriesItsEtaAndUnknownStatusesAreRefused() throws Exception {
        String directId = null;
        for (JsonNode c : client.api("/cds-api/v1/clients").path("clients")) {
            if (c.path("scope").asText().equals("cds_query_accounts")) {
                directId = c.path("client_id").asText();
            }
        }
        Grant g = freshGrant(clients.find(directId).await().indefinitely().orElseThrow());

        JsonNode pending = MAPPER.readTree(given().auth().oauth2(operatorToken).contentType(ContentType.JSON)
                .body(Map.of("status", "pending", "eta", "2030-01-01T00:00:00Z"))
                .when().post("/cds-admin/v1/grants/" + g.grantId() + "/status").then().statusCode(200).extract().asString());

        assertThat(pending.path("eta").asText()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(move(g.grantId(), "active", 200).path("eta").isNull()).isTrue();
        move(g.grantId(), "dormant", 400);
        given().auth().oauth2(operatorToken).contentType(ContentType.JSON).body(Map.of("status", "active", "eta", "soon"))
                .when().post("/cds-admin/v1/grants/" + g.grantId() + "/status").then().statusCode(400);
        move("no-such-grant", "active", 404);
    }
}
