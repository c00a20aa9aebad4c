package org.lfenergy.cds.gateway.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.lfenergy.cds.contracts.access.AccessFilterCodec;

/** The access-filter signer and the clock, built once from configuration (singletons: both types are final/abstract). */
@ApplicationScoped
public class SecurityBeans {

    @Produces
    @Singleton
    AccessFilterCodec accessFilterCodec(AccessFilterConfig config) {
        return new AccessFilterCodec(AccessFilterKey.resolve(config));
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
