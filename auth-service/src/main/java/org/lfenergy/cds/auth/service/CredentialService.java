package org.lfenergy.cds.auth.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.lfenergy.cds.auth.messaging.GrantPublisher;
import org.lfenergy.cds.auth.repository.ClientObjectRepository;
import org.lfenergy.cds.auth.repository.CredentialRepository;
import org.lfenergy.cds.auth.repository.GrantRepository;
import org.lfenergy.cds.auth.repository.MessageRepository;
import org.lfenergy.cds.auth.service.keycloak.KeycloakRealm;
import org.lfenergy.cds.auth.service.keycloak.KeycloakTokens;
import org.lfenergy.cds.auth.service.model.ClientObject;
import org.lfenergy.cds.auth.service.model.Credential;
import org.lfenergy.cds.auth.service.model.Grant;

/**
 * Credentials API writes (WG1-02 §7.3, §7.5) and what an expired Credential takes with it (§7.6): several secrets per
 * Client Object, each authenticated by auth-service; Keycloak's own client secret is auth-service's internal key and is
 * rotated whenever a Credential expires. Every token endpoint answer records which Credential obtained a token of
 * which Grant (and Keycloak session), so an expiry voids exactly those: the Grants' {@code tokens_not_before} (checked
 * by introspection, the management APIs and, through {@code cds.grants.v1}, the gateway) and the Keycloak sessions
 * (their refresh tokens).
 */
@ApplicationScoped
public class CredentialService {

    private static final Logger LOG = Logger.getLogger(CredentialService.class);

    /** Unexpired Credentials one Client Object may hold. */
    public static final int MAX_ACTIVE = 10;
    /** Tolerated client clock skew for "expire now" (seconds). */
    static final long SKEW = 60;

    private final Pool pool;
    private final CredentialRepository credentials;
    private final ClientObjectRepository clients;
    private final GrantRepository grants;
    private final MessageRepository messages;
    private final KeycloakRealm keycloak;
    private final KeycloakTokens tokens;
    private final GrantPublisher publisher;
    private final Changelog changelog;
    private final Clock clock = Clock.systemUTC();

    public CredentialService(Pool pool, CredentialRepository credentials, ClientObjectRepository clients,
            GrantRepository grants, MessageRepository messages, KeycloakRealm keycloak, KeycloakTokens tokens,
            GrantPublisher publisher, Changelog changelog) {
        this.pool = pool;
        this.credentials = credentials;
        this.clients = clients;
        this.grants = grants;
        this.messages = messages;
        this.keycloak = keycloak;
        this.tokens = tokens;
        this.publisher = publisher;
        this.changelog = changelog;
    }

    /** The new Credential and its secret. */
    public record Created(Credential credential, String secret) {
    }

    /** {@code POST cds_credentials_api {client_id}}: a new secret for one of the registrant's Client Objects. */
    public Uni<Created> create(String registrantId, JsonNode body) {
        if (body == null || !body.isObject() || !body.path("client_id").isTextual()) {
            throw ApiError.badRequest("the body must be {\"client_id\": \"...\"}");
        }
        String clientId = body.get("client_id").asText();
        return clients.find(clientId).chain(found -> {
            ClientObject client = found.filter(c -> c.registrantId().equals(registrantId))
                    .orElseThrow(() -> ApiError.badRequest("client_id names no Client Object of yours"));
            if (client.tokenEndpointAuthMethod() == null) {
                throw ApiError.badRequest("Client Object " + clientId + " has no token endpoint auth method (no credentials)");
            }
            return credentials.ofClient(clientId).chain(existing -> {
                Instant now = clock.instant();
                if (existing.stream().filter(c -> c.isValidAt(now)).count() >= MAX_ACTIVE) {
                    throw ApiError.badRequest("Client Object " + clientId + " already has " + MAX_ACTIVE
                            + " unexpired credentials; expire one first");
                }
                String secret = Ids.secret();
                Credential credential = new Credential(Ids.random("k"), registrantId, clientId, now, now,
                        Ids.hash(secret), 0);
                return keycloak.storeCredentialSecret(client.keycloakId(), credential.credentialId(), secret)
                        .onFailure().transform(e -> new ApiError(503, "temporarily_unavailable",
                                "the identity server could not store the secret; retry"))
                        .chain(() -> pool.withTransaction(sql -> credentials.insert(sql, credential)
                                .chain(() -> messages.insert(sql, changelog.credentialCreated(credential, now)))))
                        .replaceWith(new Created(credential, secret));
            });
        });
    }

    /** {@code PATCH uri {client_secret_expires_at}}: later never, earlier or now yes; now (or past) revokes. */
    public Uni<Credential> changeExpiry(String credentialId, String registrantId, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("the body must be a JSON object");
        }
        JsonNode value = body.get("client_secret_expires_at");
        if (value == null) {
            return owned(credentialId, registrantId); // other fields are ignored
        }
        if (!value.isIntegralNumber() || value.asLong() < 0) {
            throw ApiError.badRequest("client_secret_expires_at must be a non-negative integer (epoch seconds)");
        }
        long wanted = value.asLong();
        return owned(credentialId, registrantId).chain(current -> {
            Instant now = clock.instant();
            long nowSec = now.getEpochSecond();
            if (!current.isValidAt(now)) {
                if (wanted == current.expiresAt()) {
                    return Uni.createFrom().item(current);
                }
                throw ApiError.badRequest("the credential has expired; its expiry can no longer change");
            }
            if (wanted == 0 && current.expiresAt() != 0) {
                throw ApiError.badRequest("client_secret_expires_at may only move earlier (it is " + current.expiresAt() + ")");
            }
            if (wanted != 0 && wanted < nowSec - SKEW) {
                throw ApiError.badRequest("client_secret_expires_at must not be in the past (now is " + nowSec + ")");
            }
            if (current.expiresAt() != 0 && wanted > current.expiresAt()) {
                throw ApiError.badRequest("client_secret_expires_at may only move earlier (it is " + current.expiresAt() + ")");
            }
            if (wanted == current.expiresAt()) {
                return Uni.createFrom().item(current);
            }
            boolean expireNow = wanted != 0 && wanted <= nowSec;
            Credential changed = new Credential(current.credentialId(), current.registrantId(), current.clientId(),
                    current.created(), now, current.secretHash(), expireNow ? nowSec : wanted);
            return pool.withTransaction(sql -> credentials.updateExpiry(sql, changed)
                    .chain(() -> messages.insert(sql, changelog.credentialExpiryChanged(current, changed, expireNow, now))))
                    .chain(() -> expireNow ? revokeTokens(changed, now) : Uni.createFrom().voidItem())
                    .replaceWith(changed);
        });
    }

    private Uni<Credential> owned(String credentialId, String registrantId) {
        return credentials.find(credentialId).map(c -> c.filter(x -> x.registrantId().equals(registrantId))
                .orElseThrow(() -> ApiError.notFound("no such credential")));
    }

    /**
     * Voids every token issued with an expired Credential, synchronously: Keycloak's client secret is rotated (an
     * expired secret never reaches Keycloak), each Grant it got tokens for refuses tokens issued up to now, each
     * Keycloak session it used is ended (refresh tokens), and the Grants are republished for the gateway.
     */
    public Uni<Void> revokeTokens(Credential credential, Instant now) {
        long notBefore = now.getEpochSecond() + 1;
        return clients.find(credential.clientId()).chain(client -> client.isEmpty() ? Uni.createFrom().voidItem()
                : keycloak.rotateSecret(client.get().keycloakId()).invoke(() -> tokens.forget(client.get().keycloakId())))
                .chain(() -> credentials.uses(credential.credentialId()))
                .chain(uses -> Multi.createFrom().iterable(uses)
                        .onItem().transformToUniAndConcatenate(use -> voidTokens(use[0], notBefore)
                                .chain(() -> use[1].isEmpty() ? Uni.createFrom().voidItem()
                                        : keycloak.deleteSession(use[1]).onFailure().recoverWithNull()))
                        .collect().asList())
                .chain(done -> credentials.markTokensRevoked(credential.credentialId(), now))
                .invoke(() -> LOG.infof("credential %s expired: its tokens were revoked", credential.credentialId()));
    }

    private Uni<Void> voidTokens(String grantId, long notBefore) {
        return grants.find(grantId).chain(found -> {
            if (found.isEmpty() || found.get().document().path(Grant.TOKENS_NOT_BEFORE).asLong(0) >= notBefore) {
                return Uni.createFrom().voidItem();
            }
            Grant g = found.get();
            ObjectNode d = g.document().deepCopy();
            d.put(Grant.TOKENS_NOT_BEFORE, notBefore);
            Grant changed = g.changed(g.status(), d, clock.instant());
            return pool.withTransaction(sql -> grants.update(sql, changed)).chain(ok -> ok
                    ? publisher.publishWithProxies(changed).replaceWithVoid()
                    : voidTokens(grantId, notBefore)); // changed concurrently: read again
        });
    }

    /** Credentials that reached their expiry time since the last sweep: their tokens go now. */
    public Uni<Integer> revokeExpired() {
        Instant now = clock.instant();
        return credentials.expiredNotRevoked(now).chain(list -> Multi.createFrom().iterable(list)
                .onItem().transformToUniAndConcatenate(c -> revokeTokens(c, now).onFailure().recoverWithNull())
                .collect().asList().map(List::size));
    }
}
