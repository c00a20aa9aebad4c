package org.lfenergy.cds.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Configuration of the CDS authorization server (prefix {@code cds}). */
@ConfigMapping(prefix = "cds")
public interface CdsConfig {

    /** Public base URL that clients use for every CDS URL (the api-gateway's), without trailing slash. */
    @WithDefault("http://127.0.0.1:8080")
    String publicBaseUrl();

    /** IANA time zone published as {@code cds_timezone}; relative dates are resolved in it. */
    @WithDefault("America/Los_Angeles")
    String timezone();

    /** Keycloak, the token issuer. */
    KeycloakConfig keycloak();

    /** Token facade settings. */
    TokenConfig token();

    /** Grant event publication. */
    GrantsConfig grants();

    /** Keycloak connection. */
    interface KeycloakConfig {
        /** Keycloak base URL as auth-service reaches it. */
        String url();

        /** Realm holding the CDS clients, scopes and customers. */
        @WithDefault("cds")
        String realm();

        /** Keycloak base URL as clients see it (issuer host); defaults to {@link #url()}. */
        Optional<String> publicUrl();

        /** Admin password of the master realm's admin-cli user (also read by the admin client). */
        Optional<String> adminPassword();
    }

    /** Token endpoint facade. */
    interface TokenConfig {
        /** Audience every CDS access token carries besides the client itself (the resource servers' audience). */
        @WithDefault("cds-api")
        String audience();
    }

    /** Grant events. */
    interface GrantsConfig {
        /** How often grants whose latest version is not yet on Kafka are published again. */
        @WithDefault("10s")
        Duration republishInterval();
    }
}
