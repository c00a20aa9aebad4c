package org.lfenergy.cds.auth.service.keycloak;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.lfenergy.cds.auth.config.CdsConfig;
import org.lfenergy.cds.auth.service.ApiError;

/**
 * Keycloak's OpenID Connect endpoints of realm {@code cds}: token, introspection and revocation. Keycloak
 * authenticates the client a second time and signs the token; auth-service only decides what is asked for.
 */
@ApplicationScoped
public class KeycloakTokens {

    /** A Keycloak answer: HTTP status and JSON body. */
    public record Answer(int status, JsonObject body) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebClient web;
    private final String endpoints;
    private final String resourceServerClient;
    private final KeycloakRealm realm;
    private final AtomicReference<String> resourceServerSecret = new AtomicReference<>();

    public KeycloakTokens(Vertx vertx, CdsConfig config, KeycloakRealm realm) {
        this.web = WebClient.create(vertx);
        this.endpoints = config.keycloak().url() + "/realms/" + config.keycloak().realm() + "/protocol/openid-connect";
        this.resourceServerClient = config.token().audience();
        this.realm = realm;
    }

    /** Keycloak client secrets by Keycloak id, read through the admin API (evicted when Keycloak refuses one). */
    private final java.util.concurrent.ConcurrentHashMap<String, String> secrets = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Asks Keycloak for a token for a Client Object that auth-service has already authenticated (by one of its CDS
     * Credentials), with the Keycloak client's own secret; a refused cached secret (rotated by another replica) is
     * read again once.
     */
    public Uni<Answer> tokenFor(org.lfenergy.cds.auth.service.model.ClientObject client, Map<String, String> form) {
        return authorizationFor(client).chain(auth -> token(auth, form)).chain(answer -> {
            if (answer.status() != 401) {
                return Uni.createFrom().item(answer);
            }
            secrets.remove(client.keycloakId());
            return authorizationFor(client).chain(auth -> token(auth, form));
        });
    }

    /** Revokes a token in Keycloak on behalf of the Client Object it was issued to. */
    public Uni<Answer> revokeFor(org.lfenergy.cds.auth.service.model.ClientObject client, String token, String hint) {
        return authorizationFor(client).chain(auth -> revoke(auth, token, hint));
    }

    /** Forgets the cached Keycloak secret of a client (after rotating it). */
    public void forget(String keycloakId) {
        secrets.remove(keycloakId);
    }

    private Uni<String> authorizationFor(org.lfenergy.cds.auth.service.model.ClientObject client) {
        String cached = secrets.get(client.keycloakId());
        Uni<String> secret = cached != null ? Uni.createFrom().item(cached)
                : realm.secret(client.keycloakId()).invoke(s -> secrets.put(client.keycloakId(), s));
        return secret.map(s -> "Basic " + Base64.getEncoder().encodeToString((java.net.URLEncoder.encode(client.clientId(),
                StandardCharsets.UTF_8) + ":" + java.net.URLEncoder.encode(s, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8)));
    }

    /** Asks Keycloak for a token with the given Basic credentials. */
    public Uni<Answer> token(String basicAuthorization, Map<String, String> form) {
        MultiMap body = MultiMap.caseInsensitiveMultiMap();
        form.forEach(body::add);
        return web.postAbs(endpoints + "/token").putHeader("Authorization", basicAuthorization)
                .timeout(TIMEOUT.toMillis()).sendForm(body)
                .map(KeycloakTokens::answer)
                .onFailure(e -> !(e instanceof ApiError)).transform(KeycloakTokens::unavailable);
    }

    /** Introspects a token as the resource-server client (which every CDS access token names in {@code aud}). */
    public Uni<Answer> introspect(String token) {
        return resourceServerAuthorization().chain(auth -> {
            MultiMap body = MultiMap.caseInsensitiveMultiMap();
            body.add("token", token);
            return web.postAbs(endpoints + "/token/introspect").putHeader("Authorization", auth)
                    .timeout(TIMEOUT.toMillis()).sendForm(body);
        }).map(KeycloakTokens::answer).onFailure(e -> !(e instanceof ApiError)).transform(KeycloakTokens::unavailable);
    }

    /** Revokes a token in Keycloak on behalf of the client it was issued to. */
    public Uni<Answer> revoke(String basicAuthorization, String token, String hint) {
        MultiMap body = MultiMap.caseInsensitiveMultiMap();
        body.add("token", token);
        if (hint != null) {
            body.add("token_type_hint", hint);
        }
        return web.postAbs(endpoints + "/revoke").putHeader("Authorization", basicAuthorization)
                .timeout(TIMEOUT.toMillis()).sendForm(body)
                .map(KeycloakTokens::answer)
                .onFailure(e -> !(e instanceof ApiError)).transform(KeycloakTokens::unavailable);
    }

    private Uni<String> resourceServerAuthorization() {
        String secret = resourceServerSecret.get();
        Uni<String> known = secret != null ? Uni.createFrom().item(secret)
                : realm.ensureResourceServerClient(resourceServerClient).invoke(resourceServerSecret::set);
        return known.map(s -> "Basic " + Base64.getEncoder()
                .encodeToString((resourceServerClient + ":" + s).getBytes(StandardCharsets.UTF_8)));
    }

    private static Answer answer(HttpResponse<io.vertx.mutiny.core.buffer.Buffer> response) {
        JsonObject body;
        try {
            body = response.bodyAsJsonObject();
        } catch (RuntimeException e) {
            body = null;
        }
        if (response.statusCode() >= 500) {
            throw unavailable(null);
        }
        // revocation answers 200 with an empty body
        return new Answer(response.statusCode(), body == null ? new JsonObject() : body);
    }

    private static ApiError unavailable(Throwable cause) {
        return new ApiError(503, "temporarily_unavailable", "the token issuer is unavailable; retry later");
    }
}
