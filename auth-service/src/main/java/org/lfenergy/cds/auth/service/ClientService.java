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
    private final ZoneId zone;
    private final Clock clock = Clock.systemUTC();

    public ClientService(Pool pool, ClientObjectRepository clients, MessageRepository messages,
            ClientObjectMapper clientMapper, KeycloakRealm keycloak, Changelog changelog, ScopeCatalog catalog,
            CdsUrls urls, CdsConfig config) {
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

    /** {@code PUT cds_client_uri}: the changed Client Object (unchanged when the body changes nothing). */
    public Uni<ObjectNode> replace(String clientId, String registrantId, JsonNode body) {
        return owned(clientId, registrantId).chain(current -> {
            Instant now = clock.instant();
            ClientUpdate.Result result = update.apply(current, clientMapper.toJson(current), body,
                    ZonedDateTime.ofInstant(now, zone), now);
            if (!result.changed()) {
                return Uni.createFrom().item(clientMapper.toJson(current));
            }
            return apply(current, result, true, now).map(clientMapper::toJson);
        });
    }

    /** Applies a validated change: Keycloak first (undone if the database write fails), then row + changelog. */
    Uni<ClientObject> apply(ClientObject current, ClientUpdate.Result result, boolean byClient, Instant now) {
        ClientObject next = result.client();
        return keycloak.updateClient(next)
                .onFailure().transform(e -> new ApiError(503, "temporarily_unavailable",
                        "the identity server could not apply the change; retry"))
                .chain(() -> pool.withTransaction(sql -> clients.update(sql, next)
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
