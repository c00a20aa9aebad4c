package org.lfenergy.cds.ingest.rest;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.lfenergy.cds.ingest.digest.DigestEntry;
import org.lfenergy.cds.ingest.digest.DigestLedger;
import org.lfenergy.cds.ingest.intake.Intake;
import org.lfenergy.cds.ingest.registry.FileRegistry;
import org.lfenergy.cds.ingest.registry.FileStatus;
import org.lfenergy.cds.ingest.registry.IngestFile;
import org.lfenergy.cds.ingest.registry.StoredFinding;

/** Upload of GridX files and their status reports. Blocking on purpose: uploads stream to disk on a worker thread. */
@Path("/files")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class FileResource {

    private static final int MAX_LIMIT = 1000;

    private final Intake intake;
    private final FileRegistry registry;
    private final DigestLedger digests;

    public FileResource(Intake intake, FileRegistry registry, DigestLedger digests) {
        this.intake = intake;
        this.registry = registry;
        this.digests = digests;
    }

    /** Streams the body to disk (never held in memory) and queues the file; 202 with the registry entry. */
    @PUT
    @Path("/{name}")
    @Consumes(MediaType.WILDCARD)
    public Response upload(@PathParam("name") String name, InputStream body, UriInfo uri) throws IOException {
        IngestFile file = intake.upload(name, body);
        Response.Status status = file.status() == FileStatus.DUPLICATE ? Response.Status.OK : Response.Status.ACCEPTED;
        return Response.status(status).location(uri.getBaseUriBuilder().path("files").path(file.id().toString()).build())
                .entity(file).build();
    }

    @GET
    public List<IngestFile> list(@QueryParam("status") String status, @QueryParam("client") String client,
                                 @QueryParam("type") String type, @QueryParam("limit") @DefaultValue("100") int limit,
                                 @QueryParam("offset") @DefaultValue("0") int offset) {
        if (status != null) {
            try {
                FileStatus.fromDb(status);
            } catch (IllegalArgumentException e) {
                throw new BadParameter("status", "status must be one of received, processing, completed, failed, duplicate");
            }
        }
        checkPaging(limit, offset);
        return registry.list(status == null ? null : status.toLowerCase(Locale.ROOT), client,
                type == null ? null : type.toUpperCase(Locale.ROOT), limit, offset);
    }

    /** One file's report: counts, rejects by rule, the first findings. */
    @GET
    @Path("/{id}")
    public FileReport report(@PathParam("id") String id) {
        IngestFile file = registry.find(parseId(id)).orElseThrow(() -> new NotFound("no file " + id));
        return new FileReport(file, registry.findings(file.id(), null, 20, 0));
    }

    /** The stored findings of a file; {@code severity=REJECT_ROW} gives its rejected rows with their raw text. */
    @GET
    @Path("/{id}/findings")
    public List<StoredFinding> findings(@PathParam("id") String id, @QueryParam("severity") String severity,
                                        @QueryParam("limit") @DefaultValue("100") int limit,
                                        @QueryParam("offset") @DefaultValue("0") int offset) {
        checkPaging(limit, offset);
        IngestFile file = registry.find(parseId(id)).orElseThrow(() -> new NotFound("no file " + id));
        return registry.findings(file.id(), severity == null ? null : severity.toUpperCase(Locale.ROOT), limit, offset);
    }

    /** For a Daily Digest: every listed file with its reconciliation status (missing, matched, mismatched). */
    @GET
    @Path("/{id}/digest")
    public List<DigestEntry> digest(@PathParam("id") String id) {
        IngestFile file = registry.find(parseId(id)).orElseThrow(() -> new NotFound("no file " + id));
        if (!"DAILYDIGEST".equals(file.fileType())) {
            throw new NotFound("file " + id + " is a " + file.fileType() + " file, not a Daily Digest");
        }
        return digests.entries(file.id());
    }

    @GET
    @Path("/{id}/rejects")
    public List<StoredFinding> rejects(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("100") int limit,
                                       @QueryParam("offset") @DefaultValue("0") int offset) {
        return findings(id, "REJECT_ROW", limit, offset);
    }

    private static void checkPaging(int limit, int offset) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadParameter("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new BadParameter("offset", "offset must not be negative");
        }
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFound("no file " + id);
        }
    }

    /** A file with its first findings. */
    public record FileReport(IngestFile file, List<StoredFinding> firstFindings) {
    }

    /** 400 naming the parameter. */
    public static final class BadParameter extends RuntimeException {
        final String parameter;

        BadParameter(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }
    }

    /** 404. */
    public static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }
}
