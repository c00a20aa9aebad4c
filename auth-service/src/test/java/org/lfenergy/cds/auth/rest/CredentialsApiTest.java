package org.lfenergy.cds.auth.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.lfenergy.cds.auth.support.CdsTestClient;
import org.lfenergy.cds.testing.RealInfrastructure;

/**
 * Credentials API writes (WG1-02 §7) over HTTP against the real Keycloak: several secrets per Client Object, expiry
 * rules, and an expired secret taking exactly the tokens issued with it (token endpoint, introspection, management
 * APIs, Keycloak's own secret).
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "auth"))
class CredentialsApiTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Inject
    Keycloak keycloak;

    ClientInformation admin;
    String adminToken;
    String direct;
    String directSecret;
    String directCredential;

    @BeforeEach
    void register() throws Exception {
        admin = CdsTestClient.register(base, "cds_client_admin cds_query_accounts cds_query_bill_statements");
        adminToken = token(admin.getID().getValue(), admin.getSecret().getValue(), "cds_client_admin").getTokens()
                .getAccessToken().getValue();
        for (JsonNode c : get("/cds-api/v1/clients").path("clients")) {
            if (c.path("scope").asText().contains("cds_query_accounts")) {
                direct = c.path("client_id").asText();
            }
        }
        JsonNode credential = get("/cds-api/v1/credentials?client_ids=" + direct).path("credentials").get(0);
        directSecret = credential.path("client_secret").asText();
        directCredential = credential.path("credential_id").asText();
    }

    TokenResponse tokenResponse(String clientId, String secret, String scope) throws Exception {
        return TokenResponse.parse(new TokenRequest(base.resolve("/oauth/token"),
                new ClientSecretBasic(new ClientID(clientId), new Secret(secret)), new ClientCredentialsGrant(),
                new Scope(scope)).toHTTPRequest().send());
    }

    AccessTokenResponse token(String clientId, String secret, String scope) throws Exception {
        TokenResponse r = tokenResponse(clientId, secret, scope);
        assertThat(r.indicatesSuccess()).as("token for " + scope).isTrue();
        return (AccessTokenResponse) r;
    }

    JsonNode get(String path) throws Exception {
        return MAPPER.readTree(given().auth().oauth2(adminToken).when().get(path).then().statusCode(200).extract().asString());
    }

    JsonNode post(Object body, int status) throws Exception {
        return MAPPER.readTree(given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(body)
                .when().post("/cds-api/v1/credentials").then().statusCode(status).extract().asString());
    }

    JsonNode patch(String credentialId, Object body, int status) throws Exception {
        return MAPPER.readTree(given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(body)
                .when().patch("/cds-api/v1/credentials/" + credentialId).then().statusCode(status).extract().asString());
    }

    boolean active(String token) throws Exception {
        String body = given().auth().preemptive().basic(direct, secondSecret == null ? directSecret : secondSecret)
                .contentType(ContentType.URLENC).formParam("token", token)
                .when().post("/oauth/introspect").then().statusCode(200).extract().asString();
        return MAPPER.readTree(body).path("active").asBoolean();
    }

    String secondSecret;

    @Test
    void aSecondSecretIsCreatedListedAndAuthenticatesNextToTheFirst() throws Exception {
        JsonNode created = post(Map.of("client_id", direct), 201);

        assertThat(created.path("type").asText()).isEqualTo("client_secret");
        assertThat(created.path("client_id").asText()).isEqualTo(direct);
        assertThat(created.path("client_secret_expires_at").asLong()).isZero();
        String secret = created.path("client_secret").asText();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(directSecret);
        assertThat(get("/cds-api/v1/credentials?client_ids=" + direct).path("credentials")).hasSize(2);
        assertThat(get("/cds-api/v1/credentials/" + created.path("credential_id").asText()).path("client_secret").asText())
                .isEqualTo(secret);
        assertThat(get("/cds-api/v1/credentials/" + directCredential).path("client_secret").asText()).isEqualTo(directSecret);
        token(direct, secret, "cds_query_accounts");
        token(direct, directSecret, "cds_query_accounts");
        JsonNode log = null;
        for (JsonNode m : get("/cds-api/v1/messages").path("unread")) {
            if (m.path("related_uri").asText().endsWith("/credentials/" + created.path("credential_id").asText())) {
                log = m;
            }
        }
        assertThat(log).as("changelog message for the new credential").isNotNull();
        assertThat(log.path("related_type").asText()).isEqualTo("credential");
    }

    @Test
    void expiringASecretNowRevokesTheTokensIssuedWithItAndNotThoseOfAnotherSecret() throws Exception {
        secondSecret = post(Map.of("client_id", direct), 201).path("client_secret").asText();
        String withFirst = token(direct, directSecret, "cds_query_accounts").getTokens().getAccessToken().getValue();
        String withSecond = token(direct, secondSecret, "cds_query_bill_statements").getTokens().getAccessToken().getValue();
        assertThat(active(withFirst)).isTrue();
        String keycloakSecretBefore = keycloak.realm("cds").clients().get(keycloak.realm("cds").clients()
                .findByClientId(direct).get(0).getId()).getSecret().getValue();
        Thread.sleep(1100); // tokens carry whole seconds: keep the expiry in a later second than their iat

        JsonNode expired = patch(directCredential, Map.of("client_secret_expires_at", Instant.now().getEpochSecond()), 200);

        assertThat(expired.path("client_secret_expires_at").asLong()).isPositive();
        assertThat(active(withFirst)).as("token issued with the expired secret").isFalse();
        assertThat(active(withSecond)).as("token of another grant issued with the other secret").isTrue();
        TokenResponse refused = tokenResponse(direct, directSecret, "cds_query_accounts");
        assertThat(refused.indicatesSuccess()).isFalse();
        assertThat(refused.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_client");
        // Tokens carry whole seconds, so the expiry voids every token of the grant issued up to the end of its
        // second (CredentialService): a token asked for within that second would be void too. Ask after it.
        Thread.sleep(1100);
        String fresh = token(direct, secondSecret, "cds_query_accounts").getTokens().getAccessToken().getValue();
        assertThat(active(fresh)).as("a new token of the same grant with the other secret").isTrue();
        String keycloakSecretAfter = keycloak.realm("cds").clients().get(keycloak.realm("cds").clients()
                .findByClientId(direct).get(0).getId()).getSecret().getValue();
        assertThat(keycloakSecretAfter).isNotEqualTo(keycloakSecretBefore).isNotEqualTo(directSecret);
        assertThat(get("/cds-api/v1/credentials/" + directCredential).path("client_secret").asText()).isEqualTo(directSecret);
    }

    @Test
    void expiringTheAdminSecretEndsTheAdminTokensIssuedWithIt() throws Exception {
        String adminCredential = get("/cds-api/v1/credentials?client_ids=" + admin.getID().getValue())
                .path("credentials").get(0).path("credential_id").asText();
        String spare = post(Map.of("client_id", admin.getID().getValue()), 201).path("client_secret").asText();
        Thread.sleep(1100);

        patch(adminCredential, Map.of("client_secret_expires_at", Instant.now().getEpochSecond()), 200);

        given().auth().oauth2(adminToken).when().get("/cds-api/v1/clients").then().statusCode(401);
        Thread.sleep(1100); // the expiry voids the grant's tokens through the end of its second (CredentialService)
        adminToken = token(admin.getID().getValue(), spare, "cds_client_admin").getTokens().getAccessToken().getValue();
        assertThat(get("/cds-api/v1/clients").path("clients").size()).isEqualTo(3);
    }

    @Test
    void aLaterExpiryIsAcceptedOnlyEarlierAndExpiresOnItsOwn() throws Exception {
        long now = Instant.now().getEpochSecond();
        assertThat(patch(directCredential, Map.of("client_secret_expires_at", now + 3600, "client_secret", "x"), 200)
                .path("client_secret_expires_at").asLong()).isEqualTo(now + 3600);
        assertThat(patch(directCredential, Map.of("client_secret_expires_at", now + 1800), 200)
                .path("client_secret_expires_at").asLong()).isEqualTo(now + 1800);
        Map<Object, String> refused = Map.of(
                Map.of("client_secret_expires_at", now + 7200), "only move earlier",
                Map.of("client_secret_expires_at", 0), "only move earlier",
                Map.of("client_secret_expires_at", now - 3600), "in the past",
                Map.of("client_secret_expires_at", -1), "non-negative integer",
                Map.of("client_secret_expires_at", "soon"), "non-negative integer",
                Map.of("client_secret_expires_at", 1.5), "non-negative integer");
        for (Map.Entry<Object, String> c : refused.entrySet()) {
            given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(c.getKey())
                    .when().patch("/cds-api/v1/credentials/" + directCredential).then().statusCode(400)
                    .body("error_description", containsString(c.getValue()));
        }
        token(direct, directSecret, "cds_query_accounts");
    }

    @Test
    void invalidCreationsAndOtherRegistrantsCredentialsAreRefused() throws Exception {
        post(Map.of("client_id", "no-such-client"), 400);
        post(Map.of(), 400);
        post(List.of(), 400);
        ClientInformation other = CdsTestClient.register(base, "cds_client_admin cds_server_provided_files_1");
        post(Map.of("client_id", other.getID().getValue()), 400);
        String otherToken = token(other.getID().getValue(), other.getSecret().getValue(), "cds_client_admin")
                .getTokens().getAccessToken().getValue();
        String files = null;
        for (JsonNode c : MAPPER.readTree(given().auth().oauth2(otherToken).when().get("/cds-api/v1/clients")
                .then().statusCode(200).extract().asString()).path("clients")) {
            if (c.path("token_endpoint_auth_method").isNull()) {
                files = c.path("client_id").asText();
            }
        }
        given().auth().oauth2(otherToken).contentType(ContentType.JSON).body(Map.of("client_id", files))
                .when().post("/cds-api/v1/credentials").then().statusCode(400)
                .body("error_description", containsString("no token endpoint auth method"));
        given().auth().oauth2(otherToken).contentType(ContentType.JSON).body(Map.of("client_secret_expires_at", 0))
                .when().patch("/cds-api/v1/credentials/" + directCredential).then().statusCode(404)
                .body("error", equalTo("not_found"));
    }
}
