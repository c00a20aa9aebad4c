package org.lfenergy.cds.ingest.rest;

import org.lfenergy.cds.ingest.registry.DatabaseUnavailable;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.lfenergy.cds.ingest.intake.DeliveryRejectedException;

/** Every error leaves as a JSON {@link ApiError} with the right status; nothing leaks a stack trace. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response deliveryRejected(DeliveryRejectedException e) {
        return json(Response.Status.BAD_REQUEST, new ApiError("invalid_file", e.getMessage(), e.ruleId(), null));
    }

    @ServerExceptionMapper
    public Response badParameter(FileResource.BadParameter e) {
        return json(Response.Status.BAD_REQUEST, new ApiError("invalid_request", e.getMessage(), null, e.parameter));
    }

    @ServerExceptionMapper
    public Response notFound(FileResource.NotFound e) {
        return json(Response.Status.NOT_FOUND, ApiError.of("not_found", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String error = status == 404 ? "not_found" : status == 405 ? "method_not_allowed"
                : status == 415 ? "unsupported_media_type" : status < 500 ? "invalid_request" : "server_error";
        return json(Response.Status.fromStatusCode(status), ApiError.of(error, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (DatabaseUnavailable.causedBy(e)) {
            // PostgreSQL is away (crash, restart, fail-over): a retry in a few seconds will do; nothing was accepted.
            LOG.warnf("database unavailable: %s", e.getMessage());
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                    .type(MediaType.APPLICATION_JSON)
                    .entity(ApiError.of("temporarily_unavailable", "the file registry's database is unavailable; "
                            + "retry later"))
                    .build();
        }
        LOG.error("unexpected error", e);
        return json(Response.Status.INTERNAL_SERVER_ERROR, ApiError.of("server_error", "unexpected error; see the service log"));
    }

    static Response json(Response.Status status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
