package org.lfenergy.cds.gateway.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.lfenergy.cds.contracts.access.AccessFilterCodec;
import org.lfenergy.cds.gateway.service.SignedFilters;
import org.lfenergy.cds.gateway.service.VerifiedTokens;

/** The access-filter signer, the clock and the verified-token cache, built once from configuration (singletons: both types are final/abstract). */
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

    @Produces
    @Singleton
    SignedFilters signedFilters(AccessFilterCodec codec, AccessFilterConfig config) {
        if (config.reuse().multipliedBy(2).compareTo(config.ttl()) >= 0) {
            throw new IllegalStateException("cds.access-filter.reuse (" + config.reuse()
                    + ") must be less than half of cds.access-filter.ttl (" + config.ttl() + ")");
        }
        return new SignedFilters(codec, config.reuse());
    }

    @Produces
    @Singleton
    VerifiedTokens verifiedTokens(GatewayConfig config, Clock clock) {
        return new VerifiedTokens(config.token().verifiedCacheSize(), clock);
    }
}
