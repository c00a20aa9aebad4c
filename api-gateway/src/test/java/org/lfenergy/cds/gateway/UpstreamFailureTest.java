package org.lfenergy.cds.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.lfenergy.cds.gateway.support.GrantEvents.grant;
import static org.lfenergy.cds.gateway.support.GrantEvents.newGrantId;
import static org.lfenergy.cds.gateway.support.GrantEvents.scope;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.GrantEvent;
import org.lfenergy.cds.contracts.grant.GrantStatus;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.gateway.messaging.GrantCache;
import org.lfenergy.cds.gateway.service.CircuitBreaker;
import org.lfenergy.cds.gateway.service.UpstreamProxy;
import org.lfenergy.cds.gateway.service.UpstreamService;
import org.lfenergy.cds.gateway.support.CdsTestClients;
import org.lfenergy.cds.gateway.support.CdsTestClients.TokenShape;
import org.lfenergy.cds.gateway.support.GatewayTestProfile;
import org.lfenergy.cds.gateway.support.Grants;
import org.lfenergy.cds.gateway.support.TestServers;
import org.lfenergy.cds.testing.RealInfrastructure;

/** A service that is down, failing or slow gets a JSON 502/503/504, and only its own routes suffer. */
@QuarkusTest
@TestProfile(GatewayTestProfile.class)
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class UpstreamFailureTest {

    private static String token;

    @Inject
    GrantCache cache;

    @Inject
    UpstreamProxy proxy;

    @TestHTTPResource("/")
    URI gateway;

    @BeforeEach
    void grantForMetersAndAccounts() {
        if (token == null) {
            Coverage all = new Coverage(null, IdSelection.ALL, null, null, IdSelection.ALL, null);
            GrantEvent g = Grants.publishAndAwait(cache, grant(newGrantId(), "gw-test-failures", GrantStatus.ACTIVE,
                    scope("cds_query_meter_devices", all, IncludeField.METER_DEVICES),
                    scope("cds_query_accounts", all, IncludeField.ACCOUNTS)));
            token = CdsTestClients.get().token("gw-test-failures",
                    TokenShape.of(g.grantId(), "cds_query_meter_devices", "cds_query_accounts"));
        }
    }

    @AfterEach
    void serviceBackAndBreakersClosed() {
        TestServers.restart(UpstreamService.USAGE);
        for (UpstreamService s : UpstreamService.values()) {
            proxy.resetBreaker(s);
        }
    }

    @Test
    void answers502JsonWhenTheServiceIsDown() {
        TestServers.stop(UpstreamService.USAGE);

        given().auth().oauth2(token).get("/cds/v1/meter-devices").then()
                .statusCode(502).contentType("application/json")
                .body("error", equalTo("bad_gateway"))
                .body("error_description", equalTo("usage-service is unreachable"));
    }

    @Test
    void opensTheCircuitAfterRepeatedFailuresAndAnswers503WithRetryAfter() {
        TestServers.stop(UpstreamService.USAGE);
        // %test: the usage breaker opens after 4 calls with at least half failed
        for (int i = 0; i < 4; i++) {
            given().auth().oauth2(token).get("/cds/v1/meter-devices").then().statusCode(502);
        }
        String retryAfter = given().auth().oauth2(token).get("/cds/v1/meter-devices").then()
                .statusCode(503).contentType("application/json")
                .body("error", equalTo("temporarily_unavailable"))
                .extract().header("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isPositive();

        given().auth().oauth2(token).get("/cds/v1/accounts").then().statusCode(200).body("service", equalTo("billing"));

        TestServers.restart(UpstreamService.USAGE);
        given().auth().oauth2(token).get("/cds/v1/meter-devices").then().statusCode(503);
        assertThat(proxy.breakerState(UpstreamService.USAGE)).isEqualTo(CircuitBreaker.State.OPEN);
        proxy.resetBreaker(UpstreamService.USAGE);
        given().auth().oauth2(token).get("/cds/v1/meter-devices").then().statusCode(200);
    }

    @Test
    void errorAnswersReachHttp2ClientsToo() throws Exception {
        // Found by the load drill: over HTTP/2 (h2c here, h2 behind a TLS ingress) a fully read request refused
        // resume() in the error path, so a 502/504/401 was never written and the client waited for its own timeout.
        TestServers.stop(UpstreamService.USAGE);
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < 2; i++) { // the first request upgrades the connection, the second is a stream on it
            HttpResponse<String> down = h2.send(HttpRequest.newBuilder(gateway.resolve("/cds/v1/meter-devices"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(down.version()).as("request %d", i).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(down.statusCode()).as("request %d: %s", i, down.body()).isEqualTo(502);
            assertThat(down.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/json"));
            assertThat(json.readTree(down.body()).path("error").asText()).isEqualTo("bad_gateway");

            HttpResponse<String> noToken = h2.send(HttpRequest.newBuilder(gateway.resolve("/cds/v1/accounts"))
                    .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(noToken.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(noToken.statusCode()).as("request %d: %s", i, noToken.body()).isEqualTo(401);
            assertThat(json.readTree(noToken.body()).path("error").asText()).isNotBlank();
        }
        HttpResponse<String> ok = h2.send(HttpRequest.newBuilder(gateway.resolve("/cds/v1/accounts"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(json.readTree(ok.body()).path("service").asText()).isEqualTo("billing");
    }

    @Test
    void answers504WhenTheServiceIsTooSlow() {
        // %test: usage-service gets 2 s to start answering
        given().auth().oauth2(token).header("X-Test-Delay-Ms", "4000").get("/cds/v1/meter-devices").then()
                .statusCode(504).contentType("application/json")
                .body("error", equalTo("gateway_timeout"));
    }

    @Test
    void authRoutesAnswer502JsonWhenAuthServiceIsDown() {
        TestServers.stop(UpstreamService.AUTH);
        try {
            given().get("/.well-known/oauth-authorization-server").then()
                    .statusCode(502).contentType("application/json").body("error", equalTo("bad_gateway"));
        } finally {
            TestServers.restart(UpstreamService.AUTH);
        }
    }
}
