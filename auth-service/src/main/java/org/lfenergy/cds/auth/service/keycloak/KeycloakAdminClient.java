package org.lfenergy.cds.auth.service.keycloak;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;

/**
 * The one Keycloak admin client of the process, kept for its whole life.
 *
 * <p>The extension's own bean is switched off ({@code quarkus.keycloak.admin-client.enabled=false}): it is created
 * and closed per request, and closing it (a blocking logout) on the event loop while a worker thread held the
 * client's token lock and waited for a reply on that same event loop deadlocked auth-service under load. One
 * long-lived client also logs in once instead of once per request; its token manager refreshes the admin token.
 */
@ApplicationScoped
public class KeycloakAdminClient {

    @Produces
    @Singleton
    Keycloak keycloak(@ConfigProperty(name = "quarkus.keycloak.admin-client.server-url") String serverUrl,
                      @ConfigProperty(name = "quarkus.keycloak.admin-client.realm") String realm,
                      @ConfigProperty(name = "quarkus.keycloak.admin-client.client-id") String clientId,
                      @ConfigProperty(name = "quarkus.keycloak.admin-client.username") String username,
                      @ConfigProperty(name = "quarkus.keycloak.admin-client.password") String password) {
        return KeycloakBuilder.builder().serverUrl(serverUrl).realm(realm).clientId(clientId).username(username)
                .password(password).grantType(OAuth2Constants.PASSWORD).build();
    }

    void close(@Disposes Keycloak keycloak) {
        keycloak.close();
    }
}
