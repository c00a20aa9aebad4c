package org.lfenergy.cds.gateway.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lfenergy.cds.testing.KeycloakTestClients;
import org.lfenergy.cds.testing.LocalStack;

/**
 * CDS clients in the real Keycloak realm {@code cds} whose client_credentials tokens look like auth-service's: the
 * {@code cds_grant_id} claim, audience {@code cds-api}, and the CDS scope ids in {@code scope}.
 */
public final class CdsTestClients {

    private final String keycloakUrl;
    private final String adminPassword;
    private final KeycloakTestClients clients;

    private CdsTestClients() {
        LocalStack stack = LocalStack.infrastructure();
        this.keycloakUrl = stack.keycloakUrl();
        this.adminPassword = stack.keycloakAdminPassword();
        this.clients = KeycloakTestClients.ofLocalStack();
    }

    /** For the local stack. */
    public static CdsTestClients get() {
        return new CdsTestClients();
    }

    /** What a client's tokens should carry. */
    public record TokenShape(String grantId, List<String> scopes, String audience, Integer lifespanSeconds) {

        /** A token of grant {@code grantId} with these scopes and the CDS audience. */
        public static TokenShape of(String grantId, String... scopes) {
            return new TokenShape(grantId, List.of(scopes), "cds-api", null);
        }

        public TokenShape withAudience(String audience) {
            return new TokenShape(grantId, scopes, audience, lifespanSeconds);
        }

        public TokenShape withLifespan(int seconds) {
            return new TokenShape(grantId, scopes, audience, seconds);
        }
    }

    /** Creates (or replaces) the client and returns an access token for it. */
    public String token(String clientId, TokenShape shape) {
        String secret = createClient(clientId, shape);
        return clients.clientCredentialsToken(clientId, secret);
    }

    /** Creates (or replaces) the client; returns its secret. */
    public String createClient(String clientId, TokenShape shape) {
        String secret = clients.createServiceClient(clientId);
        String admin = adminToken();
        String id = given().baseUri(keycloakUrl).auth().oauth2(admin).queryParam("clientId", clientId)
                .get("/admin/realms/cds/clients").then().statusCode(200).extract().path("[0].id");
        if (shape.grantId() != null) {
            addMapper(admin, id, Map.of("name", "cds_grant_id", "protocol", "openid-connect",
                    "protocolMapper", "oidc-hardcoded-claim-mapper",
                    "config", Map.of("claim.name", "cds_grant_id", "claim.value", shape.grantId(),
                            "jsonType.label", "String", "access.token.claim", "true", "id.token.claim", "false",
                            "userinfo.token.claim", "false")));
        }
        if (shape.audience() != null) {
            addMapper(admin, id, Map.of("name", "audience", "protocol", "openid-connect",
                    "protocolMapper", "oidc-audience-mapper",
                    "config", Map.of("included.custom.audience", shape.audience(), "access.token.claim", "true",
                            "id.token.claim", "false")));
        }
        for (String scope : shape.scopes()) {
            String scopeId = ensureClientScope(admin, scope);
            given().baseUri(keycloakUrl).auth().oauth2(admin)
                    .put("/admin/realms/cds/clients/" + id + "/default-client-scopes/" + scopeId)
                    .then().statusCode(204);
        }
        if (shape.lifespanSeconds() != null) {
            Map<String, Object> rep = new HashMap<>(given().baseUri(keycloakUrl).auth().oauth2(admin)
                    .get("/admin/realms/cds/clients/" + id).then().statusCode(200).extract().as(Map.class));
            @SuppressWarnings("unchecked")
            Map<String, Object> attributes = new HashMap<>((Map<String, Object>) rep.getOrDefault("attributes", Map.of()));
            attributes.put("access.token.lifespan", shape.lifespanSeconds().toString());
            rep.put("attributes", attributes);
            given().baseUri(keycloakUrl).auth().oauth2(admin).contentType(ContentType.JSON).body(rep)
                    .put("/admin/realms/cds/clients/" + id).then().statusCode(204);
        }
        return secret;
    }

    private void addMapper(String admin, String clientInternalId, Map<String, Object> mapper) {
        given().baseUri(keycloakUrl).auth().oauth2(admin).contentType(ContentType.JSON).body(mapper)
                .post("/admin/realms/cds/clients/" + clientInternalId + "/protocol-mappers/models")
                .then().statusCode(201);
    }

    /** The id of the realm client scope {@code name}, created (included in the token's scope) if missing. */
    private String ensureClientScope(String admin, String name) {
        List<Map<String, Object>> scopes = given().baseUri(keycloakUrl).auth().oauth2(admin)
                .get("/admin/realms/cds/client-scopes").then().statusCode(200).extract().jsonPath().getList("$");
        for (Map<String, Object> s : scopes) {
            if (name.equals(s.get("name"))) {
                return (String) s.get("id");
            }
        }
        int status = given().baseUri(keycloakUrl).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", name, "protocol", "openid-connect",
                        "attributes", Map.of("include.in.token.scope", "true", "display.on.consent.screen", "false")))
                .post("/admin/realms/cds/client-scopes").then().extract().statusCode();
        if (status != 201 && status != 409) {
            throw new IllegalStateException("Keycloak refused client scope " + name + ": " + status);
        }
        return ensureClientScope(admin, name);
    }

    private String adminToken() {
        return given().baseUri(keycloakUrl).contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "password", "client_id", "admin-cli",
                        "username", "admin", "password", adminPassword))
                .post("/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }
}
