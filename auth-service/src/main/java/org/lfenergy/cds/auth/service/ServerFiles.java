package org.lfenergy.cds.auth.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.lfenergy.cds.auth.mapping.Times;
import org.lfenergy.cds.auth.repository.ClientObjectRepository;
import org.lfenergy.cds.auth.repository.GrantRepository;
import org.lfenergy.cds.auth.repository.JsonColumns;
import org.lfenergy.cds.auth.service.keycloak.KeycloakRealm;
import org.lfenergy.cds.auth.service.model.ClientKind;
import org.lfenergy.cds.auth.service.model.ClientObject;
import org.lfenergy.cds.auth.service.model.Grant;

/**
 * Server-Provided Files (WG1-02 §9): stored in PostgreSQL (ad-hoc files, at most {@value #MAX_SIZE} bytes each), each
 * covered by a server-created Grant of the registrant's files Client Object ({@code authorization_details}
 * {@code [{type: <files scope>, file_id}]}). A caller sees the files named by the Grant its Grant Admin token proxies,
 * while that Grant gives access.
 */
@ApplicationScoped
public class ServerFiles {

    /** Largest file accepted (bytes). */
    public static final int MAX_SIZE = 10 * 1024 * 1024;

    /** A stored file without its content. */
    public record StoredFile(String fileId, String clientId, String grantId, Instant created, Instant modified,
            String name, String mimeType, String description, long size) {
    }

    private final Pool pool;
    private final ClientObjectRepository clients;
    private final GrantRepository grants;
    private final GrantService grantService;
    private final CdsUrls urls;
    private final ObjectMapper mapper;
    private final Clock clock = Clock.systemUTC();

    public ServerFiles(Pool pool, ClientObjectRepository clients, GrantRepository grants, GrantService grantService,
            CdsUrls urls, ObjectMapper mapper) {
        this.pool = pool;
        this.clients = clients;
        this.grants = grants;
        this.grantService = grantService;
        this.urls = urls;
        this.mapper = mapper;
    }

    /** Stores a file for a files Client Object and creates the active Grant that covers it. */
    public Uni<StoredFile> add(String clientId, String name, String mimeType, String description, byte[] content) {
        if (name == null || name.isBlank() || name.length() > 255 || name.contains("/") || name.contains("\\")) {
            throw ApiError.badRequest("name must be a file name (with extension, no path, at most 255 characters)");
        }
        if (content == null || content.length == 0) {
            throw ApiError.badRequest("the body (the file) must not be empty");
        }
        if (content.length > MAX_SIZE) {
            throw new ApiError(413, "payload_too_large", "files may hold at most " + MAX_SIZE + " bytes");
        }
        return clients.find(clientId).chain(found -> {
            ClientObject owner = found.filter(c -> c.kind() == ClientKind.SERVER_PROVIDED_FILES).orElseThrow(() ->
                    ApiError.badRequest("client_id must name a Client Object holding a server-provided files scope"));
            String scope = owner.scopes().get(0);
            String fileId = Ids.random("f");
            ArrayNode details = mapper.createArrayNode();
            details.addObject().put("type", scope).put("file_id", fileId);
            return grantService.findOrCreate(owner, List.of(scope), details, "file:" + fileId, null).chain(grant -> {
                Instant now = clock.instant();
                StoredFile file = new StoredFile(fileId, clientId, grant.grantId(), now, now, name,
                        mimeType == null || mimeType.isBlank() ? "application/octet-stream" : mimeType,
                        description == null ? "" : description, content.length);
                return pool.preparedQuery("insert into server_file (file_id, registrant_id, client_id, grant_id, created,"
                        + " modified, name, mime_type, description, size, content) values ($1, $2, $3, $4, $5, $6, $7,"
                        + " $8, $9, $10, $11)")
                        .execute(Tuple.from(Arrays.asList(fileId, owner.registrantId(), clientId, grant.grantId(),
                                JsonColumns.ts(now), JsonColumns.ts(now), file.name(), file.mimeType(), file.description(),
                                file.size(), io.vertx.core.buffer.Buffer.buffer(content))))
                        .replaceWith(file);
            });
        });
    }

    /**
     * The files Grant the caller's token reaches: a Grant Admin token (WG1-02 §3.3.2) whose proxied Grant holds a
     * files scope and still gives access; else 401/403.
     */
    public Uni<Grant> grantOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().failure(ApiError.invalidToken("a Bearer access token is required"));
        }
        Object claim = jwt.getClaim(KeycloakRealm.GRANT_CLAIM);
        String clientId = jwt.getClaim("azp");
        if (claim == null || clientId == null) {
            return Uni.createFrom().failure(ApiError.invalidToken("the token was not issued by the CDS token endpoint"));
        }
        String grantId = claim.toString().replace("\"", "");
        return grants.find(grantId).chain(found -> {
            Grant proxy = found.filter(g -> g.status().allowsAccess() && g.acceptsTokenIssuedAt(jwt.getIssuedAtTime()))
                    .orElseThrow(() -> ApiError.invalidToken("the token's grant no longer gives access"));
            if (!proxy.clientId().equals(clientId)) {
                // an authentic, current token that is not entitled to this Grant: 403, as at the gateway (docs/auth.md)
                throw ApiError.insufficientScope("the token's grant belongs to another client");
            }
            if (proxy.targetGrantId() == null) {
                throw ApiError.insufficientScope("this API needs a Grant Admin token for a server-provided files Grant");
            }
            return grants.find(proxy.targetGrantId()).map(target -> target.filter(t -> t.status().allowsAccess()
                    && t.scopes().stream().anyMatch(s -> s.startsWith("cds_server_provided_files")))
                    .orElseThrow(() -> ApiError.insufficientScope(
                            "the token's grant is not a server-provided files grant that gives access")));
        });
    }

    /** The file ids a files Grant currently covers. */
    public static List<String> fileIds(Grant grant) {
        List<String> ids = new ArrayList<>();
        grant.enabledAuthorizationDetails().forEach(e -> {
            if (e.hasNonNull("file_id")) {
                ids.add(e.get("file_id").asText());
            }
        });
        return ids;
    }

    public Uni<List<StoredFile>> list(List<String> fileIds) {
        return pool.preparedQuery("select " + COLUMNS + " from server_file where file_id = any($1::text[])"
                + " order by modified desc, file_id").execute(Tuple.of(fileIds.toArray(String[]::new)))
                .map(rows -> {
                    List<StoredFile> out = new ArrayList<>();
                    rows.forEach(r -> out.add(map(r)));
                    return out;
                });
    }

    public Uni<byte[]> content(String fileId) {
        return pool.preparedQuery("select content from server_file where file_id = $1").execute(Tuple.of(fileId))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getBuffer("content").getBytes());
    }

    public ObjectNode toJson(StoredFile f) {
        ObjectNode out = mapper.createObjectNode();
        out.put("file_id", f.fileId());
        out.put("uri", urls.serverProvidedFiles() + "/" + f.fileId());
        out.put("created", Times.format(f.created()));
        out.put("modified", Times.format(f.modified()));
        out.put("mime_type", f.mimeType());
        out.put("size", f.size());
        out.put("name", f.name());
        out.put("description", f.description());
        out.put("download_uri", urls.serverProvidedFiles() + "/" + f.fileId() + "/download");
        return out;
    }

    private static final String COLUMNS = "file_id, client_id, grant_id, created, modified, name, mime_type, description, size";

    private static StoredFile map(Row r) {
        return new StoredFile(r.getString("file_id"), r.getString("client_id"), r.getString("grant_id"),
                r.getOffsetDateTime("created").toInstant(), r.getOffsetDateTime("modified").toInstant(),
                r.getString("name"), r.getString("mime_type"), r.getString("description"), r.getLong("size"));
    }
}
