package org.lfenergy.cds.auth.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientInformationResponse;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.lfenergy.cds.auth.support.ConsentClient;
import org.lfenergy.cds.testing.RealInfrastructure;

/**
 * A deployed CDS client written against an earlier draft (the EDDIE CDS region connector) keeps working: the auth
 * part of its call sequence replayed with the same standard OAuth library it uses (Nimbus), same scopes, same order.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "auth"))
class OlderScopeNamesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CALLBACK = "https://eddie.example/region-connectors/cds/callback";

    @TestHTTPResource("/")
    URI base;

    @Inject
    Keycloak keycloak;

    static JsonNode get(String path, String token) throws Exception {
        var request = given();
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return MAPPER.readTree(request.when().get(path).then().statusCode(200).extract().asString());
    }

    static String path(String publicUrl) {
        return URI.create(publicUrl).getRawPath() + (URI.create(publicUrl).getRawQuery() == null ? ""
                : "?" + URI.create(publicUrl).getRawQuery());
    }

    @Test
    void eddieRegistersWithOlderScopeNamesFindsItsCustomerDataClientAndStartsAConsent() throws Exception {
        // 1. metadata under the older well-known name, then the AS metadata it links to
        JsonNode cds = get("/.well-known/carbon-data-spec.json", null);
        JsonNode as = get(path(cds.path("oauth_metadata").asText()), null);
        List<String> grantTypes = new ArrayList<>();
        as.path("grant_types_supported").forEach(g -> grantTypes.add(g.asText()));
        assertThat(grantTypes).contains("authorization_code", "refresh_token");
        for (String api : List.of("accounts", "servicecontracts", "servicepoints", "meterdevices", "usagesegments")) {
            assertThat(as.path("cds_customerdata_" + api + "_api").asText()).as(api).startsWith("http");
        }
        assertThat(as.path("cds_customerdata_usagesegments_api")).isEqualTo(as.path("cds_usagesegments_api"));

        // 2. anonymous registration exactly as EDDIE sends it (redirect URI, name, "customer_data client_admin")
        ClientMetadata metadata = new ClientMetadata();
        metadata.setRedirectionURI(URI.create(CALLBACK));
        metadata.setName("EDDIE test " + System.nanoTime());
        metadata.setScope(Scope.parse(List.of("customer_data", "client_admin")));
        ClientRegistrationResponse registration = ClientRegistrationResponse.parse(
                new ClientRegistrationRequest(base.resolve("/oauth/register"), metadata, null).toHTTPRequest().send());
        assertThat(registration.indicatesSuccess()).as("registration").isTrue();
        ClientInformation admin = ((ClientInformationResponse) registration).getClientInformation();

        // 3. admin token with scope client_admin
        TokenResponse tokenResponse = TokenResponse.parse(new TokenRequest(base.resolve("/oauth/token"),
                new ClientSecretBasic(admin.getID(), admin.getSecret()), new ClientCredentialsGrant(),
                new Scope("client_admin")).toHTTPRequest().send());
        assertThat(tokenResponse.indicatesSuccess()).as("client_admin token").isTrue();
        AccessTokenResponse adminToken = (AccessTokenResponse) tokenResponse;
        assertThat(adminToken.getTokens().getAccessToken().getScope().toStringList()).containsExactly("cds_client_admin");
        String token = adminToken.getTokens().getAccessToken().getValue();

        // 4. the clients list; EDDIE takes the first object whose scope string contains "customer_data"
        JsonNode customerData = null;
        for (JsonNode c : get("/cds-api/v1/clients", token).path("clients")) {
            if (c.path("scope").asText().contains("customer_data")) {
                customerData = c;
                break;
            }
        }
        assertThat(customerData).as("a client object whose scope contains customer_data").isNotNull();
        assertThat(customerData.path("response_types").get(0).asText()).isEqualTo("code");
        assertThat(List.of(customerData.path("scope").asText().split(" ")))
                .containsExactly("cds_accounts", "cds_service_contracts", "cds_meters", "cds_usage", "customer_data");
        String clientId = customerData.path("client_id").asText();

        // 5. its secret from the Credentials API
        String secret = get("/cds-api/v1/credentials?client_ids=" + clientId, token).path("credentials").get(0)
                .path("client_secret").asText();

        // 6. PUT of its redirect URI (EDDIE sends only redirect_uris)
        JsonNode updated = MAPPER.readTree(given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("redirect_uris", List.of(CALLBACK)))
                .when().put(path(customerData.path("cds_client_uri").asText()))
                .then().statusCode(200).extract().asString());
        assertThat(updated.path("redirect_uris").get(0).asText()).isEqualTo(CALLBACK);
        assertThat(updated.path("client_name").asText()).isEqualTo(metadata.getName());
        assertThat(updated.path("scope").asText()).isEqualTo(customerData.path("scope").asText());
        assertThat(keycloak.realm("cds").clients().findByClientId(clientId).get(0).getRedirectUris())
                .containsExactly(CALLBACK);

        // 7. pushed authorization request with scope customer_data, then the browser is sent to log in
        AuthorizationRequest request = new AuthorizationRequest.Builder(new ResponseType("code"), new ClientID(clientId))
                .endpointURI(base.resolve("/oauth/authorize")).redirectionURI(URI.create(CALLBACK))
                .scope(new Scope("customer_data")).state(new State()).codeChallenge(new CodeVerifier(),
                        CodeChallengeMethod.S256).build();
        PushedAuthorizationResponse pushed = PushedAuthorizationResponse.parse(new PushedAuthorizationRequest(
                base.resolve("/oauth/par"), new ClientSecretBasic(new ClientID(clientId), new Secret(secret)), request)
                .toHTTPRequest().send());
        assertThat(pushed.indicatesSuccess()).as("PAR with scope customer_data").isTrue();
        URI authorize = new AuthorizationRequest.Builder(pushed.toSuccessResponse().getRequestURI(),
                new ClientID(clientId)).endpointURI(base.resolve("/oauth/authorize")).build().toURI();
        Response login = given().urlEncodingEnabled(false).redirects().follow(false).when().get(authorize.toString());
        assertThat(login.header("Location")).contains("/realms/cds/protocol/openid-connect/auth?");
    }

    @Test
    void customerDataStandsForItsWholeScopeSetSoAClientHoldingOnlyPartOfItIsRefused() throws Exception {
        ConsentClient client = ConsentClient.register(base, "cds_accounts");
        URI uri = new AuthorizationRequest.Builder(new ResponseType("code"), new ClientID(client.clientId))
                .endpointURI(base.resolve("/oauth/authorize")).redirectionURI(URI.create(client.redirectUri))
                .scope(new Scope("customer_data")).state(new State("s-1"))
                .codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256).build().toURI();

        Response response = given().urlEncodingEnabled(false).redirects().follow(false).when().get(uri.toString());

        ErrorObject error = AuthorizeRequestTest.redirectedError(response, client.redirectUri);
        assertThat(error.getCode()).isEqualTo("invalid_scope");
        assertThat(error.getDescription()).contains("cds_service_contracts");
    }

    @Test
    void metadataListsTheAliasesWithTheScopesTheyStandFor() throws Exception {
        JsonNode as = get("/.well-known/oauth-authorization-server", null);

        assertThat(as.path("cds_scope_aliases").path("customer_data").toString())
                .isEqualTo("[\"cds_accounts\",\"cds_service_contracts\",\"cds_meters\",\"cds_usage\"]");
        assertThat(as.path("cds_scope_aliases").path("client_admin").toString()).isEqualTo("[\"cds_client_admin\"]");
        List<String> supported = new ArrayList<>();
        as.path("scopes_supported").forEach(s -> supported.add(s.asText()));
        assertThat(supported).contains("customer_data", "client_admin", "cds_client_admin");
        assertThat(as.path("cds_scope_descriptions").has("customer_data")).isFalse();
    }

    @Test
    void aRegistrationWithAnUnknownOlderNameIsStillRefused() {
        given().contentType(ContentType.JSON).body(Map.of("scope", "client_admin customer_billing"))
                .when().post("/oauth/register")
                .then().statusCode(400).body("error", org.hamcrest.Matchers.equalTo("invalid_client_metadata"))
                .body("error_description", org.hamcrest.Matchers.containsString("customer_billing"));
    }
}
