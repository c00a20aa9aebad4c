package org.lfenergy.cds.billing.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.lfenergy.cds.billing.config.BillingConfig;
import org.lfenergy.cds.contracts.access.AccessFilterCodec;
import org.lfenergy.cds.contracts.id.CdsIds;

/** The process-wide CDS id derivation and access-filter verifier, built from the configured secrets. */
@ApplicationScoped
public class IdService {

    private final CdsIds ids;
    private final AccessFilterCodec filters;

    public IdService(BillingConfig config) {
        this.ids = new CdsIds(config.idKey().getBytes(StandardCharsets.UTF_8));
        this.filters = new AccessFilterCodec(config.accessFilterKey().getBytes(StandardCharsets.UTF_8));
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
