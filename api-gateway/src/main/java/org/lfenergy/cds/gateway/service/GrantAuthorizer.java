package org.lfenergy.cds.gateway.service;

import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.grant.GrantEvent;
import org.lfenergy.cds.contracts.grant.ScopeGrant;
import org.lfenergy.cds.gateway.config.AccessFilterConfig;
import org.lfenergy.cds.gateway.config.GatewayConfig;
import org.lfenergy.cds.gateway.config.GridxConfig;
import org.lfenergy.cds.gateway.messaging.GrantCache;

/**
 * Decides one data request from its validated token: the token must be an access token for the CDS APIs, name a
 * grant that exists, belongs to the token's client and is usable now, and that grant's scopes (limited to the
 * token's) must expose the requested API. The answer is the access filter to forward (about the deployment's GridX
 * client, {@code cds.gridx.client}), or a {@link GatewayException}.
 */
@Singleton // no client proxy on the per-request path
@Startup // checks cds.gridx.client when the gateway starts, not on the first data request
public class GrantAuthorizer {

    private final GrantLookup grants;
    private final GatewayConfig.Token token;
    private final Duration filterTtl;
    private final String gridxClient;
    private final Clock clock;

    /** Where grants come from (the cache in the application, a map in unit tests). */
    public interface GrantLookup {
        /** Whether the source is complete enough to decide (the cache has caught up). */
        boolean ready();

        /** The grant's current state. */
        Optional<GrantEvent> find(String grantId);
    }

    @jakarta.inject.Inject
    public GrantAuthorizer(GrantCache cache, GatewayConfig config, AccessFilterConfig filterConfig, GridxConfig gridx,
                           Clock clock) {
        this(new GrantLookup() {
            @Override
            public boolean ready() {
                return cache.isCaughtUp();
            }

            @Override
            public Optional<GrantEvent> find(String grantId) {
                return cache.get(grantId);
            }
        }, config.token(), filterConfig.ttl(), gridx.client(), clock);
    }

    GrantAuthorizer(GrantLookup grants, GatewayConfig.Token token, Duration filterTtl, String gridxClient,
                    Clock clock) {
        if (gridxClient == null || !gridxClient.matches("[A-Za-z0-9_-]+")) {
            // fail at start-up: without it no filter could be built (and a wrong one would serve nothing)
            throw new IllegalStateException("cds.gridx.client (CDS_GRIDX_CLIENT) must be a GridX client code"
                    + " (letters, digits, '-', '_'), got '" + gridxClient + "'");
        }
        this.grants = grants;
        this.token = token;
        this.filterTtl = filterTtl;
        this.gridxClient = gridxClient;
        this.clock = clock;
    }

    /** Checks that need no grant: is this an access token for these APIs, with a client. */
    public void checkToken(TokenClaims claims) {
        if (token.type().isPresent() && !token.type().get().equalsIgnoreCase(String.valueOf(claims.type()))) {
            throw GatewayError.invalidToken("Not an access token").exception();
        }
        if (token.audience().isPresent() && !claims.audiences().contains(token.audience().get())) {
            throw GatewayError.invalidToken("The token is not issued for the CDS data APIs (audience)").exception();
        }
        if (claims.clientId() == null) {
            throw GatewayError.invalidToken("The token names no client").exception();
        }
    }

    /** The access filter for {@code api}, or a {@link GatewayException} with the refusal. */
    public AccessFilter authorize(TokenClaims claims, DataApi api) {
        return filter(decide(claims, api));
    }

    /**
     * A request that may pass: the grant as it is now in the cache, the usable scopes (elements of that grant's scope
     * list) and the instant of the decision.
     */
    public record Decision(GrantEvent grant, List<ScopeGrant> scopes, Instant now) {
    }

    /** The access filter of a decision, issued at its instant. */
    public AccessFilter filter(Decision decision) {
        return GrantAccessFilter.build(decision.grant(), decision.scopes(), gridxClient, decision.now(), filterTtl);
    }

    /** Checks token and grant for {@code api}: the decision, or a {@link GatewayException} with the refusal. */
    public Decision decide(TokenClaims claims, DataApi api) {
        checkToken(claims);
        if (claims.grantId() == null) {
            throw GatewayError.insufficientScope("The token is not bound to a CDS grant", api.scopeHint()).exception();
        }
        if (!grants.ready()) {
            throw GatewayError.unavailable("Grants are still loading", 1).exception();
        }
        GrantEvent grant = grants.find(claims.grantId()).orElseThrow(
                () -> GatewayError.invalidToken("The token's grant does not exist").exception());
        if (!grant.clientId().equals(claims.clientId())) {
            throw GatewayError.insufficientScope("The token's grant belongs to another client", null).exception();
        }
        Instant now = clock.instant();
        if (!grant.isUsableAt(now)) {
            throw GatewayError.invalidToken("The token's grant is not active (" + reason(grant, now) + ")").exception();
        }
        if (!grant.acceptsTokenIssuedAt(claims.issuedAt())) {
            throw GatewayError.invalidToken("The token was revoked (the client credential that obtained it expired)")
                    .exception();
        }
        List<ScopeGrant> usable = GrantAccessFilter.usableScopes(grant, token.requireScopeClaim() ? claims.scopes() : null);
        if (usable.isEmpty()) {
            throw GatewayError.insufficientScope("None of the token's scopes is enabled in its grant", api.scopeHint())
                    .exception();
        }
        if (!api.exposedBy(GrantAccessFilter.includes(usable))) {
            throw GatewayError.insufficientScope("The grant does not cover " + api.path(), api.scopeHint()).exception();
        }
        return new Decision(grant, usable, now);
    }

    private static String reason(GrantEvent grant, Instant now) {
        if (!grant.status().allowsAccess()) {
            return "status " + grant.status().name().toLowerCase(java.util.Locale.ROOT);
        }
        if (grant.notBefore() != null && now.isBefore(grant.notBefore().toInstant())) {
            return "not before " + grant.notBefore();
        }
        return "ended";
    }
}
