package org.lfenergy.cds.auth.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.lfenergy.cds.auth.service.RegistrationService;

/** RFC 7591 registration endpoint with the CDS rules (WG1-02 §4); public, no captcha. */
@Path("/oauth/register")
public class RegistrationResource {

    private final RegistrationService registration;

    public RegistrationResource(RegistrationService registration) {
        this.registration = registration;
    }

    /** Answers 201 Created (RFC 7591 §3.2.1) with the cds_client_admin Client Object and its only-shown-once secret. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> register(JsonNode body) {
        return registration.register(body).map(r -> Response.status(201).entity(r.clientObject())
                .header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build());
    }
}
