package org.lfenergy.cds.auth.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

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
import com.nimbusds.oauth2.sdk.rar.AuthorizationDetail;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.lfenergy.cds.auth.support.CdsTestClient;
import org.lfenergy.cds.auth.support.OperatorToken;
import org.lfenergy.cds.auth.support.SpecExamples;
import org.lfenergy.cds.testing.RealInfrastructure;

/**
 * Server-Provided Files over HTTP: the operator stores a file for a registrant's files object, the client finds the
 * server-created Grant, gets a Grant Admin token for it (Nimbus, RAR) and lists, reads and downloads the file.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "auth"))
class ServerFilesApiTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String CSV = "meter,kwh\nm-1,1.25\n";

    @TestHTTPResource("/")
    URI base;

    @Inject
    Keycloak keycloak;

    String adminToken;
    String adminObject;
    String operatorToken;
    String filesObject;
    String grantAdminObject;
    String grantAdminSecret;

    @BeforeEach
    void register() throws Exception {
        ClientInformation admin = CdsTestClient.register(base, "cds_client_admin cds_server_provided_files_1");
        adminObject = admin.getID().getValue();
        adminToken = token(admin.getID().getValue(), admin.getSecret().getValue(), "cds_client_admin", null)
                .getTokens().getAccessToken().getValue();
        for (JsonNode c : api("/cds-api/v1/clients").path("clients")) {
            if (c.path("scope").asText().equals("cds_server_provided_files_1")) {
                filesObject = c.path("client_id").asText();
            }
            if (c.path("scope").asText().equals("cds_grant_admin_1")) {
                grantAdminObject = c.path("client_id").asText();
            }
        }
        grantAdminSecret = api("/cds-api/v1/credentials?client_ids=" + grantAdminObject).path("credentials").get(0)
                .path("client_secret").asText();
        operatorToken = OperatorToken.issue(keycloak);
    }

    AccessTokenResponse token(String id, String secret, String scope, String details) throws Exception {
        TokenRequest.Builder b = new TokenRequest.Builder(base.resolve("/oauth/token"),
                new ClientSecretBasic(new ClientID(id), new Secret(secret)), new ClientCredentialsGrant())
                .scope(new Scope(scope));
        if (details != null) {
            b.authorizationDetails(AuthorizationDetail.parseList(details));
        }
        TokenResponse r = TokenResponse.parse(b.build().toHTTPRequest().send());
        assertThat(r.indicatesSuccess()).as("token " + scope).isTrue();
        return (AccessTokenResponse) r;
    }

    JsonNode api(String path) throws Exception {
        return MAPPER.readTree(given().auth().oauth2(adminToken).when().get(path).then().statusCode(200).extract().asString());
    }

    JsonNode upload(String name) throws Exception {
        return MAPPER.readTree(given().auth().oauth2(operatorToken).contentType("text/csv")
                .body(CSV.getBytes(StandardCharsets.UTF_8))
                .queryParam("client_id", filesObject).queryParam("name", name).queryParam("description", "Backfill")
                .when().post("/cds-admin/v1/server-provided-files").then().statusCode(201).extract().asString());
    }

    @Test
    void aClientReadsTheFileTheServerProvidedThroughAGrantAdminToken() throws Exception {
        JsonNode stored = upload("usage-backfill.csv");
        String grantId = stored.path("grant_id").asText();

        JsonNode grant = api("/cds-api/v1/grants/" + grantId);
        assertThat(grant.path("client_id").asText()).isEqualTo(filesObject);
        assertThat(grant.path("scope").asText()).isEqualTo("cds_server_provided_files_1");
        assertThat(grant.path("authorization_details").get(0).path("file_id").asText()).isEqualTo(stored.path("file_id").asText());

        String fileToken = token(grantAdminObject, grantAdminSecret, "cds_grant_admin_1",
                "[{\"type\":\"cds_grant_admin_1\",\"client_id\":\"" + filesObject + "\",\"grant_id\":\"" + grantId + "\"}]")
                .getTokens().getAccessToken().getValue();

        JsonNode list = MAPPER.readTree(given().auth().oauth2(fileToken).when().get("/cds-api/v1/server-provided-files")
                .then().statusCode(200).extract().asString());
        JsonNode example = SpecExamples.json("wg1-02_12.20_retrieving-a-server-provided-files-list_response.json");
        assertThat(SpecExamples.keys(list)).containsAll(SpecExamples.keys(example));
        assertThat(list.path("files")).hasSize(1);
        JsonNode file = list.path("files").get(0);
        assertThat(SpecExamples.keys(file)).containsAll(SpecExamples.keys(example.path("files").get(0)));
        assertThat(file.path("name").asText()).isEqualTo("usage-backfill.csv");
        assertThat(file.path("mime_type").asText()).startsWith("text/csv");
        assertThat(file.path("size").asLong()).isEqualTo(CSV.length());
        assertThat(file.path("description").asText()).isEqualTo("Backfill");
        String id = file.path("file_id").asText();
        JsonNode single = MAPPER.readTree(given().auth().oauth2(fileToken).when().get("/cds-api/v1/server-provided-files/" + id)
                .then().statusCode(200).extract().asString());
        assertThat(single).isEqualTo(file);
        Response download = given().auth().oauth2(fileToken).when().get("/cds-api/v1/server-provided-files/" + id + "/download");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.asString()).isEqualTo(CSV);
        assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"usage-backfill.csv\"");

        given().auth().oauth2(fileToken).when().get("/cds-api/v1/server-provided-files/fnope").then().statusCode(404);
        given().auth().oauth2(adminToken).when().get("/cds-api/v1/server-provided-files").then().statusCode(403);
        given().when().get("/cds-api/v1/server-provided-files").then().statusCode(401);

        // another file is covered by another Grant: not visible with this token
        String other = upload("other.csv").path("file_id").asText();
        given().auth().oauth2(fileToken).when().get("/cds-api/v1/server-provided-files/" + other).then().statusCode(404);

        // the server closes the files Grant: its files are gone for the client at once
        given().auth().oauth2(operatorToken).contentType(ContentType.JSON).body(Map.of("status", "closed"))
                .when().post("/cds-admin/v1/grants/" + grantId + "/status").then().statusCode(200);
        given().auth().oauth2(fileToken).when().get("/cds-api/v1/server-provided-files").then().statusCode(403);
    }

    @Test
    void uploadsNeedAFilesObjectANameAndContent() {
        given().auth().oauth2(operatorToken).contentType("text/plain").body("x").queryParam("name", "a.txt")
                .when().post("/cds-admin/v1/server-provided-files").then().statusCode(400);
        given().auth().oauth2(operatorToken).contentType("text/plain").body("x").queryParam("client_id", grantAdminObject)
                .queryParam("name", "a.txt").when().post("/cds-admin/v1/server-provided-files").then().statusCode(400);
        given().auth().oauth2(operatorToken).contentType("text/plain").body("x").queryParam("client_id", filesObject)
                .queryParam("name", "../etc/passwd").when().post("/cds-admin/v1/server-provided-files").then().statusCode(400);
        given().auth().oauth2(operatorToken).contentType("text/plain").body(new byte[0]).queryParam("client_id", filesObject)
                .queryParam("name", "a.txt").when().post("/cds-admin/v1/server-provided-files").then().statusCode(400);
        given().auth().oauth2(adminToken).contentType("text/plain").body("x").queryParam("client_id", filesObject)
                .queryParam("name", "a.txt").when().post("/cds-admin/v1/server-provided-files").then().statusCode(403);
    }

    /**
     * 401 or 403 (docs/auth.md, the same rule as the gateway): an authentic, current token whose Grant belongs to
     * another client is 403 {@code insufficient_scope}, not 401. Such a token can only come from Keycloak, so the test
     * makes one there: the Grant's Keycloak scope is attached to another client of the registrant, which asks
     * Keycloak itself for a token with it.
     */
    @Test
    void aTokenCarryingAnotherClientsGrantIs403NotEntitledWhileItsOwnTokenIsServed() throws Exception {
        String grantId = upload("cross-client.csv").path("grant_id").asText();
        String fileToken = token(grantAdminObject, grantAdminSecret, "cds_grant_admin_1",
                "[{\"type\":\"cds_grant_admin_1\",\"client_id\":\"" + filesObject + "\",\"grant_id\":\"" + grantId + "\"}]")
                .getTokens().getAccessToken().getValue();
        given().auth().oauth2(fileToken).when().get("/cds-api/v1/server-provided-files").then().statusCode(200);
        String proxyGrant = MAPPER.readTree(java.util.Base64.getUrlDecoder().decode(fileToken.split("\\.")[1]))
                .path("cds_grant_id").asText();
        assertThat(proxyGrant).isNotBlank();

        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        String realmName = config.getValue("cds.keycloak.realm", String.class);
        var realm = keycloak.realm(realmName);
        String scopeId = realm.clientScopes().findAll().stream()
                .filter(sc -> sc.getName().equals("cds-grant-" + proxyGrant)).findFirst().orElseThrow().getId();
        String other = realm.clients().findByClientId(adminObject).get(0).getId();
        realm.clients().get(other).addOptionalClientScope(scopeId);
        try {
            String otherSecret = realm.clients().get(other).getSecret().getValue();
            String crossToken = MAPPER.readTree(given().auth().preemptive().basic(adminObject, otherSecret)
                    .formParam("grant_type", "client_credentials").formParam("scope", "cds-grant-" + proxyGrant)
                    .when().post(config.getValue("cds.keycloak.url", String.class) + "/realms/" + realmName
                            + "/protocol/openid-connect/token")
                    .then().statusCode(200).extract().asString()).path("access_token").asText();
            JsonNode claims = MAPPER.readTree(java.util.Base64.getUrlDecoder().decode(crossToken.split("\\.")[1]));
            assertThat(claims.path("cds_grant_id").asText()).isEqualTo(proxyGrant);
            assertThat(claims.path("azp").asText()).isEqualTo(adminObject);

            given().auth().oauth2(crossToken).when().get("/cds-api/v1/server-provided-files").then().statusCode(403)
                    .contentType(ContentType.JSON)
                    .body("error", org.hamcrest.Matchers.equalTo("insufficient_scope"))
                    .body("error_description", org.hamcrest.Matchers.equalTo("the token's grant belongs to another client"));
        } finally {
            realm.clients().get(other).removeOptionalClientScope(scopeId);
        }
        // the Grant's own client is still served
        given().auth().oauth2(fileToken).when().get("/cds-api/v1/server-provided-files").then().statusCode(200);
    }
}
