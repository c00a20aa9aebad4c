package org.lfenergy.cds.auth.service.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lfenergy.cds.auth.service.ApiError;

class AuthorizationDetailsResolverTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final ScopeCatalog CATALOG = ScopeCatalog.load(MAPPER, "https://cds.example");
    static final AuthorizationDetailsResolver RESOLVER = new AuthorizationDetailsResolver(CATALOG);
    static final ZonedDateTime NOW = ZonedDateTime.of(2025, 6, 15, 10, 30, 0, 0, ZoneId.of("America/Los_Angeles"));
    static final List<String> ALL_SCOPES = CATALOG.all().stream().map(ScopeDescription::id).toList();

    static AuthorizationDetailsResolver.Resolution resolve(String scopes, String details) throws Exception {
        JsonNode rar = details == null ? null : MAPPER.readTree(details);
        List<String> requested = scopes.isBlank() ? List.of() : List.of(scopes.split(" "));
        return RESOLVER.resolve(requested, rar, ALL_SCOPES, ALL_SCOPES, NOW, false);
    }

    static JsonNode single(String scope, String fields) throws Exception {
        return resolve(scope, "[{\"type\":\"" + scope + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}]")
                .resolved().get(0);
    }

    static void rejects(String scope, String fields) {
        assertThatThrownBy(() -> single(scope, fields)).isInstanceOfSatisfying(ApiError.class,
                e -> assertThat(e.error()).isEqualTo("invalid_authorization_details"));
    }

    @Test
    void fillsEveryDefaultWhenOnlyTheScopeIsRequested() throws Exception {
        JsonNode accounts = resolve("cds_query_accounts", null).resolved().get(0);

        assertThat(accounts.path("type").asText()).isEqualTo("cds_query_accounts");
        assertThat(accounts.get("account_numbers").isNull()).isTrue();
        assertThat(accounts.path("include_account_numbers").asBoolean()).isTrue();
        assertThat(accounts.path("include_account_details").asBoolean()).isFalse();
        assertThat(accounts.path("sync_until").asText()).isEqualTo("infinite");
        assertThat(accounts.path("error_if_no_preselections").asBoolean()).isFalse();
        assertThat(accounts.get("jwk").isNull()).isTrue();
    }

    @Test
    void resolvesRelativeHistoricalDatesBackwardsAndOthersForwardsInTheServerZone() throws Exception {
        JsonNode bills = single("cds_query_bill_statements", "\"statement_date_start\":\"P1Y\",\"statement_date_end\":\"P0D\",\"sync_until\":\"P1DT2H\"");

        assertThat(bills.path("statement_date_start").asText()).isEqualTo("2024-06-15");
        assertThat(bills.path("statement_date_end").asText()).isEqualTo("2025-06-15");
        assertThat(bills.path("sync_until").asText()).isEqualTo("2025-06-16T19:30:00Z");
    }

    @Test
    void appliesTheDefaultSegmentStartOfThirteenMonthsBack() throws Exception {
        JsonNode usage = resolve("cds_query_usage", null).resolved().get(0);

        assertThat(usage.path("segment_start").asText()).isEqualTo("2024-05-15T17:30:00Z");
        assertThat(usage.path("segment_end").asText()).isEqualTo("infinite");
        assertThat(usage.path("include_usage_segment_value_types").size()).isEqualTo(3);
    }

    @Test
    void keepsAbsoluteValuesWithinBounds() throws Exception {
        JsonNode usage = single("cds_query_usage", "\"segment_start\":\"2024-01-01T00:00:00Z\",\"segment_end\":\"2026-01-01T00:00:00-08:00\"");

        assertThat(usage.path("segment_start").asText()).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(usage.path("segment_end").asText()).isEqualTo("2026-01-01T08:00:00Z");
    }

    @ParameterizedTest(name = "{0} {1} is rejected")
    @CsvSource(delimiter = '|', value = {
            "cds_query_usage|\"segment_start\":\"P4Y\"",
            "cds_query_usage|\"segment_start\":\"infinite\"",
            "cds_query_usage|\"segment_start\":\"2020-01-01T00:00:00Z\"",
            "cds_query_usage|\"segment_end\":\"2025-01-01T00:00:00Z\"",
            "cds_query_usage|\"segment_end\":\"yesterday\"",
            "cds_query_usage|\"segment_end\":\"-P1D\"",
            "cds_query_usage|\"sync_until\":42",
            "cds_query_bill_statements|\"statement_date_start\":\"P1DT1H\"",
            "cds_query_bill_statements|\"statement_date_start\":\"2025-13-01\"",
            "cds_query_bill_statements|\"statement_date_end\":\"2025-01-01\"",
            "cds_query_bill_sections|\"start_date\":\"P3Y1D\"",
            "cds_query_accounts|\"account_numbers\":\"1234\"",
            "cds_query_accounts|\"account_numbers\":[\"\"]",
            "cds_query_accounts|\"account_numbers\":[1234]",
            "cds_query_accounts|\"include_account_numbers\":\"yes\"",
            "cds_query_accounts|\"include_account_numbers\":null",
            "cds_query_accounts|\"unknown_field\":true",
            "cds_query_accounts|\"addresses\":null",
            "cds_query_accounts|\"error_if_no_preselections\":true",
            "cds_query_service_contracts|\"service_types\":[\"water\"]",
            "cds_query_service_contracts|\"service_types\":\"electric\"",
            "cds_query_usage|\"include_usage_segment_value_types\":[\"nope\"]",
            "cds_query_accounts|\"jwk\":{\"kty\":\"RSA\",\"n\":\"x\",\"e\":\"AQAB\"}",
            "cds_query_accounts|\"jwk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"short\",\"y\":\"short\"}",
            "cds_query_accounts|\"jwk\":\"not-an-object\"",
            "cds_grant_admin_1|\"client_id\":\"c1\"",
            "cds_grant_admin_1|\"client_id\":\"\",\"grant_id\":\"g1\"",
            "cds_grant_admin_1|\"client_id\":null,\"grant_id\":\"g1\"",
    })
    void rejectsValuesThatBreakTheirScopeDescription(String scope, String fields) {
        rejects(scope, fields);
    }

    @Test
    void rejectsAListLongerThanItsCombinedMaximum() {
        String numbers = java.util.stream.IntStream.range(0, 101).mapToObj(i -> "\"" + "1234567890" + "\"")
                .collect(Collectors.joining(","));
        rejects("cds_query_accounts", "\"account_numbers\":[" + numbers + "]");
    }

    @Test
    void acceptsAValidEcP256EncryptionKey() throws Exception {
        String coordinate = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        JsonNode accounts = single("cds_query_accounts",
                "\"jwk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"enc\",\"x\":\"" + coordinate + "\",\"y\":\"" + coordinate + "\"}");

        assertThat(accounts.path("jwk").path("crv").asText()).isEqualTo("P-256");
    }

    @Test
    void keepsPreselectionValuesOnDirectAccessGrants() throws Exception {
        JsonNode accounts = single("cds_query_accounts", "\"account_numbers\":[\"A-1\",\"A-2\"],\"error_if_no_preselections\":true");

        assertThat(accounts.path("account_numbers").size()).isEqualTo(2);
    }

    @Test
    void deduplicatesChoiceLists() throws Exception {
        JsonNode contracts = single("cds_query_service_contracts", "\"service_types\":[\"electric\",\"electric\"]");

        assertThat(contracts.path("service_types").size()).isEqualTo(1);
    }

    @Test
    void dropsPreselectionFieldsExceptProgramsFromConsentGrants() throws Exception {
        JsonNode rar = MAPPER.readTree("[{\"type\":\"cds_account_programs\",\"account_numbers\":[\"A-1\"],\"account_programs\":[\"NEM\"]}]");

        JsonNode programs = RESOLVER.resolve(List.of(), rar, ALL_SCOPES, ALL_SCOPES, NOW, true).resolved().get(0);

        assertThat(programs.has("account_numbers")).isFalse();
        assertThat(programs.path("account_programs").get(0).asText()).isEqualTo("NEM");
        assertThat(programs.has("addresses")).isFalse();
    }

    @Test
    void rejectsProgramScopesWithoutPrograms() {
        rejects("cds_account_programs", "");
        rejects("cds_service_programs", "\"service_programs\":null");
    }

    @Test
    void enforcesTheAggregationConsentRules() throws Exception {
        String base = "\"aggregation_numbers\":[\"B-1\"],\"premise_numbers\":[\"P-1\"]";
        assertThat(single("cds_aggregation_consent", base).path("expires").asText()).isEqualTo("2026-06-15T17:30:00Z");
        rejects("cds_aggregation_consent", "\"premise_numbers\":[\"P-1\"]");
        rejects("cds_aggregation_consent", base + ",\"error_if_no_preselections\":false");
        rejects("cds_aggregation_consent", base + ",\"allow_scope_modifications\":true");
        rejects("cds_aggregation_consent", base + ",\"expires\":\"PT1H\"");
    }

    @Test
    void treatsARarOnlyEntryAsRequestingItsScope() throws Exception {
        assertThat(resolve("", "[{\"type\":\"cds_query_accounts\"}]").scopes()).containsExactly("cds_query_accounts");
    }

    @Test
    void rejectsUnknownAndDuplicateTypesAndNonArrays() {
        assertThatThrownBy(() -> resolve("", "[{\"type\":\"cds_query_accountsad\"}]")).isInstanceOf(ApiError.class);
        assertThatThrownBy(() -> resolve("", "[{\"type\":\"cds_query_accounts\"},{\"type\":\"cds_query_accounts\"}]"))
                .isInstanceOf(ApiError.class);
        assertThatThrownBy(() -> resolve("", "{\"type\":\"cds_query_accounts\"}")).isInstanceOf(ApiError.class);
        assertThatThrownBy(() -> resolve("", "[{\"no_type\":1}]")).isInstanceOf(ApiError.class);
    }

    @Test
    void rejectsScopesAndTypesTheClientDidNotRegister() throws Exception {
        JsonNode rar = MAPPER.readTree("[{\"type\":\"cds_query_usage\"}]");
        assertThatThrownBy(() -> RESOLVER.resolve(List.of(), rar, List.of("cds_query_usage"), List.of(), NOW, false))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.error()).isEqualTo("invalid_authorization_details"));
        assertThatThrownBy(() -> RESOLVER.resolve(List.of("cds_query_usage"), null, List.of("cds_query_accounts"),
                List.of("cds_query_usage"), NOW, false))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.error()).isEqualTo("invalid_scope"));
    }

    @Test
    void givesEqualRequestsEqualFingerprintObjects() throws Exception {
        assertThat(resolve("cds_query_usage", null).requested())
                .isEqualTo(resolve("", "[{\"type\":\"cds_query_usage\",\"sync_until\":\"infinite\"}]").requested());
    }
}
