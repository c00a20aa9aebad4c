package org.lfenergy.cds.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lfenergy.cds.gateway.support.GrantEvents.grant;
import static org.lfenergy.cds.gateway.support.GrantEvents.newGrantId;
import static org.lfenergy.cds.gateway.support.GrantEvents.scope;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.GrantEvent;
import org.lfenergy.cds.contracts.grant.GrantStatus;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.gateway.health.GrantCacheReadiness;
import org.lfenergy.cds.gateway.messaging.GrantCache;
import org.lfenergy.cds.gateway.support.CdsTestClients;
import org.lfenergy.cds.gateway.support.CdsTestClients.TokenShape;
import org.lfenergy.cds.gateway.support.GatewayTestProfile;
import org.lfenergy.cds.gateway.support.Grants;
import org.lfenergy.cds.testing.Readiness;
import org.lfenergy.cds.testing.Traces;
import org.lfenergy.cds.testing.RealInfrastructure;

/** Readiness reports the grant cache; metrics report latency by route and status, and the cache size. */
@QuarkusTest
@TestProfile(GatewayTestProfile.class)
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class GatewayHealthAndMetricsTest {

    @Inject
    GrantCache cache;

    @Test
    void isReadyOnceTheGrantCacheHasCaughtUp() {
        // the cache reads the whole shared topic at start; this class may be the first to run after the start
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(cache::isCaughtUp);
        Readiness.assertReadyWithChecksUp(GrantCacheReadiness.NAME, "Kafka connection health check");
    }

    @Test
    void recordsLatencyByRouteAndStatusAndTheCacheSize() {
        GrantEvent g = Grants.publishAndAwait(cache, grant(newGrantId(), "gw-test-metrics", GrantStatus.ACTIVE,
                scope("cds_query_accounts", new Coverage(null, IdSelection.ALL, null, null, null, null),
                        IncludeField.ACCOUNTS)));
        String token = CdsTestClients.get().token("gw-test-metrics", TokenShape.of(g.grantId(), "cds_query_accounts"));
        given().auth().oauth2(token).get("/cds/v1/accounts").then().statusCode(200);
        given().auth().oauth2(token).get("/cds/v1/meter-devices").then().statusCode(403);
        given().get("/.well-known/oauth-authorization-server").then().statusCode(200);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).containsPattern(
                "cds_gateway_requests_seconds_count\\{[^}]*route=\"accounts\"[^}]*status=\"200\"[^}]*upstream=\"billing-service\"");
        assertThat(metrics).containsPattern("cds_gateway_requests_seconds_count\\{[^}]*route=\"meter-devices\"[^}]*status=\"403\"");
        assertThat(metrics).containsPattern("cds_gateway_requests_seconds_count\\{[^}]*route=\"auth\"[^}]*status=\"200\"");
        assertThat(metrics).containsPattern("cds_gateway_requests_seconds_bucket\\{");
        assertThat(metrics).containsPattern("cds_gateway_grants_cached(\\{[^}]*\\})? [1-9]");
    }

    @Test
    void theLatencyHistogramPointsAtARecordedTrace() {
        GrantEvent g = Grants.publishAndAwait(cache, grant(newGrantId(), "gw-test-exemplar", GrantStatus.ACTIVE,
                scope("cds_query_accounts", new Coverage(null, IdSelection.ALL, null, null, null, null),
                        IncludeField.ACCOUNTS)));
        String token = CdsTestClients.get().token("gw-test-exemplar", TokenShape.of(g.grantId(), "cds_query_accounts"));
        // the exemplar sampler keeps a bucket's exemplar for a few seconds, so earlier tests' requests may hold it:
        // call again until one of this test's traces is the exemplar
        Pattern exemplar = Pattern.compile("cds_gateway_requests_seconds_bucket\\{[^}]*route=\"accounts\"[^}]*\\}"
                + " [0-9.]+ # \\{[^}]*trace_id=\"([0-9a-f]{32})\"");
        List<String> sent = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            String traceId = Traces.newTraceId();
            sent.add(traceId);
            given().auth().oauth2(token).header(Traces.TRACEPARENT, Traces.traceparent(traceId, Traces.newSpanId()))
                    .get("/cds/v1/accounts").then().statusCode(200);
            String metrics = given().header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8")
                    .get("/q/metrics").then().statusCode(200).extract().asString();
            Matcher m = exemplar.matcher(metrics);
            while (m.find()) {
                if (sent.contains(m.group(1))) {
                    return true;
                }
            }
            return false;
        });
    }

    @Test
    void timesEachRequestInOneMetricOnly() {
        given().get("/.well-known/oauth-authorization-server").then().statusCode(200);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).containsPattern("cds_gateway_requests_seconds_count\\{[^}]*route=\"auth\"");
        // Quarkus' own http.server.requests is off in the gateway: no second timer per request
        assertThat(metrics).doesNotContain("http_server_requests_seconds");
    }
}
