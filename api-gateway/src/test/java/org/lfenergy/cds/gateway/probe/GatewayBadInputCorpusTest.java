package org.lfenergy.cds.gateway.probe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lfenergy.cds.gateway.support.GrantEvents.grant;
import static org.lfenergy.cds.gateway.support.GrantEvents.newGrantId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lfenergy.cds.contracts.access.AccessFilterCodec;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.DateWindows;
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
import org.lfenergy.cds.testing.InjectionCorpus;
import org.lfenergy.cds.testing.InjectionCorpus.Probe;
import org.lfenergy.cds.testing.RealInfrastructure;

/**
 * The bad-input corpus at the public edge: SQL and script injection in every filter parameter of every data API of
 * the published OpenAPI document reaches the domain service byte for byte (where the services' own corpora prove
 * the answer) and never makes the gateway fail; malformed and hostile Authorization headers and paths are refused
 * with a 4xx JSON error.
 */
@QuarkusTest
@TestProfile(GatewayBadInputCorpusTest.Profile.class)
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class GatewayBadInputCorpusTest {

    static final String CLIENT = "gw-test-corpus";
    private static final String SCOPE = "gwtest_all_apis";
    private static String token;
    private static GrantEvent grant;

    /** The shared gateway test profile with the corpus client's rate limit lifted (it sends ~1,000 requests). */
    public static class Profile extends GatewayTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("cds.gateway.rate-limit.clients." + CLIENT + ".capacity", "100000");
            config.put("cds.gateway.rate-limit.clients." + CLIENT + ".refill-per-second", "100000");
            return config;
        }
    }

    @Inject
    GrantCache cache;

    @Inject
    AccessFilterCodec codec;

    static Stream<Probe> probes() {
        try (InputStream in = GatewayBadInputCorpusTest.class.getResourceAsStream("/openapi/cds-customer-data.yaml")) {
            JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(in);
            return InjectionCorpus.probes(InjectionCorpus.queryParameters(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void grantCoveringEveryApi() {
        synchronized (GatewayBadInputCorpusTest.class) {
            if (token == null) {
                Coverage everything = new Coverage(null, IdSelection.ALL, IdSelection.ALL, IdSelection.ALL,
                        IdSelection.ALL, IdSelection.ALL);
                Set<IncludeField> all = EnumSet.allOf(IncludeField.class);
                all.remove(IncludeField.UNKNOWN);
                grant = Grants.publishAndAwait(cache, grant(newGrantId(), CLIENT, GrantStatus.ACTIVE,
                        new ScopeGrant(SCOPE, SCOPE, true, everything, all, List.of(), DateWindows.UNBOUNDED)));
                token = CdsTestClients.get().token(CLIENT, TokenShape.of(grant.grantId(), SCOPE));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    void injectionInAFilterReachesTheServiceUnchangedOrIsRefusedWithJson(Probe probe) {
        String query = probe.parameter() + "=" + URLEncoder.encode(probe.value(), StandardCharsets.UTF_8);
        Response response = given().urlEncodingEnabled(false).auth().oauth2(token).get(probe.path() + "?" + query);
        int status = response.statusCode();
        assertThat(status).as("%s answered %d: %.300s", probe, status, response.asString()).isLessThan(500);
        if (status == 200) {
            assertThat(response.jsonPath().getString("path")).isEqualTo(probe.path());
            assertThat(response.jsonPath().getString("query")).as(probe.toString()).isEqualTo(query);
            assertThat(codec.verify(response.jsonPath().getString("headers.x-cds-access-filter")).grantId())
                    .isEqualTo(grant.grantId());
        } else {
            assertThat(status).as(probe.toString()).isBetween(400, 499);
            assertThat(response.contentType()).as(probe + " content type").startsWith("application/json");
            assertThat(response.jsonPath().getString("error")).as(probe + " error").isNotBlank();
        }
    }

    /** A hostile Authorization header and the 401 error it must get. */
    record Hostile(String header, String error) {
        @Override
        public String toString() {
            return (header.length() > 60 ? header.substring(0, 60) + "…" : header).replace("\u0000", "\\0") + " → " + error;
        }
    }

    static Stream<Hostile> hostileAuthorizations() {
        String b64 = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"HS256\",\"kid\":\"../../../../dev/null\"}"
                .getBytes(StandardCharsets.UTF_8));
        String jku = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"RS256\",\"jku\":\"http://127.0.0.1:1/jwks\",\"kid\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        String claims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"azp\":\"gw-test-corpus\",\"aud\":\"cds-api\",\"exp\":9999999999}".getBytes(StandardCharsets.UTF_8));
        // no bearer token at all: the bare challenge of RFC 6750 §3.1 ("unauthorized"); a bad one: invalid_token
        return Stream.of(new Hostile("Bearer", "unauthorized"), new Hostile("Bearer ", "unauthorized"),
                new Hostile("Basic Z3ctdGVzdDpwYXNz", "unauthorized"), new Hostile("bearer\u0000x", "unauthorized"),
                new Hostile("Bearer a.b", "invalid_token"), new Hostile("Bearer a.b.c", "invalid_token"),
                new Hostile("Bearer ' OR '1'='1", "invalid_token"), new Hostile("Bearer <script>alert(1)</script>", "invalid_token"),
                new Hostile("Bearer " + "A".repeat(16 * 1024), "invalid_token"),
                new Hostile("Bearer " + b64 + "." + claims + ".c2ln", "invalid_token"),
                new Hostile("Bearer " + jku + "." + claims + ".c2ln", "invalid_token"),
                new Hostile("Bearer " + b64 + "." + claims + ".", "invalid_token"), new Hostile("Bearer %00", "invalid_token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileAuthorizations")
    void hostileAuthorizationHeaderIsRefusedAs401Json(Hostile hostile) {
        Response response = given().header("Authorization", hostile.header()).get("/cds/v1/accounts");
        assertThat(response.statusCode()).as("%s answered %d", hostile, response.statusCode()).isIn(401, 431);
        if (response.statusCode() == 401) {
            assertThat(response.contentType()).startsWith("application/json");
            assertThat(response.jsonPath().getString("error")).isEqualTo(hostile.error());
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    static Stream<String> hostilePaths() {
        return Stream.of("/cds/v1/accounts/..%2F..%2Fq%2Fhealth", "/cds/v1/..;/q/metrics", "/cds/v1/accounts%00",
                "/cds/v1/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/cds/v1/accounts'%20OR%20'1'='1",
                "/cds/v1/" + "a".repeat(3000));
    }

    @ParameterizedTest
    @MethodSource("hostilePaths")
    void hostilePathIsRefusedOrRoutedNeverAFailure(String path) {
        Response response = given().urlEncodingEnabled(false).auth().oauth2(token).get(path);
        int status = response.statusCode();
        assertThat(status).as("%.80s answered %d: %.200s", path, status, response.asString()).isLessThan(500);
        if (status == 200) {
            // routed: only ever to a data service, with the path as sent (the service answers it)
            assertThat(response.jsonPath().getString("service")).isIn("billing", "usage");
        } else {
            assertThat(response.contentType()).as(path).startsWith("application/json");
        }
    }
}
