package org.lfenergy.cds.auth.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import org.lfenergy.cds.auth.mapping.MessageMapper;
import org.lfenergy.cds.auth.repository.MessageRepository;
import org.lfenergy.cds.auth.service.ClientService;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.lfenergy.cds.auth.mapping.ClientObjectMapper;
import org.lfenergy.cds.auth.mapping.GrantMapper;
import org.lfenergy.cds.auth.mapping.Times;
import org.lfenergy.cds.auth.repository.GrantRepository;
import org.lfenergy.cds.auth.service.ApiError;
import org.lfenergy.cds.auth.service.GrantRequests;
import org.lfenergy.cds.auth.service.GrantService;
import org.lfenergy.cds.auth.service.ProductionApproval;
import org.lfenergy.cds.auth.service.model.GrantState;

/**
 * The utility's operator API (not part of CDS): production approval of sandbox Client Objects, review of held Clients
 * API changes, review of Grant requests, Server-Provided Files and server-side Grant
 * status changes. Callers need a token of realm {@code cds} carrying the realm role {@value #ROLE}.
 */
@Path("/cds-admin/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(OperatorResource.ROLE)
public class OperatorResource {

    /** Keycloak realm role of the utility's operators. */
    public static final String ROLE = "cds-operator";

    private final ProductionApproval approval;
    private final ClientObjectMapper clientMapper;
    private final GrantService grantService;
    private final GrantRepository grants;
    private final GrantMapper grantMapper;
    private final org.lfenergy.cds.auth.service.ServerFiles files;
    private final ClientService clientService;
    private final MessageRepository messages;
    private final MessageMapper messageMapper;
    private final GrantRequests grantRequests;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public OperatorResource(ProductionApproval approval, ClientObjectMapper clientMapper, GrantService grantService,
            GrantRepository grants, GrantMapper grantMapper, org.lfenergy.cds.auth.service.ServerFiles files,
            ClientService clientService, MessageRepository messages, MessageMapper messageMapper,
            GrantRequests grantRequests) {
        this.grantRequests = grantRequests;
        this.clientService = clientService;
        this.messages = messages;
        this.messageMapper = messageMapper;
        this.files = files;
        this.approval = approval;
        this.clientMapper = clientMapper;
        this.grantService = grantService;
        this.grants = grants;
        this.grantMapper = grantMapper;
    }

    /** Approves production for a sandbox Client Object: 201 with the new production Client Object. */
    @POST
    @Path("clients/{clientId}/production")
    public Uni<Response> approveProduction(@PathParam("clientId") String clientId) {
        return approval.approve(clientId).map(c -> Response.status(201).entity(clientMapper.toJson(c)).build());
    }

    /**
     * Clients API changes waiting for review (WG1-02 §5.5 202 path), oldest first: {@code {"changes": [{message_id,
     * client_id, registrant_id, requested, body, message}]}}; {@code client_id} filters one object.
     */
    @GET
    @Path("client-changes")
    public Uni<ObjectNode> heldChanges(@jakarta.ws.rs.QueryParam("client_id") String clientId) {
        return clientService.heldChanges(clientId == null || clientId.isBlank() ? null : clientId)
                .chain(list -> {
                    ObjectNode out = JSON.objectNode();
                    ArrayNode changes = out.putArray("changes");
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (var c : list) {
                        ObjectNode o = changes.addObject();
                        o.put("message_id", c.messageId());
                        o.put("client_id", c.clientId());
                        o.put("registrant_id", c.registrantId());
                        o.put("requested", Times.format(c.requested()));
                        o.set("body", c.body());
                        all = all.chain(() -> messages.find(c.messageId())
                                .invoke(m -> m.ifPresent(x -> o.set("message", messageMapper.toJson(x))))
                                .replaceWithVoid());
                    }
                    return all.replaceWith(out);
                });
    }

    /** Approves a held change: applied (Keycloak mirror, changelog), its Message complete; 200 with the object. */
    @POST
    @Path("client-changes/{messageId}/approve")
    public Uni<ObjectNode> approveChange(@PathParam("messageId") String messageId) {
        return clientService.approve(messageId).map(clientMapper::toJson);
    }

    /**
     * Rejects a held change: {@code {"reason": "..."}} (required: the Message's description must say why); the change
     * is discarded, its Message rejected; 200 with the Message.
     */
    @POST
    @Path("client-changes/{messageId}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ObjectNode> rejectChange(@PathParam("messageId") String messageId, JsonNode body) {
        return clientService.reject(messageId, reason(body))
                .chain(() -> messages.find(messageId)).map(m -> messageMapper.toJson(m.orElseThrow()));
    }

    /** The {@code reason} of a rejection body: required, non-blank, at most 2000 characters (the client is told). */
    private static String reason(JsonNode body) {
        JsonNode reason = body == null ? null : body.get("reason");
        if (body == null || !body.isObject() || reason == null || !reason.isTextual() || reason.asText().isBlank()
                || reason.asText().length() > 2000) {
            throw ApiError.badRequest("the body must be {\"reason\": \"...\"}: a non-blank string of at most 2000"
                    + " characters (the client is told why)");
        }
        return reason.asText().strip();
    }

    /**
     * Pending Grant requests (WG3 §13.4.1), oldest first: {@code {"grant_requests": [{message_id, registrant_id,
     * requested, message}]}}; {@code registrant_id} filters one registrant (capped at
     * {@value GrantRequests#LIST_LIMIT}).
     */
    @GET
    @Path("grant-requests")
    public Uni<ObjectNode> pendingGrantRequests(@jakarta.ws.rs.QueryParam("registrant_id") String registrantId) {
        return grantRequests.pending(registrantId == null || registrantId.isBlank() ? null : registrantId).map(list -> {
            ObjectNode out = JSON.objectNode();
            ArrayNode requests = out.putArray("grant_requests");
            for (var m : list) {
                ObjectNode o = requests.addObject();
                o.put("message_id", m.messageId());
                o.put("registrant_id", m.registrantId());
                o.put("requested", Times.format(m.created()));
                o.set("message", messageMapper.toJson(m));
            }
            return out;
        });
    }

    /**
     * Approves a Grant request (WG3 §13.4.2-§13.4.3): its Grants are created and published, the request completed and
     * answered by a {@code request_update}; 200 with {@code {request, reply, grants}}.
     */
    @POST
    @Path("grant-requests/{messageId}/approve")
    public Uni<ObjectNode> approveGrantRequest(@PathParam("messageId") String messageId) {
        return grantRequests.approve(messageId).map(a -> {
            ObjectNode out = JSON.objectNode();
            out.set("request", messageMapper.toJson(a.request()));
            out.set("reply", messageMapper.toJson(a.reply()));
            ArrayNode list = out.putArray("grants");
            a.grants().forEach(g -> list.add(grantMapper.toJson(g, java.util.List.of())));
            return out;
        });
    }

    /** Refuses a Grant request: {@code {"reason": "..."}}; no Grant; 200 with the {@code request_update} reply. */
    @POST
    @Path("grant-requests/{messageId}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ObjectNode> rejectGrantRequest(@PathParam("messageId") String messageId, JsonNode body) {
        return grantRequests.reject(messageId, reason(body)).map(messageMapper::toJson);
    }

    /**
     * Stores a Server-Provided File for a registrant's files Client Object (body = the file, its Content-Type the
     * file's MIME type) and creates the Grant that covers it: 201 with the file object plus {@code grant_id}.
     */
    @POST
    @Path("server-provided-files")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> addFile(@jakarta.ws.rs.QueryParam("client_id") String clientId,
            @jakarta.ws.rs.QueryParam("name") String name, @jakarta.ws.rs.QueryParam("description") String description,
            @jakarta.ws.rs.HeaderParam("Content-Type") String contentType, byte[] body) {
        if (clientId == null || clientId.isBlank()) {
            throw ApiError.badRequest("client_id is required");
        }
        return files.add(clientId, name, contentType, description, body).map(f -> {
            ObjectNode out = files.toJson(f);
            out.put("grant_id", f.grantId());
            return Response.status(201).entity(out).build();
        });
    }

    /**
     * Moves a Grant to another status (WG1-02 §8.2, server-side transitions): {@code {"status": ..., "eta": ...}}
     * ({@code eta} only with {@code pending}). 409 from a final status; 200 with the Grant.
     */
    @POST
    @Path("grants/{grantId}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ObjectNode> changeGrantStatus(@PathParam("grantId") String grantId, JsonNode body) {
        if (body == null || !body.isObject() || !body.path("status").isTextual()) {
            throw ApiError.badRequest("the body must be {\"status\": \"...\"}");
        }
        GrantState next = GrantState.fromWire(body.get("status").asText())
                .orElseThrow(() -> ApiError.badRequest("unknown grant status " + body.get("status").asText()));
        ObjectNode changes = null;
        if (body.hasNonNull("eta")) {
            if (next != GrantState.PENDING) {
                throw ApiError.badRequest("eta is set only with status pending");
            }
            try {
                changes = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                        .put("eta", Times.format(OffsetDateTime.parse(body.get("eta").asText()).toInstant()));
            } catch (DateTimeParseException e) {
                throw ApiError.badRequest("eta must be an RFC 3339 datetime");
            }
        }
        ObjectNode finalChanges = changes;
        return grantService.get(grantId).chain(g -> grantService.transition(g, next, finalChanges))
                .chain(g -> grants.childIds(g.grantId()).map(children -> grantMapper.toJson(g, children)));
    }
}
