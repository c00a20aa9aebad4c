package org.lfenergy.cds.contracts.grant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.Samples;

class GrantEventTest {

    private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

    private static GrantEvent with(GrantStatus status, OffsetDateTime notBefore, OffsetDateTime notAfter,
                                   OffsetDateTime expires) {
        GrantEvent g = Samples.grant();
        return new GrantEvent(g.grantId(), g.clientId(), status, g.scopes(), g.created(), g.modified(), notBefore,
                notAfter, expires);
    }

    @Test
    void activeGrantExposesItsEnabledScope() {
        assertThat(Samples.grant().usableScope("cds_usage_1", NOW)).isPresent();
        assertThat(Samples.grant().usableScope("cds_bill_statements_1", NOW)).isEmpty();
    }

    @Test
    void revokedClosedExpiredSuspendedAndFutureGrantsGiveNoAccess() {
        for (GrantStatus s : List.of(GrantStatus.REVOKED, GrantStatus.CLOSED, GrantStatus.EXPIRED,
                GrantStatus.SUSPENDED, GrantStatus.DISABLED, GrantStatus.FUTURE, GrantStatus.UNKNOWN)) {
            assertThat(with(s, null, null, null).usableScope("cds_usage_1", NOW)).as(s.name()).isEmpty();
        }
    }

    @Test
    void partialGrantExposesOnlyEnabledScopes() {
        GrantEvent g = Samples.grant();
        ScopeGrant disabled = new ScopeGrant("cds_usage_1", "cds_usage", false, null, null, null, null);
        GrantEvent partial = new GrantEvent(g.grantId(), g.clientId(), GrantStatus.PARTIAL, List.of(disabled),
                g.created(), g.modified(), null, null, null);
        assertThat(partial.usableScope("cds_usage_1", NOW)).isEmpty();
    }

    @Test
    void grantStopsWorkingAtExpiresAndNotAfterAndStartsAtNotBefore() {
        OffsetDateTime now = OffsetDateTime.parse("2024-06-01T12:00:00Z");
        assertThat(with(GrantStatus.ACTIVE, null, null, now).isUsableAt(NOW)).isFalse();
        assertThat(with(GrantStatus.ACTIVE, null, now, null).isUsableAt(NOW)).isFalse();
        assertThat(with(GrantStatus.ACTIVE, now.plusSeconds(1), null, null).isUsableAt(NOW)).isFalse();
        assertThat(with(GrantStatus.ACTIVE, now, now.plusSeconds(1), now.plusSeconds(1)).isUsableAt(NOW)).isTrue();
    }

    @Test
    void missingSelectionsMeanNothingIsSelected() {
        ScopeGrant bare = new ScopeGrant("cds_query_accounts_1", null, true, null, null, null, null);
        assertThat(bare.coverage().accounts().isEmpty()).isTrue();
        assertThat(bare.coverage().meterDevices()).isEqualTo(IdSelection.NONE);
        assertThat(bare.include()).isEmpty();
        assertThat(bare.windows()).isEqualTo(DateWindows.UNBOUNDED);
    }

    @Test
    void tokensIssuedBeforeTokensNotBeforeAreRefusedAndTokensWithoutIatToo() {
        GrantEvent g = Samples.grant();
        OffsetDateTime cut = OffsetDateTime.parse("2024-06-01T12:00:00Z");
        GrantEvent voided = new GrantEvent(g.grantId(), g.clientId(), g.status(), g.scopes(), g.created(), g.modified(),
                null, null, null, cut);

        assertThat(voided.acceptsTokenIssuedAt(NOW.minusSeconds(1))).isFalse();
        assertThat(voided.acceptsTokenIssuedAt(null)).isFalse();
        assertThat(voided.acceptsTokenIssuedAt(NOW)).isTrue();
        assertThat(g.acceptsTokenIssuedAt(null)).isTrue();
        assertThat(g.acceptsTokenIssuedAt(NOW.minusSeconds(86_400))).isTrue();
    }
}
