package org.lfenergy.cds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lfenergy.cds.e2e.support.CdsClient.bearer;
import static org.lfenergy.cds.e2e.support.CdsClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lfenergy.cds.contracts.id.CdsIdKind;
import org.lfenergy.cds.e2e.support.Browser;
import org.lfenergy.cds.e2e.support.CdsClient;
import org.lfenergy.cds.e2e.support.CdsClient.ClientObject;
import org.lfenergy.cds.e2e.support.Consent;
import org.lfenergy.cds.e2e.support.DataChecks;
import org.lfenergy.cds.e2e.support.DemoData;
import org.lfenergy.cds.e2e.support.E2eStack;
import org.lfenergy.cds.testing.KeycloakTestClients;

/**
 * What a token may see, through the gateway and the real services: scope × API (403 insufficient_scope outside the
 * grant's scopes), selection (only the selected objects), include flags (gated fields left out), customer
 * isolation (customer A's token never returns customer B's objects, even when B's ids or numbers are the filter),
 * and tokens that must fail with the RFC 6750 answers (none, tampered, alg=none, expired, wrong audience, refresh
 * token as bearer, closed grant).
 */
@ExtendWith(E2eStack.Extension.class)
class SecurityMatrixTest {

    static final String SCOPES = "cds_accounts cds_service_contracts cds_bill_statements cds_service_bills"
            + " cds_meters cds_usage";
    /** Every data API; each scope set below exposes some of them. */
    static final List<String> APIS = List.of("accounts", "service-contracts", "bill-statements", "bill-sections",
            "service-points", "meter-devices", "usage-segments", "aggregations", "eacs");

    static E2eStack stack;
    static DemoData data;
    static DataChecks checks;
    static String gw;
    static CdsClient app;
    static ClientObject consent;
    static Browser browser;
    static Consent.Approval maria;
    static Consent.Approval james;

    @BeforeAll
    static void twoCustomersConsentToEverything() {
        stack = E2eStack.get();
        data = stack.data();
        gw = stack.gateway();
        checks = new DataChecks(gw, data);
        app = CdsClient.register(gw, "cds_client_admin " + SCOPES);
        consent = app.objectWithScope("cds_accounts");
        browser = Browser.start();
        maria = approve(Map.of("scope", SCOPES), Consent.MARIA, Consent.allAccounts(data, Consent.MARIA));
        james = approve(Map.of("scope", SCOPES), Consent.JAMES, Consent.allAccounts(data, Consent.JAMES));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    static Consent.Approval approve(Map<String, String> request, String person, List<String> boxes) {
        return Consent.approve(browser, stack, app, consent, consent.defaultRedirectUri(), request, person, boxes);
    }

    // ------------------------------------------------------------------------------------------- scope x API

    @Test
    void eachScopeSetOpensExactlyTheApisItsIncludeFieldsExpose() {
        Map<String, Set<String>> open = Map.of(
                "cds_accounts", Set.of("accounts", "aggregations"),
                "cds_service_contracts cds_usage", Set.of("accounts", "service-contracts", "service-points",
                        "meter-devices", "usage-segments", "bill-sections", "aggregations"),
                // a statement belongs to an account: the scope type includes accounts (WG3 §6, implicit true)
                "cds_bill_statements", Set.of("bill-statements", "accounts"));
        for (var e : open.entrySet()) {
            String token = approve(Map.of("scope", e.getKey()), Consent.MARIA,
                    Consent.allAccounts(data, Consent.MARIA)).accessToken();
            for (String api : APIS) {
                Response r = bearer(gw, token).get("/cds/v1/" + api);
                if (e.getValue().contains(api)) {
                    assertThat(r.statusCode()).as("%s with %s: %s", api, e.getKey(), r.asString()).isNotIn(401, 403);
                } else {
                    assertThat(r.statusCode()).as("%s with %s: %s", api, e.getKey(), r.asString()).isEqualTo(403);
                    assertThat(r.header("WWW-Authenticate")).startsWith("Bearer realm=\"cds\"")
                            .contains("error=\"insufficient_scope\"");
                    assertThat(json(r).path("error").asText()).isEqualTo("insufficient_scope");
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------- selection

    @Test
    void selectingOneServiceContractShowsOnlyThatContractItsPointItsMetersAndItsUsage() {
        String electric = data.customers.stream().filter(c -> c.meterAccountId()
                .equals(Consent.MARIA_ELECTRIC_METER_ACCOUNT)).findFirst().orElseThrow().contractId();
        String token = approve(Map.of("scope", "cds_service_contracts cds_usage"), Consent.MARIA,
                List.of("contract-" + electric)).accessToken();
        String point = data.customers.stream().filter(c -> c.contractId().equals(electric)).findFirst().orElseThrow()
                .servicePointId();

        checks.awaitList(token, "/cds/v1/service-contracts", "service_contracts", "cds_servicecontract_id",
                List.of(data.id(CdsIdKind.SERVICE_CONTRACT, electric)));
        checks.awaitList(token, "/cds/v1/service-points", "service_points", "cds_servicepoint_id",
                List.of(data.id(CdsIdKind.SERVICE_POINT, point)));
        JsonNode meters = checks.get(token, "/cds/v1/meter-devices").path("meter_devices");
        assertThat(meters).extracting(m -> m.path("meter_number").asText()).contains(Consent.MARIA_ELECTRIC_METER)
                .allMatch(n -> n.startsWith("E"), "electric meters only (the gas contract was not selected)");
        JsonNode day = checks.usageOfDay(token, DemoData.CHECK_DAY, "");
        assertThat(day).allSatisfy(s -> assertThat(s.path("related_servicepoints")).extracting(JsonNode::asText)
                .containsExactly(data.id(CdsIdKind.SERVICE_POINT, point)));
        checks.checkDaySegmentOfMariasElectricMeter(day);
    }

    @Test
    void includeAccountNumbersFalseLeavesTheNumbersOutAndIncludeAccountDetailsTrueAddsTheName() {
        String token = approve(Map.of("authorization_details",
                        "[{\"type\":\"cds_accounts\",\"include_account_numbers\":false,\"include_account_details\":true}]"),
                Consent.MARIA, Consent.allAccounts(data, Consent.MARIA)).accessToken();
        JsonNode accounts = checks.awaitList(token, "/cds/v1/accounts", "accounts", "cds_account_id",
                data.ids(CdsIdKind.ACCOUNT, data.entities(Consent.MARIA)));
        assertThat(accounts).allSatisfy(a -> {
            assertThat(a.has("account_number")).as("account_number in %s", a).isFalse();
            assertThat(a.has("customer_number")).as("customer_number in %s", a).isFalse();
            assertThat(a.path("account_name").asText()).isNotBlank();
        });
        // a number filter cannot be used to probe numbers the token may not see
        String entity = data.entities(Consent.MARIA).iterator().next();
        Response byNumber = bearer(gw, token).get("/cds/v1/accounts?account_numbers=" + entity);
        assertThat(byNumber.statusCode()).as(byNumber.asString()).isIn(200, 400);
        if (byNumber.statusCode() == 200) {
            assertThat(json(byNumber).path("accounts")).isEmpty();
        }
    }

    // ------------------------------------------------------------------------------------------- isolation

    @Test
    void customerATokenNeverReturnsCustomerBObjectsEvenWithBIdsOrNumbersAsFilters() {
        isolation(maria.accessToken(), Consent.MARIA, Consent.JAMES);
        isolation(james.accessToken(), Consent.JAMES, Consent.MARIA);
    }

    private void isolation(String token, String self, String other) {
        // the token sees its own objects (so an empty answer below is the filter's doing, not missing data)
        checks.awaitList(token, "/cds/v1/accounts", "accounts", "cds_account_id",
                data.ids(CdsIdKind.ACCOUNT, data.entities(self)));
        String day = "&before=" + DemoData.CHECK_DAY.atStartOfDay(DemoData.ZONE).toInstant() + "&after="
                + DemoData.CHECK_DAY.plusDays(1).atStartOfDay(DemoData.ZONE).toInstant();
        Map<String, String> probes = new java.util.LinkedHashMap<>();
        probes.put("accounts?cds_account_ids=" + join(data.ids(CdsIdKind.ACCOUNT, data.entities(other))), "accounts");
        probes.put("accounts?account_numbers=" + join(data.entities(other)), "accounts");
        probes.put("accounts?customer_numbers=" + other, "accounts");
        probes.put("service-contracts?cds_servicecontract_ids="
                + join(data.ids(CdsIdKind.SERVICE_CONTRACT, data.contracts(other))), "service_contracts");
        probes.put("service-contracts?contract_numbers=" + join(data.contracts(other)), "service_contracts");
        probes.put("bill-sections?cds_account_ids=" + join(data.ids(CdsIdKind.ACCOUNT, data.entities(other))),
                "bill_sections");
        probes.put("bill-statements?cds_account_ids=" + join(data.ids(CdsIdKind.ACCOUNT, data.entities(other))),
                "bill_statements");
        probes.put("service-points?servicepoint_numbers=" + join(data.servicePoints(other)), "service_points");
        probes.put("service-points?cds_servicepoint_ids="
                + join(data.ids(CdsIdKind.SERVICE_POINT, data.servicePoints(other))), "service_points");
        for (String meter : data.meters(other)) { // meter_number takes one number
            probes.put("meter-devices?meter_number=" + meter, "meter_devices");
        }
        probes.put("meter-devices?cds_meterdevice_ids=" + join(data.ids(CdsIdKind.METER_DEVICE, data.meters(other))),
                "meter_devices");
        probes.put("usage-segments?servicepoint_numbers=" + join(data.servicePoints(other)) + day, "usage_segments");
        probes.put("usage-segments?meter_numbers=" + join(data.meters(other)) + day, "usage_segments");
        probes.put("usage-segments?cds_account_ids=" + join(data.ids(CdsIdKind.ACCOUNT, data.entities(other))) + day,
                "usage_segments");
        for (var p : probes.entrySet()) {
            JsonNode list = checks.get(token, "/cds/v1/" + p.getKey()).path(p.getValue());
            assertThat(list).as("%s with %s's token", p.getKey(), self).isEmpty();
        }
        // own and other ids together: only the own ones come back
        Set<String> own = data.ids(CdsIdKind.ACCOUNT, data.entities(self));
        Set<String> mixed = new java.util.LinkedHashSet<>(own);
        mixed.addAll(data.ids(CdsIdKind.ACCOUNT, data.entities(other)));
        assertThat(checks.get(token, "/cds/v1/accounts?cds_account_ids=" + join(mixed)).path("accounts"))
                .extracting(a -> a.path("cds_account_id").asText()).containsExactlyInAnyOrderElementsOf(own);
        // unfiltered listings hold none of the other customer's objects either
        Set<String> foreignPoints = data.ids(CdsIdKind.SERVICE_POINT, data.servicePoints(other));
        assertThat(checks.get(token, "/cds/v1/service-points").path("service_points"))
                .extracting(s -> s.path("cds_servicepoint_id").asText()).doesNotContainAnyElementsOf(foreignPoints);
        Set<String> foreignMeters = data.ids(CdsIdKind.METER_DEVICE, data.meters(other));
        assertThat(checks.get(token, "/cds/v1/meter-devices").path("meter_devices"))
                .extracting(s -> s.path("cds_meterdevice_id").asText()).doesNotContainAnyElementsOf(foreignMeters);
    }

    /** A space-separated id list (RestAssured encodes the query; the mixed-list check shows lists are read). */
    private static String join(Set<String> values) {
        return String.join(" ", values);
    }

    // ------------------------------------------------------------------------------------------- bad tokens

    @Test
    void noTokenIs401WithABareBearerChallenge() {
        Response r = io.restassured.RestAssured.given().baseUri(gw).get("/cds/v1/accounts");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"cds\"");
        assertThat(json(r).path("error").asText()).isEqualTo("unauthorized");
    }

    @Test
    void tamperedTokenClaimingAnotherCustomersGrantIs401InvalidToken() {
        String[] parts = maria.accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(maria.grantId(), james.grantId());
        assertThat(payload).contains(james.grantId());
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        invalidToken(forged);
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        invalidToken(unsigned);
    }

    @Test
    void refreshTokenUsedAsBearerIs401InvalidToken() {
        invalidToken(maria.tokens().path("refresh_token").asText());
    }

    @Test
    void tokenOfTheRealmWithoutTheCdsApiAudienceIs401InvalidToken() {
        KeycloakTestClients keycloak = KeycloakTestClients.ofLocalStack();
        String secret = keycloak.createServiceClient("cds-e2e-wrong-audience");
        invalidToken(keycloak.clientCredentialsToken("cds-e2e-wrong-audience", secret));
    }

    @Test
    void expiredTokenIs401InvalidToken() throws Exception {
        CdsClient direct = CdsClient.register(gw, "cds_client_admin cds_query_accounts");
        ClientObject query = direct.objectWithScope("cds_query_accounts");
        shortTokenLifespan(query.clientId(), 2);
        String token = direct.clientCredentials(query, "cds_query_accounts", null).path("access_token").asText();
        long exp = CdsClient.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("exp").asLong();
        assertThat(exp).isLessThanOrEqualTo(Instant.now().getEpochSecond() + 2);
        assertThat(bearer(gw, token).get("/cds/v1/accounts?limit=1").statusCode()).isEqualTo(200);
        while (Instant.now().getEpochSecond() <= exp + 1) {
            Thread.sleep(250);
        }
        invalidToken(token);
    }

    @Test
    void closedGrantIsRefusedOnTheVeryNextCall() {
        CdsClient direct = CdsClient.register(gw, "cds_client_admin cds_query_accounts");
        ClientObject query = direct.objectWithScope("cds_query_accounts");
        JsonNode issued = direct.clientCredentials(query, "cds_query_accounts", null);
        String token = issued.path("access_token").asText();
        String grant = issued.path("cds_grant_ids").get(0).asText();
        Response before = bearer(gw, token).get("/cds/v1/accounts?limit=1");
        assertThat(before.statusCode()).as(before.asString()).isEqualTo(200);

        io.restassured.RestAssured.given().baseUri(gw).auth().oauth2(direct.adminToken).contentType(ContentType.JSON)
                .body(Map.of("status", "closed")).patch("/cds-api/v1/grants/" + grant).then().statusCode(200);

        invalidToken(token);
    }

    private static void invalidToken(String token) {
        Response r = bearer(gw, token).get("/cds/v1/accounts");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer realm=\"cds\"")
                .contains("error=\"invalid_token\"");
        assertThat(json(r).path("error").asText()).isEqualTo("invalid_token");
        assertThat(r.header("Cache-Control")).contains("no-store");
    }

    /** Keycloak's per-client access-token lifespan (seconds) of a registered client (admin REST API). */
    private static void shortTokenLifespan(String clientId, int seconds) {
        var infra = stack.infrastructure();
        String admin = io.restassured.RestAssured.given().baseUri(infra.keycloakUrl()).contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin",
                        "password", infra.keycloakAdminPassword()))
                .post("/realms/master/protocol/openid-connect/token").then().statusCode(200).extract()
                .path("access_token");
        String id = io.restassured.RestAssured.given().baseUri(infra.keycloakUrl()).auth().oauth2(admin)
                .queryParam("clientId", clientId).get("/admin/realms/cds/clients").then().statusCode(200).extract()
                .path("[0].id");
        Map<String, Object> rep = io.restassured.RestAssured.given().baseUri(infra.keycloakUrl()).auth().oauth2(admin)
                .get("/admin/realms/cds/clients/" + id).then().statusCode(200).extract().as(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = new java.util.HashMap<>((Map<String, Object>) rep.getOrDefault("attributes",
                Map.of()));
        attributes.put("access.token.lifespan", String.valueOf(seconds));
        Map<String, Object> updated = new java.util.HashMap<>(rep);
        updated.put("attributes", attributes);
        io.restassured.RestAssured.given().baseUri(infra.keycloakUrl()).auth().oauth2(admin)
                .contentType(ContentType.JSON).body(updated).put("/admin/realms/cds/clients/" + id)
                .then().statusCode(204);
    }
}
