package org.lfenergy.cds.e2e.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A CDS client as a third-party app would write it, speaking only to the public base URL (the api-gateway):
 * anonymous registration, the {@code cds_client_admin} token, the Clients and Credentials APIs, token requests and
 * data calls. Every step asserts the documented status so a failure names the step.
 */
public final class CdsClient {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    public final String adminId;
    public final String adminSecret;
    public final String adminToken;

    private CdsClient(String base, String adminId, String adminSecret, String adminToken) {
        this.base = base;
        this.adminId = adminId;
        this.adminSecret = adminSecret;
        this.adminToken = adminToken;
    }

    /** One Client Object with its secret. */
    public record ClientObject(String clientId, String secret, JsonNode document) {
        public String defaultRedirectUri() {
            return document.path("cds_default_redirect_uri").asText();
        }
    }

    /** Registers anonymously (RFC 7591, 201) with these scopes and gets a {@code cds_client_admin} token. */
    public static CdsClient register(String base, String scope) {
        JsonNode reg = json(given().baseUri(base).contentType(ContentType.JSON)
                .body(Map.of("client_name", "e2e " + UUID.randomUUID(), "scope", scope))
                .post("/oauth/register").then().statusCode(201).extract().response());
        String id = reg.path("client_id").asText();
        String secret = reg.path("client_secret").asText();
        assertThat(id).isNotBlank();
        assertThat(secret).isNotBlank();
        JsonNode token = json(given().baseUri(base).auth().preemptive().basic(id, secret)
                .formParams(Map.of("grant_type", "client_credentials", "scope", "cds_client_admin"))
                .post("/oauth/token").then().statusCode(200).extract().response());
        return new CdsClient(base, id, secret, token.path("access_token").asText());
    }

    /** A client registered elsewhere (its admin Client Object and admin token). */
    public static CdsClient registered(String base, String adminId, String adminSecret, String adminToken) {
        return new CdsClient(base, adminId, adminSecret, adminToken);
    }

    /** GET with the admin token: 200 and the JSON body. */
    public JsonNode admin(String path) {
        return json(given().baseUri(base).auth().oauth2(adminToken).get(path).then().statusCode(200).extract()
                .response());
    }

    /** The registration's Client Object whose scope contains {@code scope}, with its credential's secret. */
    public ClientObject objectWithScope(String scope) {
        for (JsonNode c : admin("/cds-api/v1/clients").path("clients")) {
            if (java.util.List.of(c.path("scope").asText().split(" ")).contains(scope)) {
                String id = c.path("client_id").asText();
                JsonNode credentials = admin("/cds-api/v1/credentials?client_ids=" + id).path("credentials");
                assertThat(credentials).as("credentials of %s", id).hasSize(1);
                assertThat(credentials.get(0).path("client_id").asText()).isEqualTo(id);
                return new ClientObject(id, credentials.get(0).path("client_secret").asText(), c);
            }
        }
        throw new AssertionError("no client object with scope " + scope);
    }

    /** POST /oauth/token with client_secret_basic; the raw response. */
    public Response token(ClientObject client, Map<String, String> form) {
        return given().baseUri(base).auth().preemptive().basic(client.clientId(), client.secret())
                .contentType(ContentType.URLENC).formParams(form).post("/oauth/token");
    }

    /** A direct-access token (client_credentials, optional authorization_details JSON). */
    public JsonNode clientCredentials(ClientObject client, String scope, String authorizationDetails) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (scope != null) {
            form.put("scope", scope);
        }
        if (authorizationDetails != null) {
            form.put("authorization_details", authorizationDetails);
        }
        Response r = token(client, form);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return json(r);
    }

    /** Redeems an authorization code (PKCE verifier, exact redirect URI). */
    public JsonNode redeem(ClientObject client, String code, String redirectUri, String verifier) {
        Response r = token(client, Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", redirectUri, "code_verifier", verifier));
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return json(r);
    }

    /** A data (or any) call through the gateway with a bearer token. */
    public static RequestSpecification bearer(String base, String accessToken) {
        return given().baseUri(base).auth().oauth2(accessToken).urlEncodingEnabled(true);
    }

    // ------------------------------------------------------------------------------------------------ PKCE

    /** An RFC 7636 verifier and its S256 challenge. */
    public record Pkce(String verifier, String challenge) {
        public static Pkce create() {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(hash));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** {@code <base>/oauth/authorize?...} for a front-channel request. */
    public static String authorizeUrl(String base, Map<String, String> params) {
        return base + "/oauth/authorize?" + query(params);
    }

    public static String query(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** One query parameter of a URL (decoded), or null. */
    public static String param(String url, String name) {
        String q = url.substring(url.indexOf('?') + 1);
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (k.equals(name)) {
                return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    public static JsonNode json(Response response) {
        try {
            return JSON.readTree(response.asString());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.asString(), e);
        }
    }
}
