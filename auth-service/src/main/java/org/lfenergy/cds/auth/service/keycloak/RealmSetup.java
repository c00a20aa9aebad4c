package org.lfenergy.cds.auth.service.keycloak;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;
import org.lfenergy.cds.auth.service.scope.ScopeCatalog;
import org.lfenergy.cds.auth.service.scope.ScopeDescription;

/**
 * Brings realm {@code cds} in line with the scope catalogue at startup, through the admin API (a realm file is only
 * imported once, so this is how changes reach existing realms). Registration repeats it lazily if Keycloak was down.
 */
@ApplicationScoped
public class RealmSetup {

    private static final Logger LOG = Logger.getLogger(RealmSetup.class);

    private final KeycloakRealm realm;
    private final ScopeCatalog catalog;

    public RealmSetup(KeycloakRealm realm, ScopeCatalog catalog) {
        this.realm = realm;
        this.catalog = catalog;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            realm.ensureCdsScopes(catalog.all().stream().map(ScopeDescription::id).toList())
                    .await().atMost(Duration.ofSeconds(60));
            realm.ensurePersonAttribute().await().atMost(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            LOG.warnf("Keycloak realm setup deferred (Keycloak unreachable?): %s", e.getMessage());
        }
    }
}
