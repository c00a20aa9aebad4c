package org.lfenergy.cds.usage.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The day bounds the content lookups restate from a page's keys (UsageSegmentQueries.span): the first and last day
 * whatever the keys' order, so that no key's day falls outside the BETWEEN the query adds.
 */
class ContentKeySpanTest {

    @ParameterizedTest(name = "{0} -> {1} .. {2}")
    @CsvSource(delimiter = '|', value = {
            "2024-03-10|2024-03-10|2024-03-10",
            "2024-01-01;2024-12-30|2024-01-01|2024-12-30",
            "2024-12-30;2024-01-01|2024-01-01|2024-12-30",
            "2024-11-03;2023-12-31;2024-03-10;2024-02-29|2023-12-31|2024-11-03",
            "2024-03-10;2024-03-10;2024-03-10|2024-03-10|2024-03-10",
            "2025-01-01;2024-12-31|2024-12-31|2025-01-01"})
    void spansFromTheEarliestToTheLatestKeyDayInAnyOrder(String days, String first, String last) {
        LocalDate[] span = UsageSegmentQueries.span(days.split(";"));
        assertThat(span).containsExactly(LocalDate.parse(first), LocalDate.parse(last));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "2024-13-01", "2024-02-30", "24-01-01", "2024/01/01", "2024-01-01T00:00:00Z"})
    void refusesAKeyDayThatIsNotAnIsoDate(String day) {
        assertThatThrownBy(() -> UsageSegmentQueries.span(new String[] {"2024-01-01", day}))
                .isInstanceOf(DateTimeParseException.class);
    }
}
