package org.lfenergy.cds.auth.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.Function;
import io.vertx.mutiny.sqlclient.SqlClient;
import org.lfenergy.cds.auth.repository.ClientChangeRepository;
import org.lfenergy.cds.auth.repository.ClientChangeRepository.ClientChange;
import org.lfenergy.cds.auth.service.model.Message;
import org.jboss.logging.Logger;
import org.lfenergy.cds.auth.config.CdsConfig;
import org.lfenergy.cds.auth.mapping.ClientObjectMapper;
import org.lfenergy.cds.auth.repository.ClientObjectRepository;
import org.lfenergy.cds.auth.repository.MessageRepository;
import org.lfenergy.cds.auth.service.keycloak.KeycloakRealm;
import org.lfenergy.cds.auth.service.model.ClientObject;
import org.lfenergy.cds.auth.service.scope.ScopeCatalog;

/**
 * Changes to Client Objects after registration (WG1-02 §5.5): validated by {@link ClientUpdate}, mirrored to the
 * Keycloak client (enabled, name, redirect URIs, optional client scopes), stored with a changelog Message.
 */
@ApplicationScoped
public class ClientService {

    private static final Logger LOG = Logger.getLogger(ClientService.class);

    private final Pool pool;
    private final ClientObjectRepository clients;
    private final MessageRepository messages;
    private final ClientObjectMapper clientMapper;
    private final KeycloakRealm keycloak;
    private final Changelog changelog;
    private final ClientUpdate update;
    private final ClientChangeRepository held;
    private final ZoneId zone;
    private final Clock clock = Clock.systemUTC();

    public ClientService(Pool pool, ClientObjectRepository clients, MessageRepository messages,
            ClientObjectMapper clientMapper, KeycloakRealm keycloak, Changelog changelog, ScopeCatalog catalog,
            CdsUrls urls, CdsConfig config, ClientChangeRepository held) {
        this.held = held;
        this.pool = pool;
        this.clients = clients;
        this.messages = messages;
        this.clientMapper = clientMapper;
        this.keycloak = keycloak;
        this.changelog = changelog;
        this.update = new ClientUpdate(catalog, urls::defaultRedirect);
        this.zone = ZoneId.of(config.timezone());
    }

    /** A Client Object of this registrant, or 404 (other registrants' objects are not revealed). */
    public Uni<ClientObject> owned(String clientId, String registrantId) {
        return clients.find(clientId).map(c -> c.filter(x -> x.registrantId().equals(registrantId))
                .orElseThrow(() -> ApiError.notFound("no such client")));
    }

    /** The answer to a PUT: 200 with the object as now stored, or 202 with it unchanged while a review waits. */
    public record Outcome(int status, ObjectNode client) {
    }

    /**
     * {@code PUT cds_client_uri}. A change to a reviewed field of a production consent object ({@link
     * ClientUpdate#REVIEWED}) is held as a whole for the server's review (202 and a {@code field_changes} Message);
     * anything else applies at once (200). The latest PUT is the client's wish: it replaces a change still held
     * (whose Message becomes {@code rejected}, superseded), except that the same body again keeps it.
     */
    public Uni<Outcome> replace(String clientId, String registrantId, JsonNode body) {
        return owned(clientId, registrantId).chain(current -> {
            Instant now = clock.instant();
            ClientUpdate.Result result = update.apply(current, clientMapper.toJson(current), body,
                    ZonedDateTime.ofInstant(now, zone), now);
            List<ClientUpdate.Change> reviewed = ClientUpdate.needingReview(current, result);
            if (!reviewed.isEmpty()) {
                return hold(current, (ObjectNode) body, result, reviewed, now)
                        .map(v -> new Outcome(202, clientMapper.toJson(current)));
            }
            String superseded = "Superseded by a later update of the Client Object that applied at once.";
            if (!result.changed()) {
                return pool.withTransaction(sql -> clients.lock(sql, clientId)
                        .chain(() -> dropHeld(sql, clientId, superseded, now)))
                        .map(v -> new Outcome(200, clientMapper.toJson(current)));
            }
            return apply(current, result, true, now, sql -> clients.lock(sql, clientId)
                    .chain(() -> dropHeld(sql, clientId, superseded, now)))
                    .map(c -> new Outcome(200, clientMapper.toJson(c)));
        });
    }

    /** Holds a PUT for review: replaces the object's earlier held change (unless it is the same body). */
    private Uni<Void> hold(ClientObject current, ObjectNode body, ClientUpdate.Result result,
            List<ClientUpdate.Change> reviewed, Instant now) {
        Message message = changelog.fieldChanges(current, result.changes(), reviewed, now);
        return pool.withTransaction(sql -> clients.lock(sql, current.clientId())
                .chain(() -> held.ofClient(sql, current.clientId()))
                .chain(earlier -> {
                    if (earlier.isPresent() && earlier.get().body().equals(body)) {
                        return Uni.createFrom().voidItem(); // a repeated PUT: the same change still waits
                    }
                    Uni<Void> supersede = earlier.isEmpty() ? Uni.createFrom().voidItem()
                            : resolve(sql, earlier.get().messageId(), "rejected", "Superseded by a later update"
                                    + " (message " + message.messageId() + ").", now);
                    return supersede.chain(() -> messages.insert(sql, message))
                            .chain(() -> held.upsert(sql, new ClientChange(current.clientId(), message.messageId(),
                                    current.registrantId(), now, body)));
                }))
                .invoke(() -> LOG.infof("client %s: change of %s held for review", current.clientId(),
                        reviewed.stream().map(ClientUpdate.Change::field).toList()));
    }

    /** Drops the object's held change, if any; its Message becomes rejected with this reason. */
    private Uni<Void> dropHeld(SqlClient sql, String clientId, String why, Instant now) {
        return held.ofClient(sql, clientId).chain(earlier -> earlier.isEmpty() ? Uni.createFrom().voidItem()
                : held.delete(sql, clientId).chain(() -> resolve(sql, earlier.get().messageId(), "rejected", why, now)));
    }

    private Uni<Void> resolve(SqlClient sql, String messageId, String status, String why, Instant now) {
        return messages.find(messageId).chain(m -> m.isEmpty() ? Uni.createFrom().voidItem()
                : messages.update(sql, Changelog.resolved(m.get(), status, why, now)));
    }

    /** Changes waiting for review (operator API), oldest first. */
    public Uni<List<ClientChange>> heldChanges(String clientId) {
        return held.list(clientId, 1000);
    }

    /**
     * Approves a held change (operator API): validated again against the object as it is now and applied like a
     * PUT (Keycloak mirror, changelog); its {@code field_changes} Message becomes {@code complete}. A change that no
     * longer validates is dropped, its Message {@code errored}, and the answer is 409.
     */
    public Uni<ClientObject> approve(String messageId) {
        return heldChange(messageId).chain(change -> clients.find(change.clientId()).chain(found -> {
            ClientObject current = found.orElseThrow(() -> ApiError.notFound("no such client"));
            Instant now = clock.instant();
            ClientUpdate.Result result;
            try {
                result = update.apply(current, clientMapper.toJson(current), change.body(),
                        ZonedDateTime.ofInstant(now, zone), now);
            } catch (ApiError e) {
                return settle(change, "errored", "It could not be applied: " + e.description()
                        + " Send the update again.", now)
                        .chain(() -> Uni.createFrom().failure(new ApiError(409, "change_not_applicable",
                                "the held change no longer fits the Client Object: " + e.description())));
            }
            String approved = "Approved and applied.";
            if (!result.changed()) {
                return settle(change, "complete", approved, now).replaceWith(current);
            }
            return apply(current, result, true, now, sql -> claim(sql, change)
                    .chain(() -> resolve(sql, change.messageId(), "complete", approved, now)));
        }));
    }

    /** Rejects a held change (operator API): discarded; its Message becomes {@code rejected} with the reason. */
    public Uni<Void> reject(String messageId, String reason) {
        Instant now = clock.instant();
        return heldChange(messageId).chain(change -> settle(change, "rejected", "Rejected: " + reason, now));
    }

    private Uni<ClientChange> heldChange(String messageId) {
        return held.ofMessage(messageId).chain(found -> found.isPresent() ? Uni.createFrom().item(found.get())
                : messages.find(messageId).map(m -> {
                    if (m.isPresent() && m.get().type().equals("field_changes")) {
                        throw new ApiError(409, "not_pending", "message " + messageId + " is " + m.get().status()
                                + "; no change of it waits for review");
                    }
                    throw ApiError.notFound("no held Client Object change has message " + messageId);
                }));
    }

    /** Takes the held change (409 when a PUT replaced it or another decision took it meanwhile). */
    private Uni<Void> claim(SqlClient sql, ClientChange change) {
        return clients.lock(sql, change.clientId()).chain(() -> held.ofClient(sql, change.clientId()))
                .chain(now -> {
                    if (now.isEmpty() || !now.get().messageId().equals(change.messageId())) {
                        throw new ApiError(409, "not_pending", "message " + change.messageId()
                                + " was superseded or decided meanwhile");
                    }
                    return held.delete(sql, change.clientId());
                });
    }

    private Uni<Void> settle(ClientChange change, String status, String why, Instant now) {
        return pool.withTransaction(sql -> claim(sql, change)
                .chain(() -> resolve(sql, change.messageId(), status, why, now)))
                .invoke(() -> LOG.infof("client %s: held change %s %s", change.clientId(), change.messageId(), status));
    }

    /**
     * Applies a validated change: Keycloak first (undone if the database write fails), then, in one transaction,
     * {@code first}, the row and the changelog.
     */
    Uni<ClientObject> apply(ClientObject current, ClientUpdate.Result result, boolean byClient, Instant now,
            Function<SqlClient, Uni<Void>> first) {
        ClientObject next = result.client();
        return keycloak.updateClient(next)
                .onFailure().transform(e -> new ApiError(503, "temporarily_unavailable",
                        "the identity server could not apply the change; retry"))
                .chain(() -> pool.withTransaction(sql -> first.apply(sql).chain(() -> clients.update(sql, next))
                        .chain(() -> messages.insert(sql, changelog.clientChanged(next, result.changes(), byClient, now))))
                        .onFailure().call(e -> keycloak.updateClient(current).onFailure().recoverWithNull()))
                .call(() -> next.isDisabled() && !current.isDisabled()
                        // every token issued to the object so far stops at Keycloak (refresh, introspection)
                        ? keycloak.revokeTokensIssuedBefore(next.keycloakId(), now.plusSeconds(1))
                        : Uni.createFrom().voidItem())
                .invoke(() -> LOG.infof("client %s changed: %s", next.clientId(),
                        result.changes().stream().map(ClientUpdate.Change::field).toList()))
                .replaceWith(next);
    }
}
