package org.lfenergy.cds.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The signed {@code X-CDS-Access-Filter} handed to billing-service and usage-service (prefix {@code cds.access-filter}). */
@ConfigMapping(prefix = "cds.access-filter")
public interface AccessFilterConfig {

    /** Shared HMAC key, UTF-8, at least 32 bytes; env {@code CDS_ACCESS_FILTER_KEY}. Wins over {@link #keyFile()}. */
    Optional<String> key();

    /** File holding the key (first line, UTF-8) when {@link #key()} is unset. */
    @WithDefault(".local/secrets/access-filter.key")
    Path keyFile();

    /** Create {@link #keyFile()} with a random key when neither key nor file exists (local development only). */
    @WithDefault("false")
    boolean generateIfMissing();

    /** Lifetime of one filter: it covers one request, so seconds. */
    @WithDefault("30S")
    Duration ttl();

    /**
     * How long one signed filter serves further requests of the same grant state and scopes (0 = sign every request);
     * less than half of {@link #ttl()}.
     */
    @WithDefault("1S")
    Duration reuse();
}
