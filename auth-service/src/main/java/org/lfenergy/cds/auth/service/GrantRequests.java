package org.lfenergy.cds.auth.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.lfenergy.cds.auth.config.CdsConfig;
import org.lfenergy.cds.auth.repository.ClientObjectRepository;
import org.lfenergy.cds.auth.repository.MessageRepository;
import org.lfenergy.cds.auth.service.model.ClientKind;
import org.lfenergy.cds.auth.service.model.ClientObject;
import org.lfenergy.cds.auth.service.model.Grant;
import org.lfenergy.cds.auth.service.model.Message;
import org.lfenergy.cds.auth.service.scope.AuthorizationDetailsResolver;
import org.lfenergy.cds.auth.service.scope.ScopeCatalog;

/**
 * The server's side of a Grant request (WG1-02 §6 {@code grant_request}, WG3 §13.4.2-§13.4.3), decided by an operator.
 * Approval validates every entry of {@code grants_requested} first (nothing is created when one is invalid), then
 * creates each Grant through {@link GrantService#findOrCreate} (the path of server-created and direct-access Grants:
 * stored and published on {@code cds.grants.v1}), completes the request ({@code related_type grant_list}, the
 * filtered Grants listing) and replies with a {@code request_update} ({@code complete}, {@code related_type grant} for
 * one Grant, {@code grant_list} for several). Rejection replies with a {@code rejected} {@code request_update} whose
 * description is the operator's reason.
 */
@ApplicationScoped
public class GrantRequests {

    private static final Logger LOG = Logger.getLogger(GrantRequests.class);
    static final String TYPE = "grant_request";
    /** At most this many pending requests are listed. */
    public static final int LIST_LIMIT = 1000;

    private final Pool pool;
    private final MessageRepository messages;
    private final ClientObjectRepository clients;
    private final GrantService grantService;
    private final ScopeCatalog catalog;
    private final AuthorizationDetailsResolver resolver;
    private final CdsUrls urls;
    private final ObjectMapper mapper;
    private final ZoneId zone;
    private final Clock clock = Clock.systemUTC();

    public GrantRequests(Pool pool, MessageRepository messages, ClientObjectRepository clients,
            GrantService grantService, ScopeCatalog catalog, CdsUrls urls, ObjectMapper mapper, CdsConfig config) {
        this.pool = pool;
        this.messages = messages;
        this.clients = clients;
        this.grantService = grantService;
        this.catalog = catalog;
        this.resolver = new AuthorizationDetailsResolver(catalog);
        this.urls = urls;
        this.mapper = mapper;
        this.zone = ZoneId.of(config.timezone());
    }

    /** The outcome of an approval: the completed request, the reply and the Grants created. */
    public record Approval(Message request, Message reply, List<Grant> grants) {
    }

    /** Pending grant_request Messages, oldest first (one registrant's when {@code registrantId} is set). */
    public Uni<List<Message>> pending(String registrantId) {
        return messages.pendingOfType(TYPE, registrantId, LIST_LIMIT);
    }

    /** One Grant to create: the Client Object it is issued to and the resolved request. */
    private record Planned(ClientObject client, AuthorizationDetailsResolver.Resolution resolution) {
    }

    public Uni<Approval> approve(String messageId) {
        return pendingRequest(messageId).chain(request -> clients.ofRegistrant(request.registrantId()).chain(objects -> {
            List<Planned> plan = plan(request, objects, ZonedDateTime.now(zone));
            return Multi.createFrom().range(0, plan.size()).onItem().transformToUniAndConcatenate(i -> {
                Planned p = plan.get(i);
                // one Grant per entry of this request: an approval retried after a failure reuses it
                return grantService.findOrCreate(p.client(), p.resolution().scopes(), p.resolution().resolved(),
                        "grant_request:" + messageId + ":" + i, null);
            }).collect().asList().chain(created -> {
                Instant now = clock.instant();
                String listing = urls.grants() + "?grant_ids="
                        + String.join(",", created.stream().map(Grant::grantId).toList());
                Message completed = request.decided("complete", listing, "grant_list", now);
                ObjectNode d = mapper.createObjectNode();
                d.put("name", "Grant request approved");
                boolean one = created.size() == 1;
                d.put("description", one
                        ? "Your grant request was approved: Grant " + created.get(0).grantId() + " was created."
                        : "Your grant request was approved: Grants " + String.join(", ",
                                created.stream().map(Grant::grantId).toList()) + " were created.");
                d.put("related_uri", one ? urls.grant(created.get(0).grantId()) : listing);
                d.put("related_type", one ? "grant" : "grant_list");
                Message reply = request.requestUpdate(Ids.random("m"), "complete", d, now);
                return decide(completed, reply).replaceWith(new Approval(completed, reply, created))
                        .invoke(a -> LOG.infof("grant request %s approved: grants %s", messageId,
                                created.stream().map(Grant::grantId).toList()));
            });
        }));
    }

    /** Refuses a pending grant_request: it and its reply are {@code rejected}, the reason is the description. */
    public Uni<Message> reject(String messageId, String reason) {
        return pendingRequest(messageId).chain(request -> {
            Instant now = clock.instant();
            Message rejected = request.withStatus("rejected", now);
            ObjectNode d = mapper.createObjectNode();
            d.put("name", "Grant request rejected");
            d.put("description", reason);
            Message reply = request.requestUpdate(Ids.random("m"), "rejected", d, now);
            return decide(rejected, reply).replaceWith(reply)
                    .invoke(() -> LOG.infof("grant request %s rejected", messageId));
        });
    }

    /** The request moves out of pending (409 when another decision came first) and the reply is added. */
    private Uni<Void> decide(Message request, Message reply) {
        return pool.withTransaction(sql -> messages.updateIfStatus(sql, request, "pending").chain(ok -> {
            if (!ok) {
                throw notPending(request.messageId(), "was decided meanwhile");
            }
            return messages.insert(sql, reply);
        }));
    }

    private Uni<Message> pendingRequest(String messageId) {
        return messages.find(messageId).map(found -> {
            Message m = found.orElseThrow(() -> ApiError.notFound("no message " + messageId));
            if (!m.type().equals(TYPE)) {
                throw new ApiError(409, "not_pending", "message " + messageId + " is a " + m.type()
                        + ", not a grant_request");
            }
            if (!m.status().equals("pending")) {
                throw notPending(messageId, "is already " + m.status());
            }
            return m;
        });
    }

    private static ApiError notPending(String messageId, String why) {
        return new ApiError(409, "not_pending", "grant_request " + messageId + " " + why);
    }

    /**
     * Validates every requested Grant against the Client Object it goes to, before anything is created. The object is
     * the one the request names in {@code related_uri} (a Client Object of the registrant), else the one object of
     * the registrant that holds every requested scope.
     */
    private List<Planned> plan(Message request, List<ClientObject> objects, ZonedDateTime now) {
        String related = request.document().path("related_uri").asText("");
        ClientObject named = null;
        if (related.startsWith(urls.clients() + "/")) {
            named = objects.stream().filter(c -> urls.client(c.clientId()).equals(related)).findFirst()
                    .orElseThrow(() -> new ApiError(409, "invalid_request", "related_uri " + related
                            + " names no Client Object of the registrant"));
        }
        List<Planned> plan = new ArrayList<>();
        JsonNode entries = request.document().path("grants_requested");
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String where = "grants_requested[" + i + "]: ";
            List<String> scopes = catalog.expand(List.of(entry.path("scope").asText().trim().split("\\s+")));
            ClientObject client = named != null ? named : holderOf(objects, scopes, where);
            try {
                plan.add(new Planned(client, resolver.resolve(scopes, entry.path("authorization_details"),
                        client.scopes(), client.authorizationDetailsTypes(), now, false)));
            } catch (ApiError e) {
                throw new ApiError(e.status(), e.error(), where + e.description() + " (Client Object "
                        + client.clientId() + ")");
            }
        }
        return plan;
    }

    private static ClientObject holderOf(List<ClientObject> objects, List<String> scopes, String where) {
        List<ClientObject> holders = objects.stream().filter(c -> c.kind() != ClientKind.CLIENT_ADMIN
                && c.kind() != ClientKind.GRANT_ADMIN && c.scopes().containsAll(scopes)).toList();
        if (holders.size() != 1) {
            throw new ApiError(409, "invalid_request", where + (holders.isEmpty()
                    ? "no Client Object of the registrant holds scope " + String.join(" ", scopes)
                    : "several Client Objects hold scope " + String.join(" ", scopes)
                            + "; the request must name one in related_uri"));
        }
        return holders.get(0);
    }
}
