package org.lfenergy.cds.auth.service.scope;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The published scopes against the WG1-02 §3 and WG3 §6–§7 rules, one scope or rule per case. */
class ScopeCatalogTest {

    static final ScopeCatalog CATALOG = ScopeCatalog.load(new ObjectMapper(), "https://cds.example");

    static final Set<String> FORM_FIELDS = Set.of("authorization_form_selection_type", "merge_selection_with",
            "error_if_no_preselections", "purpose", "allow_scope_modifications", "jwk");
    static final Set<String> BOUNDED_FORMATS = Set.of("int", "decimal", "string", "string_or_null", "string_list",
            "string_list_or_null", "relative_or_absolute_date", "relative_or_absolute_datetime");
    static final Set<String> KNOWN_FORMATS = Set.of("int", "decimal", "string", "string_or_null", "string_list",
            "string_list_or_null", "boolean", "relative_or_absolute_date", "relative_or_absolute_datetime", "choice",
            "choice_or_null", "choice_list_or_null", "jwk_or_null");

    /** WG3 §6.1 "Req fields" per consent scope type (form fields checked separately). */
    static Stream<Arguments> consentRequiredFields() {
        return Stream.of(
                Arguments.of("cds_rate_plan", List.of("contract_numbers", "service_types", "include_contract_numbers", "sync_until")),
                Arguments.of("cds_account_programs", List.of("account_numbers", "account_programs", "include_account_numbers", "sync_until")),
                Arguments.of("cds_service_programs", List.of("contract_numbers", "service_programs", "service_types", "include_contract_numbers", "sync_until")),
                Arguments.of("cds_accounts", List.of("account_numbers", "include_account_numbers", "sync_until")),
                Arguments.of("cds_service_contracts", List.of("contract_numbers", "service_types", "include_contract_numbers", "sync_until")),
                Arguments.of("cds_meters", List.of("meter_numbers", "meter_types", "include_meter_numbers", "sync_until")),
                Arguments.of("cds_bill_statements", List.of("account_numbers", "statement_date_start", "statement_date_end")),
                Arguments.of("cds_service_bills", List.of("contract_numbers", "service_types", "start_date", "end_date")),
                Arguments.of("cds_usage", List.of("include_meter_devices", "include_meter_numbers", "include_usage_segment_value_types", "segment_start", "segment_end",
                        "sync_until", "account_numbers", "include_accounts", "include_account_numbers", "include_service_contracts", "include_contract_numbers",
                        "contract_numbers", "servicepoint_numbers", "include_service_points", "meter_numbers", "aggregation_numbers", "include_aggregations")),
                Arguments.of("cds_aggregation_consent", List.of("aggregation_numbers", "premise_numbers", "expires", "authorization_form_selection_type",
                        "error_if_no_preselections", "allow_scope_modifications")));
    }

    /** WG3 §6.2 required fields per direct access scope type. */
    static Stream<Arguments> directRequiredFields() {
        return Stream.of(
                Arguments.of("cds_query_accounts", List.of("sync_until")),
                Arguments.of("cds_query_service_contracts", List.of("sync_until")),
                Arguments.of("cds_query_service_points", List.of("sync_until")),
                Arguments.of("cds_query_meter_devices", List.of("sync_until")),
                Arguments.of("cds_query_bill_statements", List.of("sync_until", "statement_date_start", "statement_date_end")),
                Arguments.of("cds_query_bill_sections", List.of("sync_until", "start_date", "end_date")),
                Arguments.of("cds_query_aggregations", List.of("sync_until")),
                Arguments.of("cds_query_usage", List.of("sync_until", "segment_start", "segment_end")));
    }

    static ScopeDescription scope(String id) {
        return CATALOG.scope(id).orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("consentRequiredFields")
    void consentScopeListsItsRequiredFieldsAndIsUsableOnlyWithTheCodeFlow(String id, List<String> required) {
        ScopeDescription s = scope(id);
        assertThat(s.kind()).isEqualTo(ScopeKind.CUSTOMER_CONSENT);
        assertThat(s.fields().keySet()).containsAll(required);
        if (!id.equals("cds_aggregation_consent")) {
            assertThat(s.fields().keySet()).containsAll(FORM_FIELDS);
        }
        assertThat(s.responseTypes()).contains("code");
        assertThat(s.grantTypes()).contains("authorization_code", "refresh_token").doesNotContain("client_credentials");
        assertThat(texts(s.published().get("code_challenge_methods_supported"))).contains("S256").doesNotContain("plain");
        s.fields().values().forEach(f -> assertThat(f.required()).as(f.id()).isFalse());
        FieldSpec selection = s.fields().get("authorization_form_selection_type");
        assertThat(selection.hasDefault()).isTrue();
        assertThat(selection.choiceIds()).contains(selection.defaultValue().asText());
    }

    @ParameterizedTest
    @MethodSource("directRequiredFields")
    void directScopeListsItsRequiredFieldsAndNeverTheConsentOnlyFields(String id, List<String> required) {
        ScopeDescription s = scope(id);
        assertThat(s.kind()).isEqualTo(ScopeKind.DIRECT_ACCESS);
        assertThat(s.fields().keySet()).containsAll(required)
                .doesNotContain("addresses", "merge_selection_with", "purpose", "allow_scope_modifications");
        assertThat(s.responseTypes()).isEmpty();
        assertThat(s.grantTypes()).contains("client_credentials");
        assertThat(s.published().get("code_challenge_methods_supported")).isEmpty();
    }

    @Test
    void offersAllEighteenWg3ScopesPlusTheThreeBuiltInOnes() {
        assertThat(CATALOG.all()).hasSize(21);
        assertThat(CATALOG.all().stream().filter(s -> s.kind() == ScopeKind.CUSTOMER_CONSENT)).hasSize(10);
        assertThat(CATALOG.all().stream().filter(s -> s.kind() == ScopeKind.DIRECT_ACCESS)).hasSize(8);
    }

    @Test
    void everyFieldHasAKnownFormatForTypesWithinTheScopeTypesAndBoundsWhereRequired() {
        for (ScopeDescription s : CATALOG.all()) {
            for (JsonNode f : s.published().get("authorization_details_fields_supported")) {
                String where = s.id() + "." + f.path("id").asText();
                String format = f.path("format").asText();
                assertThat(KNOWN_FORMATS).as(where).contains(format);
                assertThat(texts(f.get("for_types"))).as(where).isNotEmpty()
                        .isSubsetOf(texts(s.published().get("authorization_details_types_supported")));
                for (String key : List.of("name", "description", "documentation")) {
                    assertThat(f.path(key).asText()).as(where + " " + key).isNotBlank();
                }
                if (BOUNDED_FORMATS.contains(format)) {
                    assertThat(f.has("maximum") && f.has("minimum")).as(where + " min/max").isTrue();
                }
                if (format.startsWith("choice")) {
                    assertThat(f.path("choices").size()).as(where + " choices").isPositive();
                    f.path("choices").forEach(c -> assertThat(c.has("usagesegment_format"))
                            .as(where + " usagesegment_format")
                            .isEqualTo(f.path("id").asText().equals("include_usage_segment_value_types")));
                }
                if (f.path("is_required").asBoolean()) {
                    assertThat(f.has("default")).as(where + " required without default").isFalse();
                }
            }
        }
    }

    @Test
    void everyGrantAdminScopeReferenceNamesAGrantAdminScopeDescription() {
        for (ScopeDescription s : CATALOG.all()) {
            if (s.grantAdminScope() != null) {
                assertThat(scope(s.grantAdminScope()).kind()).as(s.id()).isEqualTo(ScopeKind.GRANT_ADMIN);
            }
        }
    }

    @Test
    void everyRegistrationRequirementExistsInTheRegistrationFields() {
        for (ScopeDescription s : CATALOG.all()) {
            s.registrationRequirements().forEach(r -> assertThat(CATALOG.registrationField(r)).as(s.id()).isPresent());
            s.registrationOptional().forEach(r -> assertThat(CATALOG.registrationField(r)).as(s.id()).isPresent());
        }
        JsonNode field = CATALOG.registrationField("company_name").orElseThrow();
        assertThat(field.path("field_name").asText()).startsWith("cds_");
    }

    @Test
    void aggregationConsentDefaultsFollowTheSpec() {
        Map<String, FieldSpec> f = scope("cds_aggregation_consent").fields();
        assertThat(f.get("error_if_no_preselections").defaultValue().asBoolean()).isTrue();
        assertThat(f.get("allow_scope_modifications").defaultValue().asBoolean()).isFalse();
        assertThat(f.get("authorization_form_selection_type").choiceIds()).containsExactly("aggregation_selection");
    }

    @Test
    void jwkDefaultsToNullOnConsentScopes() {
        CATALOG.all().stream().filter(s -> s.kind() == ScopeKind.CUSTOMER_CONSENT && s.fields().containsKey("jwk"))
                .forEach(s -> assertThat(s.fields().get("jwk").defaultValue().isNull()).as(s.id()).isTrue());
    }

    @Test
    void mapsEveryRarTypeToItsScopeId() {
        assertThat(CATALOG.scopeIdForRarType("cds_query_usage")).contains("cds_query_usage");
        assertThat(CATALOG.scopeIdForRarType("cds_grant_admin_1")).contains("cds_grant_admin_1");
        assertThat(CATALOG.scopeIdForRarType("cds_client_admin")).isEmpty();
        assertThat(CATALOG.scopeIdForRarType("nope")).isEmpty();
    }

    static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    static Stream<Arguments> aliasExpansions() {
        return Stream.of(
                Arguments.of(List.of("client_admin"), List.of("cds_client_admin")),
                Arguments.of(List.of("customer_data", "client_admin"),
                        List.of("cds_accounts", "cds_service_contracts", "cds_meters", "cds_usage", "cds_client_admin")),
                Arguments.of(List.of("cds_usage", "customer_data"),
                        List.of("cds_usage", "cds_accounts", "cds_service_contracts", "cds_meters")),
                Arguments.of(List.of("cds_client_admin", "client_admin"), List.of("cds_client_admin")),
                Arguments.of(List.of("cds_query_usage"), List.of("cds_query_usage")),
                Arguments.of(List.of("openid", "customer_billing"), List.of("openid", "customer_billing")),
                Arguments.of(List.of(), List.of()));
    }

    @ParameterizedTest
    @MethodSource("aliasExpansions")
    void expandsOlderScopeNamesIntoTheScopesTheyStandForKeepingOrderWithoutDuplicates(List<String> in, List<String> out) {
        assertThat(CATALOG.expand(in)).containsExactlyElementsOf(out);
    }

    @Test
    void everyAliasStandsForOfferedScopesOfOneKindAndIsNoScopeIdItself() {
        assertThat(CATALOG.aliases()).containsOnlyKeys("client_admin", "customer_data");
        CATALOG.aliases().forEach((alias, scopes) -> {
            assertThat(CATALOG.scope(alias)).as(alias).isEmpty();
            assertThat(scopes.stream().map(s -> CATALOG.scope(s).orElseThrow().kind()).distinct()).as(alias).hasSize(1);
        });
    }
}
