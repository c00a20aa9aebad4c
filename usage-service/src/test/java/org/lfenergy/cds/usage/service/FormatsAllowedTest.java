package org.lfenergy.cds.usage.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.DateWindows;
import org.lfenergy.cds.contracts.grant.IncludeField;

/** Which value formats a grant's {@code include_usage_segment_value_types} opens, with the server's value types. */
class FormatsAllowedTest {

    /** As in application.properties: the value types auth-service advertises (scopes.json usage_value_types). */
    private static final Map<String, List<String>> VALUE_TYPES = Map.of(
            "electric_intervals_kwh", List.of("electric_usage_forward", "electric_usage_reverse",
                    "electric_usage_net_metered", "electric_usage_net"),
            "electric_monthly_kwh", List.of("electric_usage_forward.*", "electric_usage_reverse.*",
                    "electric_usage_net_metered.*", "electric_usage_net.*"),
            "gas_monthly_therm", List.of("natural_gas_usage.*"));

    private static Predicate<String> allowed(List<String> chosen) {
        Instant now = Instant.now();
        AccessFilter filter = new AccessFilter("g", "c", "DEMO", List.of("cds_usage"), Coverage.NONE,
                EnumSet.of(IncludeField.USAGE_SEGMENT_VALUE_TYPES), chosen, DateWindows.UNBOUNDED, null, now,
                now.plusSeconds(30));
        return UsageSegmentService.formatsAllowed(filter, VALUE_TYPES);
    }

    @ParameterizedTest(name = "{0} opens {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            // the scope's default choices, as a consent with default settings grants them
            "electric_intervals_kwh electric_monthly_kwh gas_monthly_therm | electric_usage_forward | true",
            "electric_intervals_kwh electric_monthly_kwh gas_monthly_therm | electric_usage_net | true",
            "electric_intervals_kwh electric_monthly_kwh gas_monthly_therm | electric_usage_forward.summer.peak | true",
            "electric_intervals_kwh electric_monthly_kwh gas_monthly_therm | natural_gas_usage.winter.none | true",
            "electric_intervals_kwh electric_monthly_kwh gas_monthly_therm | electric_demand_peak | false",
            "electric_intervals_kwh electric_monthly_kwh gas_monthly_therm | meter_readings.KWH_DEL.mtr_x | false",
            // one value type opens exactly its formats
            "electric_intervals_kwh | electric_usage_reverse | true",
            "electric_intervals_kwh | electric_usage_forward.summer.peak | false",
            "electric_monthly_kwh | electric_usage_forward | false",
            "electric_monthly_kwh | electric_usage_net.winter.off_peak | true",
            "gas_monthly_therm | natural_gas_usage | false",
            // a format id chosen directly opens that format and its billed periods, nothing with a longer name
            "electric_usage_forward | electric_usage_forward | true",
            "electric_usage_forward | electric_usage_forward.summer.peak | true",
            "electric_usage_forward | electric_usage_forward_extra | false",
            "meter_readings | meter_readings.KWH_DEL.mtr_x | true",
            "water_usage | natural_gas_usage | false"})
    void aChoiceOpensExactlyItsFormats(String chosen, String formatId, boolean expected) {
        assertThat(allowed(List.of(chosen.split(" "))).test(formatId)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"electric_usage_forward", "natural_gas_usage.winter.none", "meter_readings.KWH_DEL.m"})
    void anEmptyChoiceListOpensEveryFormatAndNullNone(String formatId) {
        assertThat(allowed(List.of()).test(formatId)).isTrue();
        assertThat(allowed(null).test(formatId)).isFalse();
    }
}
