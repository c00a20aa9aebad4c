package org.lfenergy.cds.auth.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.auth.support.Browser;
import org.lfenergy.cds.auth.support.CapturingMailTransport;
import org.lfenergy.cds.auth.support.ConsentClient;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.RowEvent;
import org.lfenergy.cds.contracts.gridx.CustomerPayload;
import org.lfenergy.cds.contracts.gridx.GridxPayload;
import org.lfenergy.cds.contracts.gridx.MeterAccountMeterPayload;
import org.lfenergy.cds.testing.LocalStack;
import org.lfenergy.cds.testing.RealInfrastructure;
import org.lfenergy.cds.auth.mapping.GrantEventMapper;
import org.lfenergy.cds.auth.service.GrantService;
import org.lfenergy.cds.auth.service.model.Grant;
import org.lfenergy.cds.auth.service.model.GrantState;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.id.CdsIdKind;
import org.lfenergy.cds.contracts.id.CdsIds;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The customer side end to end in headless Chromium: authorization request (PAR or front channel) → Keycloak login
 * of a customer user → authorization form → decision → code → tokens through the facade (Nimbus OAuth 2.0 SDK).
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "auth"))
class CustomerAuthorizationBrowserTest {

    private static final String PASSWORD = "customer-" + UUID.randomUUID();
    private static ChromeDriver browser;

    @TestHTTPResource("/")
    URI base;

    @Inject
    Pool pool;

    @Inject
    GrantService grantService;

    @Inject
    GrantEventMapper eventMapper;

    @Inject
    CdsIds ids;

    ConsentClient client;
    String personId;
    String username;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void customerAndClient() throws Exception {
        client = ConsentClient.register(base, "cds_accounts cds_usage cds_meters");
        personId = "P" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        username = "test-customer-" + personId.toLowerCase();
        publishCustomer(personId);
        publishMeters(personId);
        createKeycloakUser(username, personId);
        awaitCustomer(personId);
    }

    void awaitCustomer(String person) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> pool.preparedQuery(
                "select count(*) from customer_object where person_id = $1").execute(Tuple.of(person))
                .await().indefinitely().iterator().next().getLong(0) == 2);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> pool.preparedQuery(
                "select count(*) from customer_meter where meter_account_id in ($1, $2)")
                .execute(Tuple.of("MA1" + person, "MA2" + person))
                .await().indefinitely().iterator().next().getLong(0) == 3);
    }

    void publishCustomer(String person) {
        OffsetDateTime start = OffsetDateTime.parse("2024-01-01T00:00:00-08:00");
        publish("auth-service-test.gridx.customers.v1", "GRIDX_TEST_CUSTOMER", "file-" + person, row -> person, List.of(
                new CustomerPayload(person, "E" + person, "C1" + person, "PR" + person, "SP1" + person,
                        "MA1" + person, start, null, "active"),
                new CustomerPayload(person, "E" + person, "C2" + person, "PR" + person, "SP2" + person,
                        "MA2" + person, start, null, "active")));
    }

    /** MA1 has meter M1 (and a meter M0 removed in 2024), MA2 has meter M2. */
    void publishMeters(String person) {
        OffsetDateTime start = OffsetDateTime.parse("2024-01-01T00:00:00-08:00");
        OffsetDateTime swap = OffsetDateTime.parse("2024-06-01T00:00:00-07:00");
        publish("auth-service-test.gridx.meteraccount-meters.v1", "GRIDX_TEST_METERACCOUNTMETER", "file-m-" + person,
                MeterAccountMeterPayload::meterAccountId, List.of(
                        new MeterAccountMeterPayload("MA1" + person, "M0" + person, start, swap),
                        new MeterAccountMeterPayload("MA1" + person, "M1" + person, swap, null),
                        new MeterAccountMeterPayload("MA2" + person, "M2" + person, start, null)));
    }

    /** Publishes GridX rows as ingest-service does (one RowEvent per row, numbered lines). */
    <T extends GridxPayload> void publish(String topic, String fileName, String fileId,
            java.util.function.Function<T, String> key, List<T> rows) {
        Properties props = new Properties();
        props.put("bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            long line = 1;
            for (T row : rows) {
                byte[] value = EventCodec.shared().encode(RowEvent.of("TEST", fileId, fileName, line++, row));
                producer.send(new ProducerRecord<>(topic, key.apply(row), value));
            }
            producer.flush();
        }
    }

    /** Ends the customer's browser session at Keycloak, as its SSO idle timeout would. */
    void endOnlineSession(String session) {
        given().baseUri(LocalStack.infrastructure().keycloakUrl()).auth().oauth2(keycloakAdminToken())
                .queryParam("isOffline", false).delete("/admin/realms/cds/sessions/" + session)
                .then().statusCode(204);
    }

    /** The ids of the customer's offline sessions with the test client. */
    List<String> offlineSessionsOfUser() {
        LocalStack stack = LocalStack.infrastructure();
        String admin = keycloakAdminToken();
        String userId = given().baseUri(stack.keycloakUrl()).auth().oauth2(admin).queryParam("username", username)
                .queryParam("exact", true).get("/admin/realms/cds/users").then().statusCode(200).extract()
                .path("[0].id");
        String clientUuid = given().baseUri(stack.keycloakUrl()).auth().oauth2(admin)
                .queryParam("clientId", client.clientId).get("/admin/realms/cds/clients").then().statusCode(200)
                .extract().path("[0].id");
        return given().baseUri(stack.keycloakUrl()).auth().oauth2(admin).get("/admin/realms/cds/users/" + userId
                + "/offline-sessions/" + clientUuid).then().statusCode(200).extract().path("id");
    }

    List<String> keycloakSessionsOfUser() {
        LocalStack stack = LocalStack.infrastructure();
        String admin = keycloakAdminToken();
        String userId = given().baseUri(stack.keycloakUrl()).auth().oauth2(admin).queryParam("username", username)
                .queryParam("exact", true).get("/admin/realms/cds/users").then().statusCode(200).extract()
                .path("[0].id");
        return given().baseUri(stack.keycloakUrl()).auth().oauth2(admin).get("/admin/realms/cds/users/" + userId
                + "/sessions").then().statusCode(200).extract().path("id");
    }

    String keycloakAdminToken() {
        LocalStack stack = LocalStack.infrastructure();
        return given().baseUri(stack.keycloakUrl()).contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin",
                        "password", stack.keycloakAdminPassword()))
                .post("/realms/master/protocol/openid-connect/token").then().statusCode(200).extract()
                .path("access_token");
    }

    void createKeycloakUser(String name, String person) {
        LocalStack stack = LocalStack.infrastructure();
        String admin = keycloakAdminToken();
        given().baseUri(stack.keycloakUrl()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", name, "enabled", true, "emailVerified", true, "firstName", "Test",
                        "lastName", "Customer", "email", name + "@customers.invalid",
                        "attributes", Map.of("gridx_person_id", List.of(person)),
                        "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))))
                .post("/admin/realms/cds/users").then().statusCode(201);
    }

    /** Opens the authorization request, logs the customer in and waits for the authorization form. */
    void loginToForm(URI authorizationRequest) {
        loginAs(authorizationRequest, username, "authorization-form");
    }

    /** Opens the authorization request in a fresh browser session, logs this user in and waits for an element. */
    void loginAs(URI authorizationRequest, String user, String waitForId) {
        // a new customer: forget the previous test's Keycloak session (cookies are per host)
        browser.get(LocalStack.infrastructure().keycloakUrl() + "/realms/cds/.well-known/openid-configuration");
        browser.manage().deleteAllCookies();
        browser.get(authorizationRequest.toString());
        submitLogin(user, waitForId);
    }

    /** Fills Keycloak's login page and waits for an element of the page that follows. */
    void submitLogin(String user, String waitForId) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        try {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).clear();
            browser.findElement(By.id("username")).sendKeys(user);
            browser.findElement(By.id("password")).sendKeys(PASSWORD);
            browser.findElement(By.id("kc-login")).click();
            if (waitForId != null) {
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id(waitForId)));
            }
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("stuck at " + browser.getCurrentUrl() + ": "
                    + browser.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** The browser's URL once it reached the client's redirect URI (nothing needs to answer there). */
    String landedAtClient() {
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> d.getCurrentUrl().startsWith(client.redirectUri + "?"));
        return browser.getCurrentUrl();
    }

    AuthorizationRequest.Builder authorization(CodeVerifier verifier, State state) {
        return new AuthorizationRequest.Builder(new ResponseType("code"), new ClientID(client.clientId))
                .endpointURI(base.resolve("/oauth/authorize")).redirectionURI(URI.create(client.redirectUri))
                .scope(new Scope("cds_accounts", "cds_usage")).state(state)
                .codeChallenge(verifier, CodeChallengeMethod.S256);
    }

    TokenResponse token(com.nimbusds.oauth2.sdk.AuthorizationGrant grant) throws Exception {
        return TokenResponse.parse(new TokenRequest.Builder(base.resolve("/oauth/token"), client.auth(), grant)
                .build().toHTTPRequest().send());
    }

    @Test
    void approveThenCodeThenTokenWithGrantIdThenRefreshThenGrantClosedThenRefreshFails() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        PushedAuthorizationResponse pushed = PushedAuthorizationResponse.parse(new PushedAuthorizationRequest(
                base.resolve("/oauth/par"), client.auth(), authorization(verifier, state).build())
                .toHTTPRequest().send());
        URI request = new AuthorizationRequest.Builder(pushed.toSuccessResponse().getRequestURI(),
                new ClientID(client.clientId)).endpointURI(base.resolve("/oauth/authorize")).build().toURI();

        loginToForm(request);
        assertThat(browser.findElement(By.id("requester")).getText()).contains("requests access");
        assertThat(browser.findElements(By.cssSelector("section.request"))).hasSize(2);
        assertThat(browser.findElement(By.cssSelector("label[for='s0-account-E" + personId + "']")).getText())
                .contains("E" + personId);
        browser.findElement(By.id("s0-account-E" + personId)).click();
        browser.findElement(By.id("s1-contract-C1" + personId)).click();
        browser.findElement(By.id("approve")).click();

        AuthorizationResponse response = AuthorizationResponse.parse(URI.create(landedAtClient()));
        assertThat(response.indicatesSuccess()).isTrue();
        assertThat(response.getState()).isEqualTo(state);
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();

        TokenResponse issued = token(new AuthorizationCodeGrant(code, URI.create(client.redirectUri), verifier));
        assertThat(issued.indicatesSuccess()).as(String.valueOf(issued.toHTTPResponse().getBody())).isTrue();
        AccessTokenResponse tokens = issued.toSuccessResponse();
        List<?> grantIds = (List<?>) tokens.getCustomParameters().get("cds_grant_ids");
        String grantId = grantIds.get(0).toString();
        assertThat(SignedJWT.parse(tokens.getTokens().getAccessToken().getValue()).getJWTClaimsSet()
                .getStringClaim("cds_grant_id")).isEqualTo(grantId);
        assertThat(tokens.getTokens().getRefreshToken()).isNotNull();
        assertThat(tokens.getTokens().getAccessToken().getAuthorizationDetails()).extracting(d -> d.getType().getValue())
                .containsExactly("cds_accounts", "cds_usage");
        var grant = client.api("/cds-api/v1/grants/" + grantId);
        assertThat(grant.path("status").asText()).isEqualTo("active");
        assertThat(grant.path("client_id").asText()).isEqualTo(client.clientId);
        assertThat(grant.path("scope").asText()).isEqualTo("cds_accounts cds_usage");

        TokenResponse refreshed = token(new RefreshTokenGrant(tokens.getTokens().getRefreshToken()));
        assertThat(refreshed.indicatesSuccess()).as(String.valueOf(refreshed.toHTTPResponse().getBody())).isTrue();
        assertThat(SignedJWT.parse(refreshed.toSuccessResponse().getTokens().getAccessToken().getValue())
                .getJWTClaimsSet().getStringClaim("cds_grant_id")).isEqualTo(grantId);
        RefreshToken latest = refreshed.toSuccessResponse().getTokens().getRefreshToken();

        String session = pool.preparedQuery("select keycloak_session from cds_grant where grant_id = $1")
                .execute(Tuple.of(grantId)).await().indefinitely().iterator().next().getString(0);
        assertThat(session).isNotBlank();
        assertThat(keycloakSessionsOfUser()).contains(session);
        assertThat(refreshed.toSuccessResponse().getTokens().getAccessToken().getScope().toStringList())
                .as("offline_access stays between auth-service and Keycloak").doesNotContain("offline_access");

        // The consent outlives the customer's browser session: its refresh token is an offline one.
        assertThat(com.nimbusds.jwt.JWTParser.parse(latest.getValue()).getJWTClaimsSet().getStringClaim("typ"))
                .isEqualTo("Offline");
        endOnlineSession(session);
        assertThat(keycloakSessionsOfUser()).doesNotContain(session);
        TokenResponse afterLogout = token(new RefreshTokenGrant(latest));
        assertThat(afterLogout.indicatesSuccess()).as(String.valueOf(afterLogout.toHTTPResponse().getBody())).isTrue();
        latest = afterLogout.toSuccessResponse().getTokens().getRefreshToken();
        assertThat(offlineSessionsOfUser()).contains(session);

        given().auth().oauth2(client.adminToken).contentType(ContentType.JSON).body(Map.of("status", "closed"))
                .when().patch("/cds-api/v1/grants/" + grantId).then().statusCode(200);
        assertThat(offlineSessionsOfUser()).doesNotContain(session);

        TokenResponse afterClose = token(new RefreshTokenGrant(latest));
        assertThat(afterClose.indicatesSuccess()).isFalse();
        assertThat(((TokenErrorResponse) afterClose).getErrorObject().getCode()).isEqualTo("invalid_grant");
    }

    @Test
    void declineRedirectsToTheClientWithAccessDenied() throws Exception {
        State state = new State();
        loginToForm(authorization(new CodeVerifier(), state).build().toURI());

        browser.findElement(By.id("decline")).click();

        AuthorizationResponse response = AuthorizationResponse.parse(URI.create(landedAtClient()));
        assertThat(response.indicatesSuccess()).isFalse();
        assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("access_denied");
        assertThat(response.getState()).isEqualTo(state);
    }

    @Test
    void approvalWithoutCsrfTokenIsRefusedWithoutRedirecting() {
        loginToForm(authorization(new CodeVerifier(), new State()).build().toURI());
        browser.findElement(By.id("s0-account-E" + personId)).click();
        ((JavascriptExecutor) browser).executeScript("document.querySelector('[name=csrf_token]').remove();");

        browser.findElement(By.id("approve")).click();

        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(
                By.id("error-summary")));
        assertThat(browser.getCurrentUrl()).startsWith(base.toString()).doesNotContain("code=");
    }

    @Test
    void approvalWithNothingSelectedShowsAnInlineErrorAndAllowsResubmitting() {
        loginToForm(authorization(new CodeVerifier(), new State()).build().toURI());

        browser.findElement(By.id("approve")).click();

        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(
                By.id("form-error")));
        assertThat(browser.findElement(By.id("form-error")).getText()).contains("Account List");
        browser.findElement(By.id("s0-account-E" + personId)).click();
        browser.findElement(By.id("s1-contract-C1" + personId)).click();
        browser.findElement(By.id("approve")).click();
        assertThat(landedAtClient()).contains("code=");
    }

    @Test
    void receiptAtItsRandomUrlShowsTheApprovalAndRevokesTheGrantWithoutLogin() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        loginToForm(authorization(verifier, new State()).build().toURI());
        browser.findElement(By.id("s0-account-E" + personId)).click();
        browser.findElement(By.id("s1-contract-C2" + personId)).click();
        browser.findElement(By.id("approve")).click();
        AuthorizationCode code = AuthorizationResponse.parse(URI.create(landedAtClient())).toSuccessResponse()
                .getAuthorizationCode();
        AccessTokenResponse tokens = token(new AuthorizationCodeGrant(code, URI.create(client.redirectUri), verifier))
                .toSuccessResponse();
        String grantId = ((List<?>) tokens.getCustomParameters().get("cds_grant_ids")).get(0).toString();
        var row = pool.preparedQuery("select receipt_token, confirmation from receipt where grant_id = $1")
                .execute(Tuple.of(grantId)).await().indefinitely().iterator().next();
        String receiptToken = row.getString(0);
        String confirmation = row.getString(1);
        assertThat(client.api("/cds-api/v1/grants/" + grantId).path("receipt_confirmations").get(0).asText())
                .isEqualTo(confirmation);
        assertThat(receiptToken).doesNotContain(confirmation).hasSizeGreaterThan(40);
        // the customer's e-mail (Keycloak user address) with brand, confirmation number and direct link
        String link = base.resolve("/oauth/receipts/" + receiptToken).toString();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                !CapturingMailTransport.to(username + "@customers.invalid").isEmpty());
        var mail = CapturingMailTransport.to(username + "@customers.invalid").get(0);
        assertThat(mail.subject()).isEqualTo("CDS Demo Utility: authorization receipt " + confirmation);
        assertThat(mail.text()).startsWith("CDS Demo Utility\n").contains("Confirmation number: " + confirmation)
                .contains(link.substring(link.indexOf("/oauth/receipts/"))).contains("Service contract C2" + personId)
                .doesNotContain("Purpose:"); // a sandbox object's purposes are not reviewed
        // the app renames itself after the approval: the receipt shows the change next to the original
        var clientObject = (com.fasterxml.jackson.databind.node.ObjectNode) client.api("/cds-api/v1/clients/"
                + client.clientId);
        String originalName = clientObject.path("client_name").asText();
        clientObject.put("client_name", "Renamed after approval");
        given().auth().oauth2(client.adminToken).contentType(ContentType.JSON).body(clientObject.toString())
                .when().put("/cds-api/v1/clients/" + client.clientId).then().statusCode(200);
        // The hand-over from the default redirect page to this receipt (a cookie scoped to that page) is asserted
        // deterministically in AuthorizeRequestTest#defaultRedirectWithACodeShowsTheReceiptOfThisBrowsersApproval;
        // reading the cookie here raced with the page's own redirect.

        browser.get(LocalStack.infrastructure().keycloakUrl() + "/realms/cds/.well-known/openid-configuration");
        browser.manage().deleteAllCookies();
        browser.get(base.resolve("/oauth/receipts/" + receiptToken).toString());
        browser.manage().deleteAllCookies();
        assertThat(browser.findElement(By.id("confirmation")).getText()).isEqualTo(confirmation);
        assertThat(browser.findElement(By.id("status")).getText()).startsWith("Active");
        assertThat(browser.findElement(By.cssSelector("meta[name=robots]")).getAttribute("content")).isEqualTo("noindex");
        assertThat(browser.findElement(By.id("selected")).getText()).contains("Service contract C2" + personId);
        assertThat(changeRow("App name")).containsExactly(originalName, "Renamed after approval");
        assertThat(browser.findElement(By.id("changes")).getText()).doesNotContain("Data the app may access");
        assertThat(browser.findElements(By.id("superseded"))).isEmpty();

        browser.findElement(By.id("revoke")).click();

        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("status"), "Revoked"));
        assertThat(changeRow("Data the app may access").get(1)).isEqualTo("none");
        assertThat(changeRow("Data the app may access").get(0)).isNotBlank().isNotEqualTo("none");
        assertThat(browser.findElements(By.id("revoke"))).isEmpty();
        assertThat(client.api("/cds-api/v1/grants/" + grantId).path("status").asText()).isEqualTo("revoked");
        TokenResponse refresh = token(new RefreshTokenGrant(tokens.getTokens().getRefreshToken()));
        assertThat(((TokenErrorResponse) refresh).getErrorObject().getCode()).isEqualTo("invalid_grant");
    }

    /** The "when you approved" and "now" cells of a row of the receipt's changes table. */
    List<String> changeRow(String what) {
        List<WebElement> cells = browser.findElements(By.xpath("//section[@id='changes']//tr[td[1][normalize-space()='"
                + what + "']]/td"));
        assertThat(cells).as("changes row " + what).hasSize(3);
        return List.of(cells.get(1).getText(), cells.get(2).getText());
    }

    @Test
    void unknownReceiptUrlIsNotFound() {
        given().when().get("/oauth/receipts/" + UUID.randomUUID()).then().statusCode(404)
                .header("X-Robots-Tag", "noindex");
    }

    /** A front-channel request for these scopes with this authorization_details JSON. */
    URI requestWithDetails(String scopes, String details, CodeVerifier verifier, State state) {
        return new AuthorizationRequest.Builder(new ResponseType("code"), new ClientID(client.clientId))
                .endpointURI(base.resolve("/oauth/authorize")).redirectionURI(URI.create(client.redirectUri))
                .scope(Scope.parse(scopes)).state(state).codeChallenge(verifier, CodeChallengeMethod.S256)
                .customParameter("authorization_details", details).build().toURI();
    }

    /** The Coverage the gateway gets for one scope of a Grant (the cds.grants.v1 event auth-service publishes). */
    Coverage coverageOf(String grantId, String scope) {
        Grant grant = grantService.get(grantId).await().atMost(Duration.ofSeconds(10));
        return eventMapper.toEvent(grant, null).scopes().stream().filter(g -> g.scope().equals(scope)).findFirst()
                .orElseThrow().coverage();
    }

    String approveAndRedeem(CodeVerifier verifier) throws Exception {
        browser.findElement(By.id("approve")).click();
        AuthorizationCode code = AuthorizationResponse.parse(URI.create(landedAtClient())).toSuccessResponse()
                .getAuthorizationCode();
        TokenResponse issued = token(new AuthorizationCodeGrant(code, URI.create(client.redirectUri), verifier));
        assertThat(issued.indicatesSuccess()).as(String.valueOf(issued.toHTTPResponse().getBody())).isTrue();
        return ((List<?>) issued.toSuccessResponse().getCustomParameters().get("cds_grant_ids")).get(0).toString();
    }

    @Test
    void meterSelectionPreselectedByNumberAndAccountsByAllWithIncludeFutureBecomeTheGrantsCoverage() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        String details = "[{\"type\":\"cds_accounts\",\"account_numbers\":[\"_all\",\"_include_future\"]},"
                + "{\"type\":\"cds_meters\",\"meter_numbers\":[\"M2" + personId + "\"]}]";
        loginToForm(requestWithDetails("cds_accounts cds_meters", details, verifier, new State()));

        assertThat(browser.findElement(By.id("s0-account-E" + personId)).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("s0-include_future")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("s1-meter-SP2" + personId + "-M2" + personId)).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("s1-meter-SP1" + personId + "-M1" + personId)).isSelected()).isFalse();
        // a meter removed from the meter account is no longer the customer's to share
        assertThat(browser.findElements(By.id("s1-meter-SP1" + personId + "-M0" + personId))).isEmpty();
        assertThat(browser.findElement(By.id("s1-count")).getText()).isEqualTo("1 of 2 selected");
        browser.findElement(By.id("s1-meter-SP1" + personId + "-M1" + personId)).click();
        assertThat(browser.findElement(By.id("s1-count")).getText()).isEqualTo("2 of 2 selected");
        browser.findElement(By.id("s1-meter-SP2" + personId + "-M2" + personId)).click();

        String grantId = approveAndRedeem(verifier);

        Coverage meters = coverageOf(grantId, "cds_meters");
        assertThat(meters.meterDevices().ids()).containsExactly(ids.id(CdsIdKind.METER_DEVICE, "TEST", "M1" + personId));
        assertThat(meters.accounts().isEmpty()).isTrue();
        assertThat(meters.customerId()).isEqualTo(ids.id(CdsIdKind.CUSTOMER, "TEST", personId));
        Coverage accounts = coverageOf(grantId, "cds_accounts");
        assertThat(accounts.accounts().ids()).containsExactly(ids.id(CdsIdKind.ACCOUNT, "TEST", "E" + personId));
        assertThat(accounts.accounts().includeFuture()).isTrue();
        assertThat(accounts.meterDevices().isEmpty()).isTrue();
    }

    @Test
    void mergedScopesShareOneSectionThatListsTheMetersUnderEachContract() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        String details = "[{\"type\":\"cds_meters\",\"authorization_form_selection_type\":\"service_contract_selection\","
                + "\"merge_selection_with\":\"cds_usage\",\"contract_numbers\":[\"C1" + personId + "\"]},"
                + "{\"type\":\"cds_usage\",\"merge_selection_with\":\"cds_meters\","
                + "\"contract_numbers\":[\"C1" + personId + "\"]}]";
        loginToForm(requestWithDetails("cds_meters cds_usage", details, verifier, new State()));

        assertThat(browser.findElements(By.cssSelector("section.request"))).hasSize(1);
        assertThat(browser.findElement(By.id("section-0-title")).getText()).contains("Meter").contains("Usage");
        assertThat(browser.findElement(By.id("s0-contract-C1" + personId)).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("s0-contract-C2" + personId)).isSelected()).isFalse();
        assertThat(browser.findElement(By.id("s0-selection")).getText()).contains("Meter M1" + personId)
                .contains("Meter M2" + personId);
        assertThat(browser.findElements(By.cssSelector("input[name='s0.meter']"))).isEmpty();

        String grantId = approveAndRedeem(verifier);

        String contract = ids.id(CdsIdKind.SERVICE_CONTRACT, "TEST", "C1" + personId);
        assertThat(coverageOf(grantId, "cds_meters").serviceContracts().ids()).containsExactly(contract);
        assertThat(coverageOf(grantId, "cds_usage").serviceContracts().ids()).containsExactly(contract);
    }

    @Test
    void preselectedNumbersThatAreNotTheCustomersShowThePreselectionErrorPageWhoseCancelAnswersNoPreselections()
            throws Exception {
        State state = new State();
        String details = "[{\"type\":\"cds_accounts\",\"error_if_no_preselections\":true,"
                + "\"account_numbers\":[\"SOMEONE-ELSES\"]}]";
        loginAs(requestWithDetails("cds_accounts", details, new CodeVerifier(), state), username,
                "preselection-error");

        assertThat(browser.findElement(By.id("requested")).getText()).contains("accounts");
        assertThat(browser.findElements(By.id("authorization-form"))).isEmpty();
        browser.findElement(By.id("cancel")).click();

        AuthorizationResponse response = AuthorizationResponse.parse(URI.create(landedAtClient()));
        assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("no_preselections");
        assertThat(response.getState()).isEqualTo(state);
    }

    @Test
    void fromThePreselectionErrorPageAnotherCustomerWhoHoldsTheNumberCanLogInAndSeeItPreselected() throws Exception {
        String other = "Q" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        String otherUser = "test-customer-" + other.toLowerCase();
        publishCustomer(other);
        publishMeters(other);
        createKeycloakUser(otherUser, other);
        awaitCustomer(other);
        CodeVerifier verifier = new CodeVerifier();
        String details = "[{\"type\":\"cds_accounts\",\"error_if_no_preselections\":true,"
                + "\"account_numbers\":[\"E" + other + "\"]}]";
        loginAs(requestWithDetails("cds_accounts", details, verifier, new State()), username, "preselection-error");

        browser.findElement(By.id("relogin-link")).click();
        submitLogin(otherUser, "authorization-form");

        assertThat(browser.findElement(By.id("s0-account-E" + other)).isSelected()).isTrue();
        assertThat(browser.findElements(By.id("s0-account-E" + personId))).isEmpty();
        String grantId = approveAndRedeem(verifier);
        assertThat(coverageOf(grantId, "cds_accounts").customerId()).isEqualTo(ids.id(CdsIdKind.CUSTOMER, "TEST", other));
    }

    @Test
    void grantAuthorizationRequestUpdatesTheExistingGrantWithTheNewSelectionAndAReceipt() throws Exception {
        CodeVerifier first = new CodeVerifier();
        loginToForm(authorization(first, new State()).build().toURI());
        browser.findElement(By.id("s0-account-E" + personId)).click();
        browser.findElement(By.id("s1-contract-C1" + personId)).click();
        String grantId = approveAndRedeem(first);
        Grant approved = grantService.get(grantId).await().atMost(Duration.ofSeconds(10));
        grantService.transition(approved, GrantState.NEEDS_AUTHORIZATION, null).await().atMost(Duration.ofSeconds(30));
        assertThat(client.api("/cds-api/v1/grants/" + grantId).path("status").asText()).isEqualTo("needs_authorization");

        CodeVerifier second = new CodeVerifier();
        URI again = new AuthorizationRequest.Builder(authorization(second, new State()).build())
                .customParameter("cds_grant_id", grantId).build().toURI();
        loginToForm(again);
        browser.findElement(By.id("s0-account-E" + personId)).click();
        browser.findElement(By.id("s1-contract-C2" + personId)).click();
        String reauthorized = approveAndRedeem(second);

        assertThat(reauthorized).isEqualTo(grantId);
        var grant = client.api("/cds-api/v1/grants/" + grantId);
        assertThat(grant.path("status").asText()).isEqualTo("active");
        assertThat(grant.path("enabled_scope").asText()).isEqualTo("cds_accounts cds_usage");
        assertThat(grant.path("receipt_confirmations")).hasSize(2);
        assertThat(coverageOf(grantId, "cds_usage").serviceContracts().ids())
                .containsExactly(ids.id(CdsIdKind.SERVICE_CONTRACT, "TEST", "C2" + personId));

        // receipt versions: the first stays readable, marked superseded, and links to the newer one
        var rows = pool.preparedQuery("select receipt_token, confirmation from receipt where grant_id = $1"
                + " order by created").execute(Tuple.of(grantId)).await().indefinitely();
        List<String> tokens = new java.util.ArrayList<>();
        List<String> confirmations = new java.util.ArrayList<>();
        rows.forEach(r -> {
            tokens.add(r.getString(0));
            confirmations.add(r.getString(1));
        });
        List<String> published = new java.util.ArrayList<>();
        grant.path("receipt_confirmations").forEach(c -> published.add(c.asText()));
        assertThat(confirmations).hasSize(2).containsExactlyInAnyOrderElementsOf(published);
        browser.get(base.resolve("/oauth/receipts/" + tokens.get(0)).toString());
        assertThat(browser.findElement(By.id("confirmation")).getText()).isEqualTo(confirmations.get(0));
        assertThat(browser.findElement(By.id("superseded")).getText()).contains("receipt " + confirmations.get(1));
        assertThat(browser.findElement(By.id("selected")).getText()).contains("Service contract C1" + personId);
        browser.findElement(By.cssSelector("#superseded a")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("confirmation"), confirmations.get(1)));
        assertThat(browser.getCurrentUrl()).endsWith("/oauth/receipts/" + tokens.get(1));
        assertThat(browser.findElements(By.id("superseded"))).isEmpty();
        assertThat(browser.findElement(By.id("replaces")).getText()).contains(confirmations.get(0));
        assertThat(browser.findElement(By.id("selected")).getText()).contains("Service contract C2" + personId);
        // one e-mail per receipt; the second says which one it replaces
        String address = username + "@customers.invalid";
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> CapturingMailTransport.to(address).size() == 2);
        assertThat(CapturingMailTransport.to(address).get(0).text()).contains(confirmations.get(0))
                .doesNotContain("replaces");
        assertThat(CapturingMailTransport.to(address).get(1).text()).contains("Confirmation number: "
                + confirmations.get(1)).contains("This receipt replaces receipt " + confirmations.get(0));
    }

    @Test
    void grantAuthorizationRequestForAnotherCustomersGrantRedirectsWithInvalidUser() throws Exception {
        CodeVerifier first = new CodeVerifier();
        loginToForm(authorization(first, new State()).build().toURI());
        browser.findElement(By.id("s0-account-E" + personId)).click();
        browser.findElement(By.id("s1-contract-C1" + personId)).click();
        String grantId = approveAndRedeem(first);
        String other = "R" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        String otherUser = "test-customer-" + other.toLowerCase();
        publishCustomer(other);
        createKeycloakUser(otherUser, other);

        State state = new State();
        URI request = new AuthorizationRequest.Builder(authorization(new CodeVerifier(), state).build())
                .customParameter("cds_grant_id", grantId).build().toURI();
        loginAs(request, otherUser, null);

        AuthorizationResponse response = AuthorizationResponse.parse(URI.create(landedAtClient()));
        assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("cds_grant_id_invalid_user");
        assertThat(response.getState()).isEqualTo(state);
        assertThat(client.api("/cds-api/v1/grants/" + grantId).path("status").asText()).isEqualTo("active");
    }

    @Test
    void theFormFitsAPhoneScreenLabelsEveryControlAndIsUsableWithTheKeyboard() {
        loginToForm(authorization(new CodeVerifier(), new State()).build().toURI());
        JavascriptExecutor js = (JavascriptExecutor) browser;

        // 412 px wide (the browser's window): nothing scrolls sideways
        assertThat(((Number) js.executeScript("return document.documentElement.scrollWidth;")).intValue())
                .isLessThanOrEqualTo(((Number) js.executeScript("return window.innerWidth;")).intValue());
        assertThat(browser.findElement(By.cssSelector("meta[name=viewport]")).getAttribute("content"))
                .contains("width=device-width");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        // every visible form control has a label
        assertThat(unlabelledInputs()).isZero();
        assertThat(browser.findElement(By.id("relogin-link")).getAttribute("href")).contains("relogin?request=");

        // keyboard: Tab reaches the first checkbox, Space ticks it; Select all / Deselect all are buttons
        WebElement box = browser.findElement(By.id("s0-account-E" + personId));
        box.sendKeys(Keys.SPACE);
        assertThat(box.isSelected()).isTrue();
        assertThat(browser.findElement(By.id("s0-count")).getText()).isEqualTo("1 of 1 selected");
        WebElement none = browser.findElement(By.cssSelector("#s1-selection .select-none"));
        WebElement all = browser.findElement(By.cssSelector("#s1-selection .select-all"));
        all.sendKeys(Keys.ENTER);
        assertThat(browser.findElement(By.id("s1-count")).getText()).isEqualTo("2 of 2 selected");
        none.sendKeys(Keys.ENTER);
        assertThat(browser.findElement(By.id("s1-count")).getText()).isEqualTo("0 of 2 selected");
        js.executeScript("document.activeElement.blur();");
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(browser.switchTo().activeElement().getTagName()).isIn("a", "input", "button");
    }

    @Test
    void aLongListGetsASearchAHideUnselectedToggleAndALiveCounter() {
        String many = "L" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        String manyUser = "test-customer-" + many.toLowerCase();
        OffsetDateTime start = OffsetDateTime.parse("2024-01-01T00:00:00-08:00");
        List<CustomerPayload> rows = new java.util.ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            rows.add(new CustomerPayload(many, "E" + many, "K" + i + "-" + many, "PR" + many, "SP" + i + many,
                    "MA" + i + many, start, null, "active"));
        }
        publish("auth-service-test.gridx.customers.v1", "GRIDX_TEST_CUSTOMER", "file-" + many, row -> many, rows);
        createKeycloakUser(manyUser, many);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> pool.preparedQuery(
                "select count(*) from customer_object where person_id = $1").execute(Tuple.of(many))
                .await().indefinitely().iterator().next().getLong(0) == 12);
        String details = "[{\"type\":\"cds_usage\",\"contract_numbers\":[\"K3-" + many + "\"]}]";
        loginAs(requestWithDetails("cds_usage", details, new CodeVerifier(), new State()), manyUser,
                "authorization-form");

        assertThat(browser.findElement(By.id("s0-count")).getText()).isEqualTo("1 of 12 selected");
        assertThat(browser.findElement(By.id("s0-list")).getAttribute("class")).contains("scrolling");
        browser.findElement(By.id("s0-search")).sendKeys("K1");
        // K1-…, K10-…, K11-…, K12-… stay visible
        assertThat(browser.findElements(By.cssSelector("#s0-list li.entry")).stream().filter(WebElement::isDisplayed)
                .count()).isEqualTo(4);
        browser.findElement(By.id("s0-search")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        assertThat(browser.findElements(By.cssSelector("#s0-list li.entry")).stream().filter(WebElement::isDisplayed)
                .count()).isEqualTo(12);
        browser.findElement(By.cssSelector("label[for='s0-only-selected']")).click();
        assertThat(browser.findElements(By.cssSelector("#s0-list li.entry")).stream().filter(WebElement::isDisplayed)
                .map(WebElement::getText).toList()).singleElement().asString().contains("K3-" + many);
    }

    @Test
    void aggregationInclusionConsentListsTheRequestedGroupsReadOnlyAndTheGrantCoversThemByNumber() throws Exception {
        client = ConsentClient.register(base, "cds_aggregation_consent");
        CodeVerifier verifier = new CodeVerifier();
        String details = "[{\"type\":\"cds_aggregation_consent\",\"aggregation_numbers\":[\"B7-" + personId
                + "\",\"B8-" + personId + "\"],\"premise_numbers\":[\"PR" + personId + "\"]}]";
        loginToForm(requestWithDetails("cds_aggregation_consent", details, verifier, new State()));

        assertThat(browser.findElement(By.id("s0-aggregation-B7-" + personId)).getText()).isEqualTo("Group B7-" + personId);
        assertThat(browser.findElement(By.id("s0-aggregation-B8-" + personId)).getText()).isEqualTo("Group B8-" + personId);
        assertThat(browser.findElements(By.cssSelector("#s0-selection input"))).isEmpty();

        String grantId = approveAndRedeem(verifier);

        Coverage coverage = coverageOf(grantId, "cds_aggregation_consent");
        assertThat(coverage.aggregations().numbers()).containsExactly("B7-" + personId, "B8-" + personId);
        assertThat(coverage.accounts().isEmpty()).isTrue();
    }

    // ------------------------------------------------------------------ allow_scope_modifications

    /** How many visible inputs of the page have no label. */
    int unlabelledInputs() {
        return ((Number) ((JavascriptExecutor) browser).executeScript("return Array.from(document.querySelectorAll("
                + "'input:not([type=hidden])')).filter(function (i) { return !i.labels || i.labels.length === 0; })"
                + ".length;")).intValue();
    }

    /** Adds a hidden field to the authorization form, as a tampered POST would carry it. */
    void forgeFormField(String name, String value) {
        ((JavascriptExecutor) browser).executeScript("var i = document.createElement('input'); i.type = 'hidden';"
                + " i.name = arguments[0]; i.value = arguments[1];"
                + " document.getElementById('authorization-form').appendChild(i);", name, value);
    }

    /** The effective authorization details the server stored for this client's latest request, by type. */
    Map<String, com.fasterxml.jackson.databind.JsonNode> storedRequestDetails() throws Exception {
        String document = pool.preparedQuery("select document::text from authorization_request where client_id = $1"
                + " order by created desc limit 1").execute(Tuple.of(client.clientId)).await().indefinitely()
                .iterator().next().getString(0);
        Map<String, com.fasterxml.jackson.databind.JsonNode> out = new java.util.LinkedHashMap<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(document).path("authorization_details")
                .forEach(e -> out.put(e.path("type").asText(), e));
        return out;
    }

    @Test
    void aReadOnlyRequestShowsNoChangeControlsAndAForgedModificationIsRefusedWithInvalidAuthorizationDetails()
            throws Exception {
        State state = new State();
        loginToForm(authorization(new CodeVerifier(), state).build().toURI());

        // allow_scope_modifications defaults to false: approve or decline only
        assertThat(browser.findElements(By.cssSelector("fieldset.changes"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("input[name$='.keep'], input[name$='.data']"))).isEmpty();
        browser.findElement(By.id("s0-account-E" + personId)).click();
        browser.findElement(By.id("s1-contract-C1" + personId)).click();
        // a tampered POST that leaves out data of the read-only request
        forgeFormField("s1.data", "cds_usage.include_meter_numbers");
        browser.findElement(By.id("approve")).click();

        AuthorizationResponse response = AuthorizationResponse.parse(URI.create(landedAtClient()));
        assertThat(response.indicatesSuccess()).isFalse();
        assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_authorization_details");
        assertThat(response.toErrorResponse().getErrorObject().getDescription())
                .contains("allow_scope_modifications is false");
        assertThat(response.getState()).isEqualTo(state);
        assertThat(pool.preparedQuery("select count(*) from cds_grant where client_id = $1")
                .execute(Tuple.of(client.clientId)).await().indefinitely().iterator().next().getLong(0))
                .as("no Grant was created").isZero();
    }

    @Test
    void anEditableRequestLetsTheCustomerLeaveOutARequestAndDataAndTheGrantHasExactlyTheModifiedDetails()
            throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        String details = "[{\"type\":\"cds_accounts\",\"allow_scope_modifications\":true},"
                + "{\"type\":\"cds_usage\",\"allow_scope_modifications\":true}]";
        loginToForm(requestWithDetails("cds_accounts cds_usage", details, verifier, new State()));
        JavascriptExecutor js = (JavascriptExecutor) browser;

        // both sections editable, prefilled with the request: kept, every requested data field ticked
        WebElement keepAccounts = browser.findElement(By.id("s0-keep"));
        WebElement keepUsage = browser.findElement(By.id("s1-keep"));
        assertThat(keepAccounts.isSelected()).isTrue();
        assertThat(keepUsage.isSelected()).isTrue();
        List<WebElement> accountData = browser.findElements(By.cssSelector("input[name='s0.data']"));
        assertThat(accountData).extracting(e -> e.getAttribute("value")).containsExactlyInAnyOrder(
                "cds_accounts.include_account_numbers", "cds_accounts.include_account_programs",
                "cds_accounts.include_aggregations");
        assertThat(accountData).allMatch(WebElement::isSelected);
        String numbersBox = browser.findElement(By.cssSelector("input[value='cds_accounts.include_account_numbers']"))
                .getAttribute("id");
        assertThat(browser.findElement(By.cssSelector("label[for='" + numbersBox + "']")).getText())
                .isEqualTo("account numbers");
        // still accessible and phone-sized with the extra controls
        assertThat(unlabelledInputs()).isZero();
        assertThat(((Number) js.executeScript("return document.documentElement.scrollWidth;")).intValue())
                .isLessThanOrEqualTo(((Number) js.executeScript("return window.innerWidth;")).intValue());

        // removing every request is not an approval: inline error, the form keeps the customer's changes
        keepAccounts.sendKeys(Keys.SPACE);
        keepUsage.sendKeys(Keys.SPACE);
        assertThat(browser.findElement(By.id("section-1")).getAttribute("class")).contains("left-out");
        browser.findElement(By.id("s0-account-E" + personId)).click();
        browser.findElement(By.id("approve")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(
                By.id("form-error")));
        assertThat(browser.findElement(By.id("form-error")).getText()).contains("Keep at least one request");
        assertThat(browser.findElement(By.id("s0-keep")).isSelected()).isFalse();
        assertThat(browser.findElement(By.id("s1-keep")).isSelected()).isFalse();

        // "undo" restores the request as sent; then keep accounts without its programs, leave usage out
        browser.findElement(By.cssSelector("#s0-changes .reset")).sendKeys(Keys.ENTER);
        assertThat(browser.findElement(By.id("s0-keep")).isSelected()).isTrue();
        browser.findElement(By.cssSelector("input[value='cds_accounts.include_account_programs']")).sendKeys(Keys.SPACE);
        if (!browser.findElement(By.id("s0-account-E" + personId)).isSelected()) {
            browser.findElement(By.id("s0-account-E" + personId)).click();
        }
        Map<String, com.fasterxml.jackson.databind.JsonNode> requested = storedRequestDetails();
        browser.findElement(By.id("approve")).click();
        AuthorizationCode code = AuthorizationResponse.parse(URI.create(landedAtClient())).toSuccessResponse()
                .getAuthorizationCode();
        TokenResponse issued = token(new AuthorizationCodeGrant(code, URI.create(client.redirectUri), verifier));
        assertThat(issued.indicatesSuccess()).as(String.valueOf(issued.toHTTPResponse().getBody())).isTrue();
        String grantId = ((List<?>) issued.toSuccessResponse().getCustomParameters().get("cds_grant_ids")).get(0)
                .toString();

        com.fasterxml.jackson.databind.node.ObjectNode expected =
                (com.fasterxml.jackson.databind.node.ObjectNode) requested.get("cds_accounts").deepCopy();
        expected.put("include_account_programs", false);
        var grant = client.api("/cds-api/v1/grants/" + grantId);
        assertThat(grant.path("scope").asText()).isEqualTo("cds_accounts");
        assertThat(grant.path("authorization_details")).hasSize(1);
        assertThat(grant.path("authorization_details").get(0)).isEqualTo(expected);
        assertThat(issued.toSuccessResponse().getTokens().getAccessToken().getScope().toStringList())
                .containsExactly("cds_accounts");
        assertThat(coverageOf(grantId, "cds_accounts").accounts().ids())
                .containsExactly(ids.id(CdsIdKind.ACCOUNT, "TEST", "E" + personId));
        // the receipt records what was approved: one request, without the programs
        String receipt = pool.preparedQuery("select document::text from receipt where grant_id = $1")
                .execute(Tuple.of(grantId)).await().indefinitely().iterator().next().getString(0);
        assertThat(receipt).contains("you left out: account programs").doesNotContain("usage");
    }

    @Test
    void anEditableRequestRefusesAFieldTheFormDidNotOffer() throws Exception {
        State state = new State();
        String details = "[{\"type\":\"cds_accounts\",\"allow_scope_modifications\":true,"
                + "\"include_account_details\":false}]";
        loginToForm(requestWithDetails("cds_accounts", details, new CodeVerifier(), state));
        assertThat(browser.findElements(By.cssSelector("input[value='cds_accounts.include_account_details']")))
                .as("a field the client did not ask for is not offered").isEmpty();
        browser.findElement(By.id("s0-account-E" + personId)).click();
        // widening the request: the customer may leave data out, never add to it
        forgeFormField("s0.data", "cds_accounts.include_account_details");
        browser.findElement(By.id("approve")).click();

        AuthorizationResponse response = AuthorizationResponse.parse(URI.create(landedAtClient()));
        assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_authorization_details");
        assertThat(response.getState()).isEqualTo(state);
    }
}
