package org.lfenergy.cds.auth.service.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a customer may change on the Authorization Form ({@code allow_scope_modifications}) and what is forged. */
class ModificationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ACCOUNTS_EDITABLE = "{\"type\":\"cds_accounts\",\"authorization_form_selection_type\":"
            + "\"account_selection\",\"allow_scope_modifications\":true,\"include_account_numbers\":true,"
            + "\"include_account_details\":false,\"include_account_programs\":true}";
    private static final String USAGE_EDITABLE = "{\"type\":\"cds_usage\",\"authorization_form_selection_type\":"
            + "\"service_contract_selection\",\"allow_scope_modifications\":true,\"include_meter_numbers\":true,"
            + "\"include_usage_segment_value_types\":[\"kwh\"]}";
    private static final String USAGE_READ_ONLY = "{\"type\":\"cds_usage\",\"authorization_form_selection_type\":"
            + "\"service_contract_selection\",\"allow_scope_modifications\":false,\"include_meter_numbers\":true}";

    private static JsonNode entry(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<Preselection.Section> sections(String... entries) {
        List<JsonNode> list = new ArrayList<>();
        for (String e : entries) {
            list.add(entry(e));
        }
        return Preselection.sections(list);
    }

    private static Map<String, JsonNode> effective(List<Preselection.Section> sections) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        sections.forEach(s -> s.entries().forEach(e -> out.put(e.path("type").asText(), e)));
        return out;
    }

    /** A form body: pairs of name, value. */
    private static Map<String, List<String>> form(String... pairs) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
        }
        return out;
    }

    @Test
    void offeredFieldsAreTheIncludedDataBooleansTheClientAskedFor() {
        assertThat(Modifications.offeredFields(entry(ACCOUNTS_EDITABLE)))
                .containsExactly("include_account_numbers", "include_account_programs");
        // a choice list is not a yes/no field; a field the client set false is not offered (no widening)
        assertThat(Modifications.offeredFields(entry(USAGE_EDITABLE))).containsExactly("include_meter_numbers");
    }

    @Test
    void aSectionIsEditableOnlyWhenAllowedAndNeverTheReadOnlyAggregationConsent() {
        assertThat(Modifications.editable(sections(ACCOUNTS_EDITABLE).get(0))).isTrue();
        assertThat(Modifications.editable(sections(USAGE_READ_ONLY).get(0))).isFalse();
        assertThat(Modifications.editable(sections("{\"type\":\"cds_accounts\",\"authorization_form_selection_type\":"
                + "\"account_selection\"}").get(0))).as("default false").isFalse();
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("everything kept as sent",
                        form("s0.keep", "on", "s0.data", "cds_accounts.include_account_numbers", "s0.data",
                                "cds_accounts.include_account_programs", "s1.keep", "on", "s1.data",
                                "cds_usage.include_meter_numbers"),
                        Set.of(), Map.of()),
                Arguments.of("one field left out",
                        form("s0.keep", "on", "s0.data", "cds_accounts.include_account_numbers", "s1.keep", "on",
                                "s1.data", "cds_usage.include_meter_numbers"),
                        Set.of(), Map.of("cds_accounts", Set.of("include_account_programs"))),
                Arguments.of("every field left out",
                        form("s0.keep", "on", "s1.keep", "on"),
                        Set.of(), Map.of("cds_accounts", Set.of("include_account_numbers", "include_account_programs"),
                                "cds_usage", Set.of("include_meter_numbers"))),
                Arguments.of("a section removed (its data choices do not matter)",
                        form("s0.keep", "on", "s0.data", "cds_accounts.include_account_numbers", "s0.data",
                                "cds_accounts.include_account_programs", "s1.data", "cds_usage.include_meter_numbers"),
                        Set.of("cds_usage"), Map.of()),
                Arguments.of("keep with another value than on is not kept",
                        form("s0.keep", "yes", "s1.keep", "on", "s1.data", "cds_usage.include_meter_numbers"),
                        Set.of("cds_accounts"), Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void theCustomersChangesAreReadFromTheForm(String name, Map<String, List<String>> form, Set<String> removed,
            Map<String, Set<String>> dropped) {
        List<Preselection.Section> all = sections(ACCOUNTS_EDITABLE, USAGE_EDITABLE);
        Modifications m = Modifications.parse(all, effective(all), form);
        assertThat(m.removed()).isEqualTo(removed);
        assertThat(m.droppedFields()).isEqualTo(dropped);
    }

    static Stream<Arguments> forged() {
        return Stream.of(
                Arguments.of("keep on a read-only section", form("s1.keep", "on"), "may not be modified"),
                Arguments.of("keep left empty on a read-only section", form("s1.keep", ""), "may not be modified"),
                Arguments.of("data on a read-only section", form("s1.data", "cds_usage.include_meter_numbers"),
                        "allow_scope_modifications is false"),
                Arguments.of("a field the client set false (widening)",
                        form("s0.keep", "on", "s0.data", "cds_accounts.include_account_details"), "did not offer"),
                Arguments.of("a field of another scope",
                        form("s0.keep", "on", "s0.data", "cds_usage.include_meter_numbers"), "did not offer"),
                Arguments.of("an unknown field", form("s0.keep", "on", "s0.data", "cds_accounts.nope"),
                        "did not offer"),
                Arguments.of("script as a value", form("s0.keep", "on", "s0.data", "<script>"), "did not offer"),
                Arguments.of("a value without the scope", form("s0.keep", "on", "s0.data", "include_account_numbers"),
                        "did not offer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forged")
    void aForgedModificationIsRefused(String name, Map<String, List<String>> form, String message) {
        List<Preselection.Section> all = sections(ACCOUNTS_EDITABLE, USAGE_READ_ONLY);
        assertThatThrownBy(() -> Modifications.parse(all, effective(all), form))
                .isInstanceOf(Modifications.Forged.class).hasMessageContaining(message);
    }

    @Test
    void aReadOnlyRequestPostedWithoutChangesIsNoModification() {
        List<Preselection.Section> all = sections(USAGE_READ_ONLY);
        Modifications m = Modifications.parse(all, effective(all), form("s0.contract", "C1", "s0.include_future", "on"));
        assertThat(m.removed()).isEmpty();
        assertThat(m.droppedFields()).isEmpty();
        assertThat(m.removesAll(all)).isFalse();
    }

    @Test
    void theGrantsDetailsLeaveOutRemovedScopesAndTurnDroppedFieldsOff() {
        List<Preselection.Section> all = sections(ACCOUNTS_EDITABLE, USAGE_EDITABLE);
        Modifications m = new Modifications(Set.of("cds_usage"), Map.of("cds_accounts", Set.of("include_account_programs")));
        ArrayNode details = JSON.createArrayNode().add(entry(ACCOUNTS_EDITABLE)).add(entry(USAGE_EDITABLE));

        ArrayNode applied = m.apply(details);

        assertThat(applied).hasSize(1);
        assertThat(applied.get(0).path("type").asText()).isEqualTo("cds_accounts");
        assertThat(applied.get(0).path("include_account_programs").asBoolean(true)).isFalse();
        assertThat(applied.get(0).path("include_account_numbers").asBoolean()).isTrue();
        assertThat(details.get(0).path("include_account_programs").asBoolean()).as("input untouched").isTrue();
        assertThat(m.scopes(List.of("cds_accounts", "cds_usage"))).containsExactly("cds_accounts");
        assertThat(m.sections(all)).extracting(Preselection.Section::scopeIds).containsExactly(List.of("cds_accounts"));
        assertThat(m.removesAll(all)).isFalse();
        assertThat(new Modifications(Set.of("cds_accounts", "cds_usage"), Map.of()).removesAll(all)).isTrue();
    }
}
