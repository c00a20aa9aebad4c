package org.lfenergy.cds.auth.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lfenergy.cds.auth.support.ConsentClient;
import org.lfenergy.cds.testing.RealInfrastructure;

/**
 * Security probes of the consent pages not covered by {@link AuthorizeRequestTest} and the browser test:
 * redirect_uri look-alikes (refused without redirecting, on authorize and on PAR), open redirects through the
 * default redirect page and the login callback, cross-site (CSRF) submission of the authorization form, and
 * script reflected into the pages.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "auth"))
class ConsentSecurityProbeTest {

    @TestHTTPResource("/")
    URI base;

    static ConsentClient client;

    @BeforeEach
    void register() throws Exception {
        synchronized (ConsentSecurityProbeTest.class) {
            if (client == null) {
                client = ConsentClient.register(base, "cds_accounts");
            }
        }
    }

    /** Look-alikes of the registered redirect URI: none may receive a code or an error redirect. */
    record LookAlike(String name, UnaryOperator<String> of) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<LookAlike> lookAlikes() {
        return Stream.of(
                new LookAlike("trailingSlash", r -> r + "/"),
                new LookAlike("extraPathSegment", r -> r + "/evil"),
                new LookAlike("dotDotSegment", r -> r + "/../../evil"),
                new LookAlike("encodedDotDot", r -> r + "%2F..%2Fevil"),
                new LookAlike("extraQuery", r -> r + "?next=https://attacker.example/"),
                new LookAlike("fragment", r -> r + "#https://attacker.example/"),
                new LookAlike("upperCasedPath", r -> r.replace("/oauth/", "/OAUTH/")),
                new LookAlike("otherScheme", r -> r.startsWith("https:") ? "http:" + r.substring(6) : "https:" + r.substring(5)),
                new LookAlike("userinfoTrick", r -> "https://" + URI.create(r).getHost() + "@attacker.example/cb"),
                new LookAlike("attackerHostWithRegisteredAsQuery", r -> "https://attacker.example/cb?r=" + r),
                new LookAlike("schemeRelative", r -> "//attacker.example/cb"),
                new LookAlike("javascriptUrl", r -> "javascript:alert(document.cookie)"),
                new LookAlike("dataUrl", r -> "data:text/html,<script>alert(1)</script>"));
    }

    AuthorizationRequest.Builder request(URI redirect) {
        return new AuthorizationRequest.Builder(new ResponseType("code"), new ClientID(client.clientId))
                .endpointURI(base.resolve("/oauth/authorize")).redirectionURI(redirect).scope(new Scope("cds_accounts"))
                .state(new State("s-1")).codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256);
    }

    static Response get(String uri) {
        return given().urlEncodingEnabled(false).redirects().follow(false).when().get(uri);
    }

    static String authorizeUrl(URI base, String clientId, String redirect) {
        return base.resolve("/oauth/authorize") + "?response_type=code&client_id=" + clientId + "&scope=cds_accounts"
                + "&state=s-1&code_challenge_method=S256&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookAlikes")
    void redirectUriLookAlikeIsRefusedOnTheErrorPageWithoutRedirecting(LookAlike lookAlike) {
        String redirect = lookAlike.of().apply(client.redirectUri);
        Response response = get(authorizeUrl(base, client.clientId, redirect));

        assertThat(response.statusCode()).as(redirect).isEqualTo(400);
        assertThat(response.header("Location")).as(redirect).isNull();
        assertThat(response.header("Set-Cookie")).as("no browser binding for a refused request").isNull();
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.asString()).doesNotContain("<script>alert");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookAlikes")
    void redirectUriLookAlikeIsRefusedByPushedAuthorization(LookAlike lookAlike) throws Exception {
        String redirect = lookAlike.of().apply(client.redirectUri);
        Response response = given().auth().preemptive().basic(client.clientId, client.secret)
                .contentType("application/x-www-form-urlencoded").body("response_type=code&scope=cds_accounts"
                        + "&state=s-1&code_challenge_method=S256&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                        + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8))
                .post("/oauth/par");

        assertThat(response.statusCode()).as(redirect).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.jsonPath().getString("error")).isEqualTo("invalid_request");
        assertThat(response.jsonPath().getString("request_uri")).isNull();
    }

    @Test
    void theRegisteredRedirectUriItselfIsAccepted() throws Exception {
        // the control case: the probes above fail for the look-alike, not for the request around it
        assertThat(get(authorizeUrl(base, client.clientId, client.redirectUri)).statusCode()).isEqualTo(303);
        PushedAuthorizationResponse pushed = PushedAuthorizationResponse.parse(new PushedAuthorizationRequest(
                base.resolve("/oauth/par"), client.auth(), request(URI.create(client.redirectUri)).build())
                .toHTTPRequest().send());
        assertThat(pushed.indicatesSuccess()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"//attacker.example/x", "https://attacker.example/x", "../../../attacker", "%2F%2Fattacker.example",
            "x\r\nLocation: https://attacker.example/"})
    void defaultRedirectPageNeverSendsTheBrowserOffTheServer(String receipt) {
        Response response = given().redirects().follow(false).cookie("cds_receipt", receipt)
                .when().get("/oauth/default-redirect/" + client.clientId + "?code=abc&state=x");

        assertThat(response.statusCode()).isLessThan(500);
        String location = response.header("Location");
        if (location != null) {
            URI target = base.resolve(location);
            assertThat(target.getHost()).isEqualTo(base.getHost());
            assertThat(target.getRawPath()).startsWith("/oauth/receipts/");
            assertThat(location).doesNotContain("\n").doesNotContain("\r");
        }
    }

    @Test
    void loginCallbackWithAForgedStateIsRefusedWithoutRedirecting() {
        for (String query : new String[] {"state=forged&code=abc", "state=forged&error=access_denied",
                "code=abc", "state=" + URLEncoder.encode("https://attacker.example/", StandardCharsets.UTF_8) + "&code=x"}) {
            Response response = get(base.resolve("/oauth/authorize/callback") + "?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.header("Location")).as(query).isNull();
        }
    }

    @Test
    void crossSiteSubmissionOfTheAuthorizationFormIsRefusedWithoutACode() {
        // a genuine pending request: its id is in the binding cookie's name, as an attacker could learn it
        Response started = get(authorizeUrl(base, client.clientId, client.redirectUri));
        String cookie = started.header("Set-Cookie");
        assertThat(cookie).startsWith("cds_authz_");
        String requestId = cookie.substring("cds_authz_".length(), cookie.indexOf('='));
        String secret = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));

        // the attacker's page auto-submits the form: no binding cookie (SameSite=Lax), a guessed CSRF token
        Response forged = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .header("Origin", "https://attacker.example")
                .formParam("request", requestId).formParam("csrf_token", "guessed").formParam("decision", "approve")
                .post("/oauth/authorize/form");
        assertRefusedWithoutCode(forged);

        // even with the browser's binding cookie, a request the customer never logged in to cannot be decided
        Response unauthenticated = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .cookie("cds_authz_" + requestId, secret)
                .formParam("request", requestId).formParam("csrf_token", "guessed").formParam("decision", "approve")
                .post("/oauth/authorize/form");
        assertRefusedWithoutCode(unauthenticated);

        // and the form page itself is not shown to a browser without the binding
        Response page = given().redirects().follow(false).queryParam("request", requestId).get("/oauth/authorize/form");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.asString()).doesNotContain("csrf_token");
    }

    private void assertRefusedWithoutCode(Response response) {
        assertThat(response.statusCode()).isBetween(400, 499);
        String location = response.header("Location");
        assertThat(location == null ? "" : location).doesNotContain("code=").doesNotStartWith(client.redirectUri);
    }

    @Test
    void scriptInRequestParametersIsNeverReflectedIntoThePages() {
        String script = "<script>alert(1)</script>";
        String encoded = URLEncoder.encode(script, StandardCharsets.UTF_8);
        Response declined = get(base.resolve("/oauth/default-redirect/" + client.clientId) + "?error=" + encoded
                + "&error_description=" + encoded);
        assertThat(declined.statusCode()).isEqualTo(400);
        assertThat(declined.asString()).doesNotContain(script);

        Response unknownClient = get(authorizeUrl(base, encoded, client.redirectUri));
        assertThat(unknownClient.statusCode()).isEqualTo(400);
        assertThat(unknownClient.asString()).doesNotContain(script);

        Response badScope = get(authorizeUrl(base, client.clientId, client.redirectUri).replace("scope=cds_accounts",
                "scope=" + encoded));
        assertThat(badScope.statusCode()).isLessThan(500);
        assertThat(badScope.asString()).doesNotContain(script);
        if (badScope.header("Location") != null) {
            assertThat(badScope.header("Location")).startsWith(client.redirectUri + "?").doesNotContain(script);
        }
    }
}
