package org.lfenergy.cds.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.lfenergy.cds.gateway.support.GrantEvents.grant;
import static org.lfenergy.cds.gateway.support.GrantEvents.newGrantId;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.access.AccessFilterCodec;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.DateWindows;
import org.lfenergy.cds.contracts.grant.GrantEvent;
import org.lfenergy.cds.contracts.grant.GrantStatus;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.contracts.grant.ScopeGrant;
import org.lfenergy.cds.gateway.messaging.GrantCache;
import org.lfenergy.cds.gateway.service.DataApi;
import org.lfenergy.cds.gateway.support.CdsTestClients;
import org.lfenergy.cds.gateway.support.CdsTestClients.TokenShape;
import org.lfenergy.cds.gateway.support.GatewayTestProfile;
import org.lfenergy.cds.gateway.support.Grants;
import org.lfenergy.cds.testing.RealInfrastructure;
import org.lfenergy.cds.testing.Traces;

/** Every public path reaches the right service with the right method, path, query, headers and body. */
@QuarkusTest
@TestProfile(GatewayTestProfile.class)
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class GatewayRoutingTest {

    private static final String CLIENT = "gw-test-routing";
    private static final String SCOPE = "gwtest_all_apis";
    private static String token;
    private static GrantEvent grant;

    @Inject
    GrantCache cache;

    @Inject
    AccessFilterCodec codec;

    @Inject
    InMemorySpanExporter spans;

    @TestHTTPResource("/")
    URL gateway;

    @Inject
    io.vertx.core.Vertx vertx;

    @BeforeEach
    void grantCoveringEveryApi() {
        if (token == null) {
            Coverage everything = new Coverage(null, IdSelection.ALL, IdSelection.ALL, IdSelection.ALL, IdSelection.ALL,
                    IdSelection.ALL);
            Set<IncludeField> all = EnumSet.allOf(IncludeField.class);
            all.remove(IncludeField.UNKNOWN);
            grant = Grants.publishAndAwait(cache, grant(newGrantId(), CLIENT, GrantStatus.ACTIVE,
                    new ScopeGrant(SCOPE, SCOPE, true, everything, all, List.of(), DateWindows.UNBOUNDED)));
            token = CdsTestClients.get().token(CLIENT, TokenShape.of(grant.grantId(), SCOPE));
        }
    }

    @Test
    void aCallersTraceContinuesThroughTheGatewayIntoTheService() {
        String traceId = Traces.newTraceId();
        String callerSpanId = Traces.newSpanId();

        JsonPath echo = given().auth().oauth2(token).header(Traces.TRACEPARENT, Traces.traceparent(traceId, callerSpanId))
                .get(DataApi.values()[0].path()).then().statusCode(200).extract().jsonPath();

        String forwarded = echo.getString("headers.traceparent");
        assertThat(forwarded).as("the service receives the trace once, from the gateway's own span")
                .matches("00-" + traceId + "-[0-9a-f]{16}-01");
        String forwardedParent = forwarded.split("-")[2];
        List<SpanData> trace = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList(),
                        l -> l.stream().anyMatch(s -> s.getKind() == SpanKind.CLIENT)
                                && l.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER));
        SpanData server = trace.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        SpanData client = trace.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        assertThat(server.getParentSpanId()).isEqualTo(callerSpanId);
        assertThat(client.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(forwardedParent).as("the service's parent is the gateway's call to it").isEqualTo(client.getSpanId());
    }

    @Test
    void recordsTheRouteAndStatusOnTheGatewaysSpans() {
        String traceId = Traces.newTraceId();

        given().auth().oauth2(token).header(Traces.TRACEPARENT, Traces.traceparent(traceId, Traces.newSpanId()))
                .get(DataApi.ACCOUNTS_API.path()).then().statusCode(200);

        List<SpanData> trace = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList(),
                        l -> l.stream().anyMatch(s -> s.getKind() == SpanKind.CLIENT)
                                && l.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER));
        SpanData server = trace.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        SpanData client = trace.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        assertThat(server.getName()).isEqualTo("GET " + DataApi.ACCOUNTS_API.path());
        assertThat(server.getAttributes().get(AttributeKey.stringKey("http.route"))).isEqualTo(DataApi.ACCOUNTS_API.path());
        assertThat(server.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
        assertThat(client.getAttributes().get(AttributeKey.stringKey("cds.upstream"))).isEqualTo("billing-service");
        assertThat(client.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
        assertThat(client.getAttributes().get(AttributeKey.stringKey("url.full"))).endsWith(DataApi.ACCOUNTS_API.path());
    }

    @Test
    void anUnsampledCallersTraceIsPassedOnUnsampledAndRecordsNothing() {
        String traceId = Traces.newTraceId();
        String callerSpanId = Traces.newSpanId();

        JsonPath echo = given().auth().oauth2(token)
                .header(Traces.TRACEPARENT, "00-" + traceId + "-" + callerSpanId + "-00")
                .get(DataApi.ACCOUNTS_API.path()).then().statusCode(200).extract().jsonPath();

        // the service gets the same trace, not sampled, with the gateway's (unrecorded) span as parent
        assertThat(echo.getString("headers.traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-00")
                .doesNotContain(callerSpanId);
        // a sampled request after it is exported; the unsampled one never is
        String sampledTrace = Traces.newTraceId();
        given().auth().oauth2(token).header(Traces.TRACEPARENT, Traces.traceparent(sampledTrace, Traces.newSpanId()))
                .get(DataApi.ACCOUNTS_API.path()).then().statusCode(200);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(sampledTrace)).toList(),
                        l -> l.stream().anyMatch(s -> s.getKind() == SpanKind.CLIENT)
                                && l.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER));
        assertThat(spans.getFinishedSpanItems()).noneMatch(s -> s.getTraceId().equals(traceId));
    }

    @ParameterizedTest
    @EnumSource(DataApi.class)
    void routesEachDataApiToItsServiceWithPathAndQueryUnchanged(DataApi api) {
        JsonPath echo = given().urlEncodingEnabled(false).auth().oauth2(token)
                .get(api.path() + "?cds_account_ids=a%20b&after=2024-01-01T00:00:00Z")
                .then().statusCode(200).extract().jsonPath();

        assertThat(echo.getString("service")).isEqualTo(api.upstream().name().toLowerCase(Locale.ROOT));
        assertThat(echo.getString("method")).isEqualTo("GET");
        assertThat(echo.getString("path")).isEqualTo(api.path());
        assertThat(echo.getString("query")).isEqualTo("cds_account_ids=a%20b&after=2024-01-01T00:00:00Z");
        assertThat(echo.getMap("headers")).doesNotContainKeys("authorization", "cookie");
        AccessFilter filter = codec.verify(echo.getString("headers.x-cds-access-filter"));
        assertThat(filter.grantId()).isEqualTo(grant.grantId());
        assertThat(filter.gridxClient()).isEqualTo(GatewayTestProfile.GRIDX_CLIENT);
    }

    @Test
    void routesPathsBelowADataApiToTheSameService() {
        given().auth().oauth2(token).get("/cds/v1/bill-statements/abc/file")
                .then().statusCode(200).body("service", equalTo("billing"))
                .body("path", equalTo("/cds/v1/bill-statements/abc/file"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/.well-known/cds-server-metadata.json", "/.well-known/oauth-authorization-server",
            "/oauth/authorize", "/oauth/register", "/cds-api/v1/coverage", "/cds-api/v1/clients/abc/cds-server-metadata",
            "/docs/auth"})
    void routesAuthPathsToAuthServiceWithCredentialsUnchanged(String path) {
        given().header("Authorization", "Bearer opaque-admin-token").header("Cookie", "KC=1").queryParam("x", "1")
                .get(path)
                .then().statusCode(200)
                .body("service", equalTo("auth"))
                .body("path", equalTo(path))
                .body("query", equalTo("x=1"))
                .body("headers.authorization", equalTo("Bearer opaque-admin-token"))
                .body("headers.cookie", equalTo("KC=1"));
    }

    @Test
    void forwardsMethodAndBodyToAuthService() {
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .post("/oauth/token")
                .then().statusCode(200)
                .body("method", equalTo("POST"))
                .body("body", equalTo("grant_type=client_credentials"))
                .body("headers.content-type", equalTo("application/x-www-form-urlencoded; charset=ISO-8859-1"));
    }

    @Test
    void neverPassesOnAnAccessFilterSentByTheClient() {
        given().header(AccessFilter.HEADER, "forged.value").get("/.well-known/oauth-authorization-server")
                .then().statusCode(200).body("headers", org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.hasKey("x-cds-access-filter")));

        String forwarded = given().auth().oauth2(token).header(AccessFilter.HEADER, "forged.value")
                .get("/cds/v1/accounts").then().statusCode(200).extract().path("headers.x-cds-access-filter");
        assertThat(codec.verify(forwarded).grantId()).isEqualTo(grant.grantId());
    }

    @Test
    void addsForwardingHeaders() {
        given().auth().oauth2(token).get("/cds/v1/accounts").then().statusCode(200)
                .body("headers.x-forwarded-for", equalTo("127.0.0.1"))
                .body("headers.x-forwarded-proto", equalTo("http"));
    }

    @Test
    void answersAnUnknownDataApiWith404Json() {
        given().auth().oauth2(token).get("/cds/v1/customers")
                .then().statusCode(404).contentType("application/json").body("error", equalTo("not_found"));
    }

    @Test
    void passesStatusAndHeadersOfTheServiceThrough() {
        given().auth().oauth2(token).header("X-Test-Status", "418").get("/cds/v1/eacs")
                .then().statusCode(418).header("X-Upstream", "USAGE").body("service", equalTo("usage"));
    }

    @Test
    void streamsALargeResponseIntact() {
        int size = 24 * 1024 * 1024 + 123;
        byte[] body = given().auth().oauth2(token).header("X-Test-Bytes", Integer.toString(size))
                .get("/cds/v1/usage-segments").then().statusCode(200).extract().asByteArray();
        assertThat(body).hasSize(size);
        for (int i = 0; i < size; i += 4099) {
            assertThat(body[i]).isEqualTo((byte) ((i % (64 * 1024)) % 251));
        }
    }

    @Test
    void accessFilterCarriesExactlyTheGrantsCoverageFlagsFormatsAndWindows() {
        String client = "gw-test-filter";
        Coverage coverage = new Coverage(null, IdSelection.ofNumbers(List.of("ACC-1", "ACC-2")), IdSelection.NONE,
                new IdSelection(false, true, List.of("sp_1"), List.of()), IdSelection.ofIds(List.of("md_1", "md_2")),
                IdSelection.NONE);
        DateWindows windows = new DateWindows(OffsetDateTime.parse("2025-06-30T00:00:00Z"), null, null,
                LocalDate.parse("2024-01-01"), null, OffsetDateTime.parse("2024-01-01T00:00:00-08:00"),
                OffsetDateTime.parse("2025-01-01T00:00:00-08:00"));
        ScopeGrant usage = new ScopeGrant("cds_query_usage", "cds_query_usage", true, coverage,
                EnumSet.of(IncludeField.USAGE_SEGMENTS, IncludeField.USAGE_SEGMENT_VALUE_TYPES, IncludeField.METER_NUMBERS),
                List.of("electric_intervals_01"), windows);
        ScopeGrant disabled = new ScopeGrant("cds_query_accounts", "cds_query_accounts", false,
                new Coverage(null, IdSelection.ALL, null, null, null, null), EnumSet.of(IncludeField.ACCOUNTS), null,
                DateWindows.UNBOUNDED);
        GrantEvent g = Grants.publishAndAwait(cache, grant(newGrantId(), client, GrantStatus.ACTIVE, usage, disabled));
        String t = CdsTestClients.get().token(client, TokenShape.of(g.grantId(), "cds_query_usage", "cds_query_accounts"));

        Instant before = Instant.now();
        String header = given().auth().oauth2(t).get("/cds/v1/usage-segments")
                .then().statusCode(200).extract().path("headers.x-cds-access-filter");
        AccessFilter filter = codec.verify(header);

        assertThat(filter.grantId()).isEqualTo(g.grantId());
        assertThat(filter.clientId()).isEqualTo(client);
        assertThat(filter.gridxClient()).isEqualTo(GatewayTestProfile.GRIDX_CLIENT);
        assertThat(filter.grantCreated()).isEqualTo(g.created().toInstant());
        assertThat(filter.scopes()).containsExactly("cds_query_usage");
        assertThat(filter.coverage()).isEqualTo(coverage);
        assertThat(filter.include()).containsExactlyInAnyOrder(IncludeField.USAGE_SEGMENTS,
                IncludeField.USAGE_SEGMENT_VALUE_TYPES, IncludeField.METER_NUMBERS);
        assertThat(filter.usageSegmentFormats()).containsExactly("electric_intervals_01");
        assertThat(filter.windows().syncUntil()).isEqualTo(windows.syncUntil());
        assertThat(filter.windows().startDate()).isEqualTo(windows.startDate());
        assertThat(filter.windows().segmentStart().toInstant()).isEqualTo(windows.segmentStart().toInstant());
        assertThat(filter.windows().segmentEnd().toInstant()).isEqualTo(windows.segmentEnd().toInstant());
        assertThat(filter.windows().statementDateStart()).isNull();
        assertThat(filter.windows().endDate()).isNull();
        assertThat(filter.issuedAt()).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(Duration.between(filter.issuedAt(), filter.expiresAt())).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void eachEventLoopSendsOnItsOwnUpstreamConnections() throws Exception {
        // Eight callers, each on its own keep-alive connection, which Vert.x spreads over the gateway's event loops;
        // one request at a time, so a single shared pool would send every one on the same idle upstream connection.
        List<HttpClient> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            callers.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
        }
        HttpRequest accounts = HttpRequest.newBuilder(URI.create(gateway.toString()).resolve(DataApi.ACCOUNTS_API.path()))
                .header("Authorization", "Bearer " + token).build();
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        for (List<Integer> round : List.of(first, second)) {
            for (HttpClient caller : callers) {
                HttpResponse<String> answer = caller.send(accounts, HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(200);
                round.add(new JsonPath(answer.body()).getInt("connection"));
            }
        }
        assertThat(new HashSet<>(first)).as("upstream connections used by callers on different event loops")
                .hasSizeGreaterThan(1);
        assertThat(second).as("each caller's event loop reuses its own kept-alive upstream connection")
                .isEqualTo(first);
    }

    @Test
    void runsOnNettysNativeEpollTransportOnLinuxX86() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").equals("Linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch")), "native epoll is Linux x86_64 only");
        assertThat(vertx.isNativeTransportEnabled()).as("quarkus.vertx.prefer-native-transport with the epoll jar")
                .isTrue();
    }
}
