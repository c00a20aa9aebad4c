package org.lfenergy.cds.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.grant.IncludeField;

class DataApiTest {

    @ParameterizedTest
    @CsvSource({
            "/cds/v1/accounts, ACCOUNTS_API",
            "/cds/v1/accounts/x/y, ACCOUNTS_API",
            "/cds/v1/service-contracts, SERVICE_CONTRACTS_API",
            "/cds/v1/bill-statements, BILL_STATEMENTS_API",
            "/cds/v1/bill-sections, BILL_SECTIONS_API",
            "/cds/v1/service-points, SERVICE_POINTS_API",
            "/cds/v1/meter-devices, METER_DEVICES_API",
            "/cds/v1/usage-segments, USAGE_SEGMENTS_API",
            "/cds/v1/aggregations, AGGREGATIONS_API",
            "/cds/v1/eacs, EACS_API"})
    void findsTheApiOfAPath(String path, DataApi api) {
        assertThat(DataApi.forPath(path)).contains(api);
    }

    @ParameterizedTest
    @CsvSource({"/cds/v1/accountsx", "/cds/v1/", "/cds/v1", "/cds/v2/accounts", "/accounts", "/cds/v1/customers"})
    void findsNoApiForOtherPaths(String path) {
        assertThat(DataApi.forPath(path)).isEqualTo(Optional.empty());
    }

    @Test
    void servesTheBillingApisFromBillingAndTheRestFromUsage() {
        assertThat(EnumSet.allOf(DataApi.class)).filteredOn(a -> a.upstream() == UpstreamService.BILLING)
                .containsExactlyInAnyOrder(DataApi.ACCOUNTS_API, DataApi.SERVICE_CONTRACTS_API,
                        DataApi.BILL_STATEMENTS_API, DataApi.BILL_SECTIONS_API);
        assertThat(EnumSet.allOf(DataApi.class)).filteredOn(a -> a.upstream() == UpstreamService.USAGE).hasSize(5);
    }

    @ParameterizedTest
    @EnumSource(DataApi.class)
    void isExposedByItsIncludeFieldOnly(DataApi api) {
        assertThat(api.exposedBy(Set.of(api.objects()))).isTrue();
        Set<IncludeField> others = EnumSet.allOf(IncludeField.class);
        others.remove(api.objects());
        others.removeAll(EnumSet.of(IncludeField.SERVICE_CONTRACTS, IncludeField.METER_DEVICES));
        assertThat(api.exposedBy(others)).isFalse();
        assertThat(api.exposedBy(Set.of())).isFalse();
    }

    @Test
    void servicePointsComeWithContractsAndMetersTogether() {
        assertThat(DataApi.SERVICE_POINTS_API.exposedBy(Set.of(IncludeField.SERVICE_CONTRACTS, IncludeField.METER_DEVICES)))
                .isTrue();
        assertThat(DataApi.SERVICE_POINTS_API.exposedBy(Set.of(IncludeField.SERVICE_CONTRACTS))).isFalse();
        assertThat(DataApi.SERVICE_POINTS_API.exposedBy(Set.of(IncludeField.METER_DEVICES))).isFalse();
    }
}
