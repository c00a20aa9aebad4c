package org.lfenergy.cds.usage.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.access.AccessFilterCodec;
import org.lfenergy.cds.contracts.access.AccessFilterException;
import org.lfenergy.cds.usage.service.RequestAccess;

/**
 * Refuses every {@code /cds/} request without a valid gateway-signed {@value AccessFilter#HEADER}: 401 with a JSON
 * body (missing, malformed, bad signature, expired). The verified filter is then applied in SQL by each query.
 */
public class AccessFilterGate {

    private static final Logger LOG = Logger.getLogger(AccessFilterGate.class);

    private final AccessFilterCodec codec;
    private final RequestAccess access;

    public AccessFilterGate(AccessFilterCodec codec, RequestAccess access) {
        this.codec = codec;
        this.access = access;
    }

    @ServerRequestFilter
    public Response verify(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/cds/")) {
            return null;
        }
        try {
            access.set(codec.verify(request.getHeaderString(AccessFilter.HEADER)));
            return null;
        } catch (AccessFilterException e) {
            LOG.debugf("Refused access filter on %s: %s", path, e.getMessage());
            return ApiErrors.error(Response.Status.UNAUTHORIZED, "invalid_token",
                    "missing or invalid " + AccessFilter.HEADER + " (" + e.reason().name().toLowerCase() + ")", null);
        }
    }
}
