package org.lfenergy.cds.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.lfenergy.cds.gateway.support.GrantEvents.grant;
import static org.lfenergy.cds.gateway.support.GrantEvents.newGrantId;
import static org.lfenergy.cds.gateway.support.GrantEvents.scope;
import static org.lfenergy.cds.gateway.support.GrantEvents.withStatus;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.access.AccessFilterCodec;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.GrantEvent;
import org.lfenergy.cds.contracts.grant.GrantStatus;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.contracts.grant.ScopeGrant;
import org.lfenergy.cds.gateway.messaging.GrantCache;
import org.lfenergy.cds.gateway.support.CdsTestClients;
import org.lfenergy.cds.gateway.support.CdsTestClients.TokenShape;
import org.lfenergy.cds.gateway.support.GatewayTestProfile;
import org.lfenergy.cds.gateway.support.Grants;
import org.lfenergy.cds.testing.RealInfrastructure;

/** Tokens and grants that must be refused, with RFC 6750 answers, and the rate limit. */
@QuarkusTest
@TestProfile(GatewayTestProfile.class)
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class GatewayAuthorizationTest {

    private static final Coverage ALL_ACCOUNTS = new Coverage(null, IdSelection.ALL, null, null, null, null);

    @Inject
    GrantCache cache;

    @Inject
    AccessFilterCodec codec;

    private static ScopeGrant queryAccounts() {
        return scope("cds_query_accounts", ALL_ACCOUNTS, IncludeField.ACCOUNTS);
    }

    /** An active cds_query_accounts grant of {@code client} and a matching token. */
    private String activeGrantToken(String client, GrantEvent[] grantOut) {
        GrantEvent g = Grants.publishAndAwait(cache, grant(newGrantId(), client, GrantStatus.ACTIVE, queryAccounts()));
        if (grantOut != null) {
            grantOut[0] = g;
        }
        return CdsTestClients.get().token(client, TokenShape.of(g.grantId(), "cds_query_accounts"));
    }

    private static ValidatableResponse accounts(String token) {
        return given().auth().oauth2(token).get("/cds/v1/accounts").then();
    }

    private static void assertInvalidToken(ValidatableResponse response) {
        response.statusCode(401).contentType("application/json")
                .header("WWW-Authenticate", containsString("Bearer realm=\"cds\""))
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("error", equalTo("invalid_token"))
                .body("error_description", not(org.hamcrest.Matchers.emptyOrNullString()));
    }

    private static void assertInsufficientScope(ValidatableResponse response) {
        response.statusCode(403).contentType("application/json")
                .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""))
                .body("error", equalTo("insufficient_scope"));
    }

    @Test
    void acceptsATokenOfAnActiveGrantThatCoversTheApi() {
        accounts(activeGrantToken("gw-test-ok", null)).statusCode(200).body("service", equalTo("billing"));
    }

    @Test
    void refusesARequestWithoutTokenWithABareBearerChallenge() {
        given().get("/cds/v1/accounts").then().statusCode(401).contentType("application/json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"cds\""))
                .body("error", equalTo("unauthorized"));
        given().header("Authorization", "Basic Zm9vOmJhcg==").get("/cds/v1/accounts").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"cds\""));
    }

    @Test
    void refusesAGarbageToken() {
        assertInvalidToken(accounts("not-a-jwt"));
    }

    @Test
    void refusesATamperedToken() {
        GrantEvent[] g = new GrantEvent[1];
        String token = activeGrantToken("gw-test-tampered", g);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("gw-test-tampered", "gw-test-tamperex");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        accounts(token).statusCode(200);
        assertInvalidToken(accounts(tampered));
    }

    @Test
    void refusesATokenWithAlgNone() {
        String token = activeGrantToken("gw-test-alg-none", null);
        String[] parts = token.split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        assertInvalidToken(accounts(header + "." + parts[1] + "."));
        assertInvalidToken(accounts(header + "." + parts[1] + "." + parts[2]));
    }

    @Test
    void refusesAnExpiredToken() throws InterruptedException {
        GrantEvent g = Grants.publishAndAwait(cache, grant(newGrantId(), "gw-test-expired", GrantStatus.ACTIVE,
                queryAccounts()));
        String token = CdsTestClients.get().token("gw-test-expired",
                TokenShape.of(g.grantId(), "cds_query_accounts").withLifespan(1));
        Thread.sleep(2_500);
        assertInvalidToken(accounts(token));
    }

    @Test
    void refusesACachedTokenOnceItHasExpired() throws InterruptedException {
        GrantEvent g = Grants.publishAndAwait(cache, grant(newGrantId(), "gw-test-expired-cached", GrantStatus.ACTIVE,
                queryAccounts()));
        String token = CdsTestClients.get().token("gw-test-expired-cached",
                TokenShape.of(g.grantId(), "cds_query_accounts").withLifespan(3));
        accounts(token).statusCode(200); // verified, and remembered until its exp
        accounts(token).statusCode(200);
        Thread.sleep(4_500);
        assertInvalidToken(accounts(token));
    }

    @Test
    void aTokenWithAnotherSignatureNeverPassesOnTheCachedGenuineOne() {
        String token = activeGrantToken("gw-test-resigned", null);
        accounts(token).statusCode(200);
        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 0x01;
        String flipped = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);

        assertInvalidToken(accounts(flipped));
        assertInvalidToken(accounts(parts[0] + "." + parts[1] + "."));
        assertInvalidToken(accounts(token + "A"));
        accounts(token).statusCode(200);
    }

    @Test
    void aGrantChangeReachesTheAccessFilterOfTheVeryNextRequest() {
        String client = "gw-test-filter-change";
        GrantEvent g = Grants.publishAndAwait(cache, grant(newGrantId(), client, GrantStatus.ACTIVE,
                scope("cds_query_accounts", new Coverage(null, IdSelection.ofIds(List.of("acc-1")), null, null, null,
                        null), IncludeField.ACCOUNTS)));
        String token = CdsTestClients.get().token(client, TokenShape.of(g.grantId(), "cds_query_accounts"));
        AccessFilter first = codec.verify(accounts(token).statusCode(200).extract().path("headers.x-cds-access-filter"));
        assertThat(first.coverage().accounts().ids()).containsExactly("acc-1");

        Grants.publishAndAwait(cache, new GrantEvent(g.grantId(), client, GrantStatus.ACTIVE,
                List.of(scope("cds_query_accounts", new Coverage(null, IdSelection.ofIds(List.of("acc-2")), null, null,
                        null, null), IncludeField.ACCOUNTS)), g.created(), g.modified(), null, null, null));

        AccessFilter next = codec.verify(accounts(token).statusCode(200).extract().path("headers.x-cds-access-filter"));
        assertThat(next.coverage().accounts().ids()).containsExactly("acc-2");
    }

    @Test
    void refusesATokenWithoutTheCdsAudience() {
        GrantEvent g = Grants.publishAndAwait(cache, grant(newGrantId(), "gw-test-audience", GrantStatus.ACTIVE,
                queryAccounts()));
        String token = CdsTestClients.get().token("gw-test-audience",
                TokenShape.of(g.grantId(), "cds_query_accounts").withAudience(null));
        assertInvalidToken(accounts(token));
        accounts(token).body("error_description", containsString("audience"));
    }

    @Test
    void refusesATokenOfAnotherClientThanTheGrants() {
        GrantEvent g = Grants.publishAndAwait(cache, grant(newGrantId(), "gw-test-owner", GrantStatus.ACTIVE,
                queryAccounts()));
        String foreign = CdsTestClients.get().token("gw-test-intruder", TokenShape.of(g.grantId(), "cds_query_accounts"));
        assertInsufficientScope(accounts(foreign));
        accounts(foreign).body("error_description", containsString("another client"));
    }

    @Test
    void refusesATokenBoundToNoGrant() {
        String token = CdsTestClients.get().token("gw-test-no-grant", TokenShape.of(null, "cds_query_accounts"));
        assertInsufficientScope(accounts(token));
    }

    @Test
    void refusesATokenOfAnUnknownGrant() {
        String token = CdsTestClients.get().token("gw-test-unknown", TokenShape.of(newGrantId(), "cds_query_accounts"));
        assertInvalidToken(accounts(token));
    }

    @Test
    void refusesAnApiTheGrantDoesNotCoverWithInsufficientScope() {
        String token = activeGrantToken("gw-test-scope", null);
        ValidatableResponse response = given().auth().oauth2(token).get("/cds/v1/usage-segments").then();
        assertInsufficientScope(response);
        response.header("WWW-Authenticate", containsString("scope=\"cds_usage cds_query_usage\""));
        accounts(token).statusCode(200);
    }

    @Test
    void refusesAGrantScopeTheTokenDoesNotCarry() {
        GrantEvent g = Grants.publishAndAwait(cache, grant(newGrantId(), "gw-test-narrow", GrantStatus.ACTIVE,
                queryAccounts()));
        String token = CdsTestClients.get().token("gw-test-narrow", TokenShape.of(g.grantId(), "cds_query_meter_devices"));
        assertInsufficientScope(accounts(token));
    }

    @Test
    void refusesADisabledScopeOfAPartialGrant() {
        ScopeGrant disabled = new ScopeGrant("cds_query_accounts", "cds_query_accounts", false, ALL_ACCOUNTS,
                java.util.Set.of(IncludeField.ACCOUNTS), null, null);
        GrantEvent g = Grants.publishAndAwait(cache, grant(newGrantId(), "gw-test-partial", GrantStatus.PARTIAL,
                disabled));
        String token = CdsTestClients.get().token("gw-test-partial", TokenShape.of(g.grantId(), "cds_query_accounts"));
        assertInsufficientScope(accounts(token));
    }

    @Test
    void closedGrantIsRefusedOnTheVeryNextRequestAfterItsEvent() {
        GrantEvent[] g = new GrantEvent[1];
        String token = activeGrantToken("gw-test-closed", g);
        accounts(token).statusCode(200);

        Grants.publishAndAwait(cache, withStatus(g[0], GrantStatus.CLOSED));

        assertInvalidToken(accounts(token));
        accounts(token).statusCode(401).body("error_description", containsString("closed"));
    }

    @Test
    void revokedGrantIsRefusedOnTheVeryNextRequestAfterItsEvent() {
        GrantEvent[] g = new GrantEvent[1];
        String token = activeGrantToken("gw-test-revoked", g);
        accounts(token).statusCode(200);

        Grants.publishAndAwait(cache, withStatus(g[0], GrantStatus.REVOKED));

        assertInvalidToken(accounts(token));
    }

    @Test
    void deletedGrantIsRefusedOnTheVeryNextRequestAfterItsTombstone() {
        GrantEvent[] g = new GrantEvent[1];
        String token = activeGrantToken("gw-test-deleted", g);
        accounts(token).statusCode(200);

        Grants.deleteAndAwait(cache, g[0].grantId());

        assertInvalidToken(accounts(token));
    }

    @Test
    void refusesAGrantThatIsNotYetValidOrHasExpired() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        GrantEvent future = new GrantEvent(newGrantId(), "gw-test-future", GrantStatus.ACTIVE, List.of(queryAccounts()),
                now, now, now.plusDays(1), null, null);
        Grants.publishAndAwait(cache, future);
        assertInvalidToken(accounts(CdsTestClients.get().token("gw-test-future",
                TokenShape.of(future.grantId(), "cds_query_accounts"))));

        GrantEvent expired = new GrantEvent(newGrantId(), "gw-test-ended", GrantStatus.ACTIVE, List.of(queryAccounts()),
                now, now, null, null, now.minusMinutes(1));
        Grants.publishAndAwait(cache, expired);
        assertInvalidToken(accounts(CdsTestClients.get().token("gw-test-ended",
                TokenShape.of(expired.grantId(), "cds_query_accounts"))));
    }

    @Test
    void limitsEachClientWith429AndRetryAfter() {
        // %test gives client gw-test-rate-limited a bucket of 3 refilled at one token per 20 s
        String token = activeGrantToken("gw-test-rate-limited", null);
        for (int i = 0; i < 3; i++) {
            accounts(token).statusCode(200);
        }
        String retryAfter = accounts(token).statusCode(429).contentType("application/json")
                .body("error", equalTo("rate_limited")).extract().header("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 20L);

        accounts(activeGrantToken("gw-test-other-client", null)).statusCode(200);
    }
}
