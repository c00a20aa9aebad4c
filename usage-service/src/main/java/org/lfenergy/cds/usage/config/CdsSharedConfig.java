package org.lfenergy.cds.usage.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Settings shared by the services under {@code cds.*} (read one by one: that namespace also holds other services'
 * keys). Keys come from the environment or a Secret, never from committed files.
 */
@ApplicationScoped
public class CdsSharedConfig {

    private final String idsKey;
    private final String accessFilterKey;
    private final List<String> accessFilterAlsoAcceptedKeys;
    private final String publicBaseUrl;

    public CdsSharedConfig(@ConfigProperty(name = "cds.ids.key") String idsKey,
                           @ConfigProperty(name = "cds.access-filter.key") String accessFilterKey,
                           @ConfigProperty(name = "cds.access-filter.also-accepted-keys")
                           Optional<List<String>> accessFilterAlsoAcceptedKeys,
                           @ConfigProperty(name = "cds.public-base-url", defaultValue = "http://127.0.0.1:8080")
                           String publicBaseUrl) {
        this.idsKey = idsKey;
        this.accessFilterKey = accessFilterKey;
        this.accessFilterAlsoAcceptedKeys = accessFilterAlsoAcceptedKeys.orElse(List.of());
        this.publicBaseUrl = publicBaseUrl;
    }

    /** Key of the CDS id derivation (CdsIds), UTF-8, at least 32 bytes; env CDS_IDS_KEY. */
    public String idsKey() {
        return idsKey;
    }

    /** Key verifying the gateway's X-CDS-Access-Filter HMAC, UTF-8, at least 32 bytes; env CDS_ACCESS_FILTER_KEY. */
    public String accessFilterKey() {
        return accessFilterKey;
    }

    /**
     * Further keys whose access filters are accepted (never used to sign): the other key while the access-filter key
     * is rotated (docs/operations.md); env CDS_ACCESS_FILTER_ALSO_ACCEPTED_KEYS, comma-separated, empty by default.
     */
    public List<String> accessFilterAlsoAcceptedKeys() {
        return accessFilterAlsoAcceptedKeys;
    }

    /** The public base URL clients see (the api-gateway's); next/previous links are built on it. */
    public String publicBaseUrl() {
        return publicBaseUrl;
    }
}
