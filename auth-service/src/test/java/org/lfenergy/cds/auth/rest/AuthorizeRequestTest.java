package org.lfenergy.cds.auth.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.PushedAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.auth.support.ConsentClient;
import org.lfenergy.cds.testing.RealInfrastructure;

/** Pre-authentication validation of /oauth/authorize and PAR, driven by the Nimbus OAuth 2.0 SDK. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "auth"))
class AuthorizeRequestTest {

    @TestHTTPResource("/")
    URI base;

    ConsentClient client;

    @BeforeEach
    void register() throws Exception {
        client = ConsentClient.register(base, "cds_accounts cds_usage");
    }

    AuthorizationRequest.Builder request(CodeChallengeMethod method) {
        AuthorizationRequest.Builder b = new AuthorizationRequest.Builder(new ResponseType("code"),
                new ClientID(client.clientId)).endpointURI(base.resolve("/oauth/authorize"))
                .redirectionURI(URI.create(client.redirectUri)).scope(new Scope("cds_accounts")).state(new State("s-42"));
        if (method != null) {
            b.codeChallenge(new CodeVerifier(), method);
        }
        return b;
    }

    static Response get(URI uri) {
        return given().urlEncodingEnabled(false).redirects().follow(false).when().get(uri.toString());
    }

    static ErrorObject redirectedError(Response response, String redirectUri) {
        assertThat(response.statusCode()).isEqualTo(303);
        String location = response.header("Location");
        assertThat(location).startsWith(redirectUri + "?");
        return ErrorObject.parse(com.nimbusds.oauth2.sdk.util.URLUtils.parseParameters(URI.create(location).getRawQuery()));
    }

    @Test
    void pkceDowngradeToPlainIsRefusedWithAnErrorRedirectCarryingTheState() {
        Response response = get(request(CodeChallengeMethod.PLAIN).build().toURI());

        ErrorObject error = redirectedError(response, client.redirectUri);
        assertThat(error.getCode()).isEqualTo("invalid_request");
        assertThat(response.header("Location")).contains("state=s-42");
    }

    @Test
    void missingPkceIsRefusedWithAnErrorRedirect() {
        assertThat(redirectedError(get(request(null).build().toURI()), client.redirectUri).getCode())
                .isEqualTo("invalid_request");
    }

    @Test
    void redirectUriMismatchIsRefusedWithoutRedirecting() {
        URI uri = request(CodeChallengeMethod.S256).redirectionURI(URI.create("https://attacker.example/cb")).build().toURI();

        Response response = get(uri);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.header("Location")).isNull();
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.asString()).contains("Invalid authorization request").doesNotContain("attacker.example");
    }

    @Test
    void unknownClientShowsTheErrorPage() {
        URI uri = new AuthorizationRequest.Builder(new ResponseType("code"), new ClientID("no-such-client"))
                .endpointURI(base.resolve("/oauth/authorize")).redirectionURI(URI.create(client.redirectUri))
                .codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256).build().toURI();

        Response response = get(uri);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.header("Location")).isNull();
    }

    @Test
    void invalidAuthorizationDetailsAreRedirectedWithTheRarError() {
        String details = "[{\"type\":\"cds_usage\",\"segment_start\":\"not-a-date\"}]";
        URI uri = URI.create(request(CodeChallengeMethod.S256).build().toURI() + "&authorization_details="
                + java.net.URLEncoder.encode(details, java.nio.charset.StandardCharsets.UTF_8));

        assertThat(redirectedError(get(uri), client.redirectUri).getCode()).isEqualTo("invalid_authorization_details");
    }

    @Test
    void scopeTheClientDoesNotHoldIsRedirectedAsInvalidScope() {
        URI uri = request(CodeChallengeMethod.S256).scope(new Scope("cds_meters")).build().toURI();

        assertThat(redirectedError(get(uri), client.redirectUri).getCode()).isEqualTo("invalid_scope");
    }

    @Test
    void validRequestSendsTheCustomerToTheKeycloakLoginAndBindsTheBrowser() {
        Response response = get(request(CodeChallengeMethod.S256).build().toURI());

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.header("Location")).contains("/realms/cds/protocol/openid-connect/auth?")
                .contains("client_id=cds-authorization-form-test").contains("prompt=login")
                .contains("code_challenge_method=S256");
        assertThat(response.header("Set-Cookie")).startsWith("cds_authz_").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax");
    }

    @Test
    void pushedRequestGivesARequestUriThatAuthorizeAcceptsOnce() throws Exception {
        PushedAuthorizationResponse pushed = PushedAuthorizationResponse.parse(new PushedAuthorizationRequest(
                base.resolve("/oauth/par"), client.auth(), request(CodeChallengeMethod.S256).build())
                .toHTTPRequest().send());
        assertThat(pushed.indicatesSuccess()).isTrue();
        PushedAuthorizationSuccessResponse ok = pushed.toSuccessResponse();
        assertThat(ok.getRequestURI().toString()).startsWith("urn:ietf:params:oauth:request_uri:");
        assertThat(ok.getLifetime()).isPositive();

        URI authorize = new AuthorizationRequest.Builder(ok.getRequestURI(), new ClientID(client.clientId))
                .endpointURI(base.resolve("/oauth/authorize")).build().toURI();
        assertThat(get(authorize).header("Location")).contains("/protocol/openid-connect/auth?");

        Response again = get(authorize);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.header("Location")).isNull();
    }

    @Test
    void pushedRequestWithPlainPkceIsRefusedAsJson() throws Exception {
        PushedAuthorizationResponse pushed = PushedAuthorizationResponse.parse(new PushedAuthorizationRequest(
                base.resolve("/oauth/par"), client.auth(), request(CodeChallengeMethod.PLAIN).build())
                .toHTTPRequest().send());

        assertThat(pushed.indicatesSuccess()).isFalse();
        assertThat(pushed.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_request");
        assertThat(pushed.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(400);
    }

    @Test
    void pushedRequestNeedsClientAuthentication() throws Exception {
        PushedAuthorizationResponse pushed = PushedAuthorizationResponse.parse(new PushedAuthorizationRequest(
                base.resolve("/oauth/par"), request(CodeChallengeMethod.S256).build()).toHTTPRequest().send());

        assertThat(pushed.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_client");
    }

    @Test
    void tokenEndpointRefusesAnUnknownAuthorizationCode() throws Exception {
        TokenResponse response = TokenResponse.parse(new TokenRequest.Builder(base.resolve("/oauth/token"),
                client.auth(), new AuthorizationCodeGrant(new AuthorizationCode("made-up"),
                        URI.create(client.redirectUri), new CodeVerifier())).build().toHTTPRequest().send());

        assertThat(response.indicatesSuccess()).isFalse();
        assertThat(((TokenErrorResponse) response).getErrorObject().getCode()).isEqualTo("invalid_grant");
    }

    @Test
    void behindTheGatewayTheLoginComesBackThroughThePublicHostAndTheCookieIsSecure() {
        Response response = given().urlEncodingEnabled(false).redirects().follow(false)
                .header("X-Forwarded-Host", "cds.example.test").header("X-Forwarded-Proto", "https")
                .when().get(request(CodeChallengeMethod.S256).build().toURI().toString());

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.header("Location"))
                .contains("redirect_uri=https%3A%2F%2Fcds.example.test%2Foauth%2Fauthorize%2Fcallback");
        assertThat(response.header("Set-Cookie")).containsIgnoringCase("Secure");
    }

    @Test
    void defaultRedirectWithAccessDeniedShowsTheDeclinedPage() {
        given().redirects().follow(false).when().get("/oauth/default-redirect/" + client.clientId + "?error=access_denied&state=x")
                .then().statusCode(400).header("Location", (String) null)
                .body(org.hamcrest.Matchers.containsString("You declined"));
    }

    @Test
    void defaultRedirectWithACodeShowsTheReceiptOfThisBrowsersApproval() {
        given().redirects().follow(false).cookie("cds_receipt", "receipt-token-1")
                .when().get("/oauth/default-redirect/" + client.clientId + "?code=abc&state=x")
                .then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/oauth/receipts/receipt-token-1"));
        given().redirects().follow(false).when().get("/oauth/default-redirect/" + client.clientId + "?code=abc")
                .then().statusCode(200).body(org.hamcrest.Matchers.containsString("Authorization complete"));
    }

    URI withParameters(String... pairs) {
        StringBuilder uri = new StringBuilder(request(CodeChallengeMethod.S256).build().toURI().toString());
        for (int i = 0; i < pairs.length; i += 2) {
            uri.append('&').append(pairs[i]).append('=')
                    .append(java.net.URLEncoder.encode(pairs[i + 1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return URI.create(uri.toString());
    }

    @Test
    void cdsGrantIdOfNoGrantIsRedirectedAsInvalidValue() {
        ErrorObject error = redirectedError(get(withParameters("cds_grant_id", "g-does-not-exist")), client.redirectUri);

        assertThat(error.getCode()).isEqualTo("cds_grant_id_invalid_value");
    }

    @Test
    void twoDifferentCdsGrantIdsAreRedirectedAsInvalidValue() {
        ErrorObject error = redirectedError(get(withParameters("cds_grant_id", "g-1", "cds_grant_id", "g-2")),
                client.redirectUri);

        assertThat(error.getCode()).isEqualTo("cds_grant_id_invalid_value");
    }

    @Test
    void emptyCdsGrantIdCountsAsAbsent() {
        Response response = get(withParameters("cds_grant_id", ""));

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.header("Location")).contains("/protocol/openid-connect/auth").doesNotContain("error=");
    }

    @Test
    void cdsGrantIdOfAnotherClientsGrantIsRedirectedAsInvalidValue() throws Exception {
        ConsentClient other = ConsentClient.register(base, "cds_accounts");
        // the other registrant's client-admin Grant: it exists, but is not a Grant of this client
        String grantId = com.nimbusds.jwt.SignedJWT.parse(other.adminToken).getJWTClaimsSet()
                .getStringClaim("cds_grant_id");
        assertThat(grantId).isNotBlank();

        ErrorObject error = redirectedError(get(withParameters("cds_grant_id", grantId)), client.redirectUri);

        assertThat(error.getCode()).isEqualTo("cds_grant_id_invalid_value");
    }

    @Test
    void includeFutureInMeterNumbersIsRedirectedAsInvalidAuthorizationDetails() {
        String details = "[{\"type\":\"cds_usage\",\"meter_numbers\":[\"_include_future\"]}]";

        ErrorObject error = redirectedError(get(withParameters("authorization_details", details)), client.redirectUri);

        assertThat(error.getCode()).isEqualTo("invalid_authorization_details");
        assertThat(error.getDescription()).contains("_include_future");
    }

    @Test
    void mergeWithAScopeOfADifferentSelectionTypeIsRedirectedAsInvalidAuthorizationDetails() {
        String details = "[{\"type\":\"cds_usage\",\"merge_selection_with\":\"cds_accounts\"},"
                + "{\"type\":\"cds_accounts\",\"merge_selection_with\":\"cds_usage\"}]";

        ErrorObject error = redirectedError(get(withParameters("authorization_details", details)), client.redirectUri);

        assertThat(error.getCode()).isEqualTo("invalid_authorization_details");
        assertThat(error.getDescription()).contains("different selection types");
    }

    @Test
    void pushedRequestWithAnUnknownCdsGrantIdIsRefusedAsJson() throws Exception {
        AuthorizationRequest authorization = new AuthorizationRequest.Builder(request(CodeChallengeMethod.S256).build())
                .customParameter("cds_grant_id", "g-does-not-exist").build();

        PushedAuthorizationResponse response = PushedAuthorizationResponse.parse(new PushedAuthorizationRequest(
                base.resolve("/oauth/par"), client.auth(), authorization).toHTTPRequest().send());

        assertThat(response.indicatesSuccess()).isFalse();
        assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("cds_grant_id_invalid_value");
        assertThat(response.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(400);
    }
}
