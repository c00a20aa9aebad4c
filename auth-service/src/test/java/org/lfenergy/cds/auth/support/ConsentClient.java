package org.lfenergy.cds.auth.support;

import static io.restassured.RestAssured.given;

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
import java.net.URI;
import java.util.List;

/**
 * A registered client with consent scopes: its admin token and its customer-consent Client Object (id, secret and
 * server-hosted default redirect URI), found through the Clients and Credentials APIs.
 */
public final class ConsentClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public final String adminToken;
    public final String clientId;
    public final String secret;
    public final String redirectUri;

    private ConsentClient(String adminToken, String clientId, String secret, String redirectUri) {
        this.adminToken = adminToken;
        this.clientId = clientId;
        this.secret = secret;
        this.redirectUri = redirectUri;
    }

    public ClientSecretBasic auth() {
        return new ClientSecretBasic(new ClientID(clientId), new Secret(secret));
    }

    /** Registers {@code cds_client_admin} plus these consent scopes. */
    public static ConsentClient register(URI base, String consentScopes) throws Exception {
        ClientInformation admin = CdsTestClient.register(base, "cds_client_admin " + consentScopes);
        TokenResponse response = TokenResponse.parse(new TokenRequest.Builder(base.resolve("/oauth/token"),
                new ClientSecretBasic(admin.getID(), admin.getSecret()), new ClientCredentialsGrant())
                .scope(Scope.parse("cds_client_admin")).build().toHTTPRequest().send());
        String token = ((AccessTokenResponse) response).getTokens().getAccessToken().getValue();
        String first = consentScopes.trim().split("\\s+")[0];
        for (JsonNode c : api(token, "/cds-api/v1/clients").path("clients")) {
            if (List.of(c.path("scope").asText().split(" ")).contains(first)) {
                String id = c.path("client_id").asText();
                String secret = api(token, "/cds-api/v1/credentials?client_ids=" + id).path("credentials").get(0)
                        .path("client_secret").asText();
                return new ConsentClient(token, id, secret, c.path("cds_default_redirect_uri").asText());
            }
        }
        throw new AssertionError("no consent client object with " + first);
    }

    public JsonNode api(String path) throws Exception {
        return api(adminToken, path);
    }

    private static JsonNode api(String token, String path) throws Exception {
        return MAPPER.readTree(given().auth().oauth2(token).when().get(path).then().statusCode(200).extract().asString());
    }
}
