package org.lfenergy.cds.auth.service.consent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.lfenergy.cds.auth.service.ApiError;
import org.lfenergy.cds.auth.service.scope.AuthorizationDetailsResolver;

/**
 * The preselection rules of the authorization form (WG3 §7.1, §7.4.2, §9.2.3), pure: which Request Sections a
 * request has ({@code merge_selection_with}), which of the customer's objects each section starts with ticked
 * ({@code _all}, {@code _include_future}, numbers, intersected across fields), and the request-time checks whose
 * failure is {@code invalid_authorization_details}.
 *
 * <p>Number fields are matched against the customer's holdings along the chain account → contract → service point
 * (premise) → meter. Fields this server has no data for on the form ({@code *_types}, {@code *_programs},
 * {@code meter_apps}, {@code addresses}) never narrow a preselection. The server keeps no aggregation membership, so
 * {@code aggregation_numbers} matches no account, contract, service point or meter, and in an Aggregation Selection
 * the numbers the client sent are the list (WG3 §9.2.3, "if the server does not have the list").
 */
public final class Preselection {

    /** Preselects every entry of the selection. */
    public static final String ALL = "_all";
    /** Ticks the "include future" option of the Account or Contract Selection. */
    public static final String INCLUDE_FUTURE = "_include_future";

    /** The five Selection components (values of {@code authorization_form_selection_type}). */
    public enum Level {
        ACCOUNT("account_selection", "account"),
        SERVICE_CONTRACT("service_contract_selection", "contract"),
        SERVICE_POINT("servicepoint_selection", "service_point"),
        METER_DEVICE("meter_device_selection", "meter"),
        AGGREGATION("aggregation_selection", "aggregation");

        private final String selectionType;
        private final String formName;

        Level(String selectionType, String formName) {
            this.selectionType = selectionType;
            this.formName = formName;
        }

        public String selectionType() {
            return selectionType;
        }

        /** The form field name of this level's checkboxes. */
        public String formName() {
            return formName;
        }

        /** Only the Account and Contract Selections have an "include future" toggle (WG3 §9.2.3). */
        public boolean offersIncludeFuture() {
            return this == ACCOUNT || this == SERVICE_CONTRACT;
        }

        public static Level of(String selectionType) {
            for (Level l : values()) {
                if (l.selectionType.equals(selectionType)) {
                    return l;
                }
            }
            throw ApiError.invalidAuthorizationDetails("unknown authorization_form_selection_type " + selectionType);
        }
    }

    /**
     * One path through the customer's holdings; {@code meter} is null where no meter is installed, empty strings
     * stand for absent ids.
     */
    public record Holding(String account, String contract, String premise, String servicePoint, String meter) {
    }

    /**
     * One Request Section: one scope, or several chained by {@code merge_selection_with} (same Selection type).
     *
     * @param index   position in the form (stable for one request)
     * @param entries the effective authorization details objects of its scopes, in request order
     */
    public record Section(int index, Level level, List<JsonNode> entries) {
        public List<String> scopeIds() {
            return entries.stream().map(e -> e.path("type").asText()).toList();
        }

        /**
         * The Aggregation Inclusion consent shows the preselected aggregations read-only (WG3 §9.2.3): the customer
         * approves or declines being counted in all of them.
         */
        public boolean readOnly() {
            return level == Level.AGGREGATION
                    && entries.stream().anyMatch(e -> "cds_aggregation_consent".equals(e.path("type").asText()));
        }

        /** Whether a scope of the section asks for the Preselection Error page when nothing is preselected. */
        public boolean errorIfNoPreselections() {
            return entries.stream().anyMatch(e -> e.path("error_if_no_preselections").asBoolean(false));
        }
    }

    /**
     * What a section starts with ticked.
     *
     * @param fieldsPresent true when at least one preselection field the form evaluates was sent (non-null)
     * @param ticked        the preselected entries of the section's level (account, contract, service point or meter
     *                      numbers; aggregation numbers for the Aggregation Selection)
     */
    public record Result(boolean fieldsPresent, Set<String> ticked, boolean includeFuture) {
        /** Nothing would be preselected although preselection fields were sent (WG3 §9.1 step 4). */
        public boolean nothingPreselected() {
            return fieldsPresent && ticked.isEmpty() && !includeFuture;
        }
    }

    /** Number fields and the holding attribute each one matches. */
    private static final Map<String, Function<Holding, String>> NUMBER_FIELDS = new LinkedHashMap<>();

    static {
        NUMBER_FIELDS.put("account_numbers", Holding::account);
        NUMBER_FIELDS.put("contract_numbers", Holding::contract);
        NUMBER_FIELDS.put("servicepoint_numbers", Holding::servicePoint);
        NUMBER_FIELDS.put("premise_numbers", Holding::premise);
        NUMBER_FIELDS.put("meter_numbers", Holding::meter);
        NUMBER_FIELDS.put("aggregation_numbers", h -> null);
    }

    /** Fields whose {@code _include_future} value has a meaning (the Account and Contract Selections' toggle). */
    private static final Set<String> INCLUDE_FUTURE_FIELDS = Set.of("account_numbers", "contract_numbers");

    private Preselection() {
    }

    /**
     * Checks the request-time rules and groups the scopes into Request Sections.
     *
     * @param requested the effective authorization details objects (defaults filled, preselection fields kept), one
     *                  per scope with details, in request order
     * @throws ApiError {@code invalid_authorization_details} when a special value is used where it has no meaning or
     *                  a {@code merge_selection_with} chain breaks a rule of WG3 §7.4.2
     */
    public static List<Section> sections(List<JsonNode> requested) {
        for (JsonNode entry : requested) {
            checkSpecialValues(entry);
        }
        Map<String, JsonNode> byScope = new LinkedHashMap<>();
        for (JsonNode entry : requested) {
            byScope.putIfAbsent(entry.path("type").asText(), entry);
        }
        // union-find over merge links; each group becomes one section
        Map<String, String> parent = new LinkedHashMap<>();
        byScope.keySet().forEach(s -> parent.put(s, s));
        for (JsonNode entry : requested) {
            JsonNode merge = entry.get("merge_selection_with");
            if (merge == null || merge.isNull()) {
                continue;
            }
            String scope = entry.path("type").asText();
            String target = merge.asText();
            JsonNode other = target.equals(scope) ? null : byScope.get(target);
            if (other == null) {
                throw ApiError.invalidAuthorizationDetails(scope + ".merge_selection_with names " + target
                        + ", which is not another scope of this request");
            }
            checkMergeable(scope, entry, target, other);
            String a = root(parent, scope);
            String b = root(parent, target);
            if (!a.equals(b)) {
                parent.put(b, a);
            }
        }
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        for (JsonNode entry : requested) {
            groups.computeIfAbsent(root(parent, entry.path("type").asText()), k -> new ArrayList<>()).add(entry);
        }
        List<Section> out = new ArrayList<>();
        for (List<JsonNode> entries : groups.values()) {
            out.add(new Section(out.size(), Level.of(entries.get(0).path("authorization_form_selection_type")
                    .asText(Level.ACCOUNT.selectionType())), List.copyOf(entries)));
        }
        return out;
    }

    private static String root(Map<String, String> parent, String s) {
        String r = s;
        while (!parent.get(r).equals(r)) {
            r = parent.get(r);
        }
        return r;
    }

    private static void checkSpecialValues(JsonNode entry) {
        String scope = entry.path("type").asText();
        for (String field : NUMBER_FIELDS.keySet()) {
            JsonNode values = entry.get(field);
            if (values == null || !values.isArray()) {
                continue;
            }
            for (JsonNode v : values) {
                String value = v.asText();
                if (INCLUDE_FUTURE.equals(value) && !INCLUDE_FUTURE_FIELDS.contains(field)) {
                    throw ApiError.invalidAuthorizationDetails(scope + "." + field + ": " + INCLUDE_FUTURE
                            + " is only defined for account_numbers and contract_numbers");
                }
                if (field.equals("aggregation_numbers") && (ALL.equals(value) || INCLUDE_FUTURE.equals(value))) {
                    throw ApiError.invalidAuthorizationDetails(scope + ".aggregation_numbers: " + value
                            + " cannot be honoured, this server has no list of aggregations; send the numbers");
                }
            }
        }
    }

    /** WG3 §7.4.2: the reasons a merge fails. */
    private static void checkMergeable(String scope, JsonNode entry, String target, JsonNode other) {
        String where = scope + ".merge_selection_with " + target + ": ";
        if (other.path("merge_selection_with").isNull() || other.path("merge_selection_with").isMissingNode()) {
            throw ApiError.invalidAuthorizationDetails(where + target + " has no merge_selection_with of its own");
        }
        if (!Objects.equals(entry.path("authorization_form_selection_type").asText(null),
                other.path("authorization_form_selection_type").asText(null))) {
            throw ApiError.invalidAuthorizationDetails(where + "the two scopes use different selection types");
        }
        if (!entry.path("purpose").equals(other.path("purpose"))) {
            throw ApiError.invalidAuthorizationDetails(where + "the two scopes have different purposes");
        }
        if (!entry.path("allow_scope_modifications").equals(other.path("allow_scope_modifications"))) {
            throw ApiError.invalidAuthorizationDetails(where + "allow_scope_modifications differs");
        }
        for (String field : AuthorizationDetailsResolver.PRESELECTION) {
            boolean inEntry = entry.has(field);
            boolean inOther = other.has(field);
            if (inEntry && inOther && !entry.get(field).equals(other.get(field))) {
                throw ApiError.invalidAuthorizationDetails(where + "the scopes preselect " + field + " differently");
            }
            if (inEntry != inOther && !(inEntry ? entry.get(field) : other.get(field)).isNull()) {
                throw ApiError.invalidAuthorizationDetails(where + field + " is set but only one of the scopes"
                        + " offers it");
            }
        }
    }

    /**
     * What a section starts with ticked, given the customer's holdings. Within a field, values are alternatives;
     * several fields intersect (WG3 §7.1).
     */
    public static Result of(Section section, List<Holding> holdings) {
        JsonNode entry = section.entries().get(0);
        Level level = section.level();
        if (level == Level.AGGREGATION) {
            JsonNode numbers = entry.get("aggregation_numbers");
            Set<String> ticked = new LinkedHashSet<>();
            if (numbers != null && numbers.isArray()) {
                numbers.forEach(n -> ticked.add(n.asText()));
            }
            return new Result(numbers != null && numbers.isArray(), ticked, false);
        }
        Function<Holding, String> key = keyOf(level);
        Set<String> candidates = new LinkedHashSet<>();
        for (Holding h : holdings) {
            String k = key.apply(h);
            if (k != null && !k.isEmpty()) {
                candidates.add(k);
            }
        }
        boolean present = false;
        boolean includeFuture = false;
        Set<String> ticked = new LinkedHashSet<>(candidates);
        for (Map.Entry<String, Function<Holding, String>> field : NUMBER_FIELDS.entrySet()) {
            JsonNode values = entry.get(field.getKey());
            if (values == null || !values.isArray()) {
                continue;
            }
            present = true;
            Set<String> wanted = new LinkedHashSet<>();
            values.forEach(v -> wanted.add(v.asText()));
            if (wanted.contains(INCLUDE_FUTURE) && level.offersIncludeFuture()) {
                includeFuture = true;
            }
            if (wanted.contains(ALL)) {
                continue;
            }
            Set<String> matched = new LinkedHashSet<>();
            for (Holding h : holdings) {
                String attribute = field.getValue().apply(h);
                String k = key.apply(h);
                if (attribute != null && !attribute.isEmpty() && wanted.contains(attribute) && k != null
                        && !k.isEmpty()) {
                    matched.add(k);
                }
            }
            ticked.retainAll(matched);
        }
        return new Result(present, present ? ticked : Set.of(), includeFuture);
    }

    /** The holding attribute that names an entry of this level. */
    public static Function<Holding, String> keyOf(Level level) {
        return switch (level) {
            case ACCOUNT -> Holding::account;
            case SERVICE_CONTRACT -> Holding::contract;
            case SERVICE_POINT -> Holding::servicePoint;
            case METER_DEVICE -> Holding::meter;
            case AGGREGATION -> h -> null;
        };
    }
}
