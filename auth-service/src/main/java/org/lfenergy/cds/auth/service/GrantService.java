package org.lfenergy.cds.auth.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import org.lfenergy.cds.auth.messaging.GrantPublisher;
import org.lfenergy.cds.auth.repository.GrantRepository;
import org.lfenergy.cds.auth.service.keycloak.KeycloakRealm;
import org.lfenergy.cds.auth.service.model.ClientObject;
import org.lfenergy.cds.auth.service.model.Grant;
import org.lfenergy.cds.auth.service.model.GrantState;

/**
 * Grants are the source of truth of access: created synchronously when access is granted, changed only through
 * the status machine here, each change published on {@code cds.grants.v1}. A Grant whose status ends access for
 * good also loses its Keycloak grant scope, so no new token can be minted for it.
 */
@ApplicationScoped
public class GrantService {

    private static final Logger LOG = Logger.getLogger(GrantService.class);

    private final Pool pool;
    private final GrantRepository grants;
    private final KeycloakRealm keycloak;
    private final GrantPublisher publisher;
    private final ObjectMapper mapper;
    private final Clock clock = Clock.systemUTC();

    public GrantService(Pool pool, GrantRepository grants, KeycloakRealm keycloak, GrantPublisher publisher,
            ObjectMapper mapper) {
        this.pool = pool;
        this.grants = grants;
        this.keycloak = keycloak;
        this.publisher = publisher;
        this.mapper = mapper;
    }

    /**
     * The active Grant this client already holds for the same request (same fingerprint), or a new active one.
     *
     * @param targetGrantId for grant-admin Grants, the proxied Grant
     */
    public Uni<Grant> findOrCreate(ClientObject client, List<String> scopes, ArrayNode details, String fingerprint,
            String targetGrantId) {
        return grants.findReusable(client.clientId(), fingerprint).chain(existing -> {
            if (existing.isPresent()) {
                return Uni.createFrom().item(existing.get());
            }
            Instant now = clock.instant();
            ObjectNode d = mapper.createObjectNode();
            d.set("authorization_details", details.deepCopy());
            d.put("enabled_scope", String.join(" ", scopes));
            d.set("enabled_authorization_details", details.deepCopy());
            d.putNull("not_before");
            d.putNull("not_after");
            d.putNull("eta");
            JsonNode expires = expiresOf(details);
            d.set("expires", expires);
            d.putArray("replacing");
            d.putArray("replaced_by");
            d.putArray("receipt_confirmations");
            Grant grant = new Grant(Ids.random("g"), client.registrantId(), client.clientId(), GrantState.ACTIVE,
                    String.join(" ", scopes), null, targetGrantId, fingerprint, null, now, now, 1, d);
            // checked again under the fingerprint's lock: a concurrent request may have created it meanwhile
            return pool.withTransaction(sql -> grants.lockFingerprint(sql, client.clientId(), fingerprint)
                    .chain(() -> grants.findReusable(sql, client.clientId(), fingerprint))
                    .chain(raced -> raced.isPresent()
                            ? Uni.createFrom().item(raced.get())
                            : grants.insert(sql, grant).replaceWith(grant)))
                    .call(g -> g == grant ? publisher.publishWithProxies(g) : Uni.createFrom().voidItem());
        });
    }

    /**
     * Creates the active Grant a customer just approved (WG3 §9.3 step 7), with the customer's selections, and its
     * Keycloak grant scope on the client.
     *
     * @param selections {@code customer_id} and the selected CDS ids per kind (accounts, service_contracts,
     *                   service_points); stored with the Grant and published as its coverage
     */
    public Uni<Grant> createConsent(ClientObject client, List<String> scopes, ArrayNode details, ObjectNode selections,
            String customerUserId, String state, String receiptConfirmation) {
        Instant now = clock.instant();
        ObjectNode d = mapper.createObjectNode();
        d.set("authorization_details", details.deepCopy());
        d.put("enabled_scope", String.join(" ", scopes));
        d.set("enabled_authorization_details", details.deepCopy());
        d.putNull("not_before");
        d.putNull("not_after");
        d.putNull("eta");
        d.set("expires", expiresOf(details));
        d.putArray("replacing");
        d.putArray("replaced_by");
        d.putArray("receipt_confirmations").add(receiptConfirmation);
        d.set("selections", selections.deepCopy());
        if (state != null) {
            d.put("state", state);
        }
        Grant grant = new Grant(Ids.random("g"), client.registrantId(), client.clientId(), GrantState.ACTIVE,
                String.join(" ", scopes), null, null, null, null, now, now, 1, d);
        return pool.withTransaction(sql -> grants.insert(sql, grant)
                        .chain(() -> sql.preparedQuery("update cds_grant set customer_user_id = $2 where grant_id = $1")
                                .execute(io.vertx.mutiny.sqlclient.Tuple.of(grant.grantId(), customerUserId))))
                .replaceWith(grant)
                .call(publisher::publishWithProxies)
                .chain(g -> ensureTokenScope(g, client));
    }

    /**
     * A Grant Authorization Request was approved (WG1-02 §8.3 step 5): the existing Grant is updated at once — the
     * approved scopes' details and the customer's selections replace the old ones, every approved scope is enabled
     * (status {@code active}, or {@code partial} when the request covered only part of the Grant's scope), the
     * receipt confirmation is added and the change is published.
     */
    public Uni<Grant> authorizeExisting(Grant grant, ClientObject client, List<String> scopes, ArrayNode details,
            ObjectNode selections, String customerUserId, String state, String receiptConfirmation) {
        if (grant.status().isFinal()) {
            throw new ApiError(409, "invalid_transition", "a " + grant.status().wire() + " grant cannot be authorized");
        }
        Instant now = clock.instant();
        ObjectNode d = grant.document().deepCopy();
        ArrayNode all = mapper.createArrayNode();
        for (JsonNode entry : grant.authorizationDetails()) {
            if (!scopes.contains(entry.path("type").asText())) {
                all.add(entry.deepCopy());
            }
        }
        details.forEach(e -> all.add(e.deepCopy()));
        d.set("authorization_details", all);
        d.put("enabled_scope", String.join(" ", scopes));
        d.set("enabled_authorization_details", details.deepCopy());
        d.putNull("eta");
        d.set("expires", expiresOf(details));
        d.withArray("receipt_confirmations").add(receiptConfirmation);
        d.set("selections", selections.deepCopy());
        if (state != null) {
            d.put("state", state);
        }
        GrantState next = scopes.containsAll(grant.scopes()) ? GrantState.ACTIVE : GrantState.PARTIAL;
        Grant changed = grant.changed(next, d, now);
        return pool.withTransaction(sql -> grants.update(sql, changed).chain(ok -> {
                    if (!ok) {
                        throw new ApiError(409, "conflict", "the grant was changed concurrently; retry");
                    }
                    return sql.preparedQuery("update cds_grant set customer_user_id = $2 where grant_id = $1")
                            .execute(io.vertx.mutiny.sqlclient.Tuple.of(grant.grantId(), customerUserId));
                }))
                .replaceWith(changed)
                .call(publisher::publishWithProxies)
                .invoke(g -> LOG.infof("grant %s authorized again by its customer: %s -> %s", g.grantId(),
                        grant.status().wire(), next.wire()))
                .chain(g -> ensureTokenScope(g, client));
    }

    /** The Keycloak user who approved a customer-consent Grant, or null. */
    public Uni<String> customerUser(String grantId) {
        return grants.customerUser(grantId);
    }

    /** Remembers the Keycloak session the Grant's tokens live in (ended when the Grant ends). */
    public Uni<Void> recordSession(String grantId, String sessionId) {
        return pool.preparedQuery("update cds_grant set keycloak_session = $2 where grant_id = $1"
                + " and keycloak_session is distinct from $2")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(grantId, sessionId)).replaceWithVoid();
    }

    /** Ends the Keycloak session of a customer-consent Grant: its refresh tokens stop working at once. */
    private Uni<Void> endSessions(Grant g) {
        return grants.keycloakSession(g.grantId()).chain(sid -> sid == null ? Uni.createFrom().voidItem()
                : keycloak.deleteSession(sid).onFailure().invoke(e -> LOG.warnf("could not end Keycloak session of"
                        + " grant %s: %s", g.grantId(), e.getMessage())).onFailure().recoverWithNull());
    }

    private JsonNode expiresOf(ArrayNode details) {
        for (JsonNode entry : details) {
            if (entry.hasNonNull("expires") && !"infinite".equals(entry.get("expires").asText())) {
                return entry.get("expires").deepCopy();
            }
        }
        return mapper.nullNode();
    }

    /** Makes sure Keycloak can stamp this Grant's id on the client's tokens; returns the Keycloak scope name. */
    public Uni<Grant> ensureTokenScope(Grant grant, ClientObject client) {
        if (grant.keycloakScope() != null) {
            return Uni.createFrom().item(grant);
        }
        return keycloak.createGrantScope(grant.grantId(), client.clientId(), client.keycloakId())
                .chain(name -> {
                    Grant updated = new Grant(grant.grantId(), grant.registrantId(), grant.clientId(), grant.status(),
                            grant.scope(), grant.parentId(), grant.targetGrantId(), grant.fingerprint(), name,
                            grant.created(), grant.modified(), grant.version(), grant.document());
                    return pool.withTransaction(sql -> sql.preparedQuery(
                            "update cds_grant set keycloak_scope = $2 where grant_id = $1")
                            .execute(io.vertx.mutiny.sqlclient.Tuple.of(grant.grantId(), name)))
                            .replaceWith(updated);
                });
    }

    public Uni<Grant> get(String grantId) {
        return grants.find(grantId).map(g -> g.orElseThrow(() -> ApiError.notFound("no such grant")));
    }

    /** A Grant of this registrant, or 404 (another registrant's Grant is not revealed). */
    public Uni<Grant> getOwned(String grantId, String registrantId) {
        return grants.find(grantId).map(g -> g.filter(x -> x.registrantId().equals(registrantId))
                .orElseThrow(() -> ApiError.notFound("no such grant")));
    }

    /**
     * Moves a Grant to another status. Statuses without access empty {@code enabled_*}; a final status removes the
     * Grant's Keycloak scope. The change is published, with every grant-admin Grant proxying it.
     *
     * @throws ApiError 409 when the transition is not allowed (final statuses never change)
     */
    public Uni<Grant> transition(Grant grant, GrantState next, ObjectNode changes) {
        if (!grant.status().canBecome(next)) {
            if (grant.status() == next) {
                return Uni.createFrom().item(grant);
            }
            throw new ApiError(409, "invalid_transition",
                    "a " + grant.status().wire() + " grant cannot become " + next.wire());
        }
        Instant now = clock.instant();
        ObjectNode d = grant.document().deepCopy();
        if (changes != null) {
            d.setAll(changes);
        }
        if (!next.allowsAccess()) {
            d.put("enabled_scope", "");
            d.putArray("enabled_authorization_details");
        } else if (!grant.status().allowsAccess() && (changes == null || !changes.has("enabled_scope"))) {
            d.put("enabled_scope", grant.scope());
            d.set("enabled_authorization_details", d.path("authorization_details").deepCopy());
        }
        if (next != GrantState.PENDING) {
            d.putNull("eta");
        }
        if (next == GrantState.EXPIRED && !d.hasNonNull("not_after")) {
            d.put("not_after", org.lfenergy.cds.auth.mapping.Times.format(now));
        }
        Grant changed = grant.changed(next, d, now);
        return pool.withTransaction(sql -> grants.update(sql, changed))
                .map(ok -> {
                    if (!ok) {
                        throw new ApiError(409, "conflict", "the grant was changed concurrently; retry");
                    }
                    return changed;
                })
                .call(g -> next.isFinal() && g.keycloakScope() != null
                        ? keycloak.deleteGrantScope(g.keycloakScope()).onFailure().recoverWithNull()
                        : Uni.createFrom().voidItem())
                .call(g -> next.allowsAccess() ? Uni.createFrom().voidItem() : endSessions(g))
                .call(publisher::publishWithProxies)
                .invoke(g -> LOG.infof("grant %s: %s -> %s", g.grantId(), grant.status().wire(), next.wire()));
    }

    /**
     * Narrows a Grant's scope and authorization details (WG1-02 §8.6): reductions apply at once; anything wider
     * than what was granted is refused, as re-authorization is not available to client credentials Grants.
     */
    public Uni<Grant> reduce(Grant grant, String newScope, JsonNode newDetails) {
        Set<String> granted = new LinkedHashSet<>(grant.scopes());
        List<String> wanted = newScope == null ? grant.scopes()
                : List.of(newScope.isBlank() ? new String[0] : newScope.trim().split("\\s+"));
        if (!granted.containsAll(wanted)) {
            throw ApiError.badRequest("scope may only be reduced: it must be a subset of the granted scope");
        }
        ArrayNode details = mapper.createArrayNode();
        if (newDetails != null && !newDetails.isNull()) {
            if (!newDetails.isArray()) {
                throw ApiError.badRequest("authorization_details must be an array");
            }
            for (JsonNode entry : newDetails) {
                if (!contains(grant.authorizationDetails(), entry)) {
                    throw ApiError.badRequest("authorization_details may only be reduced: every entry must be one granted");
                }
                details.add(entry.deepCopy());
            }
        } else {
            grant.authorizationDetails().forEach(e -> {
                if (wanted.contains(e.path("type").asText())) {
                    details.add(e.deepCopy());
                }
            });
        }
        List<String> scopes = new ArrayList<>(wanted);
        ObjectNode changes = mapper.createObjectNode();
        changes.put("enabled_scope", String.join(" ", scopes));
        changes.set("enabled_authorization_details", details);
        if (scopes.isEmpty()) {
            return transition(grant, GrantState.CLOSED, changes);
        }
        GrantState next = scopes.size() < granted.size() || details.size() < grant.authorizationDetails().size()
                ? GrantState.PARTIAL : grant.status();
        if (next == grant.status()) {
            Instant now = clock.instant();
            ObjectNode d = grant.document().deepCopy();
            d.setAll(changes);
            Grant changed = grant.changed(next, d, now);
            return pool.withTransaction(sql -> grants.update(sql, changed)).replaceWith(changed)
                    .call(publisher::publishWithProxies);
        }
        return transition(grant, next, changes);
    }

    private static boolean contains(ArrayNode array, JsonNode entry) {
        for (JsonNode e : array) {
            if (e.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    /** Expires Grants whose not_after or expires time has passed (called periodically). */
    public Uni<Integer> expireDue() {
        return grants.dueToExpire(clock.instant()).chain(list -> io.smallrye.mutiny.Multi.createFrom().iterable(list)
                .onItem().transformToUniAndConcatenate(g -> transition(g, GrantState.EXPIRED, null)
                        .onFailure().recoverWithNull())
                .collect().asList().map(List::size));
    }
}
