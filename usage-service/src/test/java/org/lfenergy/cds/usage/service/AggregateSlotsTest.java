package org.lfenergy.cds.usage.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lfenergy.cds.usage.mapping.TestConfigs;
import org.lfenergy.cds.usage.repository.AggregationQueries;

class AggregateSlotsTest {

    private final AggregateSlots slots = new AggregateSlots(3, new BigDecimal("0.5"), TestConfigs.quality());

    @ParameterizedTest(name = "total {0}, {1} customers, largest {2} of {3} → {4}")
    @CsvSource(nullValues = "null", value = {
            "3.000, 3, 1.000, 3.000, 3.000",      // three equal customers: served
            "3.000, 2, 1.500, 3.000, null",       // fewer customers than the minimum
            "10.000, 5, 5.001, 10.000, null",     // one customer above half of the magnitude
            "10.000, 5, 5.000, 10.000, 10.000",   // exactly half is allowed
            "0.000, 4, 0.000, 0.000, 0.000",      // all zero: nothing to dominate
            "-1.000, 3, 2.000, 5.000, -1.000",    // exports (negative) count by magnitude
            "-1.000, 3, 3.000, 5.000, null",
            "null, 5, 0, 0, null"})
    void servesASlotOnlyUnderTheAnonymityRules(String total, int customers, String largest, String magnitude,
                                               String expected) {
        BigDecimal v = slots.served(total == null ? null : new BigDecimal(total), customers, new BigDecimal(largest),
                new BigDecimal(magnitude));
        if (expected == null) {
            assertThat(v).isNull();
        } else {
            assertThat(v).isEqualByComparingTo(expected);
        }
    }

    @ParameterizedTest(name = "versions {0} → {1}")
    @CsvSource(nullValues = "null", value = {"A, calculated", "'A,E', estimated", "'E', estimated", "'', calculated",
            "null, calculated", "'A,,X', calculated"})
    void aSumIsEstimatedWhenAnEstimateContributedElseCalculated(String versions, String expected) {
        assertThat(slots.quality(versions)).isEqualTo(expected);
    }

    @Test
    void aggregationTypesFilterMapsToKindsAndProgramLevels() {
        AggregationQueries.Filters none = AggregationQueries.typeFilter(List.of(), List.of(), List.of(), null);
        assertThat(none.kinds()).isNull();
        AggregationQueries.Filters listed = AggregationQueries.typeFilter(List.of(), List.of(), List.of("listed"), null);
        assertThat(listed.kinds()).containsExactlyInAnyOrder("building", "zip", "rate", "network");
        assertThat(listed.levels()).containsExactlyInAnyOrder("account", "service");
        AggregationQueries.Filters programs = AggregationQueries.typeFilter(List.of(), List.of(),
                List.of("account_program_number"), null);
        assertThat(programs.kinds()).isEmpty();
        assertThat(programs.levels()).containsExactly("account");
        AggregationQueries.Filters unknown = AggregationQueries.typeFilter(List.of(), List.of(), List.of("public"), null);
        assertThat(unknown.kinds()).isEmpty();
        assertThat(unknown.levels()).isEmpty();
        assertThat(AggregationQueries.typeFilter(List.of(), List.of(), List.of("premise_number", "region"), null).kinds())
                .containsExactlyInAnyOrder("building", "zip");
    }
}
