package org.lfenergy.cds.gateway.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The claims of access tokens that quarkus-oidc has already verified (signature, issuer, {@code exp}/{@code nbf}),
 * so a client that sends the same token again is not verified again until the token expires. Keyed by the complete
 * token string: only the very same bytes find an entry, so a token differing in any character (tampered header,
 * payload or signature) is a miss and goes through full verification. An entry is used only while now is before the
 * token's {@code exp}; a token without {@code exp} is never stored. Only successful verifications are stored.
 *
 * <p>The grant behind the token is NOT part of what is cached: the grant checks run on every request, so a revoked,
 * closed or deleted grant refuses the very next request. At most {@code capacity} tokens are held; when full, expired
 * entries are dropped, and if none is expired the new token is simply not cached (verified on every request).
 */
public final class VerifiedTokens {

    /** One verified token: its claims and the instant it stops being valid. */
    record Entry(TokenClaims claims, Instant expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int capacity;
    private final Clock clock;

    /**
     * @param capacity most tokens held (0 = no caching)
     * @param clock    time source for expiry
     */
    public VerifiedTokens(int capacity, Clock clock) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        this.capacity = capacity;
        this.clock = clock;
    }

    /** The claims of {@code token} if it was verified before and has not expired yet. */
    public Optional<TokenClaims> find(String token) {
        if (capacity == 0 || token == null) {
            return Optional.empty();
        }
        Entry e = entries.get(token);
        if (e == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(e.expiresAt())) {
            entries.remove(token, e);
            return Optional.empty();
        }
        return Optional.of(e.claims());
    }

    /**
     * Remembers a token that has just been verified.
     *
     * @param expiresAt the token's {@code exp}; null = not cached
     */
    public void put(String token, TokenClaims claims, Instant expiresAt) {
        if (capacity == 0 || token == null || claims == null || expiresAt == null) {
            return;
        }
        Instant now = clock.instant();
        if (!now.isBefore(expiresAt)) {
            return;
        }
        if (entries.size() >= capacity) {
            entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
            if (entries.size() >= capacity) {
                return;
            }
        }
        entries.put(token, new Entry(claims, expiresAt));
    }

    /** Number of tokens held. */
    public int size() {
        return entries.size();
    }
}
