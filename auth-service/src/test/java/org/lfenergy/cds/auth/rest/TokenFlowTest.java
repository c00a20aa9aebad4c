package org.lfenergy.cds.auth.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.rar.AuthorizationDetail;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.auth.support.GrantTopic;
import org.lfenergy.cds.auth.support.CdsTestClient;
import org.lfenergy.cds.auth.support.SpecExamples;
import org.lfenergy.cds.testing.RealInfrastructure;

/** client_credentials, introspection, revocation and the Grants API, driven by the Nimbus OAuth 2.0 SDK. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "auth"))
class TokenFlowTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    ClientInformation admin;
    String adminToken;

    @BeforeEach
    void register() throws Exception {
        admin = CdsTestClient.register(base, "cds_client_admin cds_query_accounts cds_query_bill_statements");
        adminToken = ((AccessTokenResponse) token(admin.getID().getValue(), admin.getSecret().getValue(),
                "cds_client_admin", null)).getTokens().getAccessToken().getValue();
    }

    TokenResponse token(String clientId, String secret, String scope, String authorizationDetails) throws Exception {
        TokenRequest.Builder builder = new TokenRequest.Builder(base.resolve("/oauth/token"),
                new ClientSecretBasic(new ClientID(clientId), new Secret(secret)), new ClientCredentialsGrant());
        if (scope != null) {
            builder.scope(Scope.parse(scope));
        }
        if (authorizationDetails != null) {
            builder.authorizationDetails(AuthorizationDetail.parseList(authorizationDetails));
        }
        HTTPResponse response = builder.build().toHTTPRequest().send();
        return TokenResponse.parse(response);
    }

    JsonNode api(String path) throws Exception {
        return MAPPER.readTree(given().auth().oauth2(adminToken).when().get(path).then().statusCode(200).extract().asString());
    }

    /** The Client Object of the registration holding this scope, with its secret from the Credentials API. */
    String[] object(String scope) throws Exception {
        for (JsonNode c : api("/cds-api/v1/clients").path("clients")) {
            if (List.of(c.path("scope").asText().split(" ")).contains(scope)) {
                String id = c.path("client_id").asText();
                JsonNode credentials = api("/cds-api/v1/credentials?client_ids=" + id).path("credentials");
                return new String[] {id, credentials.get(0).path("client_secret").asText()};
            }
        }
        throw new AssertionError("no client object with " + scope);
    }

    static String grantIdOf(AccessTokenResponse response) {
        Object ids = response.getCustomParameters().get("cds_grant_ids");
        assertThat(ids).isInstanceOf(List.class);
        assertThat((List<?>) ids).hasSize(1);
        return ((List<?>) ids).get(0).toString();
    }

    static String claim(AccessTokenResponse response, String name) throws Exception {
        return SignedJWT.parse(response.getTokens().getAccessToken().getValue()).getJWTClaimsSet().getStringClaim(name);
    }

    @Test
    void clientAdminTokenHasTheSpecShapeAndCarriesItsGrantIdClaim() throws Exception {
        JsonNode example = SpecExamples.json("wg3_13.01.03_obtaining-a-client-admin-access-token_response.json");
        String body = given().auth().preemptive().basic(admin.getID().getValue(), admin.getSecret().getValue())
                .contentType(ContentType.URLENC).body(SpecExamples.text(
                        "wg3_13.01.03_obtaining-a-client-admin-access-token_request-form-body.txt").trim())
                .when().post("/oauth/token").then().statusCode(200).header("Cache-Control", "no-store")
                .extract().asString();
        JsonNode response = MAPPER.readTree(body);

        assertThat(SpecExamples.keys(response)).containsAll(SpecExamples.keys(example));
        assertThat(response.path("scope").asText()).isEqualTo("cds_client_admin");
        String grantId = response.path("cds_grant_ids").get(0).asText();
        JsonNode claims = MAPPER.readTree(java.util.Base64.getUrlDecoder().decode(response.path("access_token").asText().split("\\.")[1]));
        assertThat(claims.path("cds_grant_id").asText()).isEqualTo(grantId);
        assertThat(claims.path("azp").asText()).isEqualTo(admin.getID().getValue());
        assertThat(claims.path("scope").asText()).isEqualTo("cds_client_admin");
    }

    @Test
    void repeatedClientAdminTokensShareOneGrant() throws Exception {
        String first = grantIdOf((AccessTokenResponse) token(admin.getID().getValue(), admin.getSecret().getValue(), "cds_client_admin", null));
        String second = grantIdOf((AccessTokenResponse) token(admin.getID().getValue(), admin.getSecret().getValue(), "cds_client_admin", null));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void rejectsAWrongSecretWithInvalidClient() throws Exception {
        TokenResponse response = token(admin.getID().getValue(), "wrong", "cds_client_admin", null);

        assertThat(response.indicatesSuccess()).isFalse();
        assertThat(((TokenErrorResponse) response).getErrorObject().getCode()).isEqualTo("invalid_client");
        assertThat(((TokenErrorResponse) response).getErrorObject().getHTTPStatusCode()).isEqualTo(401);
    }

    @Test
    void rejectsScopesTheClientObjectDoesNotHold() throws Exception {
        TokenResponse response = token(admin.getID().getValue(), admin.getSecret().getValue(), "cds_query_accounts", null);

        assertThat(((TokenErrorResponse) response).getErrorObject().getCode()).isEqualTo("invalid_scope");
    }

    @Test
    void directAccessTokenEchoesTheDefaultsInTheShapeOfTheSpecExample() throws Exception {
        JsonNode example = SpecExamples.json("wg3_13.02.01_obtaining-an-access-token-with-direct-access-scopes_response.json");
        String[] direct = object("cds_query_accounts");

        AccessTokenResponse response = (AccessTokenResponse) token(direct[0], direct[1],
                "cds_query_accounts cds_query_bill_statements", null);

        JsonNode json = MAPPER.valueToTree(response.toJSONObject());
        assertThat(SpecExamples.keys(json)).containsAll(SpecExamples.keys(example));
        JsonNode details = json.path("authorization_details");
        assertThat(details.size()).isEqualTo(2);
        assertThat(details.get(0).path("type").asText()).isEqualTo("cds_query_accounts");
        assertThat(details.get(0).get("account_numbers").isNull()).isTrue();
        assertThat(details.get(0).path("sync_until").asText()).isEqualTo("infinite");
        assertThat(details.get(1).path("statement_date_start").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(claim(response, "cds_grant_id")).isEqualTo(grantIdOf(response));
        assertThat(response.getTokens().getAccessToken().getScope().toStringList())
                .containsExactlyInAnyOrder("cds_query_accounts", "cds_query_bill_statements");
    }

    @Test
    void directAccessTokenWithAuthorizationDetailsCreatesAGrantWithThoseDetails() throws Exception {
        String[] direct = object("cds_query_accounts");

        AccessTokenResponse response = (AccessTokenResponse) token(direct[0], direct[1], null,
                "[{\"type\":\"cds_query_accounts\",\"account_numbers\":[\"A-100\"],\"sync_until\":\"P1D\"}]");

        String grantId = grantIdOf(response);
        JsonNode grant = api("/cds-api/v1/grants/" + grantId);
        assertThat(grant.path("status").asText()).isEqualTo("active");
        assertThat(grant.path("client_id").asText()).isEqualTo(direct[0]);
        assertThat(grant.path("scope").asText()).isEqualTo("cds_query_accounts");
        assertThat(grant.path("authorization_details").get(0).path("account_numbers").get(0).asText()).isEqualTo("A-100");
        assertThat(grant.path("authorization_details").get(0).path("sync_until").asText()).endsWith("Z");
        assertThat(grant.path("enabled_scope").asText()).isEqualTo("cds_query_accounts");
        JsonNode example = SpecExamples.json("wg1-02_12.17_retrieving-an-individual-grant_response.json");
        assertThat(SpecExamples.keys(grant)).containsAll(SpecExamples.keys(example));
    }

    @Test
    void rejectsInvalidAuthorizationDetailsWithTheRar400Error() throws Exception {
        String[] direct = object("cds_query_accounts");

        TokenResponse response = token(direct[0], direct[1], null,
                "[{\"type\":\"cds_query_accounts\",\"sync_until\":\"not-a-duration\"}]");

        assertThat(((TokenErrorResponse) response).getErrorObject().getCode()).isEqualTo("invalid_authorization_details");
        assertThat(((TokenErrorResponse) response).getErrorObject().getHTTPStatusCode()).isEqualTo(400);
    }

    @Test
    void introspectionReportsTheGrantAndRevocationDeactivatesTheToken() throws Exception {
        String[] direct = object("cds_query_accounts");
        AccessTokenResponse issued = (AccessTokenResponse) token(direct[0], direct[1], "cds_query_accounts", null);
        BearerAccessToken accessToken = (BearerAccessToken) issued.getTokens().getAccessToken();
        ClientSecretBasic auth = new ClientSecretBasic(new ClientID(direct[0]), new Secret(direct[1]));

        TokenIntrospectionResponse active = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                base.resolve("/oauth/introspect"), auth, accessToken).toHTTPRequest().send());
        assertThat(active.toSuccessResponse().isActive()).isTrue();
        assertThat(active.toSuccessResponse().getClientID().getValue()).isEqualTo(direct[0]);
        assertThat(active.toSuccessResponse().toJSONObject().get("cds_grant_ids").toString()).contains(grantIdOf(issued));

        HTTPResponse revoked = new TokenRevocationRequest(base.resolve("/oauth/revoke"), auth, accessToken)
                .toHTTPRequest().send();
        assertThat(revoked.getStatusCode()).isEqualTo(200);

        TokenIntrospectionResponse after = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                base.resolve("/oauth/introspect"), auth, accessToken).toHTTPRequest().send());
        assertThat(after.toSuccessResponse().isActive()).isFalse();
    }

    @Test
    void closingAGrantDeactivatesItsTokensAndPublishesTheClosedGrant() throws Exception {
        String[] direct = object("cds_query_accounts");
        AccessTokenResponse issued = (AccessTokenResponse) token(direct[0], direct[1], null,
                "[{\"type\":\"cds_query_accounts\",\"account_numbers\":[\"" + UUID.randomUUID() + "\"]}]");
        String grantId = grantIdOf(issued);

        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(Map.of("status", "closed"))
                .when().patch("/cds-api/v1/grants/" + grantId).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("closed"))
                .body("enabled_scope", org.hamcrest.Matchers.equalTo(""));

        ClientSecretBasic auth = new ClientSecretBasic(new ClientID(direct[0]), new Secret(direct[1]));
        TokenIntrospectionResponse after = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                base.resolve("/oauth/introspect"), auth, issued.getTokens().getAccessToken()).toHTTPRequest().send());
        assertThat(after.toSuccessResponse().isActive()).isFalse();

        JsonNode event = GrantTopic.awaitStatus(grantId, "closed");
        assertThat(event.path("client_id").asText()).isEqualTo(direct[0]);
        assertThat(event.path("scopes").get(0).path("scope").asText()).isEqualTo("cds_query_accounts");

        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(Map.of("status", "active"))
                .when().patch("/cds-api/v1/grants/" + grantId).then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("invalid_request"));
    }

    @Test
    void grantAdminTokenProxiesAnExistingGrantOfTheSameRegistrant() throws Exception {
        String[] direct = object("cds_query_accounts");
        String target = grantIdOf((AccessTokenResponse) token(direct[0], direct[1], "cds_query_accounts", null));
        String[] grantAdmin = object("cds_grant_admin_1");
        String entry = "[{\"type\":\"cds_grant_admin_1\",\"client_id\":\"" + direct[0] + "\",\"grant_id\":\"" + target + "\"}]";

        AccessTokenResponse response = (AccessTokenResponse) token(grantAdmin[0], grantAdmin[1], "cds_grant_admin_1", entry);

        JsonNode json = MAPPER.valueToTree(response.toJSONObject());
        JsonNode example = SpecExamples.json("wg3_13.03.07_obtaining-a-grant-admin-access-token-for-a-customer-authoriz_response.json");
        assertThat(SpecExamples.keys(json)).containsAll(SpecExamples.keys(example));
        assertThat(json.path("authorization_details").get(0).path("grant_id").asText()).isEqualTo(target);
        String proxy = grantIdOf(response);
        assertThat(proxy).isNotEqualTo(target);
        assertThat(api("/cds-api/v1/grants/" + proxy).path("client_id").asText()).isEqualTo(grantAdmin[0]);

        String wrongClient = "[{\"type\":\"cds_grant_admin_1\",\"client_id\":\"" + grantAdmin[0] + "\",\"grant_id\":\"" + target + "\"}]";
        TokenResponse refused = token(grantAdmin[0], grantAdmin[1], "cds_grant_admin_1", wrongClient);
        assertThat(((TokenErrorResponse) refused).getErrorObject().getCode()).isEqualTo("invalid_authorization_details");
    }

    @Test
    void grantsApiListsFiltersAndHidesOtherRegistrantsGrants() throws Exception {
        String[] direct = object("cds_query_accounts");
        String grantId = grantIdOf((AccessTokenResponse) token(direct[0], direct[1], "cds_query_accounts", null));

        JsonNode list = api("/cds-api/v1/grants?client_ids=" + direct[0] + "&scopes=cds_query_accounts");
        assertThat(list.path("grants").findValuesAsText("grant_id")).contains(grantId);
        assertThat(list.has("next")).isTrue();
        assertThat(api("/cds-api/v1/grants?statuses=revoked").path("grants").size()).isZero();

        ClientInformation other = CdsTestClient.register(base, "cds_client_admin");
        String otherToken = ((AccessTokenResponse) token(other.getID().getValue(), other.getSecret().getValue(),
                "cds_client_admin", null)).getTokens().getAccessToken().getValue();
        given().auth().oauth2(otherToken).when().get("/cds-api/v1/grants/" + grantId).then().statusCode(404);
        given().when().get("/cds-api/v1/grants").then().statusCode(401);
    }
}
