package org.lfenergy.cds.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
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

    /** Customer authorization (authorization code flow, customer login, authorization form). */
    AuthConfig auth();

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

    /** Customer authorization. */
    interface AuthConfig {
        /** Keycloak client through which auth-service logs customers in (an OIDC relying party of realm cds). */
        @WithDefault("cds-authorization-form")
        String loginClient();

        /** Extra redirect URI patterns of the login client besides {@code <public base>/oauth/authorize/callback}. */
        Optional<List<String>> loginRedirectPatterns();

        /** How long a customer has from the authorization request to the decision (spec: form time + 10 min). */
        @WithDefault("PT30M")
        Duration requestLifetime();

        /** Lifetime of a PAR {@code request_uri} (RFC 9126 §2.2). */
        @WithDefault("PT90S")
        Duration parLifetime();

        /** Creates a Keycloak user per customer of the GridX data (sandbox demo users). Never in production data. */
        @WithDefault("false")
        boolean demoUsers();

        /** Password of the demo users (from the environment, never committed); demo users need it. */
        Optional<String> demoPassword();

        /**
         * How receipt e-mails reach the customer when no other {@code ReceiptMailTransport} bean is deployed:
         * {@code log} (the whole message in the log, the default: the local stack needs no SMTP server) or
         * {@code disabled}.
         */
        @WithDefault("log")
        String receiptMail();

        /** Name of the utility shown on the customer pages. */
        @WithDefault("CDS Demo Utility")
        String brandName();
    }

    /** Grant events. */
    interface GrantsConfig {
        /** How often grants whose latest version is not yet on Kafka are published again. */
        @WithDefault("10s")
        Duration republishInterval();
    }
}
