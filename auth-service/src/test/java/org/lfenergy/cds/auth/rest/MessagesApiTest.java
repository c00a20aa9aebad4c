package org.lfenergy.cds.auth.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.auth.support.ConsentClient;
import org.lfenergy.cds.auth.support.SpecExamples;
import org.lfenergy.cds.testing.RealInfrastructure;

/** Messages API (WG1-02 §6) over HTTP: the registration's messages, the three listings, create, read flag. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "auth"))
class MessagesApiTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    ConsentClient client;

    @BeforeEach
    void register() throws Exception {
        client = ConsentClient.register(base, "cds_usage");
    }

    JsonNode post(Object body, int status) throws Exception {
        return MAPPER.readTree(given().auth().oauth2(client.adminToken).contentType(ContentType.JSON).body(body)
                .when().post("/cds-api/v1/messages").then().statusCode(status).extract().asString());
    }

    JsonNode patch(String id, Object body, int status) throws Exception {
        return MAPPER.readTree(given().auth().oauth2(client.adminToken).contentType(ContentType.JSON).body(body)
                .when().patch("/cds-api/v1/messages/" + id).then().statusCode(status).extract().asString());
    }

    static String path(String url) {
        return URI.create(url).getRawPath() + (URI.create(url).getRawQuery() == null ? "" : "?" + URI.create(url).getRawQuery());
    }

    @Test
    void registrationLeavesTheTermsFormRequestOutstandingAndUnreadInTheSpecShape() throws Exception {
        JsonNode list = client.api("/cds-api/v1/messages");

        assertThat(list.path("outstanding")).hasSize(1);
        JsonNode form = list.path("outstanding").get(0);
        assertThat(form.path("type").asText()).isEqualTo("online_form_request");
        assertThat(form.path("status").asText()).isEqualTo("open");
        assertThat(form.path("read").asBoolean()).isFalse();
        assertThat(form.path("creator").isNull()).isTrue();
        assertThat(form.path("related_type").asText()).isEqualTo("online_form");
        assertThat(list.path("unread").findValuesAsText("message_id")).contains(form.path("message_id").asText());
        assertThat(list.path("read")).isEmpty();
        for (String key : List.of("outstanding_next", "outstanding_previous", "unread_next", "unread_previous",
                "read_next", "read_previous")) {
            assertThat(list.has(key)).as(key).isTrue();
        }
        JsonNode example = SpecExamples.json("wg1-02_12.10_retrieving-an-individual-message_response.json");
        JsonNode single = client.api(path(form.path("uri").asText()));
        assertThat(SpecExamples.keys(single)).containsAll(SpecExamples.keys(example).stream()
                .filter(k -> !List.of("attachments", "updates_requested", "grants_requested").contains(k)).toList());
        assertThat(single).isEqualTo(form);
    }

    @Test
    void markingReadMovesAMessageBetweenListingsAndIgnoresOtherFields() throws Exception {
        String id = client.api("/cds-api/v1/messages").path("outstanding").get(0).path("message_id").asText();

        JsonNode read = patch(id, Map.of("read", true, "status", "complete", "name", "changed"), 200);

        assertThat(read.path("read").asBoolean()).isTrue();
        assertThat(read.path("status").asText()).isEqualTo("open");
        assertThat(read.path("name").asText()).doesNotContain("changed");
        JsonNode list = client.api("/cds-api/v1/messages");
        assertThat(list.path("read").findValuesAsText("message_id")).contains(id);
        assertThat(list.path("unread").findValuesAsText("message_id")).doesNotContain(id);
        assertThat(patch(id, Map.of("read", false), 200).path("read").asBoolean()).isFalse();
        patch(id, Map.of("read", "yes"), 400);
    }

    @Test
    void aClientsPrivateMessageIsCreatedReadCompleteAndSignedByItsAdminObject() throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("type", "private_message", "name", "Hello", "description",
                "A question"));
        body.put("previous_uri", null);
        JsonNode created = post(body, 201);

        assertThat(created.path("status").asText()).isEqualTo("complete");
        assertThat(created.path("read").asBoolean()).isTrue();
        String adminId = null;
        for (JsonNode c : client.api("/cds-api/v1/clients").path("clients")) {
            if (c.path("scope").asText().equals("cds_client_admin")) {
                adminId = c.path("client_id").asText();
            }
        }
        assertThat(created.path("creator").asText()).isEqualTo(adminId);
        assertThat(created.path("created").asText()).isEqualTo(created.path("modified").asText());
        JsonNode filtered = client.api("/cds-api/v1/messages?message_ids=" + created.path("message_id").asText());
        assertThat(filtered.path("read")).hasSize(1);
        assertThat(filtered.path("outstanding")).isEmpty();
    }

    @Test
    void aProductionRequestForTheSandboxObjectIsPendingAndOutstanding() throws Exception {
        JsonNode created = post(Map.of("type", "production_request", "name", "Go live", "description", "Please review",
                "related_uri", client.api("/cds-api/v1/clients/" + client.clientId).path("cds_client_uri").asText()), 201);

        assertThat(created.path("status").asText()).isEqualTo("pending");
        assertThat(created.path("related_type").asText()).isEqualTo("client");
        assertThat(client.api("/cds-api/v1/messages").path("outstanding").findValuesAsText("message_id"))
                .contains(created.path("message_id").asText());
    }

    @Test
    void aClientSubmissionMovesTheServerRequestItAnswersFromOpenToPending() throws Exception {
        JsonNode form = client.api("/cds-api/v1/messages").path("outstanding").get(0);
        // the registration's request is an online_form_request, not a server_request: refused as an answer target
        Map<String, Object> body = new HashMap<>(Map.of("type", "client_submission", "name", "", "description", "",
                "previous_uri", form.path("uri").asText(), "updates_requested", List.of(Map.of("field", "terms"))));
        given().auth().oauth2(client.adminToken).contentType(ContentType.JSON).body(body)
                .when().post("/cds-api/v1/messages").then().statusCode(400)
                .body("error_description", containsString("server_request"));
    }

    @Test
    void invalidMessagesAreRefusedNamingTheProblem() throws Exception {
        Map<Object, String> cases = new java.util.LinkedHashMap<>();
        cases.put(Map.of("type", "notification", "name", "x", "description", "y"), "type must be one of");
        cases.put(Map.of("name", "x", "description", "y"), "type must be one of");
        cases.put(Map.of("type", "private_message", "description", "y"), "name is required");
        cases.put(Map.of("type", "private_message", "name", " ", "description", "y"), "name must not be blank");
        cases.put(Map.of("type", "client_submission", "name", "", "description", ""), "previous_uri is required");
        cases.put(Map.of("type", "client_submission", "name", "x", "description", ""), "must be \"\"");
        cases.put(Map.of("type", "grant_request", "name", "x", "description", "y"), "grants_requested is required");
        cases.put(Map.of("type", "grant_request", "name", "x", "description", "y",
                "grants_requested", List.of(Map.of("scope", "cds_usage"))), "authorization_details");
        cases.put(Map.of("type", "private_message", "name", "x", "description", "y", "previous_uri",
                "https://elsewhere.example/m/1"), "previous_uri must be");
        cases.put(Map.of("type", "private_message", "name", "x", "description", "y", "previous_uri",
                "http://127.0.0.1:8080/cds-api/v1/messages/mnope"), "no message of yours");
        cases.put(Map.of("type", "private_message", "name", "x", "description", "y", "related_uri", "nope"), "related_uri");
        cases.put(Map.of("type", "production_request", "name", "x", "description", "y"), "related_uri");
        cases.put(Map.of("type", "private_message", "name", "x", "description", "y",
                "attachments", List.of(Map.of("filename", "a.txt", "data", "***"))), "not Base64");
        cases.put(Map.of("type", "private_message", "name", "x", "description", "y",
                "updates_requested", List.of(Map.of("name", "no field"))), "field");
        for (Map.Entry<Object, String> c : cases.entrySet()) {
            given().auth().oauth2(client.adminToken).contentType(ContentType.JSON).body(c.getKey())
                    .when().post("/cds-api/v1/messages").then().statusCode(400)
                    .body("error", equalTo("invalid_request"))
                    .body("error_description", containsString(c.getValue()));
        }
    }

    @Test
    void attachmentsUpToTenMegabytesAreKeptAndLargerOnesAre413() throws Exception {
        byte[] small = "hello".getBytes();
        JsonNode created = post(Map.of("type", "support_request", "name", "Logs", "description", "see file",
                "attachments", List.of(Map.of("filename", "log.txt", "data", Base64.getEncoder().encodeToString(small)))), 201);
        assertThat(created.path("attachments").get(0).path("mime_type").asText()).isEqualTo("application/octet-stream");
        assertThat(created.path("status").asText()).isEqualTo("pending");

        byte[] big = new byte[10 * 1024 * 1024 + 1];
        given().auth().oauth2(client.adminToken).contentType(ContentType.JSON)
                .body(Map.of("type", "support_request", "name", "Big", "description", "too big",
                        "attachments", List.of(Map.of("filename", "big.bin", "data", Base64.getEncoder().encodeToString(big)))))
                .when().post("/cds-api/v1/messages").then().statusCode(413);
    }

    @Test
    void anotherRegistrantsMessageIsNotFound() throws Exception {
        ConsentClient other = ConsentClient.register(base, "cds_accounts");
        String theirs = other.api("/cds-api/v1/messages").path("outstanding").get(0).path("message_id").asText();

        given().auth().oauth2(client.adminToken).when().get("/cds-api/v1/messages/" + theirs).then().statusCode(404);
        given().auth().oauth2(client.adminToken).contentType(ContentType.JSON).body(Map.of("read", true))
                .when().patch("/cds-api/v1/messages/" + theirs).then().statusCode(404);
    }

    @Test
    void pagingLinksNameTheirListing() throws Exception {
        given().auth().oauth2(client.adminToken).when().get("/cds-api/v1/messages?offset=5").then().statusCode(400);
        JsonNode unreadOnly = client.api("/cds-api/v1/messages?list=unread&offset=0");
        assertThat(unreadOnly.path("outstanding")).isEmpty();
        assertThat(unreadOnly.path("read")).isEmpty();
        assertThat(unreadOnly.path("unread")).isNotEmpty();
    }
}
