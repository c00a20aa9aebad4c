package org.lfenergy.cds.billing.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ListRequestTest {

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of(Listing.ACCOUNTS, Map.of("account_number", List.of("1")), "account_number"),
                Arguments.of(Listing.ACCOUNTS, Map.of("before", List.of("2024-01-01")), "before"),
                Arguments.of(Listing.ACCOUNTS, Map.of("q", List.of(" ")), "q"),
                Arguments.of(Listing.ACCOUNTS, Map.of("q", List.of("a", "b")), "q"),
                Arguments.of(Listing.ACCOUNTS, Map.of("q", List.of("x".repeat(257))), "q"),
                Arguments.of(Listing.ACCOUNTS, Map.of("account_statuses", List.of("active open")), "account_statuses"),
                Arguments.of(Listing.ACCOUNTS, Map.of("limit", List.of("0")), "limit"),
                Arguments.of(Listing.ACCOUNTS, Map.of("limit", List.of("1001")), "limit"),
                Arguments.of(Listing.ACCOUNTS, Map.of("limit", List.of("ten")), "limit"),
                Arguments.of(Listing.ACCOUNTS, Map.of("cursor", List.of("bm9wZQ")), "cursor"),
                Arguments.of(Listing.ACCOUNTS, Map.of("cursor", List.of("%%%")), "cursor"),
                Arguments.of(Listing.SERVICE_CONTRACTS, Map.of("contract_statuses", List.of("open")), "contract_statuses"),
                Arguments.of(Listing.SERVICE_CONTRACTS, Map.of("contract_types", List.of("monthly")), "contract_types"),
                Arguments.of(Listing.SERVICE_CONTRACTS, Map.of("service_types", List.of("gas")), "service_types"),
                Arguments.of(Listing.BILL_STATEMENTS, Map.of("before", List.of("2024-02-30")), "before"),
                Arguments.of(Listing.BILL_STATEMENTS, Map.of("after", List.of("20240201")), "after"),
                Arguments.of(Listing.BILL_STATEMENTS, Map.of("q", List.of("x")), "q"),
                Arguments.of(Listing.BILL_SECTIONS, Map.of("contract_statuses", List.of("active")), "contract_statuses"),
                Arguments.of(Listing.BILL_SECTIONS, Map.of("after", List.of("")), "after"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void refusesBadParameterNamingIt(Listing listing, Map<String, List<String>> query, String parameter) {
        assertThatThrownBy(() -> ListRequest.parse(listing, query))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.parameter()).isEqualTo(parameter);
                });
    }

    @Test
    void splitsSpaceSeparatedListsAndDropsDuplicates() {
        ListRequest r = ListRequest.parse(Listing.ACCOUNTS, Map.of("account_numbers", List.of(" a  b\ta a ")));
        assertThat(r.lists().get("account_numbers")).containsExactly("a", "b");
    }

    @Test
    void defaultsToPagesOfOneHundredFromTheStart() {
        ListRequest r = ListRequest.parse(Listing.BILL_SECTIONS, Map.of());
        assertThat(r.limit()).isEqualTo(100);
        assertThat(r.offset()).isZero();
        assertThat(r.limitGiven()).isFalse();
    }

    @Test
    void cursorRoundTripsItsOffset() {
        ListRequest r = ListRequest.parse(Listing.ACCOUNTS, Map.of("cursor", List.of(ListRequest.cursor(300)),
                "limit", List.of("50")));
        assertThat(r.offset()).isEqualTo(300);
        assertThat(r.limit()).isEqualTo(50);
    }

    @Test
    void readsDatesAndKeepsFiltersForLinks() {
        ListRequest r = ListRequest.parse(Listing.BILL_SECTIONS, Map.of("before", List.of("2024-03-01"),
                "contract_numbers", List.of("4000001 4000002")));
        assertThat(r.dates().get("before")).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(r.filters()).containsEntry("contract_numbers", "4000001 4000002");
    }
}
