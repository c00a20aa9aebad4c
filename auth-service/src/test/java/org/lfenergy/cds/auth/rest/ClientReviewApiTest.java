package org.lfenergy.cds.auth.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.lfenergy.cds.auth.support.ConsentClient;
import org.lfenergy.cds.auth.support.OperatorToken;
import org.lfenergy.cds.testing.RealInfrastructure;

/**
 * The review path of Clients API PUT (WG1-02 §5.5): changes to what customers see on a production consent object
 * answer 202 with the object unchanged and a {@code field_changes} Message; the operator approves (applied, mirrored
 * to Keycloak) or rejects them; a later PUT replaces a held change.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "auth"))
class ClientReviewApiTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Inject
    Keycloak keycloak;

    ConsentClient client;
    String operator;
    /** The production twin of the client's sandbox consent object. */
    String production;

    @BeforeEach
    void setUp() throws Exception {
        client = ConsentClient.register(base, "cds_usage cds_query_accounts");
        operator = OperatorToken.issue(keycloak);
        production = MAPPER.readTree(given().auth().oauth2(operator)
                .when().post("/cds-admin/v1/clients/" + client.clientId + "/production")
                .then().statusCode(201).extract().asString()).path("client_id").asText();
    }

    Response put(String clientId, JsonNode body) {
        return given().auth().oauth2(client.adminToken).contentType(ContentType.JSON).body(body.toString())
                .when().put("/cds-api/v1/clients/" + clientId);
    }

    ObjectNode current(String clientId) throws Exception {
        return (ObjectNode) client.api("/cds-api/v1/clients/" + clientId);
    }

    ObjectNode changed(String clientId, Consumer<ObjectNode> change) throws Exception {
        ObjectNode body = current(clientId);
        change.accept(body);
        return body;
    }

    ClientRepresentation keycloakClient(String clientId) {
        return keycloak.realm("cds").clients().findByClientId(clientId).get(0);
    }

    /** The registrant's field_changes Messages about this object, newest first. */
    List<JsonNode> fieldChanges(String clientId) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JsonNode all = client.api("/cds-api/v1/messages");
        Map<String, JsonNode> unique = new LinkedHashMap<>();
        for (String box : List.of("outstanding", "unread", "read")) {
            all.path(box).forEach(m -> unique.putIfAbsent(m.path("message_id").asText(), m));
        }
        unique.values().stream().filter(m -> m.path("type").asText().equals("field_changes")
                && m.path("related_uri").asText().endsWith("/cds-api/v1/clients/" + clientId))
                .sorted((a, b) -> b.path("modified").asText().compareTo(a.path("modified").asText()))
                .forEach(out::add);
        return out;
    }

    JsonNode held(String clientId) throws Exception {
        return MAPPER.readTree(given().auth().oauth2(operator).queryParam("client_id", clientId)
                .when().get("/cds-admin/v1/client-changes").then().statusCode(200).extract().asString()).path("changes");
    }

    static Consumer<ObjectNode> set(String field, Object value) {
        return body -> body.set(field, MAPPER.valueToTree(value));
    }

    @Test
    void renamingAProductionConsentObjectAnswers202WithTheObjectUnchangedAndAFieldChangesMessage() throws Exception {
        ObjectNode before = current(production);
        ObjectNode body = changed(production, b -> {
            b.put("client_name", "Renamed app");
            b.putArray("contacts").add("ops@app.example");
        });

        JsonNode answer = MAPPER.readTree(put(production, body).then().statusCode(202).extract().asString());

        assertThat(answer).isEqualTo(before);
        assertThat(current(production)).isEqualTo(before);
        assertThat(keycloakClient(production).getName()).isEqualTo(before.path("client_name").asText(null));
        List<JsonNode> messages = fieldChanges(production);
        assertThat(messages).hasSize(1);
        JsonNode m = messages.get(0);
        assertThat(m.path("status").asText()).isEqualTo("pending");
        assertThat(m.path("read").asBoolean()).isFalse();
        assertThat(m.path("creator").isNull()).isTrue();
        assertThat(m.path("related_type").asText()).isEqualTo("client");
        assertThat(m.path("related_uri").asText()).isEqualTo(before.path("cds_client_uri").asText());
        assertThat(m.path("description").asText()).contains("client_name").doesNotContain("contacts,");
        Map<String, JsonNode> items = new LinkedHashMap<>();
        m.path("updates_requested").forEach(u -> items.put(u.path("field").asText(), u));
        assertThat(items).containsOnlyKeys("client_name", "contacts");
        assertThat(items.get("client_name").path("description").asText()).isEqualTo("needs review");
        assertThat(items.get("client_name").path("previous_value")).isEqualTo(before.path("client_name"));
        assertThat(items.get("client_name").path("new_value").asText()).isEqualTo("Renamed app");
        assertThat(items.get("contacts").path("description").asText()).isEqualTo("applies with the reviewed changes");
        assertThat(items.get("contacts").path("new_value").toString()).isEqualTo("[\"ops@app.example\"]");
        // the outstanding list shows it (pending: waiting for the server)
        assertThat(client.api("/cds-api/v1/messages").path("outstanding").findValuesAsText("message_id"))
                .contains(m.path("message_id").asText());
        JsonNode held = held(production);
        assertThat(held).hasSize(1);
        assertThat(held.get(0).path("message_id").asText()).isEqualTo(m.path("message_id").asText());
        assertThat(held.get(0).path("body").path("client_name").asText()).isEqualTo("Renamed app");
        assertThat(held.get(0).path("message").path("type").asText()).isEqualTo("field_changes");
    }

    @Test
    void everyReviewedFieldOfAProductionConsentObjectAnswers202AndOtherFieldsApplyAt200() throws Exception {
        Map<String, Consumer<ObjectNode>> reviewed = new LinkedHashMap<>();
        reviewed.put("client_name", set("client_name", "Another name"));
        reviewed.put("client_uri", set("client_uri", "https://app.example/about"));
        reviewed.put("logo_uri", set("logo_uri", "https://app.example/logo.png"));
        reviewed.put("tos_uri", set("tos_uri", "https://app.example/tos"));
        reviewed.put("policy_uri", set("policy_uri", "https://app.example/privacy"));
        reviewed.put("redirect_uris", b -> b.withArray("redirect_uris").add("https://app.example/cb"));
        reviewed.put("cds_purposes", b -> b.with("cds_purposes").set("new-purpose", MAPPER.valueToTree(Map.of(
                "name", "billing", "content", "We compare your bills.", "scopes_supported", List.of()))));
        for (var e : reviewed.entrySet()) {
            ObjectNode before = current(production);
            put(production, changed(production, e.getValue())).then().statusCode(202);
            assertThat(current(production)).as(e.getKey()).isEqualTo(before);
            assertThat(fieldChanges(production).get(0).path("updates_requested").findValuesAsText("field"))
                    .as(e.getKey()).containsExactly(e.getKey());
        }

        // contacts and cds_status apply at once (and the PUT drops the held change)
        JsonNode contacts = MAPPER.readTree(put(production, changed(production,
                b -> b.putArray("contacts").add("it@app.example"))).then().statusCode(200).extract().asString());
        assertThat(contacts.path("contacts").toString()).isEqualTo("[\"it@app.example\"]");
        assertThat(held(production)).isEmpty();
        JsonNode disabled = MAPPER.readTree(put(production, changed(production, set("cds_status", "disabled")))
                .then().statusCode(200).extract().asString());
        assertThat(disabled.path("cds_status").asText()).isEqualTo("disabled");
        // a disabled production object is still a production object: its presentation is still reviewed
        put(production, changed(production, set("client_name", "Renamed while disabled"))).then().statusCode(202);
    }

    @Test
    void sandboxAndDirectAccessObjectsApplyEveryChangeAt200() throws Exception {
        JsonNode sandbox = MAPPER.readTree(put(client.clientId, changed(client.clientId, b -> {
            b.put("client_name", "Sandbox rename");
            b.withArray("redirect_uris").add("https://app.example/cb");
        })).then().statusCode(200).extract().asString());
        assertThat(sandbox.path("client_name").asText()).isEqualTo("Sandbox rename");
        assertThat(keycloakClient(client.clientId).getRedirectUris()).contains("https://app.example/cb");

        String direct = null;
        for (JsonNode c : client.api("/cds-api/v1/clients").path("clients")) {
            if (c.path("scope").asText().contains("cds_query_accounts")) {
                direct = c.path("client_id").asText();
            }
        }
        assertThat(current(direct).path("cds_status").asText()).isEqualTo("production");
        JsonNode renamed = MAPPER.readTree(put(direct, changed(direct, b -> {
            b.put("client_name", "Direct rename");
            b.put("client_uri", "https://app.example/direct");
        })).then().statusCode(200).extract().asString());
        assertThat(renamed.path("client_name").asText()).isEqualTo("Direct rename");
        assertThat(fieldChanges(client.clientId)).isEmpty();
        assertThat(fieldChanges(direct)).isEmpty();
    }

    @Test
    void approvingAppliesTheHeldChangeMirrorsItToKeycloakAndCompletesTheMessage() throws Exception {
        ObjectNode body = changed(production, b -> {
            b.put("client_name", "Reviewed name");
            b.withArray("redirect_uris").add("https://app.example/cb");
        });
        put(production, body).then().statusCode(202);
        String messageId = fieldChanges(production).get(0).path("message_id").asText();

        JsonNode approved = MAPPER.readTree(given().auth().oauth2(operator)
                .when().post("/cds-admin/v1/client-changes/" + messageId + "/approve")
                .then().statusCode(200).extract().asString());

        assertThat(approved.path("client_name").asText()).isEqualTo("Reviewed name");
        assertThat(current(production).path("redirect_uris")).isEqualTo(body.path("redirect_uris"));
        assertThat(current(production).path("client_name").asText()).isEqualTo("Reviewed name");
        ClientRepresentation kc = keycloakClient(production);
        assertThat(kc.getName()).isEqualTo("Reviewed name");
        List<String> wanted = new ArrayList<>();
        body.path("redirect_uris").forEach(u -> wanted.add(u.asText()));
        assertThat(wanted).contains("https://app.example/cb");
        assertThat(kc.getRedirectUris()).containsExactlyInAnyOrderElementsOf(wanted);
        JsonNode message = client.api("/cds-api/v1/messages/" + messageId);
        assertThat(message.path("status").asText()).isEqualTo("complete");
        assertThat(message.path("read").asBoolean()).isFalse();
        assertThat(message.path("description").asText()).endsWith("Approved and applied.");
        assertThat(held(production)).isEmpty();
        // the changelog notification of the applied change
        boolean logged = false;
        for (JsonNode m : client.api("/cds-api/v1/messages").path("unread")) {
            logged |= m.path("type").asText().equals("notification")
                    && m.path("related_uri").asText().endsWith("/clients/" + production)
                    && m.path("updates_requested").findValuesAsText("field").containsAll(List.of("client_name",
                            "redirect_uris"));
        }
        assertThat(logged).as("changelog notification").isTrue();

        given().auth().oauth2(operator).when().post("/cds-admin/v1/client-changes/" + messageId + "/approve")
                .then().statusCode(409).contentType(ContentType.JSON).body("error", equalTo("not_pending"))
                .body("error_description", containsString("complete"));
    }

    @Test
    void rejectingDiscardsTheHeldChangeAndTellsTheClientWhy() throws Exception {
        ObjectNode before = current(production);
        put(production, changed(production, b -> b.withArray("redirect_uris").add("https://evil.example/cb")))
                .then().statusCode(202);
        String messageId = fieldChanges(production).get(0).path("message_id").asText();

        JsonNode rejected = MAPPER.readTree(given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("reason", "evil.example is not your domain"))
                .when().post("/cds-admin/v1/client-changes/" + messageId + "/reject")
                .then().statusCode(200).extract().asString());

        assertThat(rejected.path("status").asText()).isEqualTo("rejected");
        assertThat(rejected.path("description").asText()).endsWith("Rejected: evil.example is not your domain");
        assertThat(client.api("/cds-api/v1/messages/" + messageId).path("status").asText()).isEqualTo("rejected");
        assertThat(current(production)).isEqualTo(before);
        assertThat(keycloakClient(production).getRedirectUris()).doesNotContain("https://evil.example/cb");
        assertThat(held(production)).isEmpty();
        given().auth().oauth2(operator).when().post("/cds-admin/v1/client-changes/" + messageId + "/approve")
                .then().statusCode(409).body("error", equalTo("not_pending"));
    }

    @Test
    void aSecondPutReplacesTheHeldChangeAndTheSameBodyAgainKeepsIt() throws Exception {
        put(production, changed(production, set("client_name", "First"))).then().statusCode(202);
        String first = fieldChanges(production).get(0).path("message_id").asText();
        ObjectNode second = changed(production, set("client_name", "Second"));
        put(production, second).then().statusCode(202);
        put(production, second).then().statusCode(202); // a retry: no new Message

        List<JsonNode> messages = fieldChanges(production);
        assertThat(messages).hasSize(2);
        JsonNode superseded = client.api("/cds-api/v1/messages/" + first);
        assertThat(superseded.path("status").asText()).isEqualTo("rejected");
        assertThat(superseded.path("description").asText()).contains("Superseded by a later update");
        JsonNode held = held(production);
        assertThat(held).hasSize(1);
        assertThat(held.get(0).path("message_id").asText()).isNotEqualTo(first);
        assertThat(held.get(0).path("body").path("client_name").asText()).isEqualTo("Second");

        given().auth().oauth2(operator).when().post("/cds-admin/v1/client-changes/" + first + "/approve")
                .then().statusCode(409).body("error", equalTo("not_pending"));
        given().auth().oauth2(operator)
                .when().post("/cds-admin/v1/client-changes/" + held.get(0).path("message_id").asText() + "/approve")
                .then().statusCode(200).body("client_name", equalTo("Second"));
    }

    @Test
    void aPutThatAppliesAtOnceDropsTheHeldChange() throws Exception {
        ObjectNode original = current(production);
        put(production, changed(production, set("client_name", "Held name"))).then().statusCode(202);
        String messageId = fieldChanges(production).get(0).path("message_id").asText();

        ObjectNode body = original.deepCopy();
        body.putArray("contacts").add("ops@app.example");
        put(production, body).then().statusCode(200).body("client_name", equalTo(original.path("client_name")
                .asText(null)));

        assertThat(held(production)).isEmpty();
        assertThat(client.api("/cds-api/v1/messages/" + messageId).path("status").asText()).isEqualTo("rejected");
    }

    @Test
    void twoConcurrentPutsLeaveExactlyOneHeldChangeAndOnePendingMessage() throws Exception {
        ObjectNode a = changed(production, set("client_name", "Concurrent A"));
        ObjectNode b = changed(production, set("client_name", "Concurrent B"));
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (ObjectNode body : List.of(a, b, a, b)) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return put(production, body).statusCode();
            }));
        }
        start.countDown();
        for (CompletableFuture<Integer> call : calls) {
            assertThat(call.get()).isEqualTo(202);
        }

        JsonNode held = held(production);
        assertThat(held).hasSize(1);
        List<JsonNode> messages = fieldChanges(production);
        assertThat(messages.stream().filter(m -> m.path("status").asText().equals("pending")).toList())
                .singleElement().satisfies(m -> assertThat(m.path("message_id").asText())
                        .isEqualTo(held.get(0).path("message_id").asText()));
        assertThat(messages.stream().filter(m -> !m.path("status").asText().equals("pending"))
                .allMatch(m -> m.path("status").asText().equals("rejected"))).isTrue();
        assertThat(held.get(0).path("body").path("client_name").asText()).isIn("Concurrent A", "Concurrent B");
    }

    @Test
    void badInputsGetPreciseJsonErrorsAndHoldNothing() throws Exception {
        put(production, changed(production, b -> b.withArray("redirect_uris").add("http://app.example/cb")))
                .then().statusCode(400).contentType(ContentType.JSON).body("error", equalTo("invalid_client_metadata"))
                .body("error_description", containsString("redirect_uris"));
        put(production, changed(production, set("client_name", ""))).then().statusCode(400)
                .body("error_description", containsString("client_name"));
        assertThat(held(production)).isEmpty();
        assertThat(fieldChanges(production)).isEmpty();

        put(production, changed(production, set("client_name", "Pending"))).then().statusCode(202);
        String messageId = fieldChanges(production).get(0).path("message_id").asText();
        for (String body : List.of("{}", "{\"reason\": \"\"}", "{\"reason\": \"  \"}", "{\"reason\": 7}", "[]",
                "{\"reason\": \"" + "x".repeat(2001) + "\"}")) {
            given().auth().oauth2(operator).contentType(ContentType.JSON).body(body)
                    .when().post("/cds-admin/v1/client-changes/" + messageId + "/reject")
                    .then().statusCode(400).contentType(ContentType.JSON).body("error", equalTo("invalid_request"))
                    .body("error_description", containsString("reason"));
        }
        given().auth().oauth2(operator).contentType(ContentType.JSON).body("{not json")
                .when().post("/cds-admin/v1/client-changes/" + messageId + "/reject")
                .then().statusCode(400).contentType(ContentType.JSON);
        given().auth().oauth2(operator).when().post("/cds-admin/v1/client-changes/m-unknown/approve")
                .then().statusCode(404).contentType(ContentType.JSON).body("error", equalTo("not_found"));
        String notification = null;
        for (JsonNode m : client.api("/cds-api/v1/messages").path("unread")) {
            if (m.path("type").asText().equals("notification")) {
                notification = m.path("message_id").asText();
            }
        }
        assertThat(notification).isNotNull();
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("reason", "no"))
                .when().post("/cds-admin/v1/client-changes/" + notification + "/reject")
                .then().statusCode(404).body("error", equalTo("not_found"));
        given().when().post("/cds-admin/v1/client-changes/" + messageId + "/approve").then().statusCode(401);
        given().auth().oauth2(client.adminToken).when().post("/cds-admin/v1/client-changes/" + messageId + "/approve")
                .then().statusCode(403);
        given().auth().oauth2(client.adminToken).when().get("/cds-admin/v1/client-changes").then().statusCode(403);
        assertThat(held(production)).hasSize(1);
        assertThat(client.api("/cds-api/v1/messages/" + messageId).path("status").asText()).isEqualTo("pending");
    }
}
