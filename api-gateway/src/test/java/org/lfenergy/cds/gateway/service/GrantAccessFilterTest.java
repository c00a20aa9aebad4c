package org.lfenergy.cds.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.DateWindows;
import org.lfenergy.cds.contracts.grant.GrantEvent;
import org.lfenergy.cds.contracts.grant.GrantStatus;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.contracts.grant.ScopeGrant;

class GrantAccessFilterTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(30);

    private static GrantEvent grant(ScopeGrant... scopes) {
        return new GrantEvent("g1", "c1", GrantStatus.ACTIVE, List.of(scopes), null, null, null, null, null);
    }

    private static ScopeGrant scope(String id, Coverage coverage, Set<IncludeField> include, List<String> formats,
            DateWindows windows) {
        return new ScopeGrant(id, id, true, coverage, include, formats, windows);
    }

    private static Coverage customer(String customer, IdSelection accounts, IdSelection contracts) {
        return new Coverage(customer, accounts, contracts, null, null, null);
    }

    @Test
    void oneScopeGivesExactlyThatScopesFilter() {
        ScopeGrant s = scope("cds_usage", customer("cu_1", IdSelection.ofIds(List.of("a1")), IdSelection.NONE),
                EnumSet.of(IncludeField.USAGE_SEGMENTS), null,
                new DateWindows(null, null, null, null, null, OffsetDateTime.parse("2024-01-01T00:00:00Z"), null));

        AccessFilter f = GrantAccessFilter.build(grant(s), List.of(s), "DEMO", NOW, TTL);

        assertThat(f).isEqualTo(AccessFilter.forScope(grant(s), s, "DEMO", NOW, TTL));
        assertThat(f.expiresAt()).isEqualTo(NOW.plus(TTL));
    }

    @Test
    void usableScopesAreTheEnabledOnesNamedInTheToken() {
        ScopeGrant a = scope("a", Coverage.NONE, Set.of(), null, null);
        ScopeGrant b = scope("b", Coverage.NONE, Set.of(), null, null);
        ScopeGrant off = new ScopeGrant("c", "c", false, Coverage.NONE, Set.of(), null, null);
        GrantEvent g = grant(a, b, off);

        assertThat(GrantAccessFilter.usableScopes(g, Set.of("a", "c", "x"))).containsExactly(a);
        assertThat(GrantAccessFilter.usableScopes(g, null)).containsExactly(a, b);
        assertThat(GrantAccessFilter.usableScopes(g, Set.of())).isEmpty();
    }

    @Test
    void severalScopesUniteCoverageAndIncludeFields() {
        ScopeGrant accounts = scope("cds_accounts", customer("cu_1", IdSelection.ofIds(List.of("a1", "a2")), null),
                EnumSet.of(IncludeField.ACCOUNTS), null, null);
        ScopeGrant contracts = scope("cds_service_contracts",
                customer("cu_1", new IdSelection(false, true, List.of("a2", "a3"), List.of("N-1")), IdSelection.ALL),
                EnumSet.of(IncludeField.ACCOUNTS, IncludeField.SERVICE_CONTRACTS, IncludeField.CONTRACT_NUMBERS), null,
                null);

        AccessFilter f = GrantAccessFilter.build(grant(accounts, contracts), List.of(accounts, contracts), "DEMO",
                NOW, TTL);

        assertThat(f.scopes()).containsExactly("cds_accounts", "cds_service_contracts");
        assertThat(f.coverage().customerId()).isEqualTo("cu_1");
        assertThat(f.coverage().accounts()).isEqualTo(new IdSelection(false, true, List.of("a1", "a2", "a3"),
                List.of("N-1")));
        assertThat(f.coverage().serviceContracts()).isEqualTo(IdSelection.ALL);
        assertThat(f.coverage().meterDevices()).isEqualTo(IdSelection.NONE);
        assertThat(f.include()).containsExactlyInAnyOrder(IncludeField.ACCOUNTS, IncludeField.SERVICE_CONTRACTS,
                IncludeField.CONTRACT_NUMBERS);
    }

    @Test
    void everyFilterCarriesTheGridxClientAndTheGrantCreationTime() {
        OffsetDateTime created = OffsetDateTime.parse("2024-06-01T08:30:00-07:00");
        ScopeGrant a = scope("cds_accounts", customer("cu_1", new IdSelection(false, true, List.of("a1"), List.of()),
                null), EnumSet.of(IncludeField.ACCOUNTS), null, null);
        ScopeGrant b = scope("cds_usage", customer("cu_1", null, null), EnumSet.of(IncludeField.USAGE_SEGMENTS), null,
                null);
        GrantEvent g = new GrantEvent("g1", "c1", GrantStatus.ACTIVE, List.of(a, b), created, created, null, null,
                null);
        for (List<ScopeGrant> scopes : List.of(List.of(a), List.of(a, b))) {
            AccessFilter f = GrantAccessFilter.build(g, scopes, "UTIL_7", NOW, TTL);
            assertThat(f.gridxClient()).isEqualTo("UTIL_7");
            assertThat(f.grantCreated()).isEqualTo(Instant.parse("2024-06-01T15:30:00Z"));
        }
        assertThat(GrantAccessFilter.build(grant(a, b), List.of(a, b), "UTIL_7", NOW, TTL).grantCreated()).isNull();
    }

    @Test
    void leavesOutScopesOfAnotherCustomer() {
        ScopeGrant mine = scope("cds_accounts", customer("cu_1", IdSelection.ofIds(List.of("a1")), null),
                EnumSet.of(IncludeField.ACCOUNTS), null, null);
        ScopeGrant theirs = scope("cds_meters", customer("cu_2", IdSelection.ofIds(List.of("b1")), null),
                EnumSet.of(IncludeField.METER_DEVICES), null, null);

        AccessFilter f = GrantAccessFilter.build(grant(mine, theirs), List.of(mine, theirs), "DEMO", NOW, TTL);

        assertThat(f.scopes()).containsExactly("cds_accounts");
        assertThat(f.coverage().accounts().ids()).containsExactly("a1");
        assertThat(f.include()).containsExactly(IncludeField.ACCOUNTS);
    }

    @Test
    void takesEachWindowOnlyFromTheScopesExposingItsObjects() {
        DateWindows usageWindow = new DateWindows(OffsetDateTime.parse("2025-01-01T00:00:00Z"), null, null, null, null,
                OffsetDateTime.parse("2024-06-01T00:00:00Z"), OffsetDateTime.parse("2025-01-01T00:00:00Z"));
        // an accounts scope says nothing about usage segments: its null segment window must not widen usage
        DateWindows accountsWindow = new DateWindows(OffsetDateTime.parse("2025-02-01T00:00:00Z"), null, null, null,
                null, null, null);
        ScopeGrant usage = scope("cds_usage", customer("cu", IdSelection.ALL, null),
                EnumSet.of(IncludeField.USAGE_SEGMENTS), null, usageWindow);
        ScopeGrant accounts = scope("cds_accounts", customer("cu", IdSelection.ALL, null),
                EnumSet.of(IncludeField.ACCOUNTS), null, accountsWindow);

        DateWindows w = GrantAccessFilter.build(grant(usage, accounts), List.of(usage, accounts), "DEMO", NOW, TTL)
                .windows();

        assertThat(w.segmentStart()).isEqualTo(usageWindow.segmentStart());
        assertThat(w.segmentEnd()).isEqualTo(usageWindow.segmentEnd());
        assertThat(w.syncUntil()).isEqualTo(accountsWindow.syncUntil());
        assertThat(w.statementDateStart()).isNull();
    }

    @Test
    void widestWindowWinsAndInfiniteIsWidest() {
        ScopeGrant s1 = scope("s1", customer("cu", IdSelection.ALL, null), EnumSet.of(IncludeField.BILL_STATEMENTS,
                IncludeField.BILL_SECTIONS), null, new DateWindows(null, LocalDate.parse("2024-01-01"),
                LocalDate.parse("2024-06-30"), LocalDate.parse("2024-02-01"), LocalDate.parse("2024-05-31"), null, null));
        ScopeGrant s2 = scope("s2", customer("cu", IdSelection.ALL, null), EnumSet.of(IncludeField.BILL_STATEMENTS,
                IncludeField.BILL_SECTIONS), null, new DateWindows(OffsetDateTime.parse("2025-01-01T00:00:00Z"),
                LocalDate.parse("2023-01-01"), LocalDate.parse("2024-03-31"), null, LocalDate.parse("2024-12-31"), null,
                null));

        DateWindows w = GrantAccessFilter.build(grant(s1, s2), List.of(s1, s2), "DEMO", NOW, TTL).windows();

        assertThat(w.syncUntil()).isNull();
        assertThat(w.statementDateStart()).isEqualTo(LocalDate.parse("2023-01-01"));
        assertThat(w.statementDateEnd()).isEqualTo(LocalDate.parse("2024-06-30"));
        assertThat(w.startDate()).isNull();
        assertThat(w.endDate()).isEqualTo(LocalDate.parse("2024-12-31"));
    }

    @Test
    void usageFormatsAreUnitedAndAnEmptyListMeansUnrestricted() {
        Set<IncludeField> values = EnumSet.of(IncludeField.USAGE_SEGMENTS, IncludeField.USAGE_SEGMENT_VALUE_TYPES);
        ScopeGrant a = scope("a", customer("cu", IdSelection.ALL, null), values, List.of("f1", "f2"), null);
        ScopeGrant b = scope("b", customer("cu", IdSelection.ALL, null), values, List.of("f2", "f3"), null);
        ScopeGrant none = scope("c", customer("cu", IdSelection.ALL, null), EnumSet.of(IncludeField.USAGE_SEGMENTS),
                null, null);
        ScopeGrant open = scope("d", customer("cu", IdSelection.ALL, null), values, List.of(), null);

        assertThat(GrantAccessFilter.build(grant(a, b), List.of(a, b), "DEMO", NOW, TTL).usageSegmentFormats())
                .containsExactly("f1", "f2", "f3");
        assertThat(GrantAccessFilter.build(grant(a, none), List.of(a, none), "DEMO", NOW, TTL).usageSegmentFormats())
                .containsExactly("f1", "f2");
        assertThat(GrantAccessFilter.build(grant(none, none), List.of(none, none), "DEMO", NOW, TTL)
                .usageSegmentFormats())
                .isNull();
        assertThat(GrantAccessFilter.build(grant(a, open), List.of(a, open), "DEMO", NOW, TTL).usageSegmentFormats())
                .isEmpty();
    }

    @Test
    void unknownIncludeFieldsGrantNothing() {
        ScopeGrant s = scope("s", Coverage.NONE, EnumSet.of(IncludeField.UNKNOWN), null, null);
        assertThat(GrantAccessFilter.includes(List.of(s))).isEmpty();
    }
}
