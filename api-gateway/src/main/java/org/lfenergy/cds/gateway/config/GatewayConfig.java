package org.lfenergy.cds.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Behaviour of the gateway itself (prefix {@code cds.gateway}). */
@ConfigMapping(prefix = "cds.gateway")
public interface GatewayConfig {

    /** What a data request's access token must carry. */
    Token token();

    /** Per-client request rate limits on the data APIs. */
    RateLimit rateLimit();

    /** The grant cache fed by {@code cds.grants.v1}. */
    Grants grants();

    /** Path prefixes routed unchanged to auth-service (metadata, OAuth, registration, admin APIs, consent pages). */
    @WithDefault("/.well-known/,/oauth/,/cds-api/,/docs/auth")
    List<String> authPaths();

    /** Access-token requirements on the data APIs. */
    interface Token {

        /** Claim naming the CDS grant the token belongs to (auth-service's Keycloak mapper writes it). */
        @WithDefault("cds_grant_id")
        String grantClaim();

        /** Claims naming the CDS client, first present wins (Keycloak: {@code azp}; RFC 9068: {@code client_id}). */
        @WithDefault("azp,client_id")
        List<String> clientClaims();

        /** Audience the token must list in {@code aud}; unset = not checked. */
        Optional<String> audience();

        /** Value the {@code typ} claim must have (Keycloak access tokens: {@code Bearer}); unset = not checked. */
        Optional<String> type();

        /**
         * Whether the token's {@code scope} claim limits which of the grant's scopes this request may use (a client
         * may ask for a narrower token than its grant). Off only for token issuers that put no CDS scopes in it.
         */
        @WithDefault("true")
        boolean requireScopeClaim();

        /**
         * Most verified tokens whose claims are kept until their {@code exp}, so a token sent again is not verified
         * again (keyed by the whole token string; 0 = verify every request).
         */
        @WithDefault("10000")
        int verifiedCacheSize();
    }

    /** Token buckets, one per CDS client. */
    interface RateLimit {

        /** Off = no limit. */
        @WithDefault("true")
        boolean enabled();

        /** Default bucket for every client. */
        Bucket defaults();

        /** Buckets for named clients (key = client id), replacing the default. */
        Map<String, Bucket> clients();
    }

    /** One token bucket. */
    interface Bucket {

        /** Burst size: requests a client may make at once. */
        @WithDefault("100")
        int capacity();

        /** Sustained requests per second. */
        @WithDefault("50")
        double refillPerSecond();
    }

    /** Grant cache consumer. */
    interface Grants {

        /** Topic name (the contracts' catalogue name; only tests change it). */
        @WithDefault("cds.grants.v1")
        String topic();

        /** How often the consumer looks for the topic or new partitions. */
        @WithDefault("5S")
        Duration topicCheckInterval();

        /** Poll timeout; events are applied as soon as a poll returns them. */
        @WithDefault("200MS")
        Duration pollTimeout();

        /** Wait after a consumer error before trying again. */
        @WithDefault("2S")
        Duration retryBackoff();
    }
}
