package org.lfenergy.cds.gateway.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.access.AccessFilterCodec;
import org.lfenergy.cds.contracts.grant.GrantEvent;
import org.lfenergy.cds.contracts.grant.ScopeGrant;

/**
 * Signed {@code X-CDS-Access-Filter} values, reused for a short while ({@code cds.access-filter.reuse}) by the
 * requests of the same grant state and scopes, so the JSON encoding and HMAC are not redone for every request.
 *
 * <p>A value is reused only for a decision on the very same grant state (the {@link GrantEvent} instance the grant
 * cache holds: every event on {@code cds.grants.v1} replaces it, so any change of the grant builds a new filter) and
 * the very same usable scopes (the same elements of that grant's scope list), and only while it is younger than the
 * reuse period. Authorization itself (token, grant status, client, scopes, API) is decided before, on every request;
 * this only saves re-signing an identical answer. A reused filter has at least {@code ttl - reuse} left.
 */
public final class SignedFilters {

    record Entry(GrantEvent grant, List<ScopeGrant> scopes, Instant issuedAt, String header) {
    }

    /** Past this many entries, stale ones are dropped. */
    private static final int SWEEP_ABOVE = 10_000;

    private final Map<String, Entry> byGrant = new ConcurrentHashMap<>();
    private final AccessFilterCodec codec;
    private final Duration reuse;

    /**
     * @param reuse how long one signed value serves the requests of the same grant state and scopes; zero = sign
     *              every request
     */
    public SignedFilters(AccessFilterCodec codec, Duration reuse) {
        if (reuse.isNegative()) {
            throw new IllegalArgumentException("cds.access-filter.reuse must not be negative");
        }
        this.codec = codec;
        this.reuse = reuse;
    }

    /** The header value for a decision: reused when still fresh, else built by {@code build} and signed. */
    public String header(GrantAuthorizer.Decision decision, Function<GrantAuthorizer.Decision, AccessFilter> build) {
        if (reuse.isZero()) {
            return codec.encode(build.apply(decision));
        }
        Instant now = decision.now();
        Entry e = byGrant.get(decision.grant().grantId());
        if (e != null && e.grant() == decision.grant() && sameElements(e.scopes(), decision.scopes())
                && !now.isBefore(e.issuedAt()) && now.isBefore(e.issuedAt().plus(reuse))) {
            return e.header();
        }
        String header = codec.encode(build.apply(decision));
        if (byGrant.size() > SWEEP_ABOVE) {
            byGrant.values().removeIf(x -> !now.isBefore(x.issuedAt().plus(reuse)));
        }
        byGrant.put(decision.grant().grantId(), new Entry(decision.grant(), List.copyOf(decision.scopes()), now, header));
        return header;
    }

    private static boolean sameElements(List<ScopeGrant> a, List<ScopeGrant> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }
}
