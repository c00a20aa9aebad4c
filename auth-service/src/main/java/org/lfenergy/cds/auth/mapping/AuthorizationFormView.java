package org.lfenergy.cds.auth.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lfenergy.cds.auth.repository.CustomerObjectRepository.CustomerObject;
import org.lfenergy.cds.auth.service.CustomerAuthorization;
import org.lfenergy.cds.auth.service.scope.ScopeCatalog;

/** What the authorization form template shows (WG3 §9.2), in the customer's words. */
@TemplateData
public record AuthorizationFormView(String brand, String clientName, String clientUri, String requestId,
        String csrfToken, List<Section> sections, List<Account> accounts, String error) {

    /** One Request Section per scope: data, duration and purpose. */
    @TemplateData
    public record Section(String name, String data, List<String> durations, String purposeName,
            String purposeContent, String purposeUri) {
    }

    /** A customer account with its service contracts. */
    @TemplateData
    public record Account(String id, List<Contract> contracts) {
    }

    /** A service contract with its service points (and the meter accounts behind them). */
    @TemplateData
    public record Contract(String id, String status, List<ServicePoint> servicePoints) {
    }

    /** A service point. */
    @TemplateData
    public record ServicePoint(String id, String meterAccount) {
    }

    /** Plain-language data descriptions (never the API names). */
    private static final Map<String, String> DATA = Map.ofEntries(
            Map.entry("cds_rate_plan", "the rate plan of each selected service"),
            Map.entry("cds_account_programs", "the programs your selected accounts take part in"),
            Map.entry("cds_service_programs", "the programs your selected services take part in"),
            Map.entry("cds_accounts", "the list of your selected accounts"),
            Map.entry("cds_service_contracts", "the list of your selected services and their accounts"),
            Map.entry("cds_meters", "the meters of your selected services"),
            Map.entry("cds_bill_statements", "the bills of your selected accounts"),
            Map.entry("cds_service_bills", "the charges of your selected services on your bills"),
            Map.entry("cds_usage", "your meters' usage data (for example 1.25 kWh between 14:00 and 14:15)"),
            Map.entry("cds_aggregation_consent", "being counted in a building or area total"));

    private static final Map<String, String> DURATION_FIELDS = new LinkedHashMap<>();

    static {
        DURATION_FIELDS.put("sync_until", "Updates continue until %s.");
        DURATION_FIELDS.put("segment_start", "Usage from %s");
        DURATION_FIELDS.put("segment_end", "up to %s.");
        DURATION_FIELDS.put("statement_date_start", "Bills from %s");
        DURATION_FIELDS.put("statement_date_end", "up to %s.");
        DURATION_FIELDS.put("start_date", "Bill charges from %s");
        DURATION_FIELDS.put("end_date", "up to %s.");
        DURATION_FIELDS.put("expires", "This consent ends on %s.");
    }

    public static AuthorizationFormView of(String brand, CustomerAuthorization.Form form, ScopeCatalog catalog) {
        JsonNode client = form.client().document();
        List<Section> sections = new ArrayList<>();
        for (JsonNode entry : form.request().authorizationDetails()) {
            String scopeId = entry.path("type").asText();
            var scope = catalog.scope(scopeId).orElse(null);
            String name = scope == null ? scopeId : scope.published().path("name").asText(scopeId);
            String data = DATA.getOrDefault(scope == null ? scopeId : scope.type(), name);
            List<String> durations = new ArrayList<>();
            DURATION_FIELDS.forEach((field, text) -> {
                if (entry.has(field) && !entry.get(field).isNull()) {
                    durations.add(String.format(text, when(field, entry.get(field).asText())));
                }
            });
            JsonNode purpose = entry.hasNonNull("purpose")
                    ? client.path("cds_purposes").path(entry.get("purpose").asText()) : null;
            sections.add(new Section(name, data, durations,
                    purpose == null || purpose.isMissingNode() ? null : purpose.path("name").asText(null),
                    purpose == null || purpose.isMissingNode() ? null : purpose.path("content").asText(null),
                    purpose == null || purpose.isMissingNode() || purpose.path("related_uri").isNull()
                            ? null : purpose.path("related_uri").asText(null)));
        }
        Map<String, Map<String, Map<String, ServicePoint>>> tree = new LinkedHashMap<>();
        Map<String, String> statuses = new LinkedHashMap<>();
        for (CustomerObject o : form.objects()) {
            var contracts = tree.computeIfAbsent(o.entityId(), k -> new LinkedHashMap<>());
            var points = contracts.computeIfAbsent(o.contractId(), k -> new LinkedHashMap<>());
            statuses.put(o.contractId(), o.serviceStatus() == null ? "" : o.serviceStatus());
            if (!o.servicePointId().isEmpty()) {
                points.putIfAbsent(o.servicePointId(), new ServicePoint(o.servicePointId(), o.meterAccountId()));
            }
        }
        List<Account> accounts = new ArrayList<>();
        tree.forEach((account, contracts) -> {
            List<Contract> list = new ArrayList<>();
            contracts.forEach((contract, points) -> list.add(new Contract(contract, statuses.get(contract),
                    new ArrayList<>(points.values()))));
            accounts.add(new Account(account, list));
        });
        String uri = client.path("client_uri").isTextual() ? client.path("client_uri").asText() : null;
        return new AuthorizationFormView(brand, client.path("client_name").asText(form.client().clientId()), uri,
                form.request().requestId(), form.request().csrfToken(), sections, accounts, form.error());
    }

    private static String when(String field, String value) {
        if ("infinite".equals(value)) {
            return field.endsWith("_start") || field.equals("start_date") ? "the earliest data we have"
                    : "you stop it in your settings";
        }
        return value.length() > 10 ? value.substring(0, 10) : value;
    }
}
