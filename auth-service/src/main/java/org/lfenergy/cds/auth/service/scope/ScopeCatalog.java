package org.lfenergy.cds.auth.service.scope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CDS scopes this server offers, read from the data file {@code cds/scopes.json} and expanded into
 * full Scope Descriptions and Registration Field objects. Pure: no framework types, so it is unit-tested directly.
 */
public final class ScopeCatalog {

    /** Classpath location of the scope data. */
    public static final String RESOURCE = "cds/scopes.json";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Map<String, ScopeDescription> scopes;
    private final Map<String, String> scopeIdByRarType;
    private final ObjectNode registrationFields;
    private final Map<String, List<String>> aliases;

    private ScopeCatalog(Map<String, ScopeDescription> scopes, ObjectNode registrationFields,
            Map<String, List<String>> aliases) {
        this.scopes = scopes;
        this.registrationFields = registrationFields;
        this.aliases = aliases;
        Map<String, String> byType = new LinkedHashMap<>();
        scopes.values().forEach(s -> s.authorizationDetailsTypes().forEach(t -> byType.put(t, s.id())));
        this.scopeIdByRarType = byType;
    }

    /** Reads the catalogue from the classpath; {@code base} replaces {@code ${base}} in every URL. */
    public static ScopeCatalog load(ObjectMapper mapper, String base) {
        try (InputStream in = ScopeCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            return from((ObjectNode) mapper.readTree(in), base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Expands the data file's tree. */
    public static ScopeCatalog from(ObjectNode data, String base) {
        String docs = base + "/docs/auth";
        ObjectNode profiles = (ObjectNode) data.path("scope_profiles");
        ObjectNode choiceSets = (ObjectNode) data.path("choice_sets");
        ObjectNode catalogue = (ObjectNode) data.path("fields");
        Map<String, ScopeDescription> scopes = new LinkedHashMap<>();
        for (JsonNode raw : data.path("scopes")) {
            ObjectNode scope = ((ObjectNode) raw).deepCopy();
            JsonNode profile = scope.has("profile") ? profiles.path(scope.get("profile").asText()) : JSON.objectNode();
            ScopeDescription description = expandScope(scope, profile, catalogue, choiceSets, docs);
            scopes.put(description.id(), description);
        }
        ObjectNode registrationFields = JSON.objectNode();
        data.path("registration_fields").fields().forEachRemaining(e -> {
            ObjectNode field = JSON.objectNode();
            field.put("id", e.getKey());
            field.setAll((ObjectNode) e.getValue());
            field.put("documentation", docs + "#registration-" + e.getKey());
            registrationFields.set(e.getKey(), field);
        });
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        data.path("scope_aliases").fields().forEachRemaining(e -> {
            List<String> expansion = texts(e.getValue().path("scopes"));
            if (scopes.containsKey(e.getKey()) || expansion.isEmpty()
                    || !expansion.stream().allMatch(scopes::containsKey)) {
                throw new IllegalStateException("scope alias " + e.getKey() + " must name offered scopes and no scope id");
            }
            aliases.put(e.getKey(), expansion);
        });
        return new ScopeCatalog(scopes, registrationFields, Map.copyOf(aliases));
    }

    private static ScopeDescription expandScope(ObjectNode scope, JsonNode profile, ObjectNode catalogue,
            ObjectNode choiceSets, String docs) {
        String id = scope.path("id").asText();
        String type = scope.path("type").asText();
        ObjectNode out = JSON.objectNode();
        out.put("id", id);
        out.put("type", type);
        out.put("name", scope.path("name").asText());
        out.put("description", scope.path("description").asText());
        out.put("documentation", docs + "#scope-" + id);
        for (String key : List.of("registration_requirements", "registration_optional", "response_types_supported",
                "grant_types_supported", "token_endpoint_auth_methods_supported", "code_challenge_methods_supported",
                "coverages_supported")) {
            JsonNode value = scope.has(key) ? scope.get(key) : profile.path(key);
            out.set(key, value.isArray() ? value.deepCopy() : JSON.arrayNode());
        }
        JsonNode grantAdmin = scope.has("grant_admin_scope") ? scope.get("grant_admin_scope") : profile.path("grant_admin_scope");
        out.set("grant_admin_scope", grantAdmin.isTextual() ? grantAdmin.deepCopy() : JSON.nullNode());

        List<String> rarTypes = scope.path("fields").isEmpty() ? List.of() : List.of(id);
        out.set("authorization_details_types_supported", strings(rarTypes));
        ArrayNode fields = JSON.arrayNode();
        Map<String, FieldSpec> specs = new LinkedHashMap<>();
        for (JsonNode entry : scope.path("fields")) {
            ObjectNode field = expandField(entry, catalogue, choiceSets, docs, id);
            fields.add(field);
            specs.put(field.get("id").asText(), toSpec(field));
        }
        out.set("authorization_details_fields_supported", fields);

        ScopeKind kind = kindOf(type, out);
        return new ScopeDescription(id, type, kind, texts(out.get("response_types_supported")),
                texts(out.get("grant_types_supported")), texts(out.get("token_endpoint_auth_methods_supported")),
                grantAdmin.isTextual() ? grantAdmin.asText() : null, rarTypes, specs,
                texts(out.get("registration_requirements")), texts(out.get("registration_optional")), out);
    }

    private static ScopeKind kindOf(String type, ObjectNode out) {
        return switch (type) {
            case "cds_client_admin" -> ScopeKind.CLIENT_ADMIN;
            case "cds_grant_admin" -> ScopeKind.GRANT_ADMIN;
            case "cds_server_provided_files" -> ScopeKind.SERVER_PROVIDED_FILES;
            default -> out.get("response_types_supported").isEmpty() ? ScopeKind.DIRECT_ACCESS : ScopeKind.CUSTOMER_CONSENT;
        };
    }

    private static ObjectNode expandField(JsonNode entry, ObjectNode catalogue, ObjectNode choiceSets, String docs,
            String scopeId) {
        ObjectNode definition = JSON.objectNode();
        String id = entry.isTextual() ? entry.asText() : entry.path("id").asText();
        if (catalogue.has(id)) {
            definition.setAll((ObjectNode) catalogue.get(id).deepCopy());
        }
        if (entry.isObject()) {
            entry.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("choices") || e.getValue().isArray() && !definition.has("choices")) {
                    definition.set(e.getKey(), e.getValue().deepCopy());
                }
            });
        }
        ObjectNode field = JSON.objectNode();
        field.put("id", id);
        field.put("name", definition.path("name").asText());
        field.put("description", definition.path("description").asText());
        field.put("documentation", docs + "#field-" + id);
        field.set("for_types", strings(List.of(scopeId)));
        field.put("format", definition.path("format").asText());
        field.put("is_required", definition.path("is_required").asBoolean(false));
        for (String key : List.of("default", "maximum", "minimum")) {
            if (definition.has(key)) {
                field.set(key, definition.get(key).deepCopy());
            }
        }
        JsonNode choices = definition.get("choices");
        if (choices != null && choices.isTextual()) {
            ArrayNode expanded = JSON.arrayNode();
            JsonNode only = entry.isObject() ? entry.get("choices") : null;
            for (JsonNode choice : choiceSets.path(choices.asText())) {
                String choiceId = choice.path("id").asText();
                if (only == null || contains(only, choiceId)) {
                    ObjectNode c = JSON.objectNode();
                    c.put("id", choiceId);
                    c.put("name", choice.path("name").asText());
                    c.put("description", choice.path("description").asText());
                    c.put("documentation", docs + "#choice-" + choices.asText() + "-" + choiceId);
                    if (choice.has("usagesegment_format")) {
                        c.set("usagesegment_format", choice.get("usagesegment_format").deepCopy());
                    }
                    expanded.add(c);
                }
            }
            field.set("choices", expanded);
        }
        return field;
    }

    private static FieldSpec toSpec(ObjectNode field) {
        List<String> choiceIds = new ArrayList<>();
        field.path("choices").forEach(c -> choiceIds.add(c.path("id").asText()));
        return new FieldSpec(field.get("id").asText(), field.get("format").asText(), field.get("is_required").asBoolean(),
                field.get("default"), field.get("maximum"), field.get("minimum"), List.copyOf(choiceIds));
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (n.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static ArrayNode strings(Collection<String> values) {
        ArrayNode array = JSON.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext();) {
            values.add(it.next().asText());
        }
        return List.copyOf(values);
    }

    /** Every scope, in published order. */
    public Collection<ScopeDescription> all() {
        return scopes.values();
    }

    /** The scope with this id. */
    public Optional<ScopeDescription> scope(String id) {
        return Optional.ofNullable(scopes.get(id));
    }

    /** The scope id whose RAR {@code type} this is (type = scope id here). */
    public Optional<String> scopeIdForRarType(String type) {
        return Optional.ofNullable(scopeIdByRarType.get(type));
    }

    /**
     * Replaces every server-defined alias (an older scope name deployed clients still send, e.g. {@code client_admin},
     * {@code customer_data}) by the scopes it stands for; other names pass unchanged. Order kept, duplicates dropped.
     */
    public List<String> expand(Collection<String> requested) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (String id : requested) {
            List<String> expansion = aliases.get(id);
            if (expansion == null) {
                out.add(id);
            } else {
                out.addAll(expansion);
            }
        }
        return List.copyOf(out);
    }

    /** The aliases, sorted by name, and the scopes each stands for. */
    public Map<String, List<String>> aliases() {
        return new java.util.TreeMap<>(aliases);
    }

    /** {@code cds_scope_descriptions} as published. */
    public ObjectNode scopeDescriptionsDocument() {
        ObjectNode out = JSON.objectNode();
        scopes.values().forEach(s -> out.set(s.id(), s.published().deepCopy()));
        return out;
    }

    /** {@code cds_registration_fields} as published. */
    public ObjectNode registrationFieldsDocument() {
        return registrationFields.deepCopy();
    }

    /** One registration field's published object. */
    public Optional<JsonNode> registrationField(String id) {
        return Optional.ofNullable(registrationFields.get(id));
    }
}
