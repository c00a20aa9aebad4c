package org.lfenergy.cds.auth.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.lfenergy.cds.auth.service.ApiError;

/** Turns every failure into a JSON error body with a proper status (RFC 6749 §5.2 shape). */
public class ApiErrorMappers {

    private static final Logger LOG = Logger.getLogger(ApiErrorMappers.class);

    static Response body(int status, String error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON).entity(body)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (status == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "invalid_client".equals(error)
                    ? "Basic realm=\"cds\""
                    : "Bearer realm=\"cds\", error=\"" + error + "\"");
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response apiError(ApiError e) {
        return body(e.status(), e.error(), e.description());
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return body(401, "invalid_token", "a valid Bearer access token is required");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return body(401, "invalid_token", "a valid Bearer access token is required");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return body(403, "insufficient_scope", "the access token does not carry the scope this API requires");
    }

    @ServerExceptionMapper
    public Response invalidJson(JsonProcessingException e) {
        return body(400, "invalid_request", invalidJsonDescription(e));
    }

    /** "the body is not valid JSON (line L, column C): what the parser found", as precise as Jackson knows it. */
    static String invalidJsonDescription(JsonProcessingException e) {
        StringBuilder out = new StringBuilder("the body is not valid JSON");
        var where = e.getLocation();
        if (where != null && where.getLineNr() > 0) {
            out.append(" (line ").append(where.getLineNr()).append(", column ").append(where.getColumnNr()).append(')');
        }
        String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("").strip();
        if (!what.isEmpty()) {
            out.append(": ").append(what.length() > 200 ? what.substring(0, 200) + "..." : what);
        }
        return out.toString();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String error = switch (status) {
            case 400 -> "invalid_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "server_error" : "invalid_request";
        };
        for (Throwable cause = e.getCause(); status == 400 && cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                // RESTEasy Reactive's JSON readers wrap a parse error in a plain 400: say what and where
                return body(400, error, invalidJsonDescription(json));
            }
        }
        return body(status, error, e.getMessage() == null ? Response.Status.fromStatusCode(status).getReasonPhrase() : e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected failure", e);
        return body(500, "server_error", "the server could not complete the request");
    }
}
