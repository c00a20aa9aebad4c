package org.lfenergy.cds.billing.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lfenergy.cds.billing.config.BillingConfig;
import org.lfenergy.cds.contracts.access.AccessFilterCodec;
import org.lfenergy.cds.contracts.id.CdsIds;

/** The process-wide CDS id derivation and access-filter verifier, built from the configured secrets. */
@ApplicationScoped
public class IdService {

    private final CdsIds ids;
    private final AccessFilterCodec filters;

    /**
     * @param alsoAcceptedKeys the shared setting {@code cds.access-filter.also-accepted-keys} (env
     *                         CDS_ACCESS_FILTER_ALSO_ACCEPTED_KEYS): the other key during an access-filter key rotation
     */
    public IdService(BillingConfig config,
                     @ConfigProperty(name = "cds.access-filter.also-accepted-keys") Optional<List<String>> alsoAcceptedKeys) {
        this.ids = new CdsIds(config.idKey().getBytes(StandardCharsets.UTF_8));
        this.filters = AccessFilterCodec.ofConfiguredKeys(config.accessFilterKey(), alsoAcceptedKeys.orElse(List.of()));
    }

    /** CDS id derivation. */
    public CdsIds ids() {
        return ids;
    }

    /** Access filter verification. */
    public AccessFilterCodec filters() {
        return filters;
    }
}
