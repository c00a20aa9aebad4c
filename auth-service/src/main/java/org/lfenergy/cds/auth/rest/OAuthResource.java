package org.lfenergy.cds.auth.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.lfenergy.cds.auth.service.ApiError;
import org.lfenergy.cds.auth.service.AuthorizationRequests;
import org.lfenergy.cds.auth.service.ClientAuthenticator;
import org.lfenergy.cds.auth.service.TokenService;

/**
 * The OAuth endpoints clients call directly: token (RFC 6749 + RFC 9396: client_credentials, authorization_code with
 * PKCE, refresh_token), PAR (RFC 9126), introspection (RFC 7662), revocation (RFC 7009).
 */
@Path("/oauth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class OAuthResource {

    private final ClientAuthenticator authenticator;
    private final TokenService tokens;
    private final AuthorizationRequests requests;
    private final ObjectMapper mapper;

    public OAuthResource(ClientAuthenticator authenticator, TokenService tokens, AuthorizationRequests requests,
            ObjectMapper mapper) {
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.requests = requests;
        this.mapper = mapper;
    }

    @POST
    @Path("token")
    public Uni<Response> token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            MultivaluedMap<String, String> form) {
        String grantType = single(form, "grant_type");
        if (grantType == null) {
            throw ApiError.badRequest("grant_type is required");
        }
        return authenticator.authenticateCredential(authorization).chain(who -> {
            var client = who.client();
            String formClientId = single(form, "client_id");
            if (formClientId != null && !formClientId.equals(client.clientId())) {
                throw ApiError.invalidClient("client_id does not match the authenticated client");
            }
            return switch (grantType) {
                case "client_credentials" -> tokens.clientCredentials(who, single(form, "scope"),
                        single(form, "authorization_details"));
                case "authorization_code" -> tokens.authorizationCode(who, single(form, "code"),
                        single(form, "redirect_uri"), single(form, "code_verifier"));
                case "refresh_token" -> tokens.refreshToken(who, single(form, "refresh_token"));
                default -> throw new ApiError(400, "unsupported_grant_type", "grant_type " + grantType
                        + " is not supported at this endpoint");
            };
        }).map(OAuthResource::noStore);
    }

    /** RFC 9126 pushed authorization request: validated like {@code /oauth/authorize}, answered with a request_uri. */
    @POST
    @Path("par")
    public Uni<Response> par(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            MultivaluedMap<String, String> form) {
        return authenticator.authenticate(authorization).chain(client -> requests.push(client, form))
                .map(request -> {
                    ObjectNode body = mapper.createObjectNode();
                    body.put("request_uri", request.requestUri());
                    body.put("expires_in", java.time.Duration.between(request.created(), request.expiresAt()).toSeconds());
                    return Response.status(201).entity(body).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
                });
    }

    @POST
    @Path("introspect")
    public Uni<Response> introspect(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            MultivaluedMap<String, String> form) {
        String token = single(form, "token");
        return authenticator.authenticate(authorization).chain(client -> tokens.introspect(client, token))
                .map(OAuthResource::noStore);
    }

    @POST
    @Path("revoke")
    public Uni<Response> revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            MultivaluedMap<String, String> form) {
        String token = single(form, "token");
        String hint = single(form, "token_type_hint");
        return authenticator.authenticate(authorization).chain(client -> tokens.revoke(client, token, hint))
                .map(v -> Response.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").build());
    }

    private static Response noStore(ObjectNode body) {
        return Response.ok(body).header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }

    /** A parameter that must not repeat (RFC 6749 §3.1). */
    static String single(MultivaluedMap<String, String> form, String name) {
        List<String> values = form == null ? null : form.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiError.badRequest("parameter " + name + " must not be repeated");
        }
        return values.get(0);
    }
}
