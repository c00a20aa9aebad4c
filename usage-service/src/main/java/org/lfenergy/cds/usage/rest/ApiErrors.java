package org.lfenergy.cds.usage.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The JSON error bodies of the internal CDS endpoints: {@code {"error": code, "error_description": text}} plus
 * {@code "parameter"} for a 400 about one URL parameter (the CDS data APIs define no error model; this follows
 * the OAuth error shape the clients already know).
 */
public class ApiErrors {

    private static final Logger LOG = Logger.getLogger(ApiErrors.class);

    /** A JSON error response. */
    public static Response error(Response.Status status, String code, String description, String parameter) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", code);
        body.put("error_description", description);
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    @ServerExceptionMapper
    public Response badParameter(BadParameterException e) {
        return error(Response.Status.BAD_REQUEST, "invalid_request", e.getMessage(), e.parameter());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status s = Response.Status.fromStatusCode(status);
        String code = status == 404 ? "not_found" : status == 405 ? "method_not_allowed" : "request_failed";
        return error(s == null ? Response.Status.BAD_REQUEST : s, code,
                s == null ? "request failed" : s.getReasonPhrase(), null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected error", e);
        return error(Response.Status.INTERNAL_SERVER_ERROR, "server_error", "internal error", null);
    }
}
