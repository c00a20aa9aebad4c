package org.lfenergy.cds.auth.service;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.lfenergy.cds.auth.config.CdsConfig;

/**
 * Periodically moves Grants past their {@code not_after} / {@code expires} time to {@code expired}, and revokes the
 * tokens of Credentials whose {@code client_secret_expires_at} has passed.
 */
@ApplicationScoped
public class GrantExpiry {

    private static final Logger LOG = Logger.getLogger(GrantExpiry.class);

    private final GrantService grants;
    private final Vertx vertx;
    private final CdsConfig config;
    private final CredentialService credentials;

    public GrantExpiry(GrantService grants, Vertx vertx, CdsConfig config, CredentialService credentials) {
        this.credentials = credentials;
        this.grants = grants;
        this.vertx = vertx;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        vertx.setPeriodic(config.grants().republishInterval().toMillis(), id -> grants.expireDue().subscribe().with(
                n -> {
                    if (n > 0) {
                        LOG.infof("expired %d grants", n);
                    }
                }, e -> LOG.warnf("grant expiry sweep failed: %s", e.getMessage())));
        vertx.setPeriodic(config.grants().republishInterval().toMillis(), id -> credentials.revokeExpired().subscribe()
                .with(n -> {
                    if (n > 0) {
                        LOG.infof("revoked the tokens of %d expired credentials", n);
                    }
                }, e -> LOG.warnf("credential expiry sweep failed: %s", e.getMessage())));
    }
}
