package org.lfenergy.cds.auth.service;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.lfenergy.cds.auth.repository.ClientObjectRepository;
import org.lfenergy.cds.auth.repository.GrantRepository;
import org.lfenergy.cds.auth.service.keycloak.KeycloakRealm;
import org.lfenergy.cds.auth.service.model.ClientKind;
import org.lfenergy.cds.auth.service.model.ClientObject;

/**
 * Who calls a CDS management API: a Keycloak-signed token (verified by quarkus-oidc) with scope
 * {@code cds_client_admin}, issued through our token endpoint to a {@code cds_client_admin} Client Object, whose
 * Grant still gives access. Answers that Client Object (its id is the registrant id).
 */
@ApplicationScoped
public class AdminAuthorization {

    private final ClientObjectRepository clients;
    private final GrantRepository grants;

    public AdminAuthorization(ClientObjectRepository clients, GrantRepository grants) {
        this.clients = clients;
        this.grants = grants;
    }

    public Uni<ClientObject> registrant(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().failure(ApiError.invalidToken("a Bearer access token is required"));
        }
        String scope = jwt.getClaim("scope");
        if (scope == null || !List.of(scope.split(" ")).contains("cds_client_admin")) {
            return Uni.createFrom().failure(ApiError.insufficientScope("this API needs a cds_client_admin token"));
        }
        String clientId = jwt.getClaim("azp");
        Object grantClaim = jwt.getClaim(KeycloakRealm.GRANT_CLAIM);
        if (clientId == null || grantClaim == null) {
            return Uni.createFrom().failure(ApiError.invalidToken("the token was not issued by the CDS token endpoint"));
        }
        String grantId = grantClaim.toString().replace("\"", "");
        return clients.find(clientId).chain(client -> {
            if (client.isEmpty() || client.get().kind() != ClientKind.CLIENT_ADMIN || client.get().isDisabled()) {
                return Uni.createFrom().failure(ApiError.invalidToken("the token's client is not a client admin object"));
            }
            return grants.find(grantId).map(g -> {
                if (g.isEmpty() || !g.get().clientId().equals(clientId) || !g.get().status().allowsAccess()
                        || !g.get().acceptsTokenIssuedAt(jwt.getIssuedAtTime())) {
                    throw ApiError.invalidToken("the token's grant no longer gives access");
                }
                return client.get();
            });
        });
    }
}
