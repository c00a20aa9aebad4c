package org.lfenergy.cds.usage.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.charset.StandardCharsets;
import org.lfenergy.cds.contracts.access.AccessFilterCodec;
import org.lfenergy.cds.contracts.id.CdsIds;

/** The id derivation and the access-filter verifier, built once from the configured keys. */
@ApplicationScoped
public class SecurityBeans {

    @Produces
    @ApplicationScoped
    CdsIds cdsIds(CdsSharedConfig keys) {
        return new CdsIds(keys.idsKey().getBytes(StandardCharsets.UTF_8));
    }

    @Produces
    @ApplicationScoped
    AccessFilterCodec accessFilterCodec(CdsSharedConfig keys) {
        return AccessFilterCodec.ofConfiguredKeys(keys.accessFilterKey(), keys.accessFilterAlsoAcceptedKeys());
    }
}
