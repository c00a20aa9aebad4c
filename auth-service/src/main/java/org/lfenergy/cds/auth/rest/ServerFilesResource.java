package org.lfenergy.cds.auth.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.lfenergy.cds.auth.service.ApiError;
import org.lfenergy.cds.auth.service.CdsUrls;
import org.lfenergy.cds.auth.service.ServerFiles;

/** Server-Provided Files API (WG1-02 §9): Bearer Grant Admin token for a files Grant; only that Grant's files. */
@Path(CdsUrls.API + "/server-provided-files")
@Authenticated
public class ServerFilesResource {

    private final ServerFiles files;
    private final ObjectMapper mapper;
    private final SecurityIdentity identity;

    public ServerFilesResource(ServerFiles files, ObjectMapper mapper, SecurityIdentity identity) {
        this.files = files;
        this.mapper = mapper;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ObjectNode> list(@QueryParam("file_ids") String fileIds) {
        List<String> wanted = Listings.ids(fileIds);
        return files.grantOf(identity).chain(grant -> files.list(ServerFiles.fileIds(grant).stream()
                .filter(id -> wanted.isEmpty() || wanted.contains(id)).toList())).map(list -> {
                    ObjectNode out = mapper.createObjectNode();
                    var array = out.putArray("files");
                    list.forEach(f -> array.add(files.toJson(f)));
                    out.putNull("next");
                    out.putNull("previous");
                    return out;
                });
    }

    @GET
    @Path("{fileId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ObjectNode> get(@PathParam("fileId") String fileId) {
        return covered(fileId).chain(id -> files.list(List.of(id))).map(list -> list.stream().findFirst()
                .map(files::toJson).orElseThrow(() -> ApiError.notFound("no such file")));
    }

    @GET
    @Path("{fileId}/download")
    public Uni<Response> download(@PathParam("fileId") String fileId) {
        return covered(fileId).chain(id -> files.list(List.of(id)).chain(list -> {
            ServerFiles.StoredFile f = list.stream().findFirst().orElseThrow(() -> ApiError.notFound("no such file"));
            return files.content(id).map(bytes -> Response.ok(bytes, f.mimeType())
                    .header("Content-Disposition", "attachment; filename=\"" + f.name().replace("\"", "") + "\"")
                    .header("Content-Length", bytes.length).header("Cache-Control", "no-store").build());
        }));
    }

    /** The file id when the caller's files Grant covers it; 404 otherwise (other files are not revealed). */
    private Uni<String> covered(String fileId) {
        return files.grantOf(identity).map(grant -> {
            if (!ServerFiles.fileIds(grant).contains(fileId)) {
                throw ApiError.notFound("no such file");
            }
            return fileId;
        });
    }
}
