package org.lfenergy.cds.auth.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.Keycloak;
import org.lfenergy.cds.auth.support.OperatorToken;
import org.lfenergy.cds.auth.support.SpecExamples;
import org.lfenergy.cds.testing.RealInfrastructure;

/**
 * The spec's example requests of WG1-02 §12 and WG3 §13.3.1 / §13.4, replayed BY NAME from
 * {@code shared/spec/auth-examples} against the real stack (Keycloak, PostgreSQL, Kafka), in the order of the spec's
 * story: one registrant modifies its consent Client Object, reads and writes Messages, creates and expires a
 * Credential, reads a Server-Provided File through a Grant Admin token and closes that Grant, and sends a Message with a
 * Grant request. Each request file is sent as the spec has it, except the ids, secrets and URLs that must be this
 * server's; every substitution is written next to the request. Each answer must have the shape of the example answer
 * ({@link SpecExamples#shapeDifferences}: the example's members with the same JSON types) and valid values. Examples
 * that are invalid for this server get the precise error asserted, then the corrected request is replayed; the
 * readings are in docs/auth.md "Spec examples replayed".
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "auth"))
class SpecExampleReplayTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> GRANT_STATUSES = List.of("needs_authorization", "pending", "active", "paused",
            "suspended", "disabled", "revoked", "closed", "expired");

    @TestHTTPResource("/")
    URI base;

    @Inject
    Keycloak keycloak;

    /** The registrant's Client Objects (the kinds of the spec's story) and what the steps hand on. */
    static String adminId;
    static String adminToken;
    static JsonNode consent;
    static String directId;
    static String filesId;
    static String grantAdminId;
    static String grantAdminSecret;
    static String operatorToken;
    static String credentialId;
    static String fileId;
    static String fileGrantId;
    static String fileToken;
    /** The §13.4.1 grant_request, approved by the operator in §13.4.2. */
    static JsonNode grantRequest;

    @BeforeEach
    void registerOnce() throws Exception {
        synchronized (SpecExampleReplayTest.class) {
            if (adminId != null) {
                return;
            }
            // the spec's story in one registration: consent scopes (§13.3), a direct-access scope (§13.4) and the
            // server-provided files scope (§12.19-12.21); client_name and cds_company_name as in §12.3
            JsonNode created = MAPPER.readTree(given().contentType(ContentType.JSON)
                    .body(Map.of("scope", "cds_client_admin cds_service_contracts cds_usage cds_query_accounts"
                            + " cds_server_provided_files_1", "client_name", "My App Name", "cds_company_name",
                            "My Company Name"))
                    .when().post("/oauth/register").then().statusCode(201).extract().asString());
            adminId = created.path("client_id").asText();
            adminToken = MAPPER.readTree(given().auth().preemptive().basic(adminId, created.path("client_secret").asText())
                    .contentType(ContentType.URLENC).body("grant_type=client_credentials&scope=cds_client_admin")
                    .when().post("/oauth/token").then().statusCode(200).extract().asString()).path("access_token").asText();
            for (JsonNode c : get("/cds-api/v1/clients").path("clients")) {
                List<String> scopes = List.of(c.path("scope").asText().split(" "));
                String id = c.path("client_id").asText();
                if (scopes.contains("cds_service_contracts")) {
                    consent = c;
                } else if (scopes.contains("cds_query_accounts")) {
                    directId = id;
                } else if (scopes.contains("cds_server_provided_files_1")) {
                    filesId = id;
                } else if (scopes.contains("cds_grant_admin_1")) {
                    grantAdminId = id;
                    grantAdminSecret = secretOf(id);
                }
            }
            assertThat(List.of(String.valueOf(consent), String.valueOf(directId), String.valueOf(filesId),
                    String.valueOf(grantAdminId))).doesNotContain("null");
            operatorToken = OperatorToken.issue(keycloak);
        }
    }

    static JsonNode get(String path) throws Exception {
        return MAPPER.readTree(given().auth().oauth2(adminToken).when().get(path).then().statusCode(200).extract()
                .asString());
    }

    static String secretOf(String clientId) throws Exception {
        return get("/cds-api/v1/credentials?client_ids=" + clientId).path("credentials").get(0).path("client_secret")
                .asText();
    }

    static Response send(String method, String path, String json) {
        return given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(json).when().request(method, path);
    }

    static JsonNode json(Response response, int status) throws Exception {
        assertThat(response.statusCode()).as("%.500s", response.asString()).isEqualTo(status);
        return MAPPER.readTree(response.asString());
    }

    static Response tokenRequest(String clientId, String secret, String formBody) {
        return given().auth().preemptive().basic(clientId, secret).contentType(ContentType.URLENC)
                .body(formBody).when().post("/oauth/token");
    }

    static void assertShape(JsonNode actual, String exampleFile, String... skipped) {
        assertThat(SpecExamples.shapeDifferences(actual, SpecExamples.json(exampleFile), skipped))
                .as("%s against %s", actual, exampleFile).isEmpty();
    }

    /** The path and query of an absolute URL of this server (Messages carry absolute URLs). */
    static String path(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    // ------------------------------------------------------------------ WG1-02 §12.7 and WG3 §13.3.1: Clients PUT

    @Order(1)
    @Test
    void modifyingAClient_12_07_replacesTheRedirectUrisOfTheConsentObject() throws Exception {
        ObjectNode body = (ObjectNode) MAPPER.readTree(SpecExamples.text("wg1-02_12.07_modifying-a-client_request.json"));
        // substitutions: the example's only scope "example_custom" -> this object's scopes and RAR types (§16 A1:
        // type = scope id); the example server's hosted default redirect "https://example.com/oauth/default-redirect"
        // -> this server's for the object. Kept as in the example: the client's own redirect URI
        // https://client.example.com/my-new-redirect (also its new default), cds_status sandbox, [] default details,
        // cds_company_name.
        String scope = consent.path("scope").asText();
        body.put("scope", scope);
        body.put("cds_default_scope", scope);
        body.set("authorization_details_types", consent.path("authorization_details_types"));
        String hosted = consent.path("cds_default_redirect_uri").asText();
        assertThat(((ArrayNode) body.get("redirect_uris")).get(0).asText())
                .isEqualTo("https://example.com/oauth/default-redirect");
        ((ArrayNode) body.get("redirect_uris")).set(0, hosted);

        JsonNode replaced = json(send("PUT", "/cds-api/v1/clients/" + consent.path("client_id").asText(),
                body.toString()), 200);

        assertShape(replaced, "wg1-02_12.07_modifying-a-client_response.json");
        assertThat(replaced.path("redirect_uris").toString())
                .isEqualTo("[\"" + hosted + "\",\"https://client.example.com/my-new-redirect\"]");
        assertThat(replaced.path("cds_default_redirect_uri").asText()).isEqualTo("https://client.example.com/my-new-redirect");
        assertThat(replaced.path("cds_default_scope").asText()).isEqualTo(scope);
        assertThat(replaced.path("cds_company_name").asText()).isEqualTo("My Company Name");
        assertThat(replaced.path("cds_status_options").toString()).contains("\"" + replaced.path("cds_status").asText() + "\"");
        assertThat(replaced.path("response_types").toString()).isEqualTo("[\"code\"]");
        assertThat(replaced.path("token_endpoint_auth_method").asText()).isEqualTo("client_secret_basic");
        assertThat(replaced).isEqualTo(get("/cds-api/v1/clients/" + consent.path("client_id").asText()));
    }

    @Order(2)
    @Test
    void addingACustomRedirectUrl_13_03_01_addsTheClientsRedirectNextToTheHostedDefault() throws Exception {
        ObjectNode body = (ObjectNode) MAPPER.readTree(SpecExamples.text(
                "wg3_13.03.01_adding-a-custom-redirect-url_request.json"));
        // substitutions: the example's scope ids cds_service_contracts_1 / cds_usage_1 -> this server's
        // cds_service_contracts / cds_usage (in scope, cds_default_scope and the default Purpose's scopes_supported);
        // RAR types <id>ad -> the scope ids (§16 A1); the example server's hosted default redirect
        // https://example.com/oauth/default-redirect/cd19fadc538d3bf3b0 -> this server's (redirect_uris[0] and
        // cds_default_redirect_uri). Kept: client_name, https://energy-app.example.com/redirect, the Purpose texts.
        String scope = consent.path("scope").asText();
        assertThat(body.path("scope").asText()).isEqualTo("cds_service_contracts_1 cds_usage_1");
        body.put("scope", scope);
        body.put("cds_default_scope", "cds_service_contracts");
        body.set("authorization_details_types", consent.path("authorization_details_types"));
        String hosted = consent.path("cds_default_redirect_uri").asText();
        ((ArrayNode) body.get("redirect_uris")).set(0, hosted);
        body.put("cds_default_redirect_uri", hosted);
        ArrayNode supported = ((ObjectNode) body.path("cds_purposes").path("default-01")).putArray("scopes_supported");
        supported.add("cds_service_contracts").add("cds_usage");

        JsonNode replaced = json(send("PUT", "/cds-api/v1/clients/" + consent.path("client_id").asText(),
                body.toString()), 200);

        assertShape(replaced, "wg3_13.03.01_adding-a-custom-redirect-url_response.json");
        assertThat(replaced.path("redirect_uris").toString())
                .isEqualTo("[\"" + hosted + "\",\"https://energy-app.example.com/redirect\"]");
        assertThat(replaced.path("cds_default_redirect_uri").asText()).isEqualTo(hosted);
        assertThat(replaced.path("cds_default_scope").asText()).isEqualTo("cds_service_contracts");
        assertThat(replaced.path("client_name").asText()).isEqualTo("My App Name");
        assertThat(replaced.path("cds_purposes").path("default-01").path("id").asText()).isEqualTo("default-01");
        // the new redirect URI is usable at once: a pushed authorization request naming it is accepted
        String consentSecret = secretOf(replaced.path("client_id").asText());
        given().auth().preemptive().basic(replaced.path("client_id").asText(), consentSecret)
                .contentType(ContentType.URLENC)
                .body("response_type=code&scope=cds_usage&state=s&code_challenge_method=S256"
                        + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                        + "&redirect_uri=https%3A%2F%2Fenergy-app.example.com%2Fredirect")
                .when().post("/oauth/par").then().statusCode(201);
    }

    // ------------------------------------------------------------------ WG1-02 §12.9, §12.11: Messages

    @Order(3)
    @Test
    void modifyingAMessage_12_11_marksTheChangelogNotificationRead() throws Exception {
        // the notification the §12.7 PUT added (the example marks a server notification read the same way)
        JsonNode notification = null;
        for (JsonNode m : get("/cds-api/v1/messages").path("unread")) {
            if (m.path("type").asText().equals("notification")
                    && m.path("related_uri").asText().equals(consent.path("cds_client_uri").asText())) {
                notification = m;
            }
        }
        assertThat(notification).as("changelog notification of the Clients PUT").isNotNull();

        JsonNode read = json(send("PATCH", path(notification.path("uri").asText()),
                SpecExamples.text("wg1-02_12.11_modifying-a-message_request.json")), 200);

        assertShape(read, "wg1-02_12.11_modifying-a-message_response.json");
        assertThat(read.path("read").asBoolean()).isTrue();
        assertThat(read.path("type").asText()).isEqualTo("notification");
        assertThat(read.path("status").asText()).isEqualTo("complete");
        assertThat(read.path("creator").isNull()).isTrue();
        assertThat(read.path("related_type").asText()).isEqualTo("client");
        assertThat(get("/cds-api/v1/messages").path("read").findValuesAsText("message_id"))
                .contains(read.path("message_id").asText());
    }

    @Order(3)
    @Test
    void creatingAMessage_12_09_sendsAPrivateMessageAsWritten() throws Exception {
        // sent verbatim: the example omits previous_uri, which this server reads as null (a new conversation)
        JsonNode created = json(send("POST", "/cds-api/v1/messages",
                SpecExamples.text("wg1-02_12.09_creating-a-message_request.json")), 201);

        assertShape(created, "wg1-02_12.09_creating-a-message_response.json");
        assertThat(created.path("type").asText()).isEqualTo("private_message");
        assertThat(created.path("name").asText()).isEqualTo("My Subject");
        assertThat(created.path("description").asText()).isEqualTo("Hello World!");
        assertThat(created.path("read").asBoolean()).isTrue();
        assertThat(created.path("status").asText()).isEqualTo("complete");
        assertThat(created.path("creator").asText()).isEqualTo(adminId);
        assertThat(created.path("previous_uri").isNull()).isTrue();
        assertThat(created.path("created").asText()).isEqualTo(created.path("modified").asText());
    }

    // ------------------------------------------------------------------ WG1-02 §12.13, §12.15: Credentials

    @Order(4)
    @Test
    void creatingACredential_12_13_isRefusedForItsTrailingCommaAndCreatedWithoutIt() throws Exception {
        // substitution: the example's client id af653d57fa364da5 (its consent object, §12.7) -> this consent object
        String verbatim = SpecExamples.text("wg1-02_12.13_creating-a-credential_request.txt")
                .replace("af653d57fa364da5", consent.path("client_id").asText());

        // the file is not JSON (a trailing comma, §16 D): refused, saying where
        JsonNode refused = json(send("POST", "/cds-api/v1/credentials", verbatim), 400);
        assertThat(refused.path("error").asText()).isEqualTo("invalid_request");
        assertThat(refused.path("error_description").asText()).startsWith("the body is not valid JSON (line 3, column ");

        JsonNode created = json(send("POST", "/cds-api/v1/credentials", verbatim.replaceAll(",(\\s*})", "$1")), 201);

        assertShape(created, "wg1-02_12.13_creating-a-credential_response.json");
        assertThat(created.path("client_id").asText()).isEqualTo(consent.path("client_id").asText());
        assertThat(created.path("type").asText()).isEqualTo("client_secret");
        assertThat(created.path("client_secret").asText()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(created.path("client_secret_expires_at").asLong()).isZero();
        credentialId = created.path("credential_id").asText();
        assertThat(created.path("uri").asText()).endsWith("/cds-api/v1/credentials/" + credentialId);
    }

    @Order(5)
    @Test
    void modifyingACredential_12_15_refusesTheExamplesPastExpiryAndSetsAFutureOne() throws Exception {
        String verbatim = SpecExamples.text("wg1-02_12.15_modifying-a-credential_request.json");
        // 1760125049 is 2025-10-10T19:37:29Z: valid when the spec was written, in the past now, and an expiry in the
        // past is refused (docs/auth.md: up to 60 s of clock skew count as now)
        assertThat(Instant.ofEpochSecond(1760125049L)).isBefore(Instant.now());
        JsonNode refused = json(send("PATCH", "/cds-api/v1/credentials/" + credentialId, verbatim), 400);
        assertThat(refused.path("error").asText()).isEqualTo("invalid_request");
        assertThat(refused.path("error_description").asText()).contains("client_secret_expires_at").contains("past");

        // substitution: the example's time -> one day from now
        long tomorrow = Instant.now().plusSeconds(86_400).getEpochSecond();
        JsonNode modified = json(send("PATCH", "/cds-api/v1/credentials/" + credentialId,
                verbatim.replace("1760125049", Long.toString(tomorrow))), 200);

        assertShape(modified, "wg1-02_12.15_modifying-a-credential_response.json");
        assertThat(modified.path("client_secret_expires_at").asLong()).isEqualTo(tomorrow);
        assertThat(modified.path("credential_id").asText()).isEqualTo(credentialId);
        assertThat(modified.path("type").asText()).isEqualTo("client_secret");
    }

    // ------------------------------------------------------------------ WG1-02 §12.19, §12.21, §12.18: files and Grants

    JsonNode upload(String name) throws Exception {
        // exactly "application/pdf", as the example's mime_type (RestAssured would append a charset)
        return MAPPER.readTree(given().config(io.restassured.RestAssured.config().encoderConfig(
                io.restassured.config.EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .auth().oauth2(operatorToken).contentType("application/pdf")
                .body("%PDF-1.4 replay".getBytes(StandardCharsets.US_ASCII))
                .queryParam("client_id", filesId).queryParam("name", name)
                .queryParam("description", "Proprietary demand response API documentation")
                .when().post("/cds-admin/v1/server-provided-files").then().statusCode(201).extract().asString());
    }

    @Order(6)
    @Test
    void serverProvidedFileAccess_12_19_andRetrievingTheFile_12_21() throws Exception {
        JsonNode stored = upload("DR_API_docs_v1.0.pdf");
        fileId = stored.path("file_id").asText();
        fileGrantId = stored.path("grant_id").asText();
        // substitutions: the example's files object 7e22b5568893c547 and Grant c644a5da13f379db -> this registrant's
        // files object and the Grant the server created for the uploaded file (inside the URL-encoded
        // authorization_details); Basic authentication with the grant-admin object's secret
        String form = SpecExamples.text(
                "wg1-02_12.19_obtaining-server-provided-file-access-via-the-grant-admin-sc_request-form-body.txt").trim();
        assertThat(form).contains("7e22b5568893c547").contains("c644a5da13f379db");
        form = form.replace("7e22b5568893c547", filesId).replace("c644a5da13f379db", fileGrantId);

        Response answer = tokenRequest(grantAdminId, grantAdminSecret, form);
        JsonNode token = json(answer, 200);

        assertShape(token, "wg1-02_12.19_obtaining-server-provided-file-access-via-the-grant-admin-sc_response.json");
        assertThat(token.path("token_type").asText()).isEqualToIgnoringCase("bearer");
        assertThat(token.path("scope").asText()).isEqualTo("cds_grant_admin_1");
        assertThat(token.path("expires_in").asInt()).isPositive();
        JsonNode entry = token.path("authorization_details").get(0);
        assertThat(entry.path("type").asText()).isEqualTo("cds_grant_admin_1");
        assertThat(entry.path("client_id").asText()).isEqualTo(filesId);
        assertThat(entry.path("grant_id").asText()).isEqualTo(fileGrantId);
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        fileToken = token.path("access_token").asText();

        JsonNode file = MAPPER.readTree(given().auth().oauth2(fileToken).when()
                .get("/cds-api/v1/server-provided-files/" + fileId).then().statusCode(200).extract().asString());

        assertShape(file, "wg1-02_12.21_retrieving-an-individual-server-provided-file_response.json");
        assertThat(file.path("file_id").asText()).isEqualTo(fileId);
        assertThat(file.path("name").asText()).isEqualTo("DR_API_docs_v1.0.pdf");
        assertThat(file.path("mime_type").asText()).isEqualTo("application/pdf");
        assertThat(file.path("size").asLong()).isEqualTo("%PDF-1.4 replay".length());
        assertThat(file.path("download_uri").asText()).isEqualTo(file.path("uri").asText() + "/download");
    }

    @Order(7)
    @Test
    void modifyingAGrant_12_18_closesTheFilesGrantAndItsTokenStopsWorking() throws Exception {
        // sent verbatim to the Grant of §12.19 (the example closes the files Grant of its §12.19 too)
        JsonNode closed = json(send("PATCH", "/cds-api/v1/grants/" + fileGrantId,
                SpecExamples.text("wg1-02_12.18_modifying-a-grant_request.json")), 200);

        assertShape(closed, "wg1-02_12.18_modifying-a-grant_response.json");
        assertThat(closed.path("status").asText()).isEqualTo("closed");
        assertThat(closed.path("grant_id").asText()).isEqualTo(fileGrantId);
        assertThat(closed.path("client_id").asText()).isEqualTo(filesId);
        assertThat(closed.path("scope").asText()).isEqualTo("cds_server_provided_files_1");
        assertThat(closed.path("authorization_details").get(0).path("file_id").asText()).isEqualTo(fileId);
        assertThat(closed.path("parent").isNull()).isTrue();
        // the example keeps enabled_* on the closed Grant; a closed Grant gives no access, so this server empties them
        // (docs/auth.md "Spec examples replayed")
        assertThat(closed.path("enabled_scope").asText()).isEmpty();
        assertThat(closed.path("enabled_authorization_details")).isEmpty();
        int status = given().auth().oauth2(fileToken).when().get("/cds-api/v1/server-provided-files/" + fileId)
                .then().extract().statusCode();
        assertThat(status).as("the file token after its Grant was closed").isIn(401, 403);
    }

    // ------------------------------------------------------------------ WG3 §13.4: a Grant request and its Grant

    @Order(8)
    @Test
    void sendingAMessageWithAGrantRequest_13_04_01_andTheListingOf_13_04_02() throws Exception {
        ObjectNode body = (ObjectNode) MAPPER.readTree(SpecExamples.text(
                "wg3_13.04.01_sending-a-message-with-a-grant-request_request.json"));
        // substitutions: related_uri https://example.com/cds-api/v1/clients/cd53db9fd4533d593b (the example's
        // direct-access object) -> this registrant's direct-access object; scope cds_query_accounts_1 -> this server's
        // cds_query_accounts, RAR type cds_query_accounts_1ad -> cds_query_accounts (§16 A1). Kept: the texts,
        // account_numbers ["1234567"] and the other fields.
        String directUri = get("/cds-api/v1/clients/" + directId).path("cds_client_uri").asText();
        body.put("related_uri", directUri);
        ObjectNode requested = (ObjectNode) body.path("grants_requested").get(0);
        requested.put("scope", "cds_query_accounts");
        ((ObjectNode) requested.path("authorization_details").get(0)).put("type", "cds_query_accounts");

        JsonNode created = json(send("POST", "/cds-api/v1/messages", body.toString()), 201);
        grantRequest = created;

        assertShape(created, "wg3_13.04.01_sending-a-message-with-a-grant-request_response.json");
        assertThat(created.path("type").asText()).isEqualTo("grant_request");
        assertThat(created.path("status").asText()).isEqualTo("pending");
        assertThat(created.path("read").asBoolean()).isTrue();
        assertThat(created.path("creator").asText()).isEqualTo(adminId);
        assertThat(created.path("related_uri").asText()).isEqualTo(directUri);
        assertThat(created.path("related_type").asText()).isEqualTo("client");
        JsonNode details = created.path("grants_requested").get(0).path("authorization_details").get(0);
        assertThat(created.path("grants_requested").get(0).path("scope").asText()).isEqualTo("cds_query_accounts");
        // what was sent is what is stored (the example's echo 1234567-9 differs from its request: §16 D)
        assertThat(details.path("account_numbers").toString()).isEqualTo("[\"1234567\"]");
        assertThat(details.path("include_account_details").asBoolean()).isTrue();

        // before the server's review: the listing holds it among the outstanding Messages
        JsonNode listing = get("/cds-api/v1/messages");
        // the lists hold Messages of other types too: the listing is compared here, the grant_request below
        assertShape(listing, "wg3_13.04.02_retrieving-a-message-reply-to-a-grant-request_response.txt",
                "/unread/*", "/outstanding/*", "/read/*");
        JsonNode mine = null;
        for (JsonNode m : listing.path("outstanding")) {
            if (m.path("message_id").asText().equals(created.path("message_id").asText())) {
                mine = m;
            }
        }
        assertThat(mine).as("the pending grant_request is outstanding").isNotNull();
        assertThat(SpecExamples.shapeDifferences(mine, SpecExamples.json(
                "wg3_13.04.02_retrieving-a-message-reply-to-a-grant-request_response.txt").path("read").get(0)))
                .isEmpty();
    }

    @Order(9)
    @Test
    void theServersReply_13_04_02_theGrantItCreated_13_04_03_andItsGrantAdminToken_13_04_04() throws Exception {
        // The operator approves the §13.4.1 request (operator API, docs/auth.md): the Grant is created and the server
        // replies with a request_update, as in §13.4.2.
        String requestId = grantRequest.path("message_id").asText();
        given().auth().oauth2(operatorToken).when().post("/cds-admin/v1/grant-requests/" + requestId + "/approve")
                .then().statusCode(200);

        // §13.4.2 (by name): the reply is unread and the request read, as in the example
        String example = "wg3_13.04.02_retrieving-a-message-reply-to-a-grant-request_response.txt";
        JsonNode messages = get("/cds-api/v1/messages");
        assertShape(messages, example, "/unread/*", "/outstanding/*", "/read/*");
        JsonNode reply = null;
        for (JsonNode m : messages.path("unread")) {
            if (m.path("previous_uri").asText().equals(grantRequest.path("uri").asText())) {
                reply = m;
            }
        }
        assertThat(reply).as("the server's request_update is unread").isNotNull();
        assertThat(SpecExamples.shapeDifferences(reply, SpecExamples.json(example).path("unread").get(0))).isEmpty();
        assertThat(reply.path("type").asText()).isEqualTo("request_update");
        assertThat(reply.path("status").asText()).isEqualTo("complete");
        assertThat(reply.path("read").asBoolean()).isFalse();
        assertThat(reply.path("creator").isNull()).isTrue();
        assertThat(reply.path("related_type").asText()).isEqualTo("grant");
        JsonNode request = null;
        for (JsonNode m : messages.path("read")) {
            if (m.path("message_id").asText().equals(requestId)) {
                request = m;
            }
        }
        assertThat(request).as("the grant_request is read, no longer outstanding").isNotNull();
        assertThat(SpecExamples.shapeDifferences(request, SpecExamples.json(example).path("read").get(0))).isEmpty();
        // §16 item 21: the completed request points to the Grants listing (grant_list), the reply to the Grant
        assertThat(request.path("status").asText()).isEqualTo("complete");
        assertThat(request.path("related_type").asText()).isEqualTo("grant_list");
        String grantUri = reply.path("related_uri").asText();
        String grantId = grantUri.substring(grantUri.lastIndexOf('/') + 1);
        assertThat(request.path("related_uri").asText()).endsWith("/cds-api/v1/grants?grant_ids=" + grantId);

        // §13.4.3: the Grant the approval created, for the direct-access object the request named
        JsonNode listing = get("/cds-api/v1/grants?grant_ids=" + grantId);

        // parent: the example has [] where a Grant without parent has null (§16 D), so it is compared as a value
        assertShape(listing, "wg3_13.04.03_retrieving-the-server-created-grant_response.json", "/grants/*/parent");
        JsonNode grant = listing.path("grants").get(0);
        assertThat(listing.path("grants")).hasSize(1);
        assertThat(grant.path("parent").isNull()).isTrue();
        assertThat(grant.path("status").asText()).isIn(GRANT_STATUSES).isEqualTo("active");
        assertThat(grant.path("uri").asText()).isEqualTo(grantUri);
        assertThat(grant.path("client_id").asText()).isEqualTo(directId);
        assertThat(grant.path("scope").asText()).isEqualTo("cds_query_accounts");
        assertThat(grant.path("enabled_scope").asText()).isEqualTo("cds_query_accounts");
        JsonNode stored = grant.path("authorization_details").get(0);
        assertThat(stored.path("account_numbers").toString()).isEqualTo("[\"1234567\"]");
        // a relative sync_until is stored as the instant it stands for (the example's stored "P0D": §16 D)
        assertThat(stored.path("sync_until").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*");
        assertThat(get("/cds-api/v1/grants/" + grantId)).isEqualTo(grant);

        // §13.4.4 substitutions: the example's direct-access object cd53db9fd4533d593b and Grant 699b2d01560eb9f1 ->
        // this registrant's and the Grant above; Basic authentication with the grant-admin object's secret
        String form = SpecExamples.text(
                "wg3_13.04.04_obtaining-a-grant-admin-access-token-for-a-server-created-gr_request-form-body.txt").trim();
        assertThat(form).contains("cd53db9fd4533d593b").contains("699b2d01560eb9f1");
        JsonNode token = json(tokenRequest(grantAdminId, grantAdminSecret,
                form.replace("cd53db9fd4533d593b", directId).replace("699b2d01560eb9f1", grantId)), 200);

        assertShape(token, "wg3_13.04.04_obtaining-a-grant-admin-access-token-for-a-server-created-gr_response.json");
        assertThat(token.path("token_type").asText()).isEqualToIgnoringCase("bearer");
        assertThat(token.path("authorization_details").get(0).path("grant_id").asText()).isEqualTo(grantId);
        assertThat(token.path("authorization_details").get(0).path("client_id").asText()).isEqualTo(directId);
        String proxy = token.path("cds_grant_ids").get(0).asText();
        assertThat(proxy).isNotEqualTo(grantId);
        assertThat(get("/cds-api/v1/grants/" + proxy).path("client_id").asText()).isEqualTo(grantAdminId);
    }

    // ------------------------------------------------------------------ the .txt listings (HTTP text around JSON)

    /** The kind of a Client Object, the same for the example's objects and ours whatever their scope ids. */
    static String kind(JsonNode client) {
        String scope = client.path("scope").asText();
        if (scope.startsWith("cds_client_admin")) {
            return "admin";
        } else if (scope.startsWith("cds_grant_admin")) {
            return "grant-admin";
        } else if (scope.startsWith("cds_server_provided_files")) {
            return "files";
        } else if (!client.path("response_types").isEmpty()) {
            return "consent";
        }
        return "direct";
    }

    @Order(10)
    @Test
    void theClientListings_12_05_12_06_13_01_04_haveTheExamplesShapePerKindOfObject() throws Exception {
        JsonNode ours = get("/cds-api/v1/clients");
        Map<String, JsonNode> byKind = new java.util.HashMap<>();
        ours.path("clients").forEach(c -> byKind.put(kind(c), c));
        assertThat(byKind.keySet()).containsExactlyInAnyOrder("admin", "grant-admin", "files", "consent", "direct");
        for (String file : List.of("wg1-02_12.05_retrieving-a-client-list_response.txt",
                "wg3_13.01.04_retrieving-client-objects-with-customer-data-scopes_response.txt")) {
            JsonNode example = SpecExamples.json(file);
            assertThat(SpecExamples.keys(ours)).as(file).containsAll(SpecExamples.keys(example));
            for (JsonNode e : example.path("clients")) {
                JsonNode mine = byKind.get(kind(e));
                if (mine == null) {
                    continue; // a kind this registration does not have
                }
                assertThat(SpecExamples.shapeDifferences(mine, e)).as("%s %s (%s)", file, kind(e),
                        e.path("client_id").asText()).isEmpty();
                assertThat(mine.path("cds_status_options").toString()).as("%s %s", file, kind(e))
                        .contains("\"" + mine.path("cds_status").asText() + "\"");
            }
        }
        JsonNode admin = get("/cds-api/v1/clients/" + adminId);
        assertShape(admin, "wg1-02_12.06_retrieving-an-individual-client_response.txt");
        assertThat(admin.path("cds_status").asText()).isEqualTo("production");
        assertThat(admin.path("grant_types").toString()).isEqualTo("[\"client_credentials\"]");
    }

    @Order(10)
    @Test
    void theMessageListing_12_08_hasTheExamplesShapeForEveryTypeItShows() throws Exception {
        JsonNode ours = get("/cds-api/v1/messages");
        JsonNode example = SpecExamples.json("wg1-02_12.08_retrieving-a-message-list_response.txt");
        assertShape(ours, "wg1-02_12.08_retrieving-a-message-list_response.txt", "/outstanding/*", "/unread/*",
                "/read/*");
        int compared = 0;
        for (String list : List.of("outstanding", "unread", "read")) {
            for (JsonNode e : example.path(list)) {
                for (JsonNode m : ours.path(list)) {
                    if (m.path("type").asText().equals(e.path("type").asText())) {
                        assertThat(SpecExamples.shapeDifferences(m, e)).as("%s %s", list, m).isEmpty();
                        compared++;
                    }
                }
            }
        }
        // our notifications (the changelog of the PUTs above) are compared with the example's Welcome notification
        assertThat(compared).isPositive();
        for (JsonNode m : ours.path("unread")) {
            assertThat(m.path("read").asBoolean()).isFalse();
        }
        for (JsonNode m : ours.path("read")) {
            assertThat(m.path("read").asBoolean()).isTrue();
        }
    }
}
