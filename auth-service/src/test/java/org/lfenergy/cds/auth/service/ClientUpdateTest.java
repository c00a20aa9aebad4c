package org.lfenergy.cds.auth.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lfenergy.cds.auth.service.model.ClientKind;
import org.lfenergy.cds.auth.service.model.ClientObject;
import org.lfenergy.cds.auth.service.scope.ScopeCatalog;

/** PUT of a Client Object: what may change, what resets when omitted, and every refused value with its rule. */
class ClientUpdateTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ScopeCatalog CATALOG = ScopeCatalog.load(JSON, "https://cds.example");
    static final ClientUpdate UPDATE = new ClientUpdate(CATALOG, id -> "https://cds.example/oauth/default-redirect/" + id);
    static final String HOSTED = "https://cds.example/oauth/default-redirect/c1";
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    static ClientObject consent() throws Exception {
        ObjectNode d = (ObjectNode) JSON.readTree("""
                {"client_name":"Registered name","contacts":["ops@example.com"],"redirect_uris":["%s"],
                 "response_types":["code"],"grant_types":["authorization_code","refresh_token"],
                 "token_endpoint_auth_method":"client_secret_basic","authorization_details_types":["cds_accounts","cds_usage"],
                 "cds_status_options":["sandbox","disabled"],"cds_default_scope":"cds_accounts cds_usage",
                 "cds_default_redirect_uri":"%s","cds_default_authorization_details":[],
                 "cds_purposes":{"default-01":{"id":"default-01","name":"Default purpose","content":"x","related_uri":null,
                 "scopes_supported":["cds_accounts","cds_usage"]}}}""".formatted(HOSTED, HOSTED));
        return new ClientObject("c1", "r1", ClientKind.CUSTOMER_CONSENT, "sandbox", "cds_accounts cds_usage", NOW, NOW, NOW,
                "kc1", d);
    }

    static ClientObject direct() throws Exception {
        ObjectNode d = (ObjectNode) JSON.readTree("""
                {"client_name":"Direct","contacts":[],"redirect_uris":[],"response_types":[],
                 "grant_types":["client_credentials"],"token_endpoint_auth_method":"client_secret_basic",
                 "authorization_details_types":["cds_query_accounts"],"cds_status_options":["production","disabled"]}""");
        return new ClientObject("c2", "r1", ClientKind.DIRECT_ACCESS, "production", "cds_query_accounts", NOW, NOW, NOW,
                "kc2", d);
    }

    /** What a GET would show (only the members the immutability check reads). */
    static ObjectNode published(ClientObject c) {
        ObjectNode p = JSON.createObjectNode();
        p.put("client_id", c.clientId());
        p.put("client_id_issued_at", c.issuedAt().getEpochSecond());
        for (String f : new String[] {"grant_types", "response_types", "token_endpoint_auth_method", "cds_status_options",
                "authorization_details_types"}) {
            p.set(f, c.document().get(f));
        }
        p.put("cds_created", "2026-01-02T03:04:05Z");
        p.put("cds_modified", "2026-01-02T03:04:05Z");
        p.put("cds_client_uri", "https://cds.example/cds-api/v1/clients/" + c.clientId());
        p.put("cds_server_metadata", "https://cds.example/cds-api/v1/clients/" + c.clientId() + "/cds-server-metadata");
        return p;
    }

    static ClientUpdate.Result put(ClientObject c, String body) throws Exception {
        return UPDATE.apply(c, published(c), JSON.readTree(body), ZonedDateTime.ofInstant(NOW, ZoneId.of("UTC")),
                NOW.plusSeconds(60));
    }

    @Test
    void onlyRedirectUrisKeepsTheRegisteredNameScopeAndStatusAndRecordsOneChange() throws Exception {
        ClientUpdate.Result r = put(consent(), "{\"redirect_uris\":[\"https://app.example/cb\"]}");

        assertThat(r.client().document().path("redirect_uris").toString()).isEqualTo("[\"https://app.example/cb\"]");
        assertThat(r.client().document().path("client_name").asText()).isEqualTo("Registered name");
        assertThat(r.client().scope()).isEqualTo("cds_accounts cds_usage");
        assertThat(r.client().status()).isEqualTo("sandbox");
        assertThat(r.client().document().path("cds_default_redirect_uri").asText()).isEqualTo(HOSTED);
        assertThat(r.changes()).extracting(ClientUpdate.Change::field).containsExactly("redirect_uris");
        assertThat(r.changes().get(0).previous().get(0).asText()).isEqualTo(HOSTED);
    }

    @Test
    void omittedDescriptiveFieldsResetToTheirRegisteredValuesAfterAnEarlierChange() throws Exception {
        ClientObject renamed = put(consent(), "{\"client_name\":\"New name\",\"contacts\":[]}").client();

        ClientUpdate.Result again = put(renamed, "{}");

        assertThat(again.client().document().path("client_name").asText()).isEqualTo("Registered name");
        assertThat(again.client().document().path("contacts").toString()).isEqualTo("[\"ops@example.com\"]");
        assertThat(again.changes()).extracting(ClientUpdate.Change::field).containsExactly("client_name", "contacts");
    }

    @Test
    void sendingBackTheUnchangedObjectChangesNothing() throws Exception {
        ClientObject c = consent();
        ObjectNode body = published(c);
        body.put("scope", c.scope());
        body.put("client_name", "Registered name");
        body.set("contacts", c.document().get("contacts"));
        body.set("redirect_uris", c.document().get("redirect_uris"));
        body.put("cds_status", "sandbox");
        body.set("cds_purposes", c.document().get("cds_purposes"));

        assertThat(put(c, body.toString()).changed()).isFalse();
    }

    @Test
    void narrowsTheScopeAndRecomputesTheDerivedTypesAndTheDefaultScope() throws Exception {
        ClientUpdate.Result r = put(consent(), "{\"scope\":\"cds_usage\"}");

        assertThat(r.client().scope()).isEqualTo("cds_usage");
        assertThat(r.client().authorizationDetailsTypes()).containsExactly("cds_usage");
        assertThat(r.client().document().path("cds_default_scope").asText()).isEqualTo("cds_usage");
        assertThat(r.client().document().path("cds_purposes").path("default-01").path("scopes_supported").toString())
                .isEqualTo("[\"cds_usage\"]");
    }

    @Test
    void acceptsTheOlderCustomerDataNameAndKeepsItVisibleInTheScope() throws Exception {
        ClientObject c = consent();
        ClientUpdate.Result r = put(c, "{\"scope\":\"customer_data\"}");

        assertThat(r.client().scope()).isEqualTo("cds_accounts cds_service_contracts cds_meters cds_usage");
        assertThat(r.client().publishedScope()).endsWith(" customer_data");
    }

    @Test
    void addsANewPurposeWithAServerIdAndIgnoresChangesToTheDefaultPurpose() throws Exception {
        ClientUpdate.Result r = put(consent(), """
                {"cds_purposes":{"default-01":{"id":"default-01","name":"hacked","content":"hacked"},
                 "mine":{"id":"mine","name":"Energy advice","content":"We compare your usage.\\nMonthly.",
                 "related_uri":"https://app.example/privacy","related_name":"Privacy policy","scopes_supported":["cds_accounts"]}}}""");

        JsonNode purposes = r.client().document().path("cds_purposes");
        assertThat(purposes.path("default-01").path("name").asText()).isEqualTo("Default purpose");
        assertThat(purposes.size()).isEqualTo(2);
        JsonNode added = purposes.get(purposes.fieldNames().next().equals("default-01")
                ? iterator(purposes, 1) : iterator(purposes, 0));
        assertThat(added.path("id").asText()).startsWith("p").isNotEqualTo("mine");
        assertThat(added.path("content").asText()).isEqualTo("We compare your usage.\nMonthly.");
        assertThat(added.path("scopes_supported").toString()).isEqualTo("[\"cds_accounts\",\"cds_usage\"]");
    }

    static String iterator(JsonNode object, int index) {
        var it = object.fieldNames();
        String name = it.next();
        for (int i = 0; i < index; i++) {
            name = it.next();
        }
        return name;
    }

    @Test
    void disablesAnObjectThroughItsStatusOptions() throws Exception {
        assertThat(put(consent(), "{\"cds_status\":\"disabled\"}").client().isDisabled()).isTrue();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("[]", "JSON object"),
                Arguments.of("{\"client_secret\":\"x\"}", "client_secret"),
                Arguments.of("{\"client_secret_expires_at\":0}", "client_secret_expires_at"),
                Arguments.of("{\"client_id\":\"other\"}", "client_id cannot be changed"),
                Arguments.of("{\"grant_types\":[\"client_credentials\"]}", "grant_types cannot be changed"),
                Arguments.of("{\"response_types\":[]}", "response_types cannot be changed"),
                Arguments.of("{\"token_endpoint_auth_method\":\"none\"}", "token_endpoint_auth_method"),
                Arguments.of("{\"cds_status_options\":[\"production\"]}", "cds_status_options"),
                Arguments.of("{\"cds_client_uri\":\"https://x.example/\"}", "cds_client_uri"),
                Arguments.of("{\"cds_created\":\"2020-01-01T00:00:00Z\"}", "cds_created"),
                Arguments.of("{\"cds_status\":\"production\"}", "cds_status must be one of"),
                Arguments.of("{\"cds_status\":7}", "cds_status"),
                Arguments.of("{\"client_name\":\"\"}", "client_name"),
                Arguments.of("{\"client_name\":42}", "client_name"),
                Arguments.of("{\"client_uri\":\"ftp://x.example\"}", "client_uri"),
                Arguments.of("{\"contacts\":\"ops@example.com\"}", "contacts"),
                Arguments.of("{\"contacts\":[\"\"]}", "contacts"),
                Arguments.of("{\"redirect_uris\":\"https://app.example/cb\"}", "redirect_uris"),
                Arguments.of("{\"redirect_uris\":[\"http://app.example/cb\"]}", "http only for localhost"),
                Arguments.of("{\"redirect_uris\":[\"https://app.example/cb#frag\"]}", "without fragment"),
                Arguments.of("{\"redirect_uris\":[\"/relative\"]}", "redirect_uris"),
                Arguments.of("{\"redirect_uris\":[7]}", "redirect_uris"),
                Arguments.of("{\"cds_default_redirect_uri\":\"https://other.example/cb\"}", "cds_default_redirect_uri"),
                Arguments.of("{\"scope\":\"\"}", "at least one scope"),
                Arguments.of("{\"scope\":42}", "scope must be"),
                Arguments.of("{\"scope\":\"cds_query_accounts\"}", "cannot be held by this Client Object"),
                Arguments.of("{\"scope\":\"cds_client_admin\"}", "cannot be held"),
                Arguments.of("{\"scope\":\"cds_usage openid\"}", "openid is not a CDS scope"),
                Arguments.of("{\"cds_default_scope\":\"cds_meters\"}", "subset of scope"),
                Arguments.of("{\"cds_default_authorization_details\":{}}", "must be an array"),
                Arguments.of("{\"cds_default_authorization_details\":[{\"type\":\"cds_usage\",\"segment_start\":\"soon\"}]}",
                        "cds_default_authorization_details"),
                Arguments.of("{\"cds_default_authorization_details\":[{\"type\":\"cds_meters\"}]}",
                        "cds_default_authorization_details"),
                Arguments.of("{\"cds_purposes\":[]}", "cds_purposes must be an object"),
                Arguments.of("{\"cds_purposes\":{\"p\":{\"name\":\"n\",\"content\":\"   \"}}}", "non-whitespace"),
                Arguments.of("{\"cds_purposes\":{\"p\":{\"content\":\"c\"}}}", ".name"),
                Arguments.of("{\"cds_purposes\":{\"p\":{\"name\":\"n\",\"content\":\"c\",\"related_uri\":\"nope\"}}}",
                        "related_uri"),
                Arguments.of("{\"cds_purposes\":{\"p\":{\"name\":\"n\",\"content\":\"c\",\"related_uri\":"
                        + "\"https://x.example\"}}}", "related_name is required"),
                Arguments.of("{\"cds_purposes\":{\"p\":{\"name\":\"n\",\"content\":\"c\",\"related_uri\":"
                        + "\"https://x.example\",\"related_name\":\"two\\nlines\"}}}", "related_name"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusesWithInvalidClientMetadataNamingTheRule(String body, String message) {
        assertThatThrownBy(() -> put(consent(), body)).isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.error()).isEqualTo("invalid_client_metadata");
            assertThat(e.description()).contains(message);
        });
    }

    static Stream<Arguments> refusedOnDirectObjects() {
        return Stream.of(
                Arguments.of("{\"redirect_uris\":[\"https://app.example/cb\"]}", "this one has none"),
                Arguments.of("{\"cds_default_scope\":\"cds_query_accounts\"}", "only to Client Objects with response types"),
                Arguments.of("{\"scope\":\"cds_usage\"}", "cannot be held"),
                Arguments.of("{\"cds_status\":\"sandbox\"}", "cds_status must be one of"));
    }

    @ParameterizedTest
    @MethodSource("refusedOnDirectObjects")
    void refusesConsentOnlyFieldsAndForeignScopesOnADirectAccessObject(String body, String message) {
        assertThatThrownBy(() -> put(direct(), body)).isInstanceOfSatisfying(ApiError.class,
                e -> assertThat(e.description()).contains(message));
    }

    @Test
    void widensADirectAccessObjectWithAnotherDirectAccessScope() throws Exception {
        ClientUpdate.Result r = put(direct(), "{\"scope\":\"cds_query_accounts cds_query_usage\"}");

        assertThat(r.client().scopes()).containsExactly("cds_query_accounts", "cds_query_usage");
        assertThat(r.client().authorizationDetailsTypes()).containsExactly("cds_query_accounts", "cds_query_usage");
    }

    @Test
    void acceptsHttpRedirectsOnlyOnLoopback() {
        assertThat(ClientUpdate.isRedirectUri("http://localhost:8080/cb")).isTrue();
        assertThat(ClientUpdate.isRedirectUri("http://127.0.0.1/cb")).isTrue();
        assertThat(ClientUpdate.isRedirectUri("https://app.example/cb?x=1")).isTrue();
        assertThat(ClientUpdate.isRedirectUri("http://app.example/cb")).isFalse();
        assertThat(ClientUpdate.isRedirectUri("javascript:alert(1)")).isFalse();
        assertThat(ClientUpdate.isRedirectUri("https://")).isFalse();
    }

    static ClientObject productionConsent() throws Exception {
        ClientObject c = consent();
        ObjectNode d = c.document().deepCopy();
        d.putArray("cds_status_options").add("production").add("disabled");
        return c.with("production", c.scope(), c.modified(), d);
    }

    static Stream<Arguments> reviewCases() {
        return Stream.of(
                Arguments.of("client_name", "{\"client_name\":\"New\"}", true),
                Arguments.of("client_uri", "{\"client_uri\":\"https://app.example\"}", true),
                Arguments.of("logo_uri", "{\"logo_uri\":\"https://app.example/l.png\"}", true),
                Arguments.of("tos_uri", "{\"tos_uri\":\"https://app.example/tos\"}", true),
                Arguments.of("policy_uri", "{\"policy_uri\":\"https://app.example/p\"}", true),
                Arguments.of("redirect_uris", "{\"redirect_uris\":[\"https://app.example/cb\"]}", true),
                Arguments.of("cds_purposes", "{\"cds_purposes\":{\"x\":{\"name\":\"n\",\"content\":\"c\"}}}", true),
                Arguments.of("contacts", "{\"contacts\":[]}", false),
                Arguments.of("cds_status", "{\"cds_status\":\"disabled\"}", false),
                Arguments.of("cds_default_scope", "{\"cds_default_scope\":\"cds_usage\"}", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reviewCases")
    void onAProductionConsentObjectOnlyThePresentationFieldsWaitForReview(String field, String change, boolean reviewed)
            throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree("{\"client_name\":\"Registered name\","
                + "\"contacts\":[\"ops@example.com\"]}");
        body.setAll((ObjectNode) JSON.readTree(change));
        ClientObject production = productionConsent();
        ClientUpdate.Result r = put(production, body.toString());

        assertThat(r.changes()).extracting(ClientUpdate.Change::field).containsExactly(field);
        assertThat(ClientUpdate.needingReview(production, r)).extracting(ClientUpdate.Change::field)
                .isEqualTo(reviewed ? java.util.List.of(field) : java.util.List.of());
        // the same change of a sandbox object never waits
        ClientUpdate.Result sandbox = put(consent(), body.toString());
        assertThat(ClientUpdate.needingReview(consent(), sandbox)).isEmpty();
    }

    @Test
    void directAccessProductionObjectsNeverWaitForReview() throws Exception {
        ClientUpdate.Result r = put(direct(), "{\"client_name\":\"Renamed\",\"client_uri\":\"https://app.example\"}");

        assertThat(r.changes()).extracting(ClientUpdate.Change::field).containsExactlyInAnyOrder("client_name",
                "client_uri");
        assertThat(ClientUpdate.reviewsChanges(direct())).isFalse();
        assertThat(ClientUpdate.needingReview(direct(), r)).isEmpty();
        assertThat(ClientUpdate.reviewsChanges(productionConsent())).isTrue();
        assertThat(ClientUpdate.reviewsChanges(consent())).isFalse();
    }
}
