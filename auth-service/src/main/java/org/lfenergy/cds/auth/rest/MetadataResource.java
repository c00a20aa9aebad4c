package org.lfenergy.cds.auth.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.lfenergy.cds.auth.service.CdsUrls;
import org.lfenergy.cds.auth.service.MetadataService;

/** Public discovery documents: WG1-01 server metadata, coverage, RFC 8414 authorization server metadata. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class MetadataResource {

    private final MetadataService metadata;

    public MetadataResource(MetadataService metadata) {
        this.metadata = metadata;
    }

    @GET
    @Path(".well-known/cds-server-metadata.json")
    public Response serverMetadata(@Context Request request) {
        return conditional(request, metadata.serverMetadata());
    }

    /** The older well-known name that deployed clients still fetch. */
    @GET
    @Path(".well-known/carbon-data-spec.json")
    public Response legacyServerMetadata(@Context Request request) {
        return conditional(request, metadata.serverMetadata());
    }

    @GET
    @Path(".well-known/oauth-authorization-server")
    public Response authorizationServerMetadata(@Context Request request) {
        return conditional(request, metadata.authorizationServerMetadata());
    }

    @GET
    @Path(CdsUrls.API + "/coverage")
    public Response coverage(@Context Request request, @QueryParam("ids") String ids) {
        List<String> filter = ids == null || ids.isBlank() ? List.of() : Arrays.asList(ids.trim().split("\\s+"));
        return conditional(request, metadata.coverage(filter));
    }

    /** 200 with an ETag, or 304 when the client's {@code If-None-Match} still matches. */
    static Response conditional(Request request, ObjectNode body) {
        String json = body.toString();
        EntityTag tag = new EntityTag(sha256(json));
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.cacheControl(cache).build();
        }
        return Response.ok(json, MediaType.APPLICATION_JSON).tag(tag).cacheControl(cache).build();
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
