package org.lfenergy.cds.usage.config;

import io.smallrye.config.ConfigMapping;

/** Settings shared by the services (prefix {@code cds}); keys come from the environment or a Secret, never from committed files. */
@ConfigMapping(prefix = "cds")
public interface CdsSharedConfig {

    /** Key of the CDS id derivation (CdsIds), UTF-8, at least 32 bytes; env CDS_IDS_KEY. */
    Ids ids();

    /** Key that verifies the gateway's X-CDS-Access-Filter HMAC, UTF-8, at least 32 bytes; env CDS_ACCESS_FILTER_KEY. */
    AccessFilter accessFilter();

    /** The public base URL clients see (the api-gateway's); next/previous links are built on it. */
    @io.smallrye.config.WithDefault("http://127.0.0.1:8080")
    String publicBaseUrl();

    /** CdsIds settings. */
    interface Ids {
        /** The key. */
        String key();
    }

    /** Access-filter settings. */
    interface AccessFilter {
        /** The key. */
        String key();
    }
}
