package org.lfenergy.cds.auth.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lfenergy.cds.auth.support.ConsentClient;
import org.lfenergy.cds.testing.InjectionCorpus;
import org.lfenergy.cds.testing.InjectionCorpus.Parameter;
import org.lfenergy.cds.testing.InjectionCorpus.Probe;
import org.lfenergy.cds.testing.RealInfrastructure;

/**
 * The bad-input corpus of auth-service: malformed and oversized JSON bodies on registration, malformed and huge
 * {@code authorization_details} on the token and PAR endpoints, and SQL/script injection in every filter of the
 * Clients, Credentials, Grants and coverage listings. Every answer is a 4xx JSON error (never a 5xx, never HTML),
 * and the registrant's clients, credentials and grants are the same afterwards (a refused request creates nothing).
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "auth"))
class AuthBadInputCorpusTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The filters of the auth-side listings (spec digest §5, §7, §9.4 and the coverage endpoint). */
    static final List<Parameter> FILTERS = List.of(
            new Parameter("/cds-api/v1/clients", "client_ids"),
            new Parameter("/cds-api/v1/clients", "offset"),
            new Parameter("/cds-api/v1/credentials", "credential_ids"),
            new Parameter("/cds-api/v1/credentials", "client_ids"),
            new Parameter("/cds-api/v1/credentials", "after"),
            new Parameter("/cds-api/v1/credentials", "before"),
            new Parameter("/cds-api/v1/credentials", "offset"),
            new Parameter("/cds-api/v1/grants", "grant_ids"),
            new Parameter("/cds-api/v1/grants", "parents"),
            new Parameter("/cds-api/v1/grants", "statuses"),
            new Parameter("/cds-api/v1/grants", "client_ids"),
            new Parameter("/cds-api/v1/grants", "scopes"),
            new Parameter("/cds-api/v1/grants", "receipt_confirmations"),
            new Parameter("/cds-api/v1/grants", "after"),
            new Parameter("/cds-api/v1/grants", "before"),
            new Parameter("/cds-api/v1/grants", "offset"));

    /** A request body case: what is sent and the 4xx statuses that are a correct refusal. */
    record Body(String name, String endpoint, String contentType, byte[] bytes, List<Integer> statuses) {
        @Override
        public String toString() {
            return endpoint + " " + name;
        }
    }

    @TestHTTPResource("/")
    URI base;

    private static ConsentClient direct;
    private static ConsentClient consent;
    private static Map<String, String> before;

    @BeforeEach
    void registerOnce() throws Exception {
        synchronized (AuthBadInputCorpusTest.class) {
            if (direct == null) {
                direct = ConsentClient.register(base, "cds_query_accounts");
                consent = ConsentClient.register(base, "cds_accounts");
                before = snapshot();
            }
        }
    }

    // ------------------------------------------------------------------ the corpus

    static Stream<Probe> probes() {
        return InjectionCorpus.probes(FILTERS);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    static String manyAccounts(int n) {
        StringBuilder b = new StringBuilder("[{\"type\":\"cds_query_accounts\",\"account_numbers\":[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("\"A-").append(i).append('"');
        }
        return b.append("]}]").toString();
    }

    static String manyEntries(int n) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("{\"type\":\"cds_query_accounts\"}");
        }
        return b.append(']').toString();
    }

    /** Malformed and oversized registration bodies. */
    static Stream<Body> registrations() {
        String json = "application/json";
        List<Integer> refused = List.of(400);
        List<Integer> tooLarge = List.of(400, 413);
        return Stream.of(
                new Body("emptyBody", "/oauth/register", json, new byte[0], refused),
                new Body("truncatedObject", "/oauth/register", json, utf8("{\"scope\":\"cds_client_admin\""), refused),
                new Body("trailingGarbage", "/oauth/register", json, utf8("{\"scope\":\"cds_client_admin\"} x"), refused),
                new Body("array", "/oauth/register", json, utf8("[]"), refused),
                new Body("string", "/oauth/register", json, utf8("\"cds_client_admin\""), refused),
                new Body("number", "/oauth/register", json, utf8("42"), refused),
                new Body("null", "/oauth/register", json, utf8("null"), refused),
                new Body("scopeIsANumber", "/oauth/register", json, utf8("{\"scope\":42}"), refused),
                new Body("scopeIsAnArray", "/oauth/register", json, utf8("{\"scope\":[\"cds_client_admin\"]}"), refused),
                new Body("clientNameIsAnObject", "/oauth/register", json,
                        utf8("{\"scope\":\"cds_client_admin\",\"client_name\":{\"x\":1}}"), refused),
                new Body("contactsIsAString", "/oauth/register", json,
                        utf8("{\"scope\":\"cds_client_admin\",\"contacts\":\"ops@example.com\"}"), refused),
                new Body("scopeCarryingSqlInjection", "/oauth/register", json,
                        utf8("{\"scope\":\"cds_client_admin' OR '1'='1\"}"), refused),
                new Body("clientNameWithNulCharacter", "/oauth/register", json,
                        utf8("{\"scope\":\"cds_client_admin\",\"client_name\":\"a\\u0000b\"}"), refused),
                new Body("invalidUtf8", "/oauth/register", json, concat(utf8("{\"scope\":\"cds_client_admin\",\"client_name\":\""),
                        new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, utf8("\"}")), refused),
                new Body("nestedTenThousandDeep", "/oauth/register", json,
                        utf8("{\"scope\":\"cds_client_admin\",\"x\":" + nested(10_000) + "}"), refused),
                new Body("twoMegabyteClientName", "/oauth/register", json,
                        utf8("{\"scope\":\"cds_client_admin\",\"client_name\":\"" + "x".repeat(2 << 20) + "\"}"), tooLarge),
                new Body("jsonSentAsPlainText", "/oauth/register", "text/plain",
                        utf8("{\"scope\":\"cds_client_admin\"}"), List.of(400, 415)));
    }

    /** Malformed and huge {@code authorization_details} (and other broken parameters) on token and PAR. */
    static Stream<Body> authorizationDetails() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("notJson", "{");
        details.put("anObjectNotAnArray", "{\"type\":\"cds_query_accounts\"}");
        details.put("anArrayOfNumbers", "[1,2,3]");
        details.put("anEntryWithoutType", "[{\"account_numbers\":[\"A-1\"]}]");
        details.put("anUnknownType", "[{\"type\":\"no_such_scope\"}]");
        details.put("aTypeCarryingSqlInjection", "[{\"type\":\"cds_query_accounts' OR '1'='1\"}]");
        details.put("aDateCarryingScript", "[{\"type\":\"cds_query_accounts\",\"sync_until\":\"<script>alert(1)</script>\"}]");
        details.put("accountNumbersAsAString", "[{\"type\":\"cds_query_accounts\",\"account_numbers\":\"A-1\"}]");
        details.put("nestedTenThousandDeep", "[{\"type\":\"cds_query_accounts\",\"x\":" + nested(10_000) + "}]");
        details.put("tenThousandEntries", manyEntries(10_000));
        details.put("hundredThousandAccountNumbers", manyAccounts(100_000));
        details.put("aOneMegabyteAccountNumber",
                "[{\"type\":\"cds_query_accounts\",\"account_numbers\":[\"" + "9".repeat(1 << 20) + "\"]}]");
        List<Body> out = new ArrayList<>();
        for (Map.Entry<String, String> d : details.entrySet()) {
            out.add(new Body(d.getKey(), "/oauth/token", "application/x-www-form-urlencoded",
                    utf8("grant_type=client_credentials&scope=cds_query_accounts&authorization_details="
                            + java.net.URLEncoder.encode(d.getValue(), StandardCharsets.UTF_8)), List.of(400, 413)));
            out.add(new Body(d.getKey(), "/oauth/par", "application/x-www-form-urlencoded",
                    utf8("response_type=code&scope=cds_accounts&state=s&code_challenge_method=S256"
                            + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&redirect_uri=REDIRECT"
                            + "&authorization_details=" + java.net.URLEncoder.encode(
                                    d.getValue().replace("cds_query_accounts", "cds_accounts"), StandardCharsets.UTF_8)),
                    List.of(400, 413)));
        }
        out.add(new Body("missingGrantType", "/oauth/token", "application/x-www-form-urlencoded",
                utf8("scope=cds_query_accounts"), List.of(400)));
        out.add(new Body("unsupportedGrantType", "/oauth/token", "application/x-www-form-urlencoded",
                utf8("grant_type=password&username=a&password=b"), List.of(400)));
        // a scope repeated is the same scope (RFC 6749 §3.3: a set); 100 KB of scopes the client does not hold is not
        StringBuilder unknown = new StringBuilder("cds_query_accounts");
        for (int i = 0; unknown.length() < 100_000; i++) {
            unknown.append("+no_such_scope_").append(i);
        }
        out.add(new Body("aHundredKilobyteScope", "/oauth/token", "application/x-www-form-urlencoded",
                utf8("grant_type=client_credentials&scope=" + unknown), List.of(400)));
        out.add(new Body("jsonInsteadOfAForm", "/oauth/token", "application/json",
                utf8("{\"grant_type\":\"client_credentials\"}"), List.of(400, 415)));
        return out.stream();
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ the checks

    /** The registrant's clients, credentials and grants as its admin token lists them. */
    private static Map<String, String> snapshot() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (ConsentClient c : List.of(direct, consent)) {
            for (String path : List.of("/cds-api/v1/clients", "/cds-api/v1/credentials", "/cds-api/v1/grants")) {
                out.put(c.clientId + path, c.api(path).toString());
            }
        }
        return out;
    }

    private static void assertRefusedWithJson(Object what, Response response, List<Integer> statuses) throws IOException {
        assertThat(response.statusCode()).as("%s answered %d: %.300s", what, response.statusCode(), response.asString())
                .isIn(statuses);
        assertThat(response.contentType()).as("%s content type", what).startsWith("application/json");
        JsonNode body = MAPPER.readTree(response.asByteArray());
        assertThat(body.path("error").asText()).as("%s error code", what).isNotBlank();
        assertThat(body.path("error_description").asText()).as("%s error description", what).isNotBlank();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    void injectionInAListingFilterIsDataNeverCode(Probe probe) {
        InjectionCorpus.assertHarmless(probe, given().auth().oauth2(direct.adminToken)
                .queryParam(probe.parameter(), probe.value()).get(probe.path()));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("registrations")
    void malformedOrOversizedRegistrationIsRefusedWithAJsonError(Body body) throws Exception {
        Response response = given().contentType(body.contentType()).body(body.bytes()).post(body.endpoint());
        assertRefusedWithJson(body, response, body.statuses());
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("authorizationDetails")
    void malformedOrHugeAuthorizationDetailsAreRefusedWithAJsonError(Body body) throws Exception {
        ConsentClient client = body.endpoint().equals("/oauth/par") ? consent : direct;
        byte[] bytes = client == consent ? new String(body.bytes(), StandardCharsets.UTF_8)
                .replace("REDIRECT", java.net.URLEncoder.encode(client.redirectUri, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8) : body.bytes();
        // a form body as text: RestAssured encodes byte[] only for binary content types
        Response response = given().auth().preemptive().basic(client.clientId, client.secret)
                .contentType(body.contentType()).body(new String(bytes, StandardCharsets.UTF_8)).post(body.endpoint());
        assertRefusedWithJson(body, response, body.statuses());
    }

    /** Every auth-service endpoint that reads a request body: method, path and content type. */
    static Stream<org.junit.jupiter.params.provider.Arguments> bodyEndpoints() {
        String json = "application/json";
        String form = "application/x-www-form-urlencoded";
        List<String[]> endpoints = List.of(
                new String[] {"POST", "/oauth/register", json},
                new String[] {"POST", "/oauth/token", form},
                new String[] {"POST", "/oauth/par", form},
                new String[] {"POST", "/oauth/introspect", form},
                new String[] {"POST", "/oauth/revoke", form},
                new String[] {"POST", "/oauth/authorize/form", form},
                new String[] {"POST", "/oauth/receipts/some-receipt/revoke", form},
                new String[] {"PUT", "/cds-api/v1/clients/some-client", json},
                new String[] {"POST", "/cds-api/v1/credentials", json},
                new String[] {"PATCH", "/cds-api/v1/credentials/some-credential", json},
                new String[] {"PATCH", "/cds-api/v1/grants/some-grant", json},
                new String[] {"POST", "/cds-api/v1/messages", json},
                new String[] {"PATCH", "/cds-api/v1/messages/some-message", json},
                new String[] {"POST", "/cds-admin/v1/clients/some-client/production", json},
                new String[] {"POST", "/cds-admin/v1/server-provided-files?client_id=x&name=f", "application/octet-stream"},
                new String[] {"POST", "/cds-admin/v1/grants/some-grant/status", json});
        List<org.junit.jupiter.params.provider.Arguments> out = new ArrayList<>();
        for (String[] e : endpoints) {
            out.add(org.junit.jupiter.params.provider.Arguments.of(e[0], e[1], e[2]));
        }
        return out.stream();
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).build();

    /** 17 MB: one more than the 16 MB HTTP body limit. */
    private static final byte[] SEVENTEEN_MEGABYTES = "x".repeat(17 << 20).getBytes(StandardCharsets.US_ASCII);

    /**
     * Sends a body with its {@code Content-Length}, or chunked ({@code Transfer-Encoding: chunked}, no length: the
     * JDK client streams a body of unknown length that way over HTTP/1.1).
     */
    java.net.http.HttpResponse<String> send(String method, String path, String type, byte[] bytes, boolean chunked,
            String... headers) throws Exception {
        java.net.http.HttpRequest.BodyPublisher body = chunked
                ? java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))
                : java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes);
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(base.resolve(path.substring(1)))
                .method(method, body).header("Content-Type", type).timeout(java.time.Duration.ofSeconds(120));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> bodyEndpointsBothWays() {
        // all 16, the 6 form endpoints included: chunked forms are counted by RequestBodyLimit like every other body
        return bodyEndpoints().flatMap(a -> Stream.of(false, true)
                .map(chunked -> org.junit.jupiter.params.provider.Arguments.of(a.get()[0], a.get()[1], a.get()[2],
                        chunked)));
    }

    @Order(1)
    @ParameterizedTest(name = "{0} {1} chunked={3}")
    @MethodSource("bodyEndpointsBothWays")
    void aBodyAboveTheSixteenMegabyteLimitGetsAJson413NamingTheLimit(String method, String path, String type,
            boolean chunked) throws Exception {
        // the whole 17 MB is sent (with its Content-Length, or chunked without one) before the answer is read, without
        // a token
        java.net.http.HttpResponse<String> response = send(method, path, type, SEVENTEEN_MEGABYTES, chunked);
        String what = method + " " + path + (chunked ? " (chunked)" : "");
        assertThat(response.statusCode()).as("%s answered %d: %.300s", what, response.statusCode(), response.body())
                .isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/json");
        JsonNode json = MAPPER.readTree(response.body());
        assertThat(json.path("error").asText()).as(what).isEqualTo("payload_too_large");
        assertThat(json.path("error_description").asText()).as(what)
                .isEqualTo("the request body exceeds the limit of 16 MB (16777216 bytes)");
        assertThat(json.path("max_body_size").asLong()).as(what).isEqualTo(16L << 20);
    }

    @Order(2)
    @Test
    void refusedRequestsCreatedNothingAndChangedNothing() throws Exception {
        assertThat(snapshot()).isEqualTo(before);
    }

    @Order(3)
    @Test
    void chunkedBodiesWithinTheLimitAreReadExactlyLikeBodiesWithAContentLength() throws Exception {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((direct.clientId + ":" + direct.secret)
                .getBytes(StandardCharsets.UTF_8));
        String form = "application/x-www-form-urlencoded";
        // a form token request is answered alike
        byte[] token = utf8("grant_type=client_credentials&scope=cds_query_accounts");
        for (boolean chunked : List.of(false, true)) {
            var answer = send("POST", "/oauth/token", form, token, chunked, "Authorization", basic);
            assertThat(answer.statusCode()).as("chunked=%s: %s", chunked, answer.body()).isEqualTo(200);
            assertThat(MAPPER.readTree(answer.body()).path("access_token").asText()).isNotBlank();
        }
        // a 20 kB form field gets the same answer either way
        byte[] longField = utf8("grant_type=client_credentials&scope=cds_query_accounts&authorization_details="
                + java.net.URLEncoder.encode("[{\"type\":\"cds_query_accounts\",\"account_numbers\":[\""
                        + "1".repeat(20_000) + "\"]}]", StandardCharsets.UTF_8));
        var declared = send("POST", "/oauth/token", form, longField, false, "Authorization", basic);
        var chunkedAnswer = send("POST", "/oauth/token", form, longField, true, "Authorization", basic);
        assertThat(chunkedAnswer.statusCode()).as(chunkedAnswer.body()).isEqualTo(declared.statusCode());
        assertThat(MAPPER.readTree(chunkedAnswer.body()))
                .as("chunked %s, declared %s", chunkedAnswer.body(), declared.body())
                .isEqualTo(MAPPER.readTree(declared.body()));
        // a JSON body: the Clients API PUT applies a chunked replacement
        var object = (com.fasterxml.jackson.databind.node.ObjectNode) direct.api("/cds-api/v1/clients/" + direct.clientId);
        object.put("client_name", "Chunked rename");
        // padded above 60 kB: more than RESTEasy Reactive buffers before it switches to a blocking stream (10 kB)
        var put = send("PUT", "/cds-api/v1/clients/" + direct.clientId, "application/json", utf8(padded(object.toString())),
                true,
                "Authorization", "Bearer " + direct.adminToken);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(MAPPER.readTree(put.body()).path("client_name").asText()).isEqualTo("Chunked rename");
        assertThat(direct.api("/cds-api/v1/clients/" + direct.clientId).path("client_name").asText())
                .isEqualTo("Chunked rename");
        // an empty chunked body is an empty body: the JSON error of a missing body, not a hang
        var empty = send("PUT", "/cds-api/v1/clients/" + direct.clientId, "application/json", new byte[0], true,
                "Authorization", "Bearer " + direct.adminToken);
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(400);
        assertThat(MAPPER.readTree(empty.body()).path("error").asText()).isNotBlank();
    }

    @Order(1)
    @ParameterizedTest(name = "chunked={0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aClientStillSendingFourTimesTheLimitAfterThe413IsCutOffChunkedOrDeclared(boolean chunked) throws Exception {
        // a raw HTTP/1.1 token request announcing (or streaming) 128 MB: the JSON 413 is answered while the client is
        // still writing, the server reads on and throws away up to 4 x 16 MB more, then closes the connection
        long limit = 16L << 20;
        long announced = 128L << 20;
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(120_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(utf8("POST /oauth/token HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + announced + "\r\n") + "\r\n"));
            java.util.concurrent.CompletableFuture<String> answer = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return readAnswer(socket.getInputStream());
                } catch (IOException e) {
                    return "unreadable: " + e;
                }
            });
            // a server that stopped reading without closing would block the writes below: give up after 120 s
            java.util.concurrent.atomic.AtomicBoolean gaveUp = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.CompletableFuture.delayedExecutor(120, java.util.concurrent.TimeUnit.SECONDS).execute(() -> {
                if (!socket.isClosed()) {
                    gaveUp.set(true);
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing is all that is wanted
                    }
                }
            });
            byte[] piece = "x".repeat(64 << 10).getBytes(StandardCharsets.US_ASCII);
            byte[] chunkHead = utf8(Integer.toHexString(piece.length) + "\r\n");
            long sent = 0;
            try {
                while (sent < announced) {
                    if (chunked) {
                        out.write(chunkHead);
                    }
                    out.write(piece);
                    if (chunked) {
                        out.write(utf8("\r\n"));
                    }
                    sent += piece.length;
                }
                out.flush();
            } catch (IOException closed) {
                // the server closed the connection: expected once the allowance is used up
            }
            assertThat(gaveUp).as("the server neither read nor closed, chunked=%s", chunked).isFalse();
            String response = answer.get(120, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(response).as("chunked=%s", chunked).startsWith("HTTP/1.1 413")
                    .contains("\"error\":\"payload_too_large\"").contains("\"max_body_size\":" + limit);
            // everything up to the allowance was read (a reset earlier would lose the 413 for clients that write first),
            // and the connection was closed well before the announced 128 MB (socket buffers add a few MB)
            assertThat(sent).as("bytes written before the connection was closed, chunked=%s", chunked)
                    .isGreaterThanOrEqualTo(RequestBodyLimit.DRAIN_FACTOR * limit)
                    .isLessThan(announced);
        }
    }

    /** Reads one HTTP/1.1 response (head and a Content-Length body) as text. */
    private static String readAnswer(java.io.InputStream in) throws IOException {
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            byte[] h = head.toByteArray();
            if (h.length >= 4 && h[h.length - 4] == '\r' && h[h.length - 3] == '\n' && h[h.length - 2] == '\r'
                    && h[h.length - 1] == '\n') {
                break;
            }
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(headText);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return headText + new String(body, StandardCharsets.UTF_8);
    }

    /** Pads a JSON text to more than 60 kB with insignificant whitespace before its last character. */
    static String padded(String json) {
        return json.substring(0, json.length() - 1) + " ".repeat(61_440) + json.substring(json.length() - 1);
    }

    @Order(3)
    @Test
    void aSixtyKilobyteFormFieldAndTheFieldsAfterItSurviveTheChunkedPath() throws Exception {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((direct.clientId + ":" + direct.secret)
                .getBytes(StandardCharsets.UTF_8));
        // authorization_details above 60 kB (whitespace padding), asking for a non-default value, and the scope after it
        String details = padded("[{\"type\":\"cds_query_accounts\",\"include_account_details\":true}]");
        byte[] form = utf8("grant_type=client_credentials&authorization_details="
                + java.net.URLEncoder.encode(details, StandardCharsets.UTF_8) + "&scope=cds_query_accounts");
        assertThat(form.length).isGreaterThan(60_000);
        JsonNode echoed = null;
        for (boolean chunked : List.of(false, true)) {
            var answer = send("POST", "/oauth/token", "application/x-www-form-urlencoded", form, chunked,
                    "Authorization", basic);
            assertThat(answer.statusCode()).as("chunked=%s: %.300s", chunked, answer.body()).isEqualTo(200);
            JsonNode token = MAPPER.readTree(answer.body());
            assertThat(token.path("scope").asText()).as("chunked=%s", chunked).isEqualTo("cds_query_accounts");
            JsonNode entry = token.path("authorization_details").get(0);
            assertThat(entry.path("type").asText()).isEqualTo("cds_query_accounts");
            assertThat(entry.path("include_account_details").asBoolean()).as("the requested non-default, chunked=%s",
                    chunked).isTrue();
            if (echoed == null) {
                echoed = token.path("authorization_details");
            } else {
                assertThat(token.path("authorization_details")).as("chunked echo = declared echo").isEqualTo(echoed);
            }
        }
    }

    @Order(3)
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/oauth/token", "/oauth/par", "/oauth/introspect",
            "/oauth/revoke", "/oauth/authorize/form", "/oauth/receipts/some-receipt/revoke"})
    void aChunkedFormWithASixtyKilobyteFieldIsAnsweredExactlyLikeTheDeclaredOne(String path) throws Exception {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((path.equals("/oauth/par")
                ? consent.clientId + ":" + consent.secret : direct.clientId + ":" + direct.secret)
                .getBytes(StandardCharsets.UTF_8));
        String longField = switch (path) {
            // an invalid value inside 60 kB of authorization_details: the 400 names it only if the field arrived
            case "/oauth/token" -> "grant_type=client_credentials&scope=cds_query_accounts&authorization_details="
                    + java.net.URLEncoder.encode(padded("[{\"type\":\"cds_query_accounts\",\"include_account_details\":\"yes\"}]"),
                            StandardCharsets.UTF_8);
            case "/oauth/par" -> "response_type=code&scope=cds_accounts&state=s&code_challenge_method=S256"
                    + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&redirect_uri="
                    + java.net.URLEncoder.encode(consent.redirectUri, StandardCharsets.UTF_8) + "&authorization_details="
                    + java.net.URLEncoder.encode(padded("[{\"type\":\"cds_accounts\",\"include_account_details\":\"yes\"}]"),
                            StandardCharsets.UTF_8);
            default -> "token=" + "t".repeat(61_440) + "&token_type_hint=access_token&request=r&csrf=c";
        };
        byte[] form = utf8(longField);
        var declared = send("POST", path, "application/x-www-form-urlencoded", form, false, "Authorization", basic);
        var chunked = send("POST", path, "application/x-www-form-urlencoded", form, true, "Authorization", basic);
        assertThat(declared.statusCode()).as("%s declared: %.300s", path, declared.body()).isLessThan(500);
        assertThat(chunked.statusCode()).as("%s chunked %.300s, declared %.300s", path, chunked.body(), declared.body())
                .isEqualTo(declared.statusCode());
        assertThat(chunked.headers().firstValue("Content-Type")).isEqualTo(declared.headers().firstValue("Content-Type"));
        assertThat(chunked.body()).as(path).isEqualTo(declared.body());
        if (path.equals("/oauth/token") || path.equals("/oauth/par")) {
            assertThat(declared.statusCode()).isEqualTo(400);
            assertThat(MAPPER.readTree(declared.body()).path("error_description").asText())
                    .as("the error names the field of the long parameter").contains("include_account_details");
        }
    }
}
