package org.lfenergy.cds.auth.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.lfenergy.cds.auth.mapping.ClientObjectMapper;
import org.lfenergy.cds.auth.repository.ClientObjectRepository;
import org.lfenergy.cds.auth.service.AdminAuthorization;
import org.lfenergy.cds.auth.service.ApiError;
import org.lfenergy.cds.auth.service.CdsUrls;
import org.lfenergy.cds.auth.service.ClientService;

/** Clients API (WG1-02 §5): every Client Object of the caller's registration. */
@Path(CdsUrls.API + "/clients")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ClientsResource {

    private final AdminAuthorization admin;
    private final ClientObjectRepository clients;
    private final ClientObjectMapper clientMapper;
    private final CdsUrls urls;
    private final ObjectMapper mapper;
    private final SecurityIdentity identity;
    private final ClientService clientService;

    public ClientsResource(AdminAuthorization admin, ClientObjectRepository clients, ClientObjectMapper clientMapper,
            CdsUrls urls, ObjectMapper mapper, SecurityIdentity identity, ClientService clientService) {
        this.clientService = clientService;
        this.admin = admin;
        this.clients = clients;
        this.clientMapper = clientMapper;
        this.urls = urls;
        this.mapper = mapper;
        this.identity = identity;
    }

    @GET
    public Uni<ObjectNode> list(@QueryParam("client_ids") String clientIds, @QueryParam("offset") String offset,
            @Context UriInfo uri) {
        return admin.registrant(identity).chain(me -> clients.page(me.registrantId(), Listings.ids(clientIds),
                Listings.offset(offset), Listings.PAGE_SIZE)).map(page -> {
                    ObjectNode out = mapper.createObjectNode();
                    page.items().forEach(c -> out.withArray("clients").add(clientMapper.toJson(c)));
                    out.withArray("clients");
                    Listings.links(out, page, urls.clients(), uri, "");
                    return out;
                });
    }

    /**
     * WG1-02 §5.5: full replacement of the editable fields; 200 with the Client Object as now stored, or 202 with it
     * unchanged when the change waits for the server's review (a {@code field_changes} Message describes it).
     */
    @PUT
    @Path("{clientId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<jakarta.ws.rs.core.Response> replace(@PathParam("clientId") String clientId, JsonNode body) {
        return admin.registrant(identity).chain(me -> clientService.replace(clientId, me.registrantId(), body))
                .map(o -> jakarta.ws.rs.core.Response.status(o.status()).entity(o.client())
                        .type(MediaType.APPLICATION_JSON).build());
    }

    @GET
    @Path("{clientId}")
    public Uni<ObjectNode> get(@PathParam("clientId") String clientId) {
        return admin.registrant(identity).chain(me -> clients.find(clientId).map(c -> c
                .filter(x -> x.registrantId().equals(me.registrantId()))
                .map(clientMapper::toJson)
                .orElseThrow(() -> ApiError.notFound("no such client"))));
    }
}
