package org.lfenergy.cds.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Creates throw-away confidential clients in the real Keycloak's {@code cds} realm and gets tokens for them. */
public final class KeycloakTestClients {

    private final String keycloakUrl;
    private final String adminPassword;

    public KeycloakTestClients(String keycloakUrl, String adminPassword) {
        this.keycloakUrl = keycloakUrl;
        this.adminPassword = adminPassword;
    }

    /** For the stack the current test run uses. */
    public static KeycloakTestClients ofLocalStack() {
        LocalStack stack = LocalStack.infrastructure();
        return new KeycloakTestClients(stack.keycloakUrl(), stack.keycloakAdminPassword());
    }

    private String adminToken() {
        return given().baseUri(keycloakUrl).contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "password", "client_id", "admin-cli",
                        "username", "admin", "password", adminPassword))
                .post("/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /** Creates (or replaces) a client allowed the client_credentials grant; returns its new random secret. */
    public String createServiceClient(String clientId) {
        String token = adminToken();
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        List<String> existing = given().baseUri(keycloakUrl).auth().oauth2(token)
                .queryParam("clientId", clientId).get("/admin/realms/cds/clients")
                .then().statusCode(200).extract().path("id");
        for (String id : existing) {
            given().baseUri(keycloakUrl).auth().oauth2(token).delete("/admin/realms/cds/clients/" + id)
                    .then().statusCode(204);
        }
        given().baseUri(keycloakUrl).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("clientId", clientId, "secret", secret, "enabled", true,
                        "publicClient", false, "serviceAccountsEnabled", true,
                        "standardFlowEnabled", false, "directAccessGrantsEnabled", false))
                .post("/admin/realms/cds/clients")
                .then().statusCode(201);
        return secret;
    }

    /** A client_credentials access token of realm {@code cds}. */
    public String clientCredentialsToken(String clientId, String secret) {
        return given().baseUri(keycloakUrl).contentType(ContentType.URLENC)
                .auth().preemptive().basic(clientId, secret)
                .formParam("grant_type", "client_credentials")
                .post("/realms/cds/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }
}
