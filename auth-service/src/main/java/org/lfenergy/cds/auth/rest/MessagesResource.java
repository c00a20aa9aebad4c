package org.lfenergy.cds.auth.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import org.lfenergy.cds.auth.mapping.MessageMapper;
import org.lfenergy.cds.auth.repository.MessageRepository;
import org.lfenergy.cds.auth.repository.MessageRepository.Box;
import org.lfenergy.cds.auth.service.AdminAuthorization;
import org.lfenergy.cds.auth.service.ApiError;
import org.lfenergy.cds.auth.service.CdsUrls;
import org.lfenergy.cds.auth.service.MessageService;

/**
 * Messages API (WG1-02 §6): three listings ({@code outstanding}, {@code unread}, {@code read}) each with its own
 * {@code *_next} / {@code *_previous} links (a link names its list with {@code list=}; the other two lists are then
 * empty), create, read and mark read/unread.
 */
@Path(CdsUrls.API + "/messages")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class MessagesResource {

    private final AdminAuthorization admin;
    private final MessageRepository messages;
    private final MessageService messageService;
    private final MessageMapper messageMapper;
    private final CdsUrls urls;
    private final ObjectMapper mapper;
    private final SecurityIdentity identity;

    public MessagesResource(AdminAuthorization admin, MessageRepository messages, MessageService messageService,
            MessageMapper messageMapper, CdsUrls urls, ObjectMapper mapper, SecurityIdentity identity) {
        this.admin = admin;
        this.messages = messages;
        this.messageService = messageService;
        this.messageMapper = messageMapper;
        this.urls = urls;
        this.mapper = mapper;
        this.identity = identity;
    }

    @GET
    public Uni<ObjectNode> list(@QueryParam("message_ids") String messageIds, @QueryParam("list") String list,
            @QueryParam("offset") String offset, @Context UriInfo uri) {
        Box only = box(list);
        int from = Listings.offset(offset);
        if (only == null && from != 0) {
            throw ApiError.badRequest("offset needs list=outstanding|unread|read");
        }
        List<String> ids = Listings.ids(messageIds);
        return admin.registrant(identity).chain(me -> {
            ObjectNode out = mapper.createObjectNode();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Box b : Box.values()) {
                String name = b.name().toLowerCase(Locale.ROOT);
                if (only != null && only != b) {
                    out.putArray(name);
                    out.putNull(name + "_next");
                    out.putNull(name + "_previous");
                    continue;
                }
                chain = chain.chain(() -> messages.page(me.registrantId(), b, ids, only == b ? from : 0, Listings.PAGE_SIZE)
                        .invoke(page -> {
                            var array = out.putArray(name);
                            page.items().forEach(m -> array.add(messageMapper.toJson(m)));
                            Listings.links(out, page, urls.messages(), uri, name + "_", "list=" + name);
                        }).replaceWithVoid());
            }
            return chain.replaceWith(out);
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(JsonNode body) {
        return admin.registrant(identity).chain(me -> messageService.create(me, body))
                .map(m -> Response.status(201).entity(messageMapper.toJson(m)).build());
    }

    @GET
    @Path("{messageId}")
    public Uni<ObjectNode> get(@PathParam("messageId") String messageId) {
        return admin.registrant(identity).chain(me -> messageService.owned(messageId, me.registrantId()))
                .map(messageMapper::toJson);
    }

    @PATCH
    @Path("{messageId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ObjectNode> patch(@PathParam("messageId") String messageId, JsonNode body) {
        return admin.registrant(identity).chain(me -> messageService.markRead(messageId, me.registrantId(), body))
                .map(messageMapper::toJson);
    }

    private static Box box(String list) {
        if (list == null || list.isBlank()) {
            return null;
        }
        try {
            return Box.valueOf(list.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("list must be outstanding, unread or read");
        }
    }
}
