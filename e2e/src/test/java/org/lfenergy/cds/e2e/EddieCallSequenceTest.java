package org.lfenergy.cds.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lfenergy.cds.e2e.support.CdsClient.bearer;
import static org.lfenergy.cds.e2e.support.CdsClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lfenergy.cds.contracts.id.CdsIdKind;
import org.lfenergy.cds.e2e.support.Browser;
import org.lfenergy.cds.e2e.support.CdsClient;
import org.lfenergy.cds.e2e.support.CdsClient.ClientObject;
import org.lfenergy.cds.e2e.support.CdsClient.Pkce;
import org.lfenergy.cds.e2e.support.Consent;
import org.lfenergy.cds.e2e.support.DataChecks;
import org.lfenergy.cds.e2e.support.DemoData;
import org.lfenergy.cds.e2e.support.E2eStack;

/**
 * The call sequence of a real, deployed CDS client — EDDIE's CDS region connector — end to end against the packaged
 * services: discovery under the older well-known name, registration with the older scope names
 * {@code "customer_data client_admin"}, its customer-data client object found by {@code scope.contains}, its redirect
 * URI set with Clients PUT, the consent (front channel with {@code customer_data}, and PAR with the granular consent
 * scopes), code → tokens at its own callback (a local HTTP server standing in for EDDIE), the data APIs it reads
 * (URLs from the client-specific metadata), and the refresh-token revocation it does when a permission ends.
 */
@ExtendWith(E2eStack.Extension.class)
class EddieCallSequenceTest {

    static HttpServer callbackServer;
    static final BlockingQueue<String> callbacks = new LinkedBlockingQueue<>();
    static String callback;

    @BeforeAll
    static void eddiesCallbackEndpoint() throws IOException {
        callbackServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callbackServer.createContext("/region-connectors/cds/callback", exchange -> {
            callbacks.add(exchange.getRequestURI().toString());
            byte[] body = "Permission request received".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        callbackServer.start();
        callback = "http://127.0.0.1:" + callbackServer.getAddress().getPort() + "/region-connectors/cds/callback";
    }

    @AfterAll
    static void stopCallback() {
        if (callbackServer != null) {
            callbackServer.stop(0);
        }
    }

    static JsonNode getJson(String url, String token) {
        var request = given().urlEncodingEnabled(false);
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        Response r = request.get(url);
        assertThat(r.statusCode()).as("%s: %s", url, r.asString()).isEqualTo(200);
        return json(r);
    }

    @Test
    void eddieDiscoversRegistersWithOlderScopeNamesGetsConsentReadsUsageAndRevokesTheRefreshToken() throws Exception {
        E2eStack stack = E2eStack.get();
        DemoData data = stack.data();
        String gw = stack.gateway();

        // 1. CDS metadata (the older well-known name EDDIE fetches): it needs the coverage and oauth capabilities
        JsonNode cds = getJson(gw + "/.well-known/carbon-data-spec.json", null);
        List<String> capabilities = new ArrayList<>();
        cds.path("capabilities").forEach(c -> capabilities.add(c.asText()));
        assertThat(capabilities).contains("coverage", "oauth");
        JsonNode coverage = getJson(cds.path("coverage").asText(), null);
        assertThat(coverage.path("coverage_entries")).isNotEmpty();

        // 2. OAuth metadata: authorization_code and refresh_token grants
        JsonNode as = getJson(cds.path("oauth_metadata").asText(), null);
        List<String> grantTypes = new ArrayList<>();
        as.path("grant_types_supported").forEach(g -> grantTypes.add(g.asText()));
        assertThat(grantTypes).contains("authorization_code", "refresh_token");

        // 3. anonymous registration with EDDIE's scope string
        JsonNode registration = json(given().contentType(ContentType.JSON)
                .body(Map.of("client_name", "EDDIE e2e " + UUID.randomUUID(), "redirect_uris", List.of(callback),
                        "scope", "customer_data client_admin"))
                .post(as.path("registration_endpoint").asText()).then().statusCode(201).extract().response());
        String adminId = registration.path("client_id").asText();
        String adminSecret = registration.path("client_secret").asText();

        // 4. admin token with the older name client_admin
        JsonNode adminToken = json(given().auth().preemptive().basic(adminId, adminSecret)
                .formParams(Map.of("grant_type", "client_credentials", "scope", "client_admin"))
                .post(as.path("token_endpoint").asText()).then().statusCode(200).extract().response());
        assertThat(adminToken.path("scope").asText()).isEqualTo("cds_client_admin");
        String admin = adminToken.path("access_token").asText();

        // 5. clients list: the object whose scope contains customer_data
        JsonNode customerData = null;
        for (JsonNode c : getJson(gw + "/cds-api/v1/clients", admin).path("clients")) {
            if (c.path("scope").asText().contains("customer_data")) {
                customerData = c;
                break;
            }
        }
        assertThat(customerData).as("client object with customer_data").isNotNull();
        String clientId = customerData.path("client_id").asText();

        // 6. PUT its redirect_uris (EDDIE sends only that member)
        JsonNode updated = json(given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("redirect_uris", List.of(callback))).put(customerData.path("cds_client_uri").asText())
                .then().statusCode(200).extract().response());
        assertThat(updated.path("redirect_uris")).extracting(JsonNode::asText).containsExactly(callback);

        // 7. credentials by client_ids
        JsonNode credentials = getJson(gw + "/cds-api/v1/credentials?client_ids=" + clientId, admin)
                .path("credentials");
        assertThat(credentials).hasSize(1);
        ClientObject client = new ClientObject(clientId, credentials.get(0).path("client_secret").asText(), updated);
        CdsClient app = CdsClient.registered(gw, adminId, adminSecret, admin);

        // 8. the client-specific metadata with the data API URLs under the names EDDIE reads
        JsonNode clientCds = getJson(customerData.path("cds_server_metadata").asText(), null);
        JsonNode clientAs = getJson(clientCds.path("oauth_metadata").asText(), null);
        Map<String, String> apis = new LinkedHashMap<>();
        for (String api : List.of("accounts", "servicecontracts", "servicepoints", "meterdevices", "usagesegments")) {
            String url = clientAs.path("cds_customerdata_" + api + "_api").asText();
            assertThat(url).as(api).startsWith(gw + "/cds/v1/");
            apis.put(api, url);
        }

        // 9. consent with scope customer_data (front channel), code at EDDIE's callback, tokens
        JsonNode tokens;
        try (Browser browser = Browser.start()) {
            tokens = consent(browser, stack, app, client, Map.of("scope", "customer_data"), false);
            assertThat(tokens.path("scope").asText().split(" "))
                    .contains("cds_accounts", "cds_service_contracts", "cds_meters", "cds_usage");
            assertThat(tokens.path("refresh_token").asText()).isNotBlank();

            // 10. the data EDDIE reads, through the URLs of the metadata
            String at = tokens.path("access_token").asText();
            DataChecks checks = new DataChecks(gw, data);
            String person = Consent.MARIA;
            checks.awaitList(at, path(apis.get("accounts")), "accounts", "cds_account_id",
                    data.ids(CdsIdKind.ACCOUNT, data.entities(person)));
            checks.awaitList(at, path(apis.get("servicecontracts")), "service_contracts", "cds_servicecontract_id",
                    data.ids(CdsIdKind.SERVICE_CONTRACT, data.contracts(person)));
            checks.awaitList(at, path(apis.get("servicepoints")), "service_points", "cds_servicepoint_id",
                    data.ids(CdsIdKind.SERVICE_POINT, data.servicePoints(person)));
            checks.awaitList(at, path(apis.get("meterdevices")), "meter_devices", "cds_meterdevice_id",
                    data.ids(CdsIdKind.METER_DEVICE, data.meters(person)));
            Instant start = DemoData.CHECK_DAY.atStartOfDay(DemoData.ZONE).toInstant();
            Instant end = DemoData.CHECK_DAY.plusDays(1).atStartOfDay(DemoData.ZONE).toInstant();
            JsonNode usage = checks.get(at, path(apis.get("usagesegments")) + "?before=" + start + "&after=" + end)
                    .path("usage_segments");
            List<JsonNode> days = new ArrayList<>();
            usage.forEach(s -> {
                if (s.path("interval").asInt() == 900) {
                    days.add(s);
                }
            });
            checks.checkDaySegmentOfMariasElectricMeter(CdsClient.JSON.valueToTree(days));

            // 11. a pushed authorization request with the granular consent scopes
            JsonNode parTokens = consent(browser, stack, app, client, Map.of("scope", "cds_accounts cds_usage"), true);
            assertThat(parTokens.path("scope").asText().split(" ")).contains("cds_accounts", "cds_usage")
                    .doesNotContain("cds_meters");
            Response meters = bearer(gw, parTokens.path("access_token").asText()).get("/cds/v1/meter-devices");
            assertThat(meters.statusCode()).as("cds_usage exposes meter devices: %s", meters.asString())
                    .isEqualTo(200);
        }

        // 12. the permission ends: EDDIE revokes the refresh token (RFC 7009), which then no longer works
        String refresh = tokens.path("refresh_token").asText();
        given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParams(Map.of("token", refresh, "token_type_hint", "refresh_token"))
                .post(gw + "/oauth/revoke").then().statusCode(200);
        Response refreshed = app.token(client, Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(refreshed.statusCode()).as(refreshed.asString()).isEqualTo(400);
        assertThat(json(refreshed).path("error").asText()).isEqualTo("invalid_grant");
    }

    /** Front-channel (or PAR) consent of Maria for all her accounts; the code arrives at the callback server. */
    private static JsonNode consent(Browser browser, E2eStack stack, CdsClient app, ClientObject client,
            Map<String, String> scope, boolean pushed) throws Exception {
        String gw = stack.gateway();
        Pkce pkce = Pkce.create();
        String state = UUID.randomUUID().toString();
        Map<String, String> params = Consent.authorizationRequest(client, callback, scope, state, pkce);
        String url;
        if (pushed) {
            Response par = given().auth().preemptive().basic(client.clientId(), client.secret())
                    .contentType(ContentType.URLENC).formParams(params).post(gw + "/oauth/par");
            assertThat(par.statusCode()).as(par.asString()).isEqualTo(201);
            url = CdsClient.authorizeUrl(gw, Map.of("client_id", client.clientId(),
                    "request_uri", json(par).path("request_uri").asText()));
        } else {
            url = CdsClient.authorizeUrl(gw, params);
        }
        callbacks.clear();
        browser.loginToForm(url, Consent.username(Consent.MARIA), stack.demoPassword());
        Consent.allAccounts(stack.data(), Consent.MARIA).forEach(browser::select);
        browser.driver().findElement(org.openqa.selenium.By.id("approve")).click();
        String landed = callbacks.poll(60, TimeUnit.SECONDS);
        assertThat(landed).as("EDDIE's callback was called").isNotNull();
        assertThat(CdsClient.param(landed, "state")).isEqualTo(state);
        return app.redeem(client, CdsClient.param(landed, "code"), callback, pkce.verifier());
    }

    /** The path and query of a public URL (the gateway's, as advertised). */
    private static String path(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
