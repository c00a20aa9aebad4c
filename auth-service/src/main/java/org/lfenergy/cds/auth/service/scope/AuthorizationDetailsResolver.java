package org.lfenergy.cds.auth.service.scope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lfenergy.cds.auth.service.ApiError;

/**
 * Resolves a request's {@code scope} and RFC 9396 {@code authorization_details} against the Scope Descriptions
 * (cds-auth-side §12.6): maps RAR types to scopes, rejects unknown types and fields and values that break their
 * format, minimum, maximum or choices ({@code invalid_authorization_details}), fills defaults, and turns relative
 * dates into absolute ones at {@code now} in the server's time zone. Pure.
 */
public final class AuthorizationDetailsResolver {

    /** Fields whose relative values count back from now (WG3 §7.3, per-field text; see §16 C9). */
    public static final Set<String> HISTORICAL = Set.of("statement_date_start", "start_date", "segment_start");

    /** Preselection fields (WG3 §7.1). */
    public static final Set<String> PRESELECTION = Set.of("account_numbers", "account_programs", "contract_numbers",
            "service_types", "service_programs", "servicepoint_numbers", "servicepoint_types", "premise_numbers",
            "meter_numbers", "meter_types", "meter_apps", "aggregation_numbers", "addresses");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * The outcome.
     *
     * @param scopes the effective scope ids, in request order
     * @param requested per scope, the effective object before relative values were resolved (defaults filled);
     *                  equal requests give equal objects
     * @param resolved  the {@code authorization_details} to store in the Grant and echo in the token response
     */
    public record Resolution(List<String> scopes, ArrayNode requested, ArrayNode resolved) {
    }

    private final ScopeCatalog catalog;

    public AuthorizationDetailsResolver(ScopeCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param requestedScopes      the {@code scope} parameter's values (may be empty when RAR names the scopes)
     * @param authorizationDetails the parsed parameter, or null when absent
     * @param allowedScopes        the scopes of the Client Object
     * @param allowedTypes         the Client Object's {@code authorization_details_types}
     * @param forConsentGrant      true for authorization-code Grants: preselection fields are not echoed
     */
    public Resolution resolve(Collection<String> requestedScopes, JsonNode authorizationDetails,
            Collection<String> allowedScopes, Collection<String> allowedTypes, ZonedDateTime now, boolean forConsentGrant) {
        Map<String, ObjectNode> entries = new LinkedHashMap<>();
        Set<String> scopes = new LinkedHashSet<>(requestedScopes);
        if (authorizationDetails != null && !authorizationDetails.isNull()) {
            if (!authorizationDetails.isArray()) {
                throw ApiError.invalidAuthorizationDetails("authorization_details must be a JSON array");
            }
            for (JsonNode entry : authorizationDetails) {
                if (!entry.isObject() || !entry.path("type").isTextual()) {
                    throw ApiError.invalidAuthorizationDetails("every authorization_details entry needs a string type");
                }
                String type = entry.get("type").asText();
                String scopeId = catalog.scopeIdForRarType(type).orElseThrow(() ->
                        ApiError.invalidAuthorizationDetails("unknown authorization_details type " + type));
                if (!allowedTypes.contains(type)) {
                    throw ApiError.invalidAuthorizationDetails("type " + type + " is not registered for this client");
                }
                if (entries.put(scopeId, (ObjectNode) entry) != null) {
                    throw ApiError.invalidAuthorizationDetails("type " + type + " appears more than once");
                }
                scopes.add(scopeId);
            }
        }
        for (String scope : scopes) {
            if (!allowedScopes.contains(scope)) {
                throw ApiError.invalidScope("scope " + scope + " is not registered for this client");
            }
        }
        ArrayNode requested = JSON.arrayNode();
        ArrayNode resolved = JSON.arrayNode();
        for (String scopeId : scopes) {
            ScopeDescription scope = catalog.scope(scopeId).orElseThrow(() -> ApiError.invalidScope("unknown scope " + scopeId));
            if (scope.authorizationDetailsTypes().isEmpty()) {
                continue;
            }
            ObjectNode entry = entries.getOrDefault(scopeId, JSON.objectNode());
            for (Iterator<String> it = entry.fieldNames(); it.hasNext();) {
                String field = it.next();
                if (!field.equals("type") && !scope.fields().containsKey(field)) {
                    throw ApiError.invalidAuthorizationDetails("field " + field + " is not supported by " + scopeId);
                }
            }
            ObjectNode effective = JSON.objectNode();
            ObjectNode out = JSON.objectNode();
            effective.put("type", scopeId);
            out.put("type", scopeId);
            for (FieldSpec field : scope.fields().values()) {
                JsonNode value = entry.get(field.id());
                if (value == null) {
                    if (field.required()) {
                        throw ApiError.invalidAuthorizationDetails(scopeId + " requires the field " + field.id());
                    }
                    if (!field.hasDefault()) {
                        continue;
                    }
                    value = field.defaultValue();
                }
                effective.set(field.id(), value.deepCopy());
                JsonNode normalized = normalize(scopeId, field, value, now);
                if (!(forConsentGrant && PRESELECTION.contains(field.id())
                        && !field.id().equals("account_programs") && !field.id().equals("service_programs"))) {
                    out.set(field.id(), normalized);
                }
            }
            scopeRules(scope, effective);
            requested.add(effective);
            resolved.add(out);
        }
        return new Resolution(List.copyOf(scopes), requested, resolved);
    }

    /** Scope-specific MUSTs of WG3 §6. */
    private static void scopeRules(ScopeDescription scope, ObjectNode effective) {
        switch (scope.type()) {
            case "cds_account_programs", "cds_service_programs" -> {
                String field = scope.type().equals("cds_account_programs") ? "account_programs" : "service_programs";
                if (effective.path(field).isNull() || effective.path(field).isMissingNode()) {
                    throw ApiError.invalidAuthorizationDetails(scope.id() + " requires a non-null " + field);
                }
            }
            case "cds_aggregation_consent" -> {
                if (effective.path("aggregation_numbers").isNull() || effective.path("premise_numbers").isNull()
                        || !effective.path("error_if_no_preselections").asBoolean(true)
                        || effective.path("allow_scope_modifications").asBoolean(false)) {
                    throw ApiError.invalidAuthorizationDetails(scope.id()
                            + " requires aggregation_numbers and premise_numbers, error_if_no_preselections true"
                            + " and allow_scope_modifications false");
                }
            }
            default -> {
            }
        }
        if (effective.path("error_if_no_preselections").asBoolean(false) && scope.responseTypes().isEmpty()) {
            boolean anyPreselection = PRESELECTION.stream()
                    .anyMatch(f -> effective.has(f) && !effective.get(f).isNull());
            if (!anyPreselection) {
                throw ApiError.invalidAuthorizationDetails(scope.id()
                        + ": error_if_no_preselections is true but no preselection field has a value");
            }
        }
    }

    /** Validates one value against its field and returns what the Grant stores. */
    static JsonNode normalize(String scopeId, FieldSpec field, JsonNode value, ZonedDateTime now) {
        String where = scopeId + "." + field.id();
        String format = field.format();
        boolean nullable = format.endsWith("_or_null");
        if (value.isNull()) {
            if (!nullable) {
                throw ApiError.invalidAuthorizationDetails(where + " must not be null");
            }
            return value;
        }
        String base = nullable ? format.substring(0, format.length() - "_or_null".length()) : format;
        switch (base) {
            case "boolean" -> {
                if (!value.isBoolean()) {
                    throw ApiError.invalidAuthorizationDetails(where + " must be true or false");
                }
                return value;
            }
            case "int", "decimal" -> {
                if (!value.isNumber() || base.equals("int") && !value.isIntegralNumber()) {
                    throw ApiError.invalidAuthorizationDetails(where + " must be a" + (base.equals("int") ? "n integer" : " number"));
                }
                BigDecimal number = value.decimalValue();
                if (field.minimum() != null && field.minimum().isNumber() && number.compareTo(field.minimum().decimalValue()) < 0
                        || field.maximum() != null && field.maximum().isNumber() && number.compareTo(field.maximum().decimalValue()) > 0) {
                    throw ApiError.invalidAuthorizationDetails(where + " is outside its minimum and maximum");
                }
                return value;
            }
            case "string" -> {
                if (!value.isTextual()) {
                    throw ApiError.invalidAuthorizationDetails(where + " must be a string");
                }
                checkLength(where, field, value.asText().length());
                return value;
            }
            case "string_list" -> {
                if (!value.isArray()) {
                    throw ApiError.invalidAuthorizationDetails(where + " must be a list of strings");
                }
                int total = 0;
                for (JsonNode item : value) {
                    if (!item.isTextual() || item.asText().isEmpty()) {
                        throw ApiError.invalidAuthorizationDetails(where + " must contain non-empty strings only");
                    }
                    total += item.asText().length();
                }
                checkLength(where, field, total);
                return value;
            }
            case "choice" -> {
                if (!value.isTextual() || !field.choiceIds().contains(value.asText())) {
                    throw ApiError.invalidAuthorizationDetails(where + " must be one of " + field.choiceIds());
                }
                return value;
            }
            case "choice_list" -> {
                if (!value.isArray()) {
                    throw ApiError.invalidAuthorizationDetails(where + " must be a list of choice ids");
                }
                Set<String> seen = new HashSet<>();
                ArrayNode out = JSON.arrayNode();
                for (JsonNode item : value) {
                    if (!item.isTextual() || !field.choiceIds().contains(item.asText())) {
                        throw ApiError.invalidAuthorizationDetails(where + " may only contain " + field.choiceIds());
                    }
                    if (seen.add(item.asText())) {
                        out.add(item.asText());
                    }
                }
                return out;
            }
            case "relative_or_absolute_date", "relative_or_absolute_datetime" -> {
                return duration(where, field, value, now, base.endsWith("datetime"));
            }
            case "jwk" -> {
                checkJwk(where, value);
                return value;
            }
            default -> throw new IllegalStateException("unsupported format " + format + " of " + where);
        }
    }

    private static void checkLength(String where, FieldSpec field, int length) {
        if (field.minimum() != null && field.minimum().isNumber() && length < field.minimum().asInt()
                || field.maximum() != null && field.maximum().isNumber() && length > field.maximum().asInt()) {
            throw ApiError.invalidAuthorizationDetails(where + " length must be between " + field.minimum() + " and "
                    + field.maximum());
        }
    }

    private static JsonNode duration(String where, FieldSpec field, JsonNode value, ZonedDateTime now, boolean datetime) {
        if (!value.isTextual()) {
            throw ApiError.invalidAuthorizationDetails(where + " must be a date, a duration or \"infinite\"");
        }
        boolean historical = HISTORICAL.contains(field.id());
        String text = value.asText();
        try {
            if (datetime) {
                Instant resolved = RelativeOrAbsolute.datetime(text, historical, now);
                Instant min = bound(field.minimum(), historical, now);
                Instant max = bound(field.maximum(), historical, now);
                // for historical fields "maximum" is the furthest back, "minimum" the closest to now (§16 C10)
                Instant earliest = historical ? max : min;
                Instant latest = historical ? min : max;
                boolean maxInfinite = isInfinite(field.maximum());
                if (resolved == null) {
                    if (!maxInfinite) {
                        throw ApiError.invalidAuthorizationDetails(where + " may not be \"infinite\"");
                    }
                    return JSON.textNode(RelativeOrAbsolute.INFINITE);
                }
                if (earliest != null && resolved.isBefore(earliest) || latest != null && resolved.isAfter(latest)) {
                    throw ApiError.invalidAuthorizationDetails(where + " is outside its minimum and maximum");
                }
                return JSON.textNode(resolved.toString());
            }
            LocalDate resolved = RelativeOrAbsolute.date(text, historical, now);
            LocalDate min = dateBound(field.minimum(), historical, now);
            LocalDate max = dateBound(field.maximum(), historical, now);
            LocalDate earliest = historical ? max : min;
            LocalDate latest = historical ? min : max;
            if (resolved == null) {
                if (!isInfinite(field.maximum())) {
                    throw ApiError.invalidAuthorizationDetails(where + " may not be \"infinite\"");
                }
                return JSON.textNode(RelativeOrAbsolute.INFINITE);
            }
            if (earliest != null && resolved.isBefore(earliest) || latest != null && resolved.isAfter(latest)) {
                throw ApiError.invalidAuthorizationDetails(where + " is outside its minimum and maximum");
            }
            return JSON.textNode(resolved.toString());
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidAuthorizationDetails(where + ": " + e.getMessage());
        }
    }

    private static boolean isInfinite(JsonNode bound) {
        return bound == null || RelativeOrAbsolute.INFINITE.equals(bound.asText());
    }

    private static Instant bound(JsonNode bound, boolean historical, ZonedDateTime now) {
        return bound == null ? null : RelativeOrAbsolute.datetime(bound.asText(), historical, now);
    }

    private static LocalDate dateBound(JsonNode bound, boolean historical, ZonedDateTime now) {
        return bound == null ? null : RelativeOrAbsolute.date(bound.asText(), historical, now);
    }

    /** An EC P-256 public encryption key (the one key type the spec makes mandatory). */
    private static void checkJwk(String where, JsonNode jwk) {
        boolean ok = jwk.isObject() && "EC".equals(jwk.path("kty").asText()) && "P-256".equals(jwk.path("crv").asText())
                && coordinate(jwk.path("x")) && coordinate(jwk.path("y"))
                && (!jwk.has("use") || "enc".equals(jwk.path("use").asText())) && !jwk.has("d");
        if (!ok) {
            throw ApiError.invalidAuthorizationDetails(where + " must be an EC P-256 public JWK with use \"enc\"");
        }
    }

    private static boolean coordinate(JsonNode value) {
        if (!value.isTextual()) {
            return false;
        }
        try {
            return Base64.getUrlDecoder().decode(value.asText()).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
