package org.lfenergy.cds.gateway;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Test-only endpoint behind the gateway's OIDC configuration: echoes the authorized party of the token. */
@Path("/test-only/token-probe")
@Authenticated
public class TokenProbeResource {

    @Inject
    JsonWebToken token;

    @GET
    public String authorizedParty() {
        return token.getClaim("azp");
    }
}
