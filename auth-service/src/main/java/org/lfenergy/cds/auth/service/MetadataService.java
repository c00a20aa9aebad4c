package org.lfenergy.cds.auth.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.lfenergy.cds.auth.config.CdsConfig;
import org.lfenergy.cds.auth.service.scope.ScopeCatalog;
import org.lfenergy.cds.auth.service.scope.ScopeDescription;

/** Builds the WG1-01 server metadata, the coverage listing and the RFC 8414 + CDS authorization server metadata. */
@ApplicationScoped
public class MetadataService {

    private static final String RESOURCE = "cds/server-metadata.json";

    /**
     * Older names of the data API URLs (an earlier WG3 draft), still read by deployed clients such as the EDDIE CDS
     * region connector; published next to the current names with the same URLs.
     */
    private static final java.util.Map<String, String> OLDER_API_NAMES = java.util.Map.of(
            "cds_accounts_api", "cds_customerdata_accounts_api",
            "cds_servicecontracts_api", "cds_customerdata_servicecontracts_api",
            "cds_servicepoints_api", "cds_customerdata_servicepoints_api",
            "cds_meterdevices_api", "cds_customerdata_meterdevices_api",
            "cds_billstatement_api", "cds_customerdata_billstatements_api",
            "cds_billsection_api", "cds_customerdata_billsections_api",
            "cds_aggregations_api", "cds_customerdata_aggregations_api",
            "cds_usagesegments_api", "cds_customerdata_usagesegments_api",
            "cds_eacs_api", "cds_customerdata_eacs_api");

    private final ObjectMapper mapper;
    private final ScopeCatalog catalog;
    private final CdsUrls urls;
    private final CdsConfig config;
    private final ObjectNode data;

    public MetadataService(ObjectMapper mapper, ScopeCatalog catalog, CdsUrls urls, CdsConfig config) {
        this.mapper = mapper;
        this.catalog = catalog;
        this.urls = urls;
        this.config = config;
        this.data = readData(mapper, urls.base());
    }

    private static ObjectNode readData(ObjectMapper mapper, String base) {
        try (InputStream in = MetadataService.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${base}", base);
            return (ObjectNode) mapper.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The public CDS server metadata object (WG1-01 §3 with the WG1-02 {@code oauth_metadata} extension). */
    public ObjectNode serverMetadata() {
        return serverMetadata(urls.serverMetadata(), urls.oauthMetadata());
    }

    /** The client-specific CDS server metadata object of one Client Object. */
    public ObjectNode clientServerMetadata(String clientId) {
        return serverMetadata(urls.clientServerMetadata(clientId), urls.clientOauthMetadata(clientId));
    }

    private ObjectNode serverMetadata(String self, String oauth) {
        ObjectNode source = (ObjectNode) data.get("metadata");
        ObjectNode out = mapper.createObjectNode();
        out.put("cds_metadata_version", source.path("cds_metadata_version").asText("v1"));
        out.put("cds_metadata_url", self);
        source.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("cds_metadata_version")) {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        // capabilities must hold the union of the coverage entries' capabilities (WG1-01 §3.2)
        Set<String> capabilities = new LinkedHashSet<>();
        source.path("capabilities").forEach(c -> capabilities.add(c.asText()));
        data.path("coverage_entries").forEach(e -> e.path("capabilities").forEach(c -> capabilities.add(c.asText())));
        out.set("capabilities", strings(capabilities));
        out.put("coverage", urls.coverage());
        out.set("related_metadata", mapper.createArrayNode());
        out.put("oauth_metadata", oauth);
        return out;
    }

    /** The coverage listing, optionally filtered by entry ids, newest first by {@code updated}. */
    public ObjectNode coverage(Collection<String> ids) {
        ArrayNode entries = mapper.createArrayNode();
        data.path("coverage_entries").forEach(e -> {
            if (ids.isEmpty() || ids.contains(e.path("id").asText())) {
                entries.add(e.deepCopy());
            }
        });
        List<JsonNode> sorted = new java.util.ArrayList<>();
        entries.forEach(sorted::add);
        sorted.sort((a, b) -> b.path("updated").asText().compareTo(a.path("updated").asText()));
        ObjectNode out = mapper.createObjectNode();
        out.set("coverage_entries", mapper.createArrayNode().addAll(sorted));
        out.putNull("next");
        out.putNull("previous");
        return out;
    }

    /** The public authorization server metadata (RFC 8414 + WG1-02 §3 + WG3 §5). */
    public ObjectNode authorizationServerMetadata() {
        ObjectNode out = mapper.createObjectNode();
        ObjectNode oauth = (ObjectNode) data.get("oauth");
        out.put("issuer", urls.issuer());
        out.put("service_documentation", oauth.path("service_documentation").asText());
        out.put("op_policy_uri", oauth.path("op_policy_uri").asText());
        out.put("op_tos_uri", oauth.path("op_tos_uri").asText());
        out.put("registration_endpoint", urls.oauth("register"));
        out.put("authorization_endpoint", urls.oauth("authorize"));
        out.put("token_endpoint", urls.oauth("token"));
        out.put("revocation_endpoint", urls.oauth("revoke"));
        out.put("introspection_endpoint", urls.oauth("introspect"));
        out.put("pushed_authorization_request_endpoint", urls.oauth("par"));
        out.put("jwks_uri", urls.jwks());
        Collection<ScopeDescription> scopes = catalog.all();
        out.set("code_challenge_methods_supported", union(scopes, s -> s.published().get("code_challenge_methods_supported")));
        out.set("response_types_supported", union(scopes, s -> s.published().get("response_types_supported")));
        out.set("grant_types_supported", union(scopes, s -> s.published().get("grant_types_supported")));
        out.set("token_endpoint_auth_methods_supported",
                union(scopes, s -> s.published().get("token_endpoint_auth_methods_supported")));
        // Aliases are server-defined names for sets of CDS scopes (not CDS scope ids: no Scope Description of their own).
        List<String> supported = new java.util.ArrayList<>(scopes.stream().map(ScopeDescription::id).toList());
        supported.addAll(catalog.aliases().keySet());
        out.set("scopes_supported", strings(supported));
        out.set("authorization_details_types_supported",
                union(scopes, s -> s.published().get("authorization_details_types_supported")));
        out.put("authorization_response_iss_parameter_supported", false);
        out.put("cds_oauth_version", "v1");
        out.put("cds_human_registration", oauth.path("cds_human_registration").asText());
        out.put("cds_timezone", config.timezone());
        out.put("cds_test_accounts", oauth.path("cds_test_accounts").asText());
        out.put("cds_clients_api", urls.clients());
        out.put("cds_messages_api", urls.messages());
        out.put("cds_credentials_api", urls.credentials());
        out.put("cds_grants_api", urls.grants());
        out.put("cds_server_provided_files_api", urls.serverProvidedFiles());
        out.set("cds_scope_descriptions", catalog.scopeDescriptionsDocument());
        out.set("cds_registration_fields", catalog.registrationFieldsDocument());
        out.put("cds_customerdata_version", "v1");
        oauth.path("customer_data_apis").fields().forEachRemaining(e -> out.set(e.getKey(), e.getValue().deepCopy()));
        oauth.path("customer_data_apis").fields().forEachRemaining(e -> {
            if (OLDER_API_NAMES.containsKey(e.getKey())) {
                out.set(OLDER_API_NAMES.get(e.getKey()), e.getValue().deepCopy());
            }
        });
        ObjectNode aliases = out.putObject("cds_scope_aliases");
        catalog.aliases().forEach((alias, expansion) -> aliases.set(alias, strings(expansion)));
        out.set("cds_usagesegments_additional_value_types", oauth.path("cds_usagesegments_additional_value_types").deepCopy());
        out.set("cds_eac_formats", oauth.path("cds_eac_formats").deepCopy());
        return out;
    }

    /**
     * A Client Object's own authorization server metadata: the public document, with the {@code purpose} field's
     * choices narrowed to the client's {@code cds_purposes} when it has any.
     */
    public ObjectNode clientAuthorizationServerMetadata(JsonNode purposes) {
        ObjectNode out = authorizationServerMetadata();
        out.remove("registration_endpoint");
        if (purposes != null && purposes.isObject() && !purposes.isEmpty()) {
            out.get("cds_scope_descriptions").forEach(scope -> scope.path("authorization_details_fields_supported")
                    .forEach(field -> {
                        if ("purpose".equals(field.path("id").asText())) {
                            ArrayNode choices = mapper.createArrayNode();
                            String scopeId = scope.path("id").asText();
                            purposes.forEach(p -> {
                                if (contains(p.path("scopes_supported"), scopeId)) {
                                    ObjectNode c = choices.addObject();
                                    c.put("id", p.path("id").asText());
                                    c.put("name", p.path("name").asText());
                                    c.put("description", p.path("content").asText());
                                    c.put("documentation", urls.docs("purposes"));
                                }
                            });
                            if (!choices.isEmpty()) {
                                ((ObjectNode) field).set("choices", choices);
                            }
                        }
                    }));
        }
        return out;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (n.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private ArrayNode union(Collection<ScopeDescription> scopes, Function<ScopeDescription, JsonNode> values) {
        Set<String> all = new LinkedHashSet<>();
        scopes.forEach(s -> values.apply(s).forEach(v -> all.add(v.asText())));
        return strings(all);
    }

    private ArrayNode strings(Collection<String> values) {
        ArrayNode array = mapper.createArrayNode();
        values.forEach(array::add);
        return array;
    }
}
