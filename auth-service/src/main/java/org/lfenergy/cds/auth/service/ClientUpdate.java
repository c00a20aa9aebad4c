package org.lfenergy.cds.auth.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.lfenergy.cds.auth.service.model.ClientKind;
import org.lfenergy.cds.auth.service.model.ClientObject;
import org.lfenergy.cds.auth.service.scope.AuthorizationDetailsResolver;
import org.lfenergy.cds.auth.service.scope.ScopeCatalog;
import org.lfenergy.cds.auth.service.scope.ScopeDescription;

/**
 * {@code PUT cds_client_uri} (WG1-02 §5.5, WG3 §8.3) as a pure function: the replacement body against the current
 * Client Object gives the new Client Object and the list of changed fields, or a 400 naming the field and the rule.
 * RFC 7592 full replacement: an editable field left out of the body goes back to its server default (the value given
 * at registration for the descriptive fields, the registered scope and status, the server-hosted default redirect);
 * an immutable field may be sent back unchanged, never changed.
 */
public final class ClientUpdate {

    /** One changed field, for the changelog Message. */
    public record Change(String field, JsonNode previous, JsonNode next) {
    }

    /** The new Client Object and what changed. */
    public record Result(ClientObject client, List<Change> changes) {
        public boolean changed() {
            return !changes.isEmpty();
        }
    }

    /**
     * Fields a customer sees on the authorization form and receipt, or that decide where codes go: on a production
     * Client Object with response types, a change to any of them waits for the server's review (202).
     */
    public static final List<String> REVIEWED = List.of("client_name", "client_uri", "logo_uri", "tos_uri",
            "policy_uri", "redirect_uris", "cds_purposes");

    /** Whether changes to {@link #REVIEWED} fields of this object wait for review: production consent objects. */
    public static boolean reviewsChanges(ClientObject c) {
        return !c.responseTypes().isEmpty() && c.statusOptions().contains("production");
    }

    /** The changes of a result that need review before they apply (empty: apply at once). */
    public static List<Change> needingReview(ClientObject current, Result result) {
        return reviewsChanges(current)
                ? result.changes().stream().filter(c -> REVIEWED.contains(c.field())).toList()
                : List.of();
    }

    /** Document member: the registration-time values that omitted descriptive fields reset to. */
    static final String REGISTERED = "cds_registered";
    /** Id of the server-default Purpose every consent object gets. */
    static final String DEFAULT_PURPOSE = "default-01";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> URI_FIELDS = List.of("client_uri", "logo_uri", "tos_uri", "policy_uri");
    private static final List<String> FORBIDDEN = List.of("client_secret", "client_secret_expires_at");
    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final ScopeCatalog catalog;
    private final java.util.function.UnaryOperator<String> hostedRedirect;

    /** @param hostedRedirect client id → its server-hosted default redirect URI */
    public ClientUpdate(ScopeCatalog catalog, java.util.function.UnaryOperator<String> hostedRedirect) {
        this.catalog = catalog;
        this.hostedRedirect = hostedRedirect;
    }

    /**
     * @param current   the stored Client Object
     * @param published its current JSON form (what a GET returns), to compare immutable fields against
     * @param body      the PUT body
     * @throws ApiError 400 {@code invalid_client_metadata} naming the field and the rule
     */
    public Result apply(ClientObject current, ObjectNode published, JsonNode body, ZonedDateTime now, Instant modified) {
        if (body == null || !body.isObject()) {
            throw invalid("the body must be a JSON object (the whole Client Object)");
        }
        for (String field : FORBIDDEN) {
            if (body.has(field)) {
                throw invalid(field + " may not be sent: secrets and their expiry live in the Credentials API");
            }
        }
        for (String field : List.of("client_id", "client_id_issued_at", "grant_types", "response_types",
                "token_endpoint_auth_method", "cds_created", "cds_modified", "cds_client_uri", "cds_server_metadata",
                "cds_status_options", "authorization_details_types")) {
            if (body.has(field) && !sameValue(body.get(field), published.get(field))) {
                throw invalid(field + " cannot be changed (it is " + published.get(field) + ")");
            }
        }
        ObjectNode registered = registeredValues(current);
        ObjectNode doc = current.document().deepCopy();
        doc.set(REGISTERED, registered.deepCopy());
        boolean code = !current.responseTypes().isEmpty();

        String name = text(body, "client_name", 1000);
        setOrReset(doc, "client_name", name == null ? registered.get("client_name") : JSON.textNode(name));
        for (String field : URI_FIELDS) {
            String value = text(body, field, 2000);
            if (value != null && !RegistrationService.isHttpUrl(value)) {
                throw invalid(field + " must be an absolute http(s) URL");
            }
            setOrReset(doc, field, value == null ? registered.get(field) : JSON.textNode(value));
        }
        doc.set("contacts", body.has("contacts") && !body.get("contacts").isNull() ? contacts(body.get("contacts"))
                : registered.path("contacts").isArray() ? registered.get("contacts").deepCopy() : JSON.arrayNode());

        List<String> scopes = scopes(current, body, registered);
        List<String> aliases = aliases(current, body, scopes);
        if (aliases.isEmpty()) {
            doc.remove(ClientObject.SCOPE_ALIASES);
        } else {
            ArrayNode a = doc.putArray(ClientObject.SCOPE_ALIASES);
            aliases.forEach(a::add);
        }
        ArrayNode rarTypes = JSON.arrayNode();
        scopes.stream().flatMap(s -> catalog.scope(s).orElseThrow().authorizationDetailsTypes().stream()).distinct()
                .forEach(rarTypes::add);
        doc.set("authorization_details_types", rarTypes);

        String status = body.has("cds_status") && !body.get("cds_status").isNull()
                ? body.get("cds_status").asText() : registered.path("cds_status").asText(current.status());
        if (!body.path("cds_status").isMissingNode() && !body.get("cds_status").isNull() && !body.get("cds_status").isTextual()) {
            throw invalid("cds_status must be a string");
        }
        if (!current.statusOptions().contains(status)) {
            throw invalid("cds_status must be one of " + current.statusOptions() + " (cds_status_options)");
        }

        if (code) {
            applyCodeFields(current, body, doc, scopes, now);
        } else {
            for (String field : List.of("cds_default_scope", "cds_default_redirect_uri", "cds_default_authorization_details",
                    "cds_purposes")) {
                if (body.hasNonNull(field) && !isEmpty(body.get(field))) {
                    throw invalid(field + " applies only to Client Objects with response types");
                }
            }
            JsonNode redirects = body.get("redirect_uris");
            if (redirects != null && !redirects.isNull() && !redirects.isEmpty()) {
                throw invalid("redirect_uris applies only to Client Objects with response types (this one has none)");
            }
        }

        ClientObject next = current.with(status, String.join(" ", scopes), modified, doc);
        return new Result(next, changes(current, next));
    }

    private void applyCodeFields(ClientObject current, JsonNode body, ObjectNode doc, List<String> scopes,
            ZonedDateTime now) {
        String hosted = hostedRedirect.apply(current.clientId());
        ArrayNode redirects = JSON.arrayNode();
        JsonNode given = body.get("redirect_uris");
        if (given == null || given.isNull()) {
            redirects.add(hosted);
        } else {
            if (!given.isArray()) {
                throw invalid("redirect_uris must be an array of URLs");
            }
            Set<String> seen = new LinkedHashSet<>();
            for (JsonNode u : given) {
                if (!u.isTextual() || !isRedirectUri(u.asText())) {
                    throw invalid("redirect_uris: " + u + " must be an absolute https URL without fragment"
                            + " (http only for localhost/loopback)");
                }
                if (seen.add(u.asText())) {
                    redirects.add(u.asText());
                }
            }
            if (redirects.size() > 20) {
                throw invalid("redirect_uris may hold at most 20 URLs");
            }
        }
        doc.set("redirect_uris", redirects);

        String defaultRedirect = text(body, "cds_default_redirect_uri", 2000);
        if (defaultRedirect == null) {
            defaultRedirect = hosted;
        } else if (!defaultRedirect.equals(hosted) && !contains(redirects, defaultRedirect)) {
            throw invalid("cds_default_redirect_uri must be one of redirect_uris or the server-hosted " + hosted);
        }
        doc.put("cds_default_redirect_uri", defaultRedirect);

        String defaultScopeText = text(body, "cds_default_scope", 10_000);
        List<String> defaultScope = defaultScopeText == null || defaultScopeText.isBlank() ? scopes
                : catalog.expand(Arrays.asList(defaultScopeText.trim().split("\\s+")));
        if (!scopes.containsAll(defaultScope)) {
            throw invalid("cds_default_scope must be a subset of scope");
        }
        doc.put("cds_default_scope", String.join(" ", defaultScope));

        JsonNode details = body.get("cds_default_authorization_details");
        if (details == null || details.isNull()) {
            doc.putArray("cds_default_authorization_details");
        } else {
            if (!details.isArray()) {
                throw invalid("cds_default_authorization_details must be an array of authorization details objects");
            }
            List<String> types = new ArrayList<>();
            scopes.forEach(s -> types.addAll(catalog.scope(s).orElseThrow().authorizationDetailsTypes()));
            try {
                new AuthorizationDetailsResolver(catalog).resolve(defaultScope, details, scopes, types, now, true);
            } catch (ApiError e) {
                throw invalid("cds_default_authorization_details: " + e.description());
            }
            doc.set("cds_default_authorization_details", details.deepCopy());
        }
        doc.set("cds_purposes", purposes(current, body.get("cds_purposes"), scopes));
    }

    /** WG3 §8.3: default Purposes stay as they are, others are replaced by the body's; new ones get server ids. */
    private ObjectNode purposes(ClientObject current, JsonNode given, List<String> scopes) {
        ObjectNode existing = current.document().path("cds_purposes").isObject()
                ? (ObjectNode) current.document().get("cds_purposes") : JSON.objectNode();
        ObjectNode out = JSON.objectNode();
        existing.fields().forEachRemaining(e -> {
            if (e.getKey().equals(DEFAULT_PURPOSE)) {
                ObjectNode p = e.getValue().deepCopy();
                ArrayNode supported = p.putArray("scopes_supported");
                scopes.forEach(supported::add);
                out.set(e.getKey(), p);
            }
        });
        if (given == null || given.isNull()) {
            return out;
        }
        if (!given.isObject()) {
            throw invalid("cds_purposes must be an object keyed by purpose id");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(DEFAULT_PURPOSE)) {
                continue; // changes to server-default Purposes are ignored
            }
            JsonNode p = e.getValue();
            if (!p.isObject()) {
                throw invalid("cds_purposes." + e.getKey() + " must be a Purpose object");
            }
            String name = p.path("name").isTextual() ? p.get("name").asText() : null;
            String content = p.path("content").isTextual() ? p.get("content").asText() : null;
            if (name == null || name.length() > 200) {
                throw invalid("cds_purposes." + e.getKey() + ".name must be a string of at most 200 characters");
            }
            if (content == null || content.isBlank() || content.length() > 10_000) {
                throw invalid("cds_purposes." + e.getKey() + ".content must contain a non-whitespace character"
                        + " (at most 10000 characters)");
            }
            JsonNode related = p.get("related_uri");
            String relatedUri = related == null || related.isNull() ? null : related.asText();
            if (relatedUri != null && (!related.isTextual() || !RegistrationService.isHttpUrl(relatedUri))) {
                throw invalid("cds_purposes." + e.getKey() + ".related_uri must be an absolute http(s) URL or null");
            }
            String relatedName = p.path("related_name").isTextual() ? p.get("related_name").asText() : null;
            if (relatedUri != null && (relatedName == null || relatedName.isBlank() || relatedName.contains("\n")
                    || relatedName.contains("\r"))) {
                throw invalid("cds_purposes." + e.getKey() + ".related_name is required with related_uri: non-blank,"
                        + " one line");
            }
            // An id this object does not know is a new Purpose: the server assigns id and scopes_supported.
            String id = existing.has(e.getKey()) ? e.getKey() : Ids.random("p");
            ObjectNode purpose = out.putObject(id);
            purpose.put("id", id);
            purpose.put("name", name);
            purpose.put("content", content);
            if (relatedUri == null) {
                purpose.putNull("related_uri");
            } else {
                purpose.put("related_uri", relatedUri);
                purpose.put("related_name", relatedName);
            }
            ArrayNode supported = purpose.putArray("scopes_supported");
            JsonNode kept = existing.path(id).path("scopes_supported");
            if (kept.isArray()) {
                kept.forEach(s -> {
                    if (scopes.contains(s.asText())) {
                        supported.add(s.asText());
                    }
                });
            } else {
                scopes.forEach(supported::add);
            }
        }
        return out;
    }

    private List<String> scopes(ClientObject current, JsonNode body, ObjectNode registered) {
        JsonNode given = body.get("scope");
        String text;
        if (given == null || given.isNull()) {
            text = registered.path("scope").asText(current.scope());
        } else if (!given.isTextual()) {
            throw invalid("scope must be a space-separated string");
        } else {
            text = given.asText();
        }
        List<String> scopes = text.isBlank() ? List.of() : catalog.expand(Arrays.asList(text.trim().split("\\s+")));
        if (scopes.isEmpty()) {
            throw invalid("scope must name at least one scope (disable the object with cds_status instead)");
        }
        Set<String> requirements = new LinkedHashSet<>();
        current.scopes().forEach(s -> catalog.scope(s).ifPresent(d -> requirements.addAll(d.registrationRequirements())));
        registeredScopes(current, registered).forEach(s -> catalog.scope(s)
                .ifPresent(d -> requirements.addAll(d.registrationRequirements())));
        ScopeDescription first = catalog.scope(current.scopes().isEmpty() ? scopes.get(0) : current.scopes().get(0))
                .orElseThrow();
        for (String id : scopes) {
            ScopeDescription s = catalog.scope(id).orElseThrow(() -> invalid("scope " + id
                    + " is not a CDS scope of this server"));
            if (current.kind() == ClientKind.CLIENT_ADMIN ? !id.equals("cds_client_admin")
                    : !s.kind().name().equals(current.kind().name())) {
                throw invalid("scope " + id + " cannot be held by this Client Object (" + current.kind().name()
                        .toLowerCase(Locale.ROOT) + "); register it to get an object of its kind");
            }
            if (!s.responseTypes().equals(first.responseTypes()) || !s.grantTypes().equals(first.grantTypes())
                    || !s.tokenEndpointAuthMethods().equals(first.tokenEndpointAuthMethods())) {
                throw invalid("scope " + id + " needs other response types, grant types or auth method than this"
                        + " Client Object has");
            }
            if (!requirements.containsAll(s.registrationRequirements())) {
                throw invalid("scope " + id + " has registration requirements this Client Object has not met ("
                        + s.registrationRequirements() + "); register it instead");
            }
        }
        return scopes;
    }

    private static List<String> registeredScopes(ClientObject current, ObjectNode registered) {
        String text = registered.path("scope").asText(current.scope());
        return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }

    private List<String> aliases(ClientObject current, JsonNode body, List<String> scopes) {
        Set<String> candidates = new LinkedHashSet<>();
        current.document().path(ClientObject.SCOPE_ALIASES).forEach(a -> candidates.add(a.asText()));
        if (body.path("scope").isTextual()) {
            Arrays.stream(body.get("scope").asText().trim().split("\\s+")).filter(catalog.aliases()::containsKey)
                    .forEach(candidates::add);
        }
        return candidates.stream().filter(a -> catalog.aliases().containsKey(a)
                && scopes.containsAll(catalog.aliases().get(a))).toList();
    }

    /** The values an omitted field resets to: kept from registration (the first PUT records them). */
    public static ObjectNode registeredValues(ClientObject c) {
        JsonNode kept = c.document().get(REGISTERED);
        if (kept != null && kept.isObject()) {
            return (ObjectNode) kept;
        }
        ObjectNode r = JSON.objectNode();
        ObjectNode d = c.document();
        r.set("client_name", d.hasNonNull("client_name") ? d.get("client_name").deepCopy() : JSON.nullNode());
        for (String field : URI_FIELDS) {
            r.set(field, d.hasNonNull(field) ? d.get(field).deepCopy() : JSON.nullNode());
        }
        r.set("contacts", d.path("contacts").isArray() ? d.get("contacts").deepCopy() : JSON.arrayNode());
        r.put("scope", c.scope());
        r.put("cds_status", c.status());
        return r;
    }

    /** The changed fields between two versions of a Client Object (published names). */
    static List<Change> changes(ClientObject before, ClientObject after) {
        List<Change> out = new ArrayList<>();
        if (!before.publishedScope().equals(after.publishedScope())) {
            out.add(new Change("scope", JSON.textNode(before.publishedScope()), JSON.textNode(after.publishedScope())));
        }
        if (!before.status().equals(after.status())) {
            out.add(new Change("cds_status", JSON.textNode(before.status()), JSON.textNode(after.status())));
        }
        for (String field : List.of("redirect_uris", "client_name", "client_uri", "logo_uri", "tos_uri", "policy_uri",
                "contacts", "cds_default_scope", "cds_default_redirect_uri", "cds_default_authorization_details",
                "cds_purposes")) {
            JsonNode a = before.document().path(field);
            JsonNode b = after.document().path(field);
            if (!(a.isMissingNode() || a.isNull() ? b.isMissingNode() || b.isNull() : a.equals(b))) {
                out.add(new Change(field, a.isMissingNode() ? JSON.nullNode() : a.deepCopy(),
                        b.isMissingNode() ? JSON.nullNode() : b.deepCopy()));
            }
        }
        return out;
    }

    private static void setOrReset(ObjectNode doc, String field, JsonNode value) {
        if (value == null || value.isNull()) {
            doc.remove(field);
        } else {
            doc.set(field, value.deepCopy());
        }
    }

    private static ArrayNode contacts(JsonNode given) {
        if (!given.isArray() || given.size() > 50) {
            throw invalid("contacts must be an array of at most 50 strings");
        }
        ArrayNode out = JSON.arrayNode();
        for (JsonNode c : given) {
            if (!c.isTextual() || c.asText().isBlank() || c.asText().length() > 320) {
                throw invalid("contacts must hold non-empty strings of at most 320 characters");
            }
            out.add(c.asText());
        }
        return out;
    }

    /** A string field of the body, or null when absent or null. */
    private static String text(JsonNode body, String field, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > max) {
            throw invalid(field + " must be a non-empty string of at most " + max + " characters");
        }
        return v.asText();
    }

    /** RFC 9700 §4.1: exact absolute URIs, https, plain http only for loopback during development. */
    static boolean isRedirectUri(String text) {
        try {
            URI uri = URI.create(text);
            if (!uri.isAbsolute() || uri.getFragment() != null || uri.getHost() == null || text.length() > 2000) {
                return false;
            }
            return "https".equals(uri.getScheme())
                    || "http".equals(uri.getScheme()) && LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean contains(ArrayNode array, String value) {
        for (JsonNode n : array) {
            if (n.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** JSON equality where 1767323045 as int and as long are the same number. */
    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a != null && b != null && a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a == null ? b == null : a.equals(b);
    }

    private static boolean isEmpty(JsonNode n) {
        return n.isContainerNode() ? n.isEmpty() : n.asText().isEmpty();
    }

    private static ApiError invalid(String description) {
        return new ApiError(400, "invalid_client_metadata", description);
    }
}
