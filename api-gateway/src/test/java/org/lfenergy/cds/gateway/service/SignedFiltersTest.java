package org.lfenergy.cds.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.access.AccessFilterCodec;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.GrantEvent;
import org.lfenergy.cds.contracts.grant.GrantStatus;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.contracts.grant.ScopeGrant;

class SignedFiltersTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final OffsetDateTime T = NOW.atOffset(ZoneOffset.UTC);
    private static final AccessFilterCodec CODEC = new AccessFilterCodec(
            "signed-filters-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC),
            Duration.ofSeconds(30));

    private static ScopeGrant scope(String id, List<String> accountIds) {
        return new ScopeGrant(id, id, true, new Coverage(null, IdSelection.ofIds(accountIds), null, null, null, null),
                EnumSet.of(IncludeField.ACCOUNTS), null, null);
    }

    private static GrantEvent grant(String id, ScopeGrant... scopes) {
        return new GrantEvent(id, "client-a", GrantStatus.ACTIVE, List.of(scopes), T, T, null, null, null);
    }

    /** Builds like the gateway, counting how often it has to. */
    private static final class Builder implements Function<GrantAuthorizer.Decision, AccessFilter> {
        final AtomicInteger built = new AtomicInteger();

        @Override
        public AccessFilter apply(GrantAuthorizer.Decision d) {
            built.incrementAndGet();
            return GrantAccessFilter.build(d.grant(), d.scopes(), "UTIL_A", d.now(), Duration.ofSeconds(30));
        }
    }

    @Test
    void theSameGrantStateAndScopesReuseTheSignedValueWithinTheReusePeriod() {
        SignedFilters filters = new SignedFilters(CODEC, Duration.ofSeconds(1));
        Builder b = new Builder();
        GrantEvent g = grant("g1", scope("cds_query_accounts", List.of("acc-1")));

        String first = filters.header(new GrantAuthorizer.Decision(g, g.scopes(), NOW), b);
        String again = filters.header(new GrantAuthorizer.Decision(g, List.copyOf(g.scopes()), NOW.plusMillis(999)), b);

        assertThat(again).isEqualTo(first);
        assertThat(b.built).hasValue(1);
        AccessFilter f = CODEC.verify(again);
        assertThat(f.grantId()).isEqualTo("g1");
        assertThat(f.coverage().accounts().ids()).containsExactly("acc-1");
    }

    @Test
    void aNewEventOfTheGrantBuildsANewFilterOnTheVeryNextRequest() {
        SignedFilters filters = new SignedFilters(CODEC, Duration.ofSeconds(1));
        Builder b = new Builder();
        GrantEvent before = grant("g1", scope("cds_query_accounts", List.of("acc-1")));
        GrantEvent after = grant("g1", scope("cds_query_accounts", List.of("acc-2")));
        GrantEvent sameContent = grant("g1", scope("cds_query_accounts", List.of("acc-2")));

        filters.header(new GrantAuthorizer.Decision(before, before.scopes(), NOW), b);
        String changed = filters.header(new GrantAuthorizer.Decision(after, after.scopes(), NOW.plusMillis(1)), b);
        filters.header(new GrantAuthorizer.Decision(sameContent, sameContent.scopes(), NOW.plusMillis(2)), b);

        assertThat(CODEC.verify(changed).coverage().accounts().ids()).containsExactly("acc-2");
        assertThat(b.built).as("every grant state instance is signed afresh").hasValue(3);
    }

    @Test
    void otherScopesOfTheSameGrantGetTheirOwnFilter() {
        SignedFilters filters = new SignedFilters(CODEC, Duration.ofSeconds(1));
        Builder b = new Builder();
        ScopeGrant accounts = scope("cds_query_accounts", List.of("acc-1"));
        ScopeGrant other = scope("cds_accounts", List.of("acc-9"));
        GrantEvent g = grant("g1", accounts, other);

        String one = filters.header(new GrantAuthorizer.Decision(g, List.of(accounts), NOW), b);
        String two = filters.header(new GrantAuthorizer.Decision(g, List.of(other), NOW), b);
        String both = filters.header(new GrantAuthorizer.Decision(g, List.of(accounts, other), NOW), b);

        assertThat(CODEC.verify(one).scopes()).containsExactly("cds_query_accounts");
        assertThat(CODEC.verify(two).scopes()).containsExactly("cds_accounts");
        assertThat(CODEC.verify(both).scopes()).containsExactly("cds_query_accounts", "cds_accounts");
        assertThat(b.built).hasValue(3);
    }

    @Test
    void aValueOlderThanTheReusePeriodIsSignedAgainWithTheNewIssueTime() {
        SignedFilters filters = new SignedFilters(CODEC, Duration.ofSeconds(1));
        Builder b = new Builder();
        GrantEvent g = grant("g1", scope("cds_query_accounts", List.of("acc-1")));

        filters.header(new GrantAuthorizer.Decision(g, g.scopes(), NOW), b);
        String later = filters.header(new GrantAuthorizer.Decision(g, g.scopes(), NOW.plusSeconds(1)), b);
        String earlier = filters.header(new GrantAuthorizer.Decision(g, g.scopes(), NOW.minusSeconds(1)), b);

        assertThat(CODEC.verify(later).issuedAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(CODEC.verify(earlier).issuedAt()).as("a clock that went back is not served a future filter")
                .isEqualTo(NOW.minusSeconds(1));
        assertThat(b.built).hasValue(3);
    }

    @Test
    void reuseZeroSignsEveryRequest() {
        SignedFilters filters = new SignedFilters(CODEC, Duration.ZERO);
        Builder b = new Builder();
        GrantEvent g = grant("g1", scope("cds_query_accounts", List.of("acc-1")));

        filters.header(new GrantAuthorizer.Decision(g, g.scopes(), NOW), b);
        filters.header(new GrantAuthorizer.Decision(g, g.scopes(), NOW), b);

        assertThat(b.built).hasValue(2);
    }
}
