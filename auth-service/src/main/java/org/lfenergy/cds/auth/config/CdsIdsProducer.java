package org.lfenergy.cds.auth.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lfenergy.cds.contracts.id.CdsIds;

/** The CDS id derivation shared with the domain services (same key, CDS_IDS_KEY), for the coverage of consent Grants. */
@ApplicationScoped
public class CdsIdsProducer {

    @Produces
    @ApplicationScoped
    CdsIds cdsIds(@ConfigProperty(name = "cds.ids.key") String key) {
        return new CdsIds(key.getBytes(StandardCharsets.UTF_8));
    }
}
