package org.lfenergy.cds.auth.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.lfenergy.cds.auth.config.CdsConfig;
import org.lfenergy.cds.auth.repository.ClientObjectRepository;
import org.lfenergy.cds.auth.repository.GrantRepository;
import org.lfenergy.cds.auth.service.keycloak.KeycloakRealm;
import org.lfenergy.cds.auth.service.ClientAuthenticator.Authenticated;
import org.lfenergy.cds.auth.service.keycloak.KeycloakTokens;
import org.lfenergy.cds.auth.service.model.ClientKind;
import org.lfenergy.cds.auth.service.model.ClientObject;
import org.lfenergy.cds.auth.service.model.Grant;
import org.lfenergy.cds.auth.service.scope.AuthorizationDetailsResolver;
import org.lfenergy.cds.auth.service.scope.ScopeCatalog;
import org.lfenergy.cds.auth.service.scope.ScopeDescription;

/**
 * The token endpoint facade (client credentials): decides the Grant a token belongs to, creating it synchronously,
 * then asks Keycloak for a token that carries the Grant's id ({@code cds_grant_id}, from the Grant's own client
 * scope) and answers with the CDS additions ({@code authorization_details}, {@code cds_grant_ids}).
 */
@ApplicationScoped
public class TokenService {

    private final ScopeCatalog catalog;
    private final AuthorizationDetailsResolver resolver;
    private final GrantService grantService;
    private final GrantRepository grants;
    private final ClientObjectRepository clients;
    private final KeycloakTokens keycloak;
    private final ObjectMapper mapper;
    private final ZoneId zone;
    private final org.lfenergy.cds.auth.repository.CredentialRepository credentials;

    public TokenService(ScopeCatalog catalog, GrantService grantService, GrantRepository grants,
            ClientObjectRepository clients, KeycloakTokens keycloak, ObjectMapper mapper, CdsConfig config,
            org.lfenergy.cds.auth.repository.CredentialRepository credentials) {
        this.credentials = credentials;
        this.catalog = catalog;
        this.resolver = new AuthorizationDetailsResolver(catalog);
        this.grantService = grantService;
        this.grants = grants;
        this.clients = clients;
        this.keycloak = keycloak;
        this.mapper = mapper;
        this.zone = ZoneId.of(config.timezone());
    }

    /** {@code grant_type=client_credentials} for an authenticated client. */
    public Uni<ObjectNode> clientCredentials(Authenticated who, String scope, String authorizationDetails) {
        ClientObject client = who.client();
        if (!client.grantTypes().contains("client_credentials")) {
            throw new ApiError(400, "unauthorized_client", "this Client Object may not use client_credentials");
        }
        JsonNode rar = parseDetails(authorizationDetails);
        List<String> requested = scope == null || scope.isBlank() ? List.of() : catalog.expand(List.of(scope.trim().split("\\s+")));
        if (requested.isEmpty() && rar == null) {
            requested = client.scopes();
        }
        ZonedDateTime now = ZonedDateTime.now(zone);
        Uni<Grant> grant = switch (client.kind()) {
            case CLIENT_ADMIN -> clientAdminGrant(client, requested, rar);
            case GRANT_ADMIN -> grantAdminGrant(client, requested, rar, now);
            case DIRECT_ACCESS -> directAccessGrant(client, requested, rar, now);
            default -> throw new ApiError(400, "unauthorized_client", "this Client Object may not use client_credentials");
        };
        return grant.chain(g -> grantService.ensureTokenScope(g, client))
                .chain(g -> credentials.recordUse(who.credential().credentialId(), g.grantId(), "", Instant.now())
                        .chain(() -> mint(client, g)))
                .call(() -> stillValid(who));
    }

    /**
     * The Credential must still be valid after the token was minted: if it expired meanwhile, the token (whose use
     * was recorded before minting, so its Grant's tokens are void) is not handed out.
     */
    private Uni<Void> stillValid(Authenticated who) {
        return credentials.find(who.credential().credentialId()).invoke(c -> {
            if (c.isEmpty() || !c.get().isValidAt(Instant.now())) {
                throw ApiError.invalidClient("the client credential expired");
            }
        }).replaceWithVoid();
    }

    /**
     * {@code grant_type=authorization_code}: Keycloak checks the code, its client, redirect URI and PKCE verifier;
     * the token must name a usable customer-consent Grant of this client approved by the token's user, or it is
     * revoked again and refused ({@code invalid_grant}).
     */
    public Uni<ObjectNode> authorizationCode(Authenticated who, String code, String redirectUri, String codeVerifier) {
        ClientObject client = who.client();
        if (!client.grantTypes().contains("authorization_code")) {
            throw new ApiError(400, "unauthorized_client", "this Client Object may not use authorization_code");
        }
        if (code == null || redirectUri == null || codeVerifier == null) {
            throw ApiError.badRequest("code, redirect_uri and code_verifier are required");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", codeVerifier);
        return userTokens(who, form);
    }

    /** {@code grant_type=refresh_token}: refreshed by Keycloak, answered only while the token's Grant gives access. */
    public Uni<ObjectNode> refreshToken(Authenticated who, String refreshToken) {
        ClientObject client = who.client();
        if (!client.grantTypes().contains("refresh_token")) {
            throw new ApiError(400, "unauthorized_client", "this Client Object may not use refresh_token");
        }
        if (refreshToken == null || refreshToken.isBlank()) {
            throw ApiError.badRequest("refresh_token is required");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return userTokens(who, form);
    }

    private Uni<ObjectNode> userTokens(Authenticated who, Map<String, String> form) {
        ClientObject client = who.client();
        return keycloak.tokenFor(client, form).chain(answer -> {
            JsonObject body = answer.body();
            if (answer.status() != 200) {
                String error = body.getString("error", "invalid_grant");
                throw new ApiError(answer.status() == 401 ? 401 : 400, error,
                        body.getString("error_description", "the authorization server refused the grant"));
            }
            JsonNode access = claimsOf(body.getString("access_token"));
            String grantId = access == null ? null : access.path(KeycloakRealm.GRANT_CLAIM).asText(null);
            String subject = access == null ? null : access.path("sub").asText(null);
            String session = access == null ? null : access.path("sid").asText(null);
            if (session == null) {
                JsonNode refresh = claimsOf(body.getString("refresh_token"));
                session = refresh == null ? null : refresh.path("sid").asText(null);
            }
            String sid = session;
            Uni<Grant> usable = grantId == null ? Uni.createFrom().nullItem()
                    : grants.find(grantId).chain(g -> grants.customerUser(grantId).map(user -> g.filter(x ->
                            x.clientId().equals(client.clientId()) && x.status().allowsAccess() && user != null
                                    && user.equals(subject)).orElse(null)));
            return usable.chain(grant -> {
                if (grant == null) {
                    String refreshToken = body.getString("refresh_token");
                    Uni<?> undo = refreshToken == null ? Uni.createFrom().voidItem()
                            : keycloak.revokeFor(client, refreshToken, "refresh_token").onFailure().recoverWithNull();
                    return undo.map(x -> {
                        throw new ApiError(400, "invalid_grant", "the grant behind this request no longer gives access");
                    });
                }
                Uni<Void> record = (sid == null ? Uni.createFrom().voidItem() : grantService.recordSession(grantId, sid))
                        .chain(() -> credentials.recordUse(who.credential().credentialId(), grantId, sid, Instant.now()))
                        .chain(() -> stillValid(who));
                return record.map(x -> {
                    ObjectNode out = mapper.createObjectNode();
                    out.put("access_token", body.getString("access_token"));
                    out.put("token_type", body.getString("token_type", "Bearer"));
                    out.put("expires_in", body.getLong("expires_in", 0L));
                    if (body.getString("refresh_token") != null) {
                        out.put("refresh_token", body.getString("refresh_token"));
                    }
                    out.put("scope", grant.enabledScope());
                    ArrayNode details = grant.enabledAuthorizationDetails();
                    if (!details.isEmpty()) {
                        out.set("authorization_details", details.deepCopy());
                    }
                    out.putArray("cds_grant_ids").add(grant.grantId());
                    return out;
                });
            });
        });
    }

    /** The payload of a JWT (Keycloak just issued it to us over TLS/loopback; not a trust decision by itself). */
    private JsonNode claimsOf(String jwt) {
        if (jwt == null) {
            return null;
        }
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            return mapper.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }

    private Uni<Grant> clientAdminGrant(ClientObject client, List<String> requested, JsonNode rar) {
        if (!requested.equals(List.of("cds_client_admin"))) {
            throw ApiError.invalidScope("this Client Object can only request scope cds_client_admin");
        }
        if (rar != null && !rar.isEmpty()) {
            throw ApiError.invalidAuthorizationDetails("cds_client_admin takes no authorization_details");
        }
        return grantService.findOrCreate(client, requested, mapper.createArrayNode(), "client_admin", null);
    }

    private Uni<Grant> directAccessGrant(ClientObject client, List<String> requested, JsonNode rar, ZonedDateTime now) {
        AuthorizationDetailsResolver.Resolution resolution = resolver.resolve(requested, rar, client.scopes(),
                client.authorizationDetailsTypes(), now, false);
        // Same client, same effective request, same day → same Grant (relative values re-resolve daily).
        String fingerprint = Ids.hash(new TreeSet<>(resolution.scopes()) + "|" + resolution.requested() + "|"
                + now.toLocalDate());
        return grantService.findOrCreate(client, resolution.scopes(), resolution.resolved(), fingerprint, null);
    }

    /** WG1-02 §3.3.2: a token that proxies an existing Grant of the same registrant. */
    private Uni<Grant> grantAdminGrant(ClientObject client, List<String> requested, JsonNode rar, ZonedDateTime now) {
        if (rar == null || rar.size() != 1) {
            throw ApiError.invalidAuthorizationDetails("a grant admin token request needs exactly one authorization_details entry");
        }
        AuthorizationDetailsResolver.Resolution resolution = resolver.resolve(requested, rar, client.scopes(),
                client.authorizationDetailsTypes(), now, false);
        if (resolution.resolved().size() != 1) {
            throw ApiError.invalidAuthorizationDetails("a grant admin token request needs exactly one authorization_details entry");
        }
        JsonNode entry = resolution.resolved().get(0);
        String type = entry.path("type").asText();
        String targetId = entry.path("grant_id").asText();
        return grants.find(targetId).chain(found -> {
            Grant target = found.filter(t -> t.registrantId().equals(client.registrantId())).orElseThrow(() ->
                    ApiError.invalidAuthorizationDetails("grant " + targetId + " does not exist"));
            if (!target.clientId().equals(entry.path("client_id").asText())) {
                throw ApiError.invalidAuthorizationDetails("grant " + targetId + " is not issued to that client_id");
            }
            if (target.enabledScope().isBlank()) {
                throw ApiError.invalidAuthorizationDetails("grant " + targetId + " currently gives no access");
            }
            for (String s : target.enabledScope().trim().split("\\s+")) {
                String admin = catalog.scope(s).map(ScopeDescription::grantAdminScope).orElse(null);
                if (!type.equals(admin)) {
                    throw ApiError.invalidAuthorizationDetails("scope " + s + " of grant " + targetId
                            + " is not administered by " + type);
                }
            }
            return grantService.findOrCreate(client, resolution.scopes(), resolution.resolved(), "grant_admin:" + targetId,
                    targetId);
        });
    }

    private Uni<ObjectNode> mint(ClientObject client, Grant grant) {
        List<String> kcScopes = new ArrayList<>(grant.scopes());
        kcScopes.add(grant.keycloakScope());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("scope", String.join(" ", kcScopes));
        return keycloak.tokenFor(client, form).map(answer -> {
            JsonObject body = answer.body();
            if (answer.status() != 200) {
                throw new ApiError(answer.status() == 401 ? 401 : 400, body.getString("error", "invalid_request"),
                        body.getString("error_description", "the token issuer refused the request"));
            }
            ObjectNode out = mapper.createObjectNode();
            out.put("access_token", body.getString("access_token"));
            out.put("token_type", body.getString("token_type", "Bearer"));
            out.put("expires_in", body.getLong("expires_in", 0L));
            out.put("scope", grant.scope());
            ArrayNode details = grant.authorizationDetails();
            if (!details.isEmpty()) {
                out.set("authorization_details", details.deepCopy());
            }
            out.putArray("cds_grant_ids").add(grant.grantId());
            return out;
        });
    }

    private JsonNode parseDetails(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiError.invalidAuthorizationDetails("authorization_details is not valid JSON");
        }
    }

    /** RFC 7662 introspection, answered by Keycloak and narrowed by the token's Grant and the caller's registrant. */
    public Uni<ObjectNode> introspect(ClientObject caller, String token) {
        ObjectNode inactive = mapper.createObjectNode().put("active", false);
        if (token == null || token.isBlank()) {
            throw ApiError.badRequest("token is required");
        }
        return keycloak.introspect(token).chain(answer -> {
            JsonObject body = answer.body();
            if (answer.status() != 200 || !body.getBoolean("active", false)) {
                return Uni.createFrom().item(inactive);
            }
            String tokenClient = body.getString("client_id", body.getString("azp"));
            String grantId = grantIdOf(token);
            if (tokenClient == null || grantId == null) {
                return Uni.createFrom().item(inactive);
            }
            return clients.find(tokenClient).chain(owner -> {
                if (owner.isEmpty() || !owner.get().registrantId().equals(caller.registrantId())) {
                    return Uni.createFrom().item(inactive);
                }
                return grants.find(grantId).map(g -> {
                    if (g.isEmpty() || !g.get().clientId().equals(tokenClient) || !g.get().status().allowsAccess()
                            || !g.get().acceptsTokenIssuedAt(body.getLong("iat", 0L))) {
                        return inactive;
                    }
                    ObjectNode out = mapper.createObjectNode();
                    out.put("active", true);
                    for (String key : List.of("scope", "client_id", "token_type", "exp", "iat", "nbf", "sub", "aud",
                            "iss", "jti")) {
                        if (body.containsKey(key)) {
                            out.set(key, mapper.valueToTree(body.getValue(key) instanceof io.vertx.core.json.JsonArray a
                                    ? a.getList() : body.getValue(key)));
                        }
                    }
                    out.put("scope", g.get().enabledScope());
                    out.putArray("cds_grant_ids").add(grantId);
                    out.put("cds_grant_status", g.get().status().wire());
                    out.set("authorization_details", g.get().enabledAuthorizationDetails().deepCopy());
                    return out;
                });
            });
        });
    }

    /** The {@code cds_grant_id} claim of a JWT (already verified active by Keycloak). */
    private String grantIdOf(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            JsonNode claims = mapper.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
            JsonNode id = claims.get(KeycloakRealm.GRANT_CLAIM);
            return id == null ? null : id.asText();
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }

    /** RFC 7009: revoke in Keycloak; unknown or foreign tokens are silently accepted. */
    public Uni<Void> revoke(ClientObject client, String token, String hint) {
        if (token == null || token.isBlank()) {
            throw ApiError.badRequest("token is required");
        }
        return keycloak.revokeFor(client, token, hint).replaceWithVoid();
    }

    /** Client kinds that authenticate at the token endpoint. */
    static boolean usesTokenEndpoint(ClientKind kind) {
        return kind != ClientKind.SERVER_PROVIDED_FILES;
    }
}
