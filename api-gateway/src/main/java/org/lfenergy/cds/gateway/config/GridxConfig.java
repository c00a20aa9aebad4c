package org.lfenergy.cds.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The GridX data this deployment serves (prefix {@code cds.gridx}). One deployment serves one utility, whose CIS and
 * MDMS extracts carry one GridX client code ({@code GRIDX_{CLIENT}_...}); every access filter the gateway signs
 * names it, and billing-service and usage-service serve only that client's objects (docs/gateway.md).
 */
@ConfigMapping(prefix = "cds.gridx")
public interface GridxConfig {

    /**
     * GridX client code whose objects the grants cover; env {@code CDS_GRIDX_CLIENT}. The default is the client code
     * of libs/gridx-generator's demo data set (what deploy/local/stack delivers).
     */
    @WithDefault("DEMO")
    String client();
}
