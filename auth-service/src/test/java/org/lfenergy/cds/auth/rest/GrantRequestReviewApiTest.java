package org.lfenergy.cds.auth.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.lfenergy.cds.auth.support.CdsTestClient;
import org.lfenergy.cds.auth.support.GrantTopic;
import org.lfenergy.cds.auth.support.OperatorToken;
import org.lfenergy.cds.testing.RealInfrastructure;

/**
 * The server's side of a Grant request (WG3 §13.4.2-§13.4.3) through the operator API: approval creates exactly the
 * requested Grant (published on cds.grants.v1, usable for a grant-admin token), completes the request and replies
 * with a request_update; rejection replies with the reason and creates nothing; everything else is 401/403/404/409/400.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "auth"))
class GrantRequestReviewApiTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Inject
    Keycloak keycloak;

    String operator;
    String registrantId;
    String adminToken;
    String directId;
    String grantAdminId;
    String grantAdminSecret;
    /** A value only this test's requests carry. */
    String account;

    @BeforeEach
    void setUp() throws Exception {
        ClientInformation admin = CdsTestClient.register(base, "cds_client_admin cds_query_accounts");
        registrantId = admin.getID().getValue();
        adminToken = MAPPER.readTree(given().auth().preemptive().basic(registrantId, admin.getSecret().getValue())
                .contentType(ContentType.URLENC).body("grant_type=client_credentials&scope=cds_client_admin")
                .when().post("/oauth/token").then().statusCode(200).extract().asString()).path("access_token").asText();
        for (JsonNode c : api("/cds-api/v1/clients").path("clients")) {
            List<String> scopes = List.of(c.path("scope").asText().split(" "));
            if (scopes.contains("cds_query_accounts")) {
                directId = c.path("client_id").asText();
            } else if (scopes.contains("cds_grant_admin_1")) {
                grantAdminId = c.path("client_id").asText();
                grantAdminSecret = api("/cds-api/v1/credentials?client_ids=" + grantAdminId).path("credentials").get(0)
                        .path("client_secret").asText();
            }
        }
        assertThat(List.of(String.valueOf(directId), String.valueOf(grantAdminId))).doesNotContain("null");
        operator = OperatorToken.issue(keycloak);
        account = "acct-" + UUID.randomUUID();
    }

    JsonNode api(String path) throws Exception {
        return MAPPER.readTree(given().auth().oauth2(adminToken).when().get(path).then().statusCode(200).extract()
                .asString());
    }

    /** Sends a grant_request for these grants_requested entries; answers the created Message. */
    JsonNode request(String grantsRequested) throws Exception {
        String body = "{\"type\":\"grant_request\",\"name\":\"Need account contact\",\"description\":\"ticket 42\","
                + "\"grants_requested\":" + grantsRequested + "}";
        return MAPPER.readTree(given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(body)
                .when().post("/cds-api/v1/messages").then().statusCode(201).extract().asString());
    }

    String accountsRequest() {
        return "[{\"scope\":\"cds_query_accounts\",\"authorization_details\":[{\"type\":\"cds_query_accounts\","
                + "\"account_numbers\":[\"" + account + "\"],\"include_account_numbers\":true,"
                + "\"include_account_details\":true}]}]";
    }

    Response operator(String method, String path, String body) {
        var spec = given().auth().oauth2(operator);
        if (body != null) {
            spec = spec.contentType(ContentType.JSON).body(body);
        }
        return spec.when().request(method, path);
    }

    static JsonNode json(Response r, int status) throws Exception {
        assertThat(r.statusCode()).as("%.600s", r.asString()).isEqualTo(status);
        return MAPPER.readTree(r.asString());
    }

    /** Every Message of the registrant with this id or answering it. */
    JsonNode message(String id) throws Exception {
        return api("/cds-api/v1/messages/" + id);
    }

    List<JsonNode> repliesTo(String requestUri) throws Exception {
        JsonNode all = api("/cds-api/v1/messages");
        java.util.Map<String, JsonNode> unique = new java.util.LinkedHashMap<>();
        for (String box : List.of("outstanding", "unread", "read")) {
            all.path(box).forEach(m -> unique.putIfAbsent(m.path("message_id").asText(), m));
        }
        return unique.values().stream().filter(m -> m.path("type").asText().equals("request_update")
                && requestUri.equals(m.path("previous_uri").asText())).toList();
    }

    List<String> pendingIds() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        json(operator("GET", "/cds-admin/v1/grant-requests?registrant_id=" + registrantId, null), 200)
                .path("grant_requests").forEach(r -> {
                    assertThat(r.path("message").path("message_id").asText()).isEqualTo(r.path("message_id").asText());
                    assertThat(r.path("message").path("status").asText()).isEqualTo("pending");
                    ids.add(r.path("message_id").asText());
                });
        return ids;
    }

    int grantsOfDirectObject() throws Exception {
        return api("/cds-api/v1/grants?client_ids=" + directId).path("grants").size();
    }

    @Test
    void approvingCreatesExactlyTheRequestedGrantPublishesItAndRepliesWithARequestUpdate() throws Exception {
        JsonNode request = request(accountsRequest());
        String id = request.path("message_id").asText();
        JsonNode listed = json(operator("GET", "/cds-admin/v1/grant-requests?registrant_id=" + registrantId, null), 200)
                .path("grant_requests");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("registrant_id").asText()).isEqualTo(registrantId);
        assertThat(listed.get(0).path("message")).isEqualTo(message(id));

        JsonNode approved = json(operator("POST", "/cds-admin/v1/grant-requests/" + id + "/approve", null), 200);

        assertThat(approved.path("grants")).hasSize(1);
        String grantId = approved.path("grants").get(0).path("grant_id").asText();
        JsonNode grant = api("/cds-api/v1/grants/" + grantId);
        assertThat(grant.path("client_id").asText()).isEqualTo(directId);
        assertThat(grant.path("status").asText()).isEqualTo("active");
        assertThat(grant.path("scope").asText()).isEqualTo("cds_query_accounts");
        assertThat(grant.path("enabled_scope").asText()).isEqualTo("cds_query_accounts");
        JsonNode details = grant.path("authorization_details");
        assertThat(details).hasSize(1);
        assertThat(details.get(0).path("type").asText()).isEqualTo("cds_query_accounts");
        assertThat(details.get(0).path("account_numbers").toString()).isEqualTo("[\"" + account + "\"]");
        assertThat(details.get(0).path("include_account_numbers").asBoolean()).isTrue();
        assertThat(details.get(0).path("include_account_details").asBoolean()).isTrue();
        assertThat(grant.path("enabled_authorization_details")).isEqualTo(details);
        assertThat(grantsOfDirectObject()).as("exactly one Grant").isEqualTo(1);

        // published for the gateway like every Grant change
        JsonNode event = GrantTopic.awaitStatus(grantId, "active");
        assertThat(event.toString()).contains(account);

        // the request is complete and points to the filtered Grants listing (§6.3); the reply points to the Grant
        JsonNode completed = message(id);
        assertThat(completed.path("status").asText()).isEqualTo("complete");
        assertThat(completed.path("related_type").asText()).isEqualTo("grant_list");
        assertThat(completed.path("related_uri").asText()).endsWith("/cds-api/v1/grants?grant_ids=" + grantId);
        assertThat(completed.path("grants_requested")).isEqualTo(request.path("grants_requested"));
        List<JsonNode> replies = repliesTo(request.path("uri").asText());
        assertThat(replies).hasSize(1);
        JsonNode reply = replies.get(0);
        assertThat(reply).isEqualTo(approved.path("reply"));
        assertThat(reply.path("status").asText()).isEqualTo("complete");
        assertThat(reply.path("read").asBoolean()).isFalse();
        assertThat(reply.path("creator").isNull()).isTrue();
        assertThat(reply.path("related_type").asText()).isEqualTo("grant");
        assertThat(reply.path("related_uri").asText()).isEqualTo(grant.path("uri").asText());
        assertThat(pendingIds()).doesNotContain(id);

        // a grant-admin token for the new Grant (WG3 §13.4.4)
        String rar = "[{\"type\":\"cds_grant_admin_1\",\"client_id\":\"" + directId + "\",\"grant_id\":\"" + grantId
                + "\"}]";
        JsonNode token = json(given().auth().preemptive().basic(grantAdminId, grantAdminSecret)
                .contentType(ContentType.URLENC).body("grant_type=client_credentials&scope=cds_grant_admin_1"
                        + "&authorization_details=" + URLEncoder.encode(rar, StandardCharsets.UTF_8))
                .when().post("/oauth/token"), 200);
        assertThat(token.path("authorization_details").get(0).path("grant_id").asText()).isEqualTo(grantId);

        // decided once: approving or rejecting again is a conflict, and nothing more is created
        JsonNode again = json(operator("POST", "/cds-admin/v1/grant-requests/" + id + "/approve", null), 409);
        assertThat(again.path("error").asText()).isEqualTo("not_pending");
        assertThat(again.path("error_description").asText()).contains("already complete");
        json(operator("POST", "/cds-admin/v1/grant-requests/" + id + "/reject", "{\"reason\":\"late\"}"), 409);
        assertThat(grantsOfDirectObject()).isEqualTo(1);
        assertThat(repliesTo(request.path("uri").asText())).hasSize(1);
    }

    @Test
    void simultaneousApprovalsOfOneRequestCreateOneGrantAndOneReply() throws Exception {
        JsonNode request = request(accountsRequest());
        String id = request.path("message_id").asText();
        int n = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return operator("POST", "/cds-admin/v1/grant-requests/" + id + "/approve", null).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var a : answers) {
                statuses.add(a.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(statuses).as("one approval wins, the others find it decided").containsOnly(200, 409)
                    .containsOnlyOnce(200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(grantsOfDirectObject()).as("exactly one Grant, whatever the interleaving").isEqualTo(1);
        assertThat(repliesTo(request.path("uri").asText())).hasSize(1);
        assertThat(message(id).path("status").asText()).isEqualTo("complete");
    }

    @Inject
    org.lfenergy.cds.auth.service.GrantService grantService;

    @Inject
    org.lfenergy.cds.auth.repository.GrantRepository grantRepository;

    @Inject
    org.lfenergy.cds.auth.repository.ClientObjectRepository clientObjects;

    @Inject
    io.vertx.mutiny.sqlclient.Pool sqlPool;

    @Test
    void creationsOfTheSameReusableGrantThatOverlapYieldOneGrant() throws Exception {
        // Both creations pass their first look-up while another transaction holds the fingerprint's lock, so both
        // reach the insert at once: without the re-check under the lock each would store its own Grant.
        var client = clientObjects.find(directId).await().atMost(java.time.Duration.ofSeconds(10)).orElseThrow();
        String fingerprint = "overlap-" + UUID.randomUUID();
        var details = MAPPER.createArrayNode();
        java.util.concurrent.CompletableFuture<Void> release = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Void> held = new java.util.concurrent.CompletableFuture<>();
        var holder = sqlPool.withTransaction(sql -> grantRepository.lockFingerprint(sql, directId, fingerprint)
                .invoke(() -> held.complete(null))
                .chain(() -> io.smallrye.mutiny.Uni.createFrom().completionStage(release)))
                .subscribeAsCompletionStage();
        held.get(10, java.util.concurrent.TimeUnit.SECONDS);
        var first = grantService.findOrCreate(client, List.of("cds_query_accounts"), details, fingerprint, null)
                .subscribeAsCompletionStage();
        var second = grantService.findOrCreate(client, List.of("cds_query_accounts"), details, fingerprint, null)
                .subscribeAsCompletionStage();
        Thread.sleep(1000);
        assertThat(first).as("waits for the lock").isNotDone();
        assertThat(second).as("waits for the lock").isNotDone();
        release.complete(null);
        holder.toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        String a = first.toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS).grantId();
        String b = second.toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS).grantId();
        assertThat(b).as("the second finds the first's Grant").isEqualTo(a);
        assertThat(grantsOfDirectObject()).isEqualTo(1);
    }

    @Test
    void rejectingRepliesWithTheReasonAndCreatesNoGrant() throws Exception {
        JsonNode request = request(accountsRequest());
        String id = request.path("message_id").asText();
        for (String bad : List.of("{}", "{\"reason\":\"  \"}", "{\"reason\":7}", "[]", "{\"reason\":\"" + "x".repeat(2001)
                + "\"}")) {
            JsonNode error = json(operator("POST", "/cds-admin/v1/grant-requests/" + id + "/reject", bad), 400);
            assertThat(error.path("error_description").asText()).as(bad).contains("reason");
        }
        assertThat(message(id).path("status").asText()).isEqualTo("pending");

        JsonNode reply = json(operator("POST", "/cds-admin/v1/grant-requests/" + id + "/reject",
                "{\"reason\":\"  Account data cannot be shared for this ticket.  \"}"), 200);

        assertThat(reply.path("type").asText()).isEqualTo("request_update");
        assertThat(reply.path("status").asText()).isEqualTo("rejected");
        assertThat(reply.path("description").asText()).isEqualTo("Account data cannot be shared for this ticket.");
        assertThat(reply.path("previous_uri").asText()).isEqualTo(request.path("uri").asText());
        assertThat(repliesTo(request.path("uri").asText())).containsExactly(reply);
        assertThat(message(id).path("status").asText()).isEqualTo("rejected");
        assertThat(grantsOfDirectObject()).isZero();
        assertThat(pendingIds()).doesNotContain(id);
        JsonNode conflict = json(operator("POST", "/cds-admin/v1/grant-requests/" + id + "/approve", null), 409);
        assertThat(conflict.path("error_description").asText()).contains("already rejected");
        assertThat(grantsOfDirectObject()).isZero();
    }

    @Test
    void aRequestInvalidAtApprovalIsRefusedWithThePreciseReasonAndNothingIsCreated() throws Exception {
        // a scope the registrant does not hold
        String usage = request("[{\"scope\":\"cds_usage\",\"authorization_details\":[]}]").path("message_id").asText();
        JsonNode error = json(operator("POST", "/cds-admin/v1/grant-requests/" + usage + "/approve", null), 409);
        assertThat(error.path("error_description").asText())
                .isEqualTo("grants_requested[0]: no Client Object of the registrant holds scope cds_usage");
        // a field the scope does not have, in the second entry: the valid first entry is not created either
        String bad = request("[" + accountsRequest().substring(1, accountsRequest().length() - 1)
                + ",{\"scope\":\"cds_query_accounts\",\"authorization_details\":[{\"type\":\"cds_query_accounts\","
                + "\"bogus_field\":1}]}]").path("message_id").asText();
        error = json(operator("POST", "/cds-admin/v1/grant-requests/" + bad + "/approve", null), 400);
        assertThat(error.path("error").asText()).isEqualTo("invalid_authorization_details");
        assertThat(error.path("error_description").asText()).startsWith("grants_requested[1]: ")
                .contains("bogus_field").contains(directId);
        // a field value outside what the scope allows
        String wrongType = request("[{\"scope\":\"cds_query_accounts\",\"authorization_details\":[{\"type\":"
                + "\"cds_query_accounts\",\"include_account_details\":\"yes\"}]}]").path("message_id").asText();
        error = json(operator("POST", "/cds-admin/v1/grant-requests/" + wrongType + "/approve", null), 400);
        assertThat(error.path("error_description").asText()).startsWith("grants_requested[0]: ")
                .contains("include_account_details");

        assertThat(grantsOfDirectObject()).isZero();
        for (String id : List.of(usage, bad, wrongType)) {
            assertThat(message(id).path("status").asText()).isEqualTo("pending");
            assertThat(repliesTo(message(id).path("uri").asText())).isEmpty();
        }
        assertThat(pendingIds()).containsExactly(usage, bad, wrongType);
    }

    @Test
    void onlyPendingGrantRequestsCanBeDecidedAndOnlyByOperators() throws Exception {
        String privateMessage = MAPPER.readTree(given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body("{\"type\":\"private_message\",\"name\":\"hello\",\"description\":\"hi\"}")
                .when().post("/cds-api/v1/messages").then().statusCode(201).extract().asString()).path("message_id").asText();
        JsonNode error = json(operator("POST", "/cds-admin/v1/grant-requests/" + privateMessage + "/approve", null), 409);
        assertThat(error.path("error").asText()).isEqualTo("not_pending");
        assertThat(error.path("error_description").asText()).contains("private_message, not a grant_request");
        json(operator("POST", "/cds-admin/v1/grant-requests/" + privateMessage + "/reject", "{\"reason\":\"no\"}"), 409);
        error = json(operator("POST", "/cds-admin/v1/grant-requests/no-such-message/approve", null), 404);
        assertThat(error.path("error").asText()).isEqualTo("not_found");
        json(operator("POST", "/cds-admin/v1/grant-requests/no-such-message/reject", "{\"reason\":\"no\"}"), 404);

        String id = request(accountsRequest()).path("message_id").asText();
        given().when().get("/cds-admin/v1/grant-requests").then().statusCode(401);
        given().when().post("/cds-admin/v1/grant-requests/" + id + "/approve").then().statusCode(401);
        given().auth().oauth2(adminToken).when().get("/cds-admin/v1/grant-requests").then().statusCode(403);
        given().auth().oauth2(adminToken).when().post("/cds-admin/v1/grant-requests/" + id + "/approve")
                .then().statusCode(403);
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("{\"reason\":\"x\"}")
                .when().post("/cds-admin/v1/grant-requests/" + id + "/reject").then().statusCode(403);
        assertThat(message(id).path("status").asText()).isEqualTo("pending");
        assertThat(grantsOfDirectObject()).isZero();
        assertThat(pendingIds()).containsExactly(id);
    }
}
