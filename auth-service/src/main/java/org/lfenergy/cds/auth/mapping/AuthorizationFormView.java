package org.lfenergy.cds.auth.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lfenergy.cds.auth.repository.CustomerObjectRepository.CustomerObject;
import org.lfenergy.cds.auth.service.CustomerAuthorization;
import org.lfenergy.cds.auth.service.consent.Modifications;
import org.lfenergy.cds.auth.service.consent.Preselection;
import org.lfenergy.cds.auth.service.scope.ScopeCatalog;

/** What the authorization form template shows (WG3 §9.2), in the customer's words. */
@TemplateData
public record AuthorizationFormView(String brand, String clientName, String clientUri, String requestId,
        String csrfToken, List<Section> sections, boolean hasObjects, String error) {

    /**
     * One Request Section: one scope, or several merged with {@code merge_selection_with}; data, duration, the
     * Selection of its level and the purpose.
     *
     * @param level         the form name of the selectable level: account, contract, service_point, meter or
     *                      aggregation
     * @param entryCount    how many entries the Selection offers (search, counter and hide toggle above 10)
     */
    @TemplateData
    public record Section(int index, String name, List<String> names, String data, List<String> dataItems,
            List<String> durations, String purposeName, String purposeContent, String purposeUri, String level,
            String selectionLegend, boolean includeFutureOffered, boolean includeFuture, List<Account> accounts,
            List<Choice> aggregations, boolean readOnly, int entryCount, int tickedCount, boolean editable,
            boolean kept, List<DataChoice> dataChoices) {

        /** The included data the customer left out (shown on the receipt). */
        public List<String> leftOut() {
            return dataChoices.stream().filter(c -> !c.checked()).map(DataChoice::label).toList();
        }

        public boolean large() {
            return entryCount > 10;
        }
    }

    /** A customer account with its service contracts. */
    @TemplateData
    public record Account(String id, boolean selectable, boolean checked, List<Contract> contracts) {
    }

    /** A service contract with its service points (and the meter accounts behind them). */
    @TemplateData
    public record Contract(String id, String status, boolean selectable, boolean checked,
            List<ServicePoint> servicePoints) {
    }

    /** A service point with the meters installed there now. */
    @TemplateData
    public record ServicePoint(String id, String meterAccount, boolean selectable, boolean checked,
            List<Meter> meters) {
    }

    /** A meter device. */
    @TemplateData
    public record Meter(String id, boolean selectable, boolean checked) {
    }

    /**
     * An included-data field of an editable section ({@code allow_scope_modifications}): form value
     * {@code <scope>.<field>}, plain-language label, ticked while shared.
     */
    @TemplateData
    public record DataChoice(String value, String label, boolean checked) {
    }

    /** An aggregation number the client asks about (the server keeps no aggregation list). */
    @TemplateData
    public record Choice(String id, boolean checked) {
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

    private static final Map<Preselection.Level, String> LEGENDS = Map.of(
            Preselection.Level.ACCOUNT, "Which of your accounts may %s see?",
            Preselection.Level.SERVICE_CONTRACT, "Which of your services may %s see?",
            Preselection.Level.SERVICE_POINT, "Which of your service points may %s see?",
            Preselection.Level.METER_DEVICE, "Which of your meters may %s see?",
            Preselection.Level.AGGREGATION, "In which of these groups (for example your building) may %s count you?");

    public static AuthorizationFormView of(String brand, CustomerAuthorization.Form form, ScopeCatalog catalog) {
        return of(brand, form, catalog, Instant.now());
    }

    public static AuthorizationFormView of(String brand, CustomerAuthorization.Form form, ScopeCatalog catalog,
            Instant now) {
        JsonNode client = form.client().document();
        String clientName = client.path("client_name").asText(form.client().clientId());
        Map<String, JsonNode> resolved = new LinkedHashMap<>();
        form.request().authorizationDetails().forEach(e -> resolved.put(e.path("type").asText(), e));
        List<Preselection.Holding> holdings = form.holdings(now);
        List<Section> sections = new ArrayList<>();
        for (Preselection.Section section : CustomerAuthorization.sections(form.request())) {
            List<String> names = new ArrayList<>();
            List<String> dataItems = new ArrayList<>();
            List<List<String>> durationsPerScope = new ArrayList<>();
            for (String scopeId : section.scopeIds()) {
                var scope = catalog.scope(scopeId).orElse(null);
                String name = scope == null ? scopeId : scope.published().path("name").asText(scopeId);
                names.add(name);
                dataItems.add(DATA.getOrDefault(scope == null ? scopeId : scope.type(), name));
                JsonNode entry = resolved.getOrDefault(scopeId, section.entries().get(0));
                List<String> durations = new ArrayList<>();
                DURATION_FIELDS.forEach((field, text) -> {
                    if (entry.has(field) && !entry.get(field).isNull()) {
                        durations.add(String.format(text, when(field, entry.get(field).asText())));
                    }
                });
                durationsPerScope.add(durations);
            }
            // merged scopes with equal durations share one statement (WG3 §9.2.2)
            List<String> durations = new ArrayList<>();
            boolean same = durationsPerScope.stream().distinct().count() == 1;
            for (int i = 0; i < durationsPerScope.size(); i++) {
                if (same && i > 0) {
                    break;
                }
                String prefix = same || durationsPerScope.get(i).isEmpty() ? "" : names.get(i) + ": ";
                if (!durationsPerScope.get(i).isEmpty()) {
                    durations.add(prefix + String.join(" ", durationsPerScope.get(i)));
                }
            }
            JsonNode first = resolved.getOrDefault(section.scopeIds().get(0), section.entries().get(0));
            JsonNode purpose = first.hasNonNull("purpose")
                    ? client.path("cds_purposes").path(first.get("purpose").asText()) : null;
            boolean hasPurpose = purpose != null && !purpose.isMissingNode();
            boolean editable = Modifications.editable(section);
            List<DataChoice> choices = new ArrayList<>();
            if (editable) {
                for (int i = 0; i < section.scopeIds().size(); i++) {
                    String scopeId = section.scopeIds().get(i);
                    JsonNode entry = resolved.getOrDefault(scopeId, section.entries().get(i));
                    for (String field : Modifications.offeredFields(entry)) {
                        choices.add(new DataChoice(scopeId + "." + field, (names.size() > 1 ? names.get(i) + ": " : "")
                                + plain(field), !form.modifications().droppedFields()
                                        .getOrDefault(scopeId, java.util.Set.of()).contains(field)));
                    }
                }
            }
            CustomerAuthorization.Ticked ticked = form.ticked().getOrDefault(section.index(),
                    new CustomerAuthorization.Ticked(java.util.Set.of(), false));
            Preselection.Level level = section.level();
            List<Account> accounts = level == Preselection.Level.AGGREGATION ? List.of()
                    : tree(form, holdings, level, ticked);
            List<Choice> aggregations = new ArrayList<>();
            if (level == Preselection.Level.AGGREGATION) {
                Preselection.of(section, holdings).ticked().forEach(n -> aggregations.add(
                        new Choice(n, section.readOnly() || ticked.numbers().contains(n))));
            }
            long entries = level == Preselection.Level.AGGREGATION ? aggregations.size()
                    : holdings.stream().map(Preselection.keyOf(level)).filter(k -> k != null && !k.isEmpty())
                            .distinct().count();
            sections.add(new Section(section.index(), String.join(", ", names), names,
                    String.join("; ", dataItems), dataItems, durations,
                    hasPurpose ? purpose.path("name").asText(null) : null,
                    hasPurpose ? purpose.path("content").asText(null) : null,
                    !hasPurpose || purpose.path("related_uri").isNull() ? null
                            : purpose.path("related_uri").asText(null),
                    level.formName(), String.format(LEGENDS.get(level), clientName), level.offersIncludeFuture(),
                    ticked.includeFuture(), accounts, aggregations, section.readOnly(), (int) entries,
                    section.readOnly() ? aggregations.size() : ticked.numbers().size(), editable,
                    !form.modifications().removed().containsAll(section.scopeIds()), choices));
        }
        String uri = client.path("client_uri").isTextual() ? client.path("client_uri").asText() : null;
        return new AuthorizationFormView(brand, clientName, uri, form.request().requestId(),
                form.request().csrfToken(), sections, !form.objects().isEmpty(), form.error());
    }

    /** The customer's accounts → contracts → service points → current meters, selectable at one level. */
    private static List<Account> tree(CustomerAuthorization.Form form, List<Preselection.Holding> holdings,
            Preselection.Level level, CustomerAuthorization.Ticked ticked) {
        Map<String, String> statuses = new LinkedHashMap<>();
        Map<String, String> meterAccounts = new LinkedHashMap<>();
        for (CustomerObject o : form.objects()) {
            statuses.put(o.contractId(), o.serviceStatus() == null ? "" : o.serviceStatus());
            if (!o.servicePointId().isEmpty()) {
                meterAccounts.putIfAbsent(o.servicePointId(), o.meterAccountId());
            }
        }
        Map<String, Map<String, Map<String, java.util.Set<String>>>> tree = new LinkedHashMap<>();
        for (Preselection.Holding h : holdings) {
            var points = tree.computeIfAbsent(h.account(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(h.contract(), k -> new LinkedHashMap<>());
            if (!h.servicePoint().isEmpty()) {
                var meters = points.computeIfAbsent(h.servicePoint(), k -> new java.util.LinkedHashSet<>());
                if (h.meter() != null) {
                    meters.add(h.meter());
                }
            }
        }
        java.util.Set<String> on = ticked.numbers();
        List<Account> accounts = new ArrayList<>();
        tree.forEach((account, contracts) -> {
            List<Contract> list = new ArrayList<>();
            contracts.forEach((contract, points) -> {
                List<ServicePoint> sps = new ArrayList<>();
                points.forEach((sp, meters) -> sps.add(new ServicePoint(sp, meterAccounts.get(sp),
                        level == Preselection.Level.SERVICE_POINT, level == Preselection.Level.SERVICE_POINT
                                && on.contains(sp),
                        meters.stream().map(m -> new Meter(m, level == Preselection.Level.METER_DEVICE,
                                level == Preselection.Level.METER_DEVICE && on.contains(m))).toList())));
                list.add(new Contract(contract, statuses.get(contract), level == Preselection.Level.SERVICE_CONTRACT,
                        level == Preselection.Level.SERVICE_CONTRACT && on.contains(contract), sps));
            });
            accounts.add(new Account(account, level == Preselection.Level.ACCOUNT,
                    level == Preselection.Level.ACCOUNT && on.contains(account), list));
        });
        return accounts;
    }

    /** {@code include_bill_statement_files} → "bill statement files". */
    static String plain(String field) {
        return field.replaceFirst("^include_", "").replace('_', ' ');
    }

    private static String when(String field, String value) {
        if ("infinite".equals(value)) {
            return field.endsWith("_start") || field.equals("start_date") ? "the earliest data we have"
                    : "you stop it in your settings";
        }
        return value.length() > 10 ? value.substring(0, 10) : value;
    }
}
