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
import java.util.List;
import org.jboss.logging.Logger;
import org.lfenergy.cds.auth.repository.ClientObjectRepository;
import org.lfenergy.cds.auth.repository.CredentialRepository;
import org.lfenergy.cds.auth.repository.MessageRepository;
import org.lfenergy.cds.auth.service.keycloak.KeycloakRealm;
import org.lfenergy.cds.auth.service.model.ClientObject;
import org.lfenergy.cds.auth.service.model.Credential;
import org.lfenergy.cds.auth.service.model.Message;

/**
 * Production twins of sandbox Client Objects (WG1-02 §4.2 step 5, §6 production_request), created when an operator
 * approves: a new Client Object with {@code cds_status_options [production, disabled]}, the sandbox object's metadata,
 * its own server-hosted default redirect, Keycloak client and Credential; the registrant's pending
 * {@code production_request} for that sandbox object is completed with a {@code request_update} pointing to it.
 */
@ApplicationScoped
public class ProductionApproval {

    private static final Logger LOG = Logger.getLogger(ProductionApproval.class);
    /** Document member of a sandbox object: the id of its production twin. */
    static final String PRODUCTION_CLIENT = "cds_production_client";

    private final Pool pool;
    private final ClientObjectRepository clients;
    private final CredentialRepository credentials;
    private final MessageRepository messages;
    private final KeycloakRealm keycloak;
    private final Changelog changelog;
    private final CdsUrls urls;
    private final ObjectMapper mapper;
    private final Clock clock = Clock.systemUTC();

    public ProductionApproval(Pool pool, ClientObjectRepository clients, CredentialRepository credentials,
            MessageRepository messages, KeycloakRealm keycloak, Changelog changelog, CdsUrls urls, ObjectMapper mapper) {
        this.pool = pool;
        this.clients = clients;
        this.credentials = credentials;
        this.messages = messages;
        this.keycloak = keycloak;
        this.changelog = changelog;
        this.urls = urls;
        this.mapper = mapper;
    }

    /** Approves production for a sandbox Client Object; answers the new production Client Object. */
    public Uni<ClientObject> approve(String sandboxId) {
        return clients.find(sandboxId).chain(found -> {
            ClientObject sandbox = found.orElseThrow(() -> ApiError.notFound("no such client"));
            if (!sandbox.statusOptions().contains("sandbox")) {
                throw ApiError.badRequest("client " + sandboxId + " is not a sandbox Client Object");
            }
            if (sandbox.document().hasNonNull(PRODUCTION_CLIENT)) {
                throw new ApiError(409, "already_approved", "client " + sandboxId + " already has its production object "
                        + sandbox.document().get(PRODUCTION_CLIENT).asText());
            }
            Instant now = clock.instant();
            String id = Ids.random("c");
            ClientObject production = new ClientObject(id, sandbox.registrantId(), sandbox.kind(), "production",
                    sandbox.scope(), now, now, now, null, productionDocument(sandbox, id));
            ObjectNode sandboxDoc = sandbox.document().deepCopy();
            sandboxDoc.put(PRODUCTION_CLIENT, id);
            ClientObject marked = sandbox.with(sandbox.status(), sandbox.scope(), sandbox.modified(), sandboxDoc);
            String secret = Ids.secret();
            Credential credential = new Credential(Ids.random("k"), sandbox.registrantId(), id, now, now, Ids.hash(secret), 0);
            return keycloak.createClient(production, secret, credential.credentialId())
                    .onFailure().transform(e -> new ApiError(503, "temporarily_unavailable",
                            "the identity server could not create the client"))
                    .chain(keycloakId -> {
                        ClientObject created = production.withKeycloakId(keycloakId);
                        return messages.pendingProductionRequest(sandbox.registrantId(), urls.client(sandboxId))
                                .chain(request -> pool.withTransaction(sql -> clients.insert(sql, created)
                                        .chain(() -> clients.update(sql, marked))
                                        .chain(() -> credentials.insert(sql, credential))
                                        .chain(() -> messages.insert(sql, changelog.clientAdded(created,
                                                "Production was approved for sandbox Client Object " + sandboxId
                                                        + "; this is its production Client Object (its credential is in"
                                                        + " the Credentials API).", now)))
                                        .chain(() -> request.isEmpty() ? Uni.createFrom().voidItem()
                                                : complete(sql, request.get(), created, now))))
                                .onFailure().call(e -> keycloak.deleteClient(keycloakId).onFailure().recoverWithNull())
                                .replaceWith(created);
                    })
                    .invoke(c -> LOG.infof("production approved for %s: %s", sandboxId, c.clientId()));
        });
    }

    /** The production_request is complete and points to the production object; a request_update says so. */
    private Uni<Void> complete(io.vertx.mutiny.sqlclient.SqlClient sql, Message request, ClientObject created,
            Instant now) {
        Message completed = request.decided("complete", urls.client(created.clientId()), "client", now);
        ObjectNode d = mapper.createObjectNode();
        d.put("name", "Production request approved");
        d.put("description", "Your production request was approved: the production Client Object is "
                + created.clientId() + ".");
        d.put("related_uri", urls.client(created.clientId()));
        d.put("related_type", "client");
        Message update = request.requestUpdate(Ids.random("m"), "complete", d, now);
        return messages.update(sql, completed).chain(() -> messages.insert(sql, update));
    }

    private ObjectNode productionDocument(ClientObject sandbox, String id) {
        ObjectNode d = sandbox.document().deepCopy();
        d.remove(List.of(PRODUCTION_CLIENT, ClientUpdate.REGISTERED));
        String sandboxHosted = urls.defaultRedirect(sandbox.clientId());
        String hosted = urls.defaultRedirect(id);
        ArrayNode redirects = mapper.createArrayNode();
        redirects.add(hosted);
        for (JsonNode u : sandbox.document().path("redirect_uris")) {
            if (!u.asText().equals(sandboxHosted)) {
                redirects.add(u.asText());
            }
        }
        d.set("redirect_uris", redirects);
        if (d.path("cds_default_redirect_uri").asText().equals(sandboxHosted)) {
            d.put("cds_default_redirect_uri", hosted);
        }
        ArrayNode options = d.putArray("cds_status_options");
        options.add("production").add("disabled");
        return d;
    }
}
