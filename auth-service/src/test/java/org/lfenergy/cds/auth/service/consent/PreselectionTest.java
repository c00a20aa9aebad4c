package org.lfenergy.cds.auth.service.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lfenergy.cds.auth.service.ApiError;
import org.lfenergy.cds.auth.service.consent.Preselection.Holding;
import org.lfenergy.cds.auth.service.consent.Preselection.Level;

class PreselectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Customer: account A1 with contracts C1 (SP S1 at premise P1, meter M1) and C2 (SP S2 at P1, meters M2 and M3);
     * account A2 with contract C3 (SP S3 at P2, no meter installed).
     */
    private static final List<Holding> HOLDINGS = List.of(
            new Holding("A1", "C1", "P1", "S1", "M1"),
            new Holding("A1", "C2", "P1", "S2", "M2"),
            new Holding("A1", "C2", "P1", "S2", "M3"),
            new Holding("A2", "C3", "P2", "S3", null));

    private static JsonNode entry(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static Preselection.Section section(String selectionType, String fields) {
        String json = "{\"type\":\"cds_usage\",\"authorization_form_selection_type\":\"" + selectionType + "\""
                + (fields.isEmpty() ? "" : "," + fields) + "}";
        return Preselection.sections(List.of(entry(json))).get(0);
    }

    static Stream<Arguments> preselections() {
        return Stream.of(
                // selection type, preselection fields, ticked, include future, fields present
                Arguments.of("account_selection", "", Set.of(), false, false),
                Arguments.of("account_selection", "\"account_numbers\":null", Set.of(), false, false),
                Arguments.of("account_selection", "\"account_numbers\":[\"_all\"]", Set.of("A1", "A2"), false, true),
                Arguments.of("account_selection", "\"account_numbers\":[\"A2\"]", Set.of("A2"), false, true),
                Arguments.of("account_selection", "\"account_numbers\":[\"A2\",\"NOT-MINE\"]", Set.of("A2"), false, true),
                Arguments.of("account_selection", "\"account_numbers\":[\"NOT-MINE\"]", Set.of(), false, true),
                Arguments.of("account_selection", "\"account_numbers\":[]", Set.of(), false, true),
                Arguments.of("account_selection", "\"account_numbers\":[\"_include_future\"]", Set.of(), true, true),
                Arguments.of("account_selection", "\"account_numbers\":[\"_all\",\"_include_future\"]",
                        Set.of("A1", "A2"), true, true),
                Arguments.of("account_selection", "\"contract_numbers\":[\"C3\"]", Set.of("A2"), false, true),
                Arguments.of("account_selection", "\"contract_numbers\":[\"_include_future\"]", Set.of(), true, true),
                Arguments.of("account_selection", "\"meter_numbers\":[\"M2\"]", Set.of("A1"), false, true),
                Arguments.of("account_selection", "\"servicepoint_numbers\":[\"S3\"]", Set.of("A2"), false, true),
                Arguments.of("account_selection", "\"premise_numbers\":[\"P1\"]", Set.of("A1"), false, true),
                // several fields intersect
                Arguments.of("account_selection", "\"account_numbers\":[\"A1\"],\"contract_numbers\":[\"C3\"]",
                        Set.of(), false, true),
                Arguments.of("account_selection", "\"account_numbers\":[\"_all\"],\"contract_numbers\":[\"C3\"]",
                        Set.of("A2"), false, true),
                // aggregation numbers match nothing outside the Aggregation Selection (no membership data)
                Arguments.of("account_selection", "\"aggregation_numbers\":[\"B1\"]", Set.of(), false, true),
                // fields without data on the form never narrow
                Arguments.of("account_selection", "\"account_numbers\":[\"A1\"],\"service_types\":[\"natural_gas\"],"
                        + "\"addresses\":[\"1 Main St\"]", Set.of("A1"), false, true),
                Arguments.of("account_selection", "\"addresses\":[\"1 Main St\"]", Set.of(), false, false),
                Arguments.of("service_contract_selection", "\"account_numbers\":[\"A1\"]", Set.of("C1", "C2"), false, true),
                Arguments.of("service_contract_selection", "\"contract_numbers\":[\"_all\"]", Set.of("C1", "C2", "C3"),
                        false, true),
                Arguments.of("service_contract_selection", "\"contract_numbers\":[\"C2\",\"_include_future\"]",
                        Set.of("C2"), true, true),
                Arguments.of("service_contract_selection", "\"meter_numbers\":[\"M1\",\"M3\"]", Set.of("C1", "C2"),
                        false, true),
                Arguments.of("servicepoint_selection", "\"servicepoint_numbers\":[\"_all\"]", Set.of("S1", "S2", "S3"),
                        false, true),
                Arguments.of("servicepoint_selection", "\"premise_numbers\":[\"P2\"]", Set.of("S3"), false, true),
                Arguments.of("servicepoint_selection", "\"contract_numbers\":[\"C2\"]", Set.of("S2"), false, true),
                // _include_future has no toggle in the service point and meter selections
                Arguments.of("servicepoint_selection", "\"account_numbers\":[\"_include_future\"]", Set.of(), false, true),
                Arguments.of("meter_device_selection", "\"meter_numbers\":[\"_all\"]", Set.of("M1", "M2", "M3"), false,
                        true),
                Arguments.of("meter_device_selection", "\"meter_numbers\":[\"M3\",\"M9\"]", Set.of("M3"), false, true),
                Arguments.of("meter_device_selection", "\"account_numbers\":[\"A2\"]", Set.of(), false, true),
                Arguments.of("meter_device_selection", "\"contract_numbers\":[\"C2\"]", Set.of("M2", "M3"), false, true),
                Arguments.of("meter_device_selection", "\"servicepoint_numbers\":[\"S1\"],\"meter_numbers\":[\"_all\"]",
                        Set.of("M1"), false, true),
                Arguments.of("aggregation_selection", "\"aggregation_numbers\":[\"B7\",\"B8\"]", Set.of("B7", "B8"),
                        false, true),
                Arguments.of("aggregation_selection", "\"aggregation_numbers\":null", Set.of(), false, false));
    }

    @ParameterizedTest(name = "{0} {1} → {2} future={3}")
    @MethodSource("preselections")
    void preselectsTheMatchingEntriesOfTheSelection(String selectionType, String fields, Set<String> ticked,
            boolean includeFuture, boolean present) {
        Preselection.Result result = Preselection.of(section(selectionType, fields), HOLDINGS);

        assertThat(result.ticked()).containsExactlyInAnyOrderElementsOf(ticked);
        assertThat(result.includeFuture()).isEqualTo(includeFuture);
        assertThat(result.fieldsPresent()).isEqualTo(present);
        assertThat(result.nothingPreselected()).isEqualTo(present && ticked.isEmpty() && !includeFuture);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("preselections")
    void aCustomerWithoutHoldingsGetsNothingPreselectedExceptTheToggle(String selectionType, String fields,
            Set<String> ticked, boolean includeFuture, boolean present) {
        Preselection.Result result = Preselection.of(section(selectionType, fields), List.of());

        if (!selectionType.equals("aggregation_selection")) {
            assertThat(result.ticked()).isEmpty();
        }
        assertThat(result.includeFuture()).isEqualTo(includeFuture);
    }

    static Stream<Arguments> invalidRequests() {
        String usage = "{\"type\":\"cds_usage\",\"authorization_form_selection_type\":\"service_contract_selection\","
                + "\"purpose\":\"default-01\",\"allow_scope_modifications\":false,\"contract_numbers\":null,"
                + "\"meter_numbers\":null";
        String meters = "{\"type\":\"cds_meters\",\"authorization_form_selection_type\":\"service_contract_selection\","
                + "\"purpose\":\"default-01\",\"allow_scope_modifications\":false,\"contract_numbers\":null,"
                + "\"meter_numbers\":null";
        return Stream.of(
                Arguments.of("_include_future in meter_numbers",
                        List.of((usage + ",\"merge_selection_with\":null}")
                                .replace("\"meter_numbers\":null", "\"meter_numbers\":[\"_include_future\"]")),
                        "_include_future is only defined"),
                Arguments.of("_include_future in servicepoint_numbers",
                        List.of(usage + ",\"merge_selection_with\":null,\"servicepoint_numbers\":[\"_include_future\"]}"),
                        "_include_future is only defined"),
                Arguments.of("_include_future in premise_numbers",
                        List.of(usage + ",\"merge_selection_with\":null,\"premise_numbers\":[\"_include_future\"]}"),
                        "_include_future is only defined"),
                Arguments.of("_include_future in aggregation_numbers",
                        List.of(usage + ",\"merge_selection_with\":null,\"aggregation_numbers\":[\"_include_future\"]}"),
                        "_include_future is only defined"),
                Arguments.of("_all in aggregation_numbers",
                        List.of(usage + ",\"merge_selection_with\":null,\"aggregation_numbers\":[\"_all\"]}"),
                        "no list of aggregations"),
                Arguments.of("merge target not in the request",
                        List.of(usage + ",\"merge_selection_with\":\"cds_accounts\"}"), "not another scope"),
                Arguments.of("merge with itself",
                        List.of(usage + ",\"merge_selection_with\":\"cds_usage\"}"), "not another scope"),
                Arguments.of("merge target's own value is null",
                        List.of(usage + ",\"merge_selection_with\":\"cds_meters\"}",
                                meters + ",\"merge_selection_with\":null}"), "no merge_selection_with of its own"),
                Arguments.of("different selection types",
                        List.of(usage + ",\"merge_selection_with\":\"cds_meters\"}",
                                meters.replace("service_contract_selection", "meter_device_selection")
                                        + ",\"merge_selection_with\":\"cds_usage\"}"), "different selection types"),
                Arguments.of("different purposes",
                        List.of(usage + ",\"merge_selection_with\":\"cds_meters\"}",
                                meters.replace("\"default-01\"", "\"p-2\"") + ",\"merge_selection_with\":\"cds_usage\"}"),
                        "different purposes"),
                Arguments.of("different allow_scope_modifications",
                        List.of(usage + ",\"merge_selection_with\":\"cds_meters\"}",
                                meters.replace("\"allow_scope_modifications\":false", "\"allow_scope_modifications\":true")
                                        + ",\"merge_selection_with\":\"cds_usage\"}"), "allow_scope_modifications"),
                Arguments.of("shared preselection field differs",
                        List.of(usage.replace("\"contract_numbers\":null", "\"contract_numbers\":[\"C1\"]")
                                        + ",\"merge_selection_with\":\"cds_meters\"}",
                                meters + ",\"merge_selection_with\":\"cds_usage\"}"), "preselect contract_numbers"),
                Arguments.of("preselection field of only one scope is set",
                        List.of(usage + ",\"merge_selection_with\":\"cds_meters\",\"aggregation_numbers\":[\"B1\"]}",
                                meters + ",\"merge_selection_with\":\"cds_usage\"}"), "only one of the scopes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void refusesWithInvalidAuthorizationDetails(String name, List<String> entries, String reason) {
        List<JsonNode> requested = new ArrayList<>();
        entries.forEach(e -> requested.add(entry(e)));

        assertThatThrownBy(() -> Preselection.sections(requested))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.error()).isEqualTo("invalid_authorization_details");
                    assertThat(e.description()).contains(reason);
                });
    }

    static Stream<Arguments> sectionLayouts() {
        String usage = "{\"type\":\"cds_usage\",\"authorization_form_selection_type\":\"service_contract_selection\","
                + "\"purpose\":\"default-01\",\"allow_scope_modifications\":false,\"contract_numbers\":[\"C1\"]";
        String meters = "{\"type\":\"cds_meters\",\"authorization_form_selection_type\":\"service_contract_selection\","
                + "\"purpose\":\"default-01\",\"allow_scope_modifications\":false,\"contract_numbers\":[\"C1\"]";
        String contracts = "{\"type\":\"cds_service_contracts\",\"authorization_form_selection_type\":"
                + "\"service_contract_selection\",\"purpose\":\"default-01\",\"allow_scope_modifications\":false,"
                + "\"contract_numbers\":[\"C1\"]";
        String accounts = "{\"type\":\"cds_accounts\",\"authorization_form_selection_type\":\"account_selection\","
                + "\"merge_selection_with\":null}";
        return Stream.of(
                Arguments.of(List.of(usage + ",\"merge_selection_with\":null}", accounts),
                        List.of(List.of("cds_usage"), List.of("cds_accounts"))),
                Arguments.of(List.of(usage + ",\"merge_selection_with\":\"cds_meters\"}",
                                meters + ",\"merge_selection_with\":\"cds_usage\"}", accounts),
                        List.of(List.of("cds_usage", "cds_meters"), List.of("cds_accounts"))),
                // a chain of three scopes is one section
                Arguments.of(List.of(usage + ",\"merge_selection_with\":\"cds_meters\"}",
                                meters + ",\"merge_selection_with\":\"cds_service_contracts\"}",
                                contracts + ",\"merge_selection_with\":\"cds_usage\"}"),
                        List.of(List.of("cds_usage", "cds_meters", "cds_service_contracts"))));
    }

    @ParameterizedTest
    @MethodSource("sectionLayouts")
    void mergedScopesShareOneSectionInRequestOrder(List<String> entries, List<List<String>> expected) {
        List<JsonNode> requested = new ArrayList<>();
        entries.forEach(e -> requested.add(entry(e)));

        List<Preselection.Section> sections = Preselection.sections(requested);

        assertThat(sections).extracting(Preselection.Section::scopeIds).containsExactlyElementsOf(expected);
        assertThat(sections).extracting(Preselection.Section::index)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, expected.size()).boxed().toList());
        assertThat(sections.get(0).level()).isEqualTo(Level.SERVICE_CONTRACT);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", "account_list", "ACCOUNT_SELECTION"})
    void unknownSelectionTypeIsInvalidAuthorizationDetails(String type) {
        assertThatThrownBy(() -> Level.of(type)).isInstanceOfSatisfying(ApiError.class,
                e -> assertThat(e.error()).isEqualTo("invalid_authorization_details"));
    }
}
