package org.lfenergy.cds.auth.rest;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.lfenergy.cds.auth.repository.ClientObjectRepository;
import org.lfenergy.cds.auth.service.ApiError;
import org.lfenergy.cds.auth.service.CdsUrls;
import org.lfenergy.cds.auth.service.MetadataService;

/** Client-specific metadata (WG1-02 §5.1, WG3 §13.1.5): public, like the server-wide documents. */
@Path(CdsUrls.API + "/clients/{clientId}")
@Produces(MediaType.APPLICATION_JSON)
public class ClientMetadataResource {

    private final ClientObjectRepository clients;
    private final MetadataService metadata;

    public ClientMetadataResource(ClientObjectRepository clients, MetadataService metadata) {
        this.clients = clients;
        this.metadata = metadata;
    }

    @GET
    @Path("cds-server-metadata")
    public Uni<Response> serverMetadata(@PathParam("clientId") String clientId, @Context Request request) {
        return clients.find(clientId).map(c -> c.orElseThrow(() -> ApiError.notFound("no such client")))
                .map(c -> MetadataResource.conditional(request, metadata.clientServerMetadata(c.clientId())));
    }

    @GET
    @Path("oauth-authorization-server")
    public Uni<Response> oauthMetadata(@PathParam("clientId") String clientId, @Context Request request) {
        return clients.find(clientId).map(c -> c.orElseThrow(() -> ApiError.notFound("no such client")))
                .map(c -> MetadataResource.conditional(request,
                        metadata.clientAuthorizationServerMetadata(c.document().get("cds_purposes"))));
    }
}
