package org.lfenergy.cds.auth.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.lfenergy.cds.auth.mapping.ClientObjectMapper;
import org.lfenergy.cds.auth.repository.ClientObjectRepository;
import org.lfenergy.cds.auth.repository.CredentialRepository;
import org.lfenergy.cds.auth.repository.MessageRepository;
import org.lfenergy.cds.auth.service.RegistrationPlan.PlannedObject;
import org.lfenergy.cds.auth.service.keycloak.KeycloakRealm;
import org.lfenergy.cds.auth.service.model.ClientKind;
import org.lfenergy.cds.auth.service.model.ClientObject;
import org.lfenergy.cds.auth.service.model.Credential;
import org.lfenergy.cds.auth.service.model.Message;
import org.lfenergy.cds.auth.service.scope.ScopeCatalog;
import org.lfenergy.cds.auth.service.scope.ScopeDescription;

/**
 * CDS client registration (RFC 7591 with WG1-02 §4): validates the request, creates every Client Object with its
 * Keycloak client and Credential, and the Messages the registration requirements call for.
 */
@ApplicationScoped
public class RegistrationService {

    private static final Logger LOG = Logger.getLogger(RegistrationService.class);
    private static final List<String> URI_FIELDS = List.of("client_uri", "logo_uri", "tos_uri", "policy_uri");

    /** Message type and related_type created synchronously for each registration requirement type. */
    private static final Map<String, List<String>> REQUIREMENT_MESSAGES = Map.of(
            "online_form", List.of("online_form_request", "online_form"),
            "email_verification", List.of("online_form_request", "online_form"),
            "sso_verification", List.of("online_form_request", "online_form"),
            "pdf_form", List.of("pdf_form_request", "pdf_form"),
            "payment_required", List.of("payment_request", "payment_form"));

    /** The result: the admin Client Object's JSON (with its one-time secret). */
    public record Registered(ObjectNode clientObject) {
    }

    private final Pool pool;
    private final ScopeCatalog catalog;
    private final KeycloakRealm keycloak;
    private final ClientObjectRepository clients;
    private final CredentialRepository credentials;
    private final MessageRepository messages;
    private final ClientObjectMapper clientMapper;
    private final CdsUrls urls;
    private final ObjectMapper mapper;
    private final Clock clock = Clock.systemUTC();

    public RegistrationService(Pool pool, ScopeCatalog catalog, KeycloakRealm keycloak, ClientObjectRepository clients,
            CredentialRepository credentials, MessageRepository messages, ClientObjectMapper clientMapper, CdsUrls urls,
            ObjectMapper mapper) {
        this.pool = pool;
        this.catalog = catalog;
        this.keycloak = keycloak;
        this.clients = clients;
        this.credentials = credentials;
        this.messages = messages;
        this.clientMapper = clientMapper;
        this.urls = urls;
        this.mapper = mapper;
    }

    public Uni<Registered> register(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ApiError(400, "invalid_client_metadata", "the body must be a JSON object");
        }
        JsonNode scopeNode = body.get("scope");
        if (scopeNode == null || !scopeNode.isTextual() || scopeNode.asText().isBlank()) {
            throw new ApiError(400, "invalid_client_metadata", "scope is required and must include cds_client_admin");
        }
        List<String> asked = Arrays.asList(scopeNode.asText().trim().split("\\s+"));
        List<String> requested = catalog.expand(asked);
        List<String> aliasesUsed = asked.stream().filter(catalog.aliases()::containsKey).distinct().toList();
        List<PlannedObject> plan = RegistrationPlan.plan(requested, catalog);
        ObjectNode common = commonMetadata((ObjectNode) body);
        ObjectNode registrationValues = registrationFieldValues((ObjectNode) body, requested);

        Instant now = clock.instant();
        String registrantId = Ids.random("c");
        List<ClientObject> objects = new ArrayList<>();
        for (PlannedObject planned : plan) {
            String clientId = planned.kind() == ClientKind.CLIENT_ADMIN ? registrantId : Ids.random("c");
            objects.add(new ClientObject(clientId, registrantId, planned.kind(), planned.status(),
                    String.join(" ", planned.scopes()), now, now, now, null,
                    document(clientId, planned, common, registrationValues, aliasesUsed)));
        }
        List<Message> requirementMessages = requirementMessages(registrantId, requested, now);
        List<String> secrets = objects.stream().map(o -> o.tokenEndpointAuthMethod() == null ? null : Ids.secret()).toList();
        List<String> credentialIds = secrets.stream().map(s -> s == null ? null : Ids.random("k")).toList();

        return keycloak.ensureCdsScopes(catalog.all().stream().map(ScopeDescription::id).toList())
                .chain(() -> createKeycloakClients(objects, secrets, credentialIds))
                .chain(created -> persist(created, secrets, credentialIds, requirementMessages, now)
                        .onFailure().call(e -> compensate(created))
                        .map(v -> {
                            ObjectNode json = clientMapper.toJson(created.get(0));
                            json.put("client_secret", secrets.get(0));
                            LOG.infof("registered %s: %d client objects", registrantId, created.size());
                            return new Registered(json);
                        }));
    }

    private Uni<List<ClientObject>> createKeycloakClients(List<ClientObject> objects, List<String> secrets,
            List<String> credentialIds) {
        List<ClientObject> created = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < objects.size(); i++) {
            ClientObject object = objects.get(i);
            String secret = secrets.get(i) == null ? Ids.secret() : secrets.get(i);
            String credentialId = credentialIds.get(i);
            chain = chain.chain(() -> keycloak.createClient(object, secret, credentialId))
                    .invoke(id -> created.add(object.withKeycloakId(id))).replaceWithVoid();
        }
        return chain.map(v -> created)
                .onFailure().call(e -> compensate(created))
                .onFailure().transform(e -> e instanceof ApiError ? e
                        : new ApiError(503, "temporarily_unavailable", "the identity server could not create the clients"));
    }

    private Uni<Void> persist(List<ClientObject> objects, List<String> secrets, List<String> credentialIds,
            List<Message> msgs, Instant now) {
        return pool.withTransaction(sql -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int i = 0; i < objects.size(); i++) {
                ClientObject object = objects.get(i);
                String secret = secrets.get(i);
                chain = chain.chain(() -> clients.insert(sql, object));
                if (secret != null) {
                    Credential credential = new Credential(credentialIds.get(i), object.registrantId(), object.clientId(),
                            now, now, Ids.hash(secret), 0);
                    chain = chain.chain(() -> credentials.insert(sql, credential));
                }
            }
            for (Message m : msgs) {
                chain = chain.chain(() -> messages.insert(sql, m));
            }
            return chain;
        });
    }

    private Uni<Void> compensate(List<ClientObject> created) {
        return Multi.createFrom().iterable(created)
                .onItem().transformToUniAndConcatenate(c -> keycloak.deleteClient(c.keycloakId())
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    /** Metadata shared by all objects of the registration: client_name, contacts and the RFC 7591 URIs. */
    private ObjectNode commonMetadata(ObjectNode body) {
        ObjectNode out = mapper.createObjectNode();
        JsonNode name = body.get("client_name");
        if (name != null && !name.isNull()) {
            if (!name.isTextual() || name.asText().isBlank() || name.asText().length() > 1000) {
                throw new ApiError(400, "invalid_client_metadata", "client_name must be a non-empty string of at most 1000 characters");
            }
            if (hasControlCharacter(name.asText())) {
                throw new ApiError(400, "invalid_client_metadata", "client_name must not contain control characters");
            }
            out.put("client_name", name.asText());
        }
        JsonNode contacts = body.get("contacts");
        ArrayNode contactList = mapper.createArrayNode();
        if (contacts != null && !contacts.isNull()) {
            if (!contacts.isArray()) {
                throw new ApiError(400, "invalid_client_metadata", "contacts must be an array of strings");
            }
            contacts.forEach(c -> {
                if (!c.isTextual() || c.asText().isBlank()) {
                    throw new ApiError(400, "invalid_client_metadata", "contacts must be an array of strings");
                }
                if (hasControlCharacter(c.asText())) {
                    throw new ApiError(400, "invalid_client_metadata", "contacts must not contain control characters");
                }
                contactList.add(c.asText());
            });
        }
        out.set("contacts", contactList);
        for (String field : URI_FIELDS) {
            JsonNode value = body.get(field);
            if (value != null && !value.isNull()) {
                if (!value.isTextual() || !isHttpUrl(value.asText())) {
                    throw new ApiError(400, "invalid_client_metadata", field + " must be an absolute http(s) URL");
                }
                out.put(field, value.asText());
            }
        }
        return out;
    }

    static boolean isHttpUrl(String text) {
        try {
            URI uri = URI.create(text);
            return uri.isAbsolute() && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Values of the {@code registration_field} requirements and options of the requested scopes. */
    private ObjectNode registrationFieldValues(ObjectNode body, List<String> requested) {
        ObjectNode values = mapper.createObjectNode();
        Set<String> required = new LinkedHashSet<>();
        Set<String> all = new LinkedHashSet<>();
        for (String id : requested) {
            catalog.scope(id).ifPresent(s -> {
                required.addAll(s.registrationRequirements());
                all.addAll(s.registrationRequirements());
                all.addAll(s.registrationOptional());
            });
        }
        for (String fieldId : all) {
            JsonNode field = catalog.registrationField(fieldId).orElseThrow();
            if (!"registration_field".equals(field.path("type").asText())) {
                continue;
            }
            String key = field.path("field_name").asText();
            JsonNode value = body.get(key);
            if (value == null) {
                if (required.contains(fieldId) && !field.has("default")) {
                    throw new ApiError(400, "invalid_client_metadata", key + " is required for the requested scopes");
                }
                continue;
            }
            validateRegistrationValue(key, field, value);
            values.set(key, value.deepCopy());
        }
        return values;
    }

    /** A single-line metadata value (a name, a contact) holds no ISO control character (NUL, CR, LF, ...). */
    private static boolean hasControlCharacter(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }

    private static void validateRegistrationValue(String key, JsonNode field, JsonNode value) {
        String format = field.path("format").asText();
        boolean nullable = format.endsWith("_or_null");
        String base = nullable ? format.substring(0, format.length() - "_or_null".length()) : format;
        if (value.isNull()) {
            if (!nullable) {
                throw new ApiError(400, "invalid_client_metadata", key + " must not be null");
            }
            return;
        }
        boolean ok = switch (base) {
            case "string", "email", "image", "pdf" -> value.isTextual();
            case "url" -> value.isTextual() && isHttpUrl(value.asText());
            case "boolean" -> value.isBoolean();
            default -> true;
        };
        if (!ok) {
            throw new ApiError(400, "invalid_client_metadata", key + " must be a " + base);
        }
        if (value.isTextual() && value.asText().indexOf('\u0000') >= 0) {
            // neither PostgreSQL text nor Keycloak store a NUL: refused here rather than failing there
            throw new ApiError(400, "invalid_client_metadata", key + " must not contain a NUL character");
        }
        if (field.has("max_length") && value.isTextual() && value.asText().length() > field.get("max_length").asInt()) {
            throw new ApiError(400, "invalid_client_metadata", key + " is longer than " + field.get("max_length").asInt());
        }
    }

    private ObjectNode document(String clientId, PlannedObject planned, ObjectNode common, ObjectNode registrationValues,
            List<String> aliasesUsed) {
        ObjectNode d = mapper.createObjectNode();
        // An alias the registrant used stays visible in the scope of the object holding its scopes, so a client that
        // looks for its object by that name (EDDIE: the object whose scope contains "customer_data") finds it.
        ArrayNode aliases = mapper.createArrayNode();
        aliasesUsed.stream().filter(a -> planned.scopes().containsAll(catalog.aliases().get(a))).forEach(aliases::add);
        if (!aliases.isEmpty()) {
            d.set(ClientObject.SCOPE_ALIASES, aliases);
        }
        d.setAll(common.deepCopy());
        // a registration field's value is kept on every object whose scopes ask for the field (as in WG1-02 §12.5,
        // where the example_custom object carries cds_company_name and the grant-admin and files objects do not)
        Set<String> fieldNames = new LinkedHashSet<>();
        for (String scope : planned.scopes()) {
            catalog.scope(scope).ifPresent(s -> java.util.stream.Stream.concat(s.registrationRequirements().stream(),
                    s.registrationOptional().stream()).forEach(id -> catalog.registrationField(id)
                            .map(f -> f.path("field_name").asText(""))
                            .filter(name -> !name.isEmpty()).ifPresent(fieldNames::add)));
        }
        registrationValues.fields().forEachRemaining(e -> {
            if (fieldNames.contains(e.getKey())) {
                d.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        ArrayNode redirects = d.putArray("redirect_uris");
        d.set("response_types", strings(planned.responseTypes()));
        d.set("grant_types", strings(planned.grantTypes()));
        if (planned.tokenEndpointAuthMethod() == null) {
            d.putNull("token_endpoint_auth_method");
        } else {
            d.put("token_endpoint_auth_method", planned.tokenEndpointAuthMethod());
        }
        d.set("authorization_details_types", strings(planned.authorizationDetailsTypes()));
        d.set("cds_status_options", strings(planned.statusOptions()));
        if (!planned.responseTypes().isEmpty()) {
            String defaultRedirect = urls.defaultRedirect(clientId);
            redirects.add(defaultRedirect);
            d.put("cds_default_scope", String.join(" ", planned.scopes()));
            d.put("cds_default_redirect_uri", defaultRedirect);
            d.putArray("cds_default_authorization_details");
            ObjectNode purposes = d.putObject("cds_purposes");
            ObjectNode purpose = purposes.putObject("default-01");
            purpose.put("id", "default-01");
            purpose.put("name", "Default purpose");
            purpose.put("content", "This client may use the data you authorize for the purpose it describes to you.");
            purpose.putNull("related_uri");
            purpose.set("scopes_supported", strings(planned.scopes()));
        }
        return d;
    }

    private List<Message> requirementMessages(String registrantId, List<String> requested, Instant now) {
        Set<String> requirements = new LinkedHashSet<>();
        requested.forEach(id -> catalog.scope(id).ifPresent(s -> requirements.addAll(s.registrationRequirements())));
        List<Message> out = new ArrayList<>();
        for (String requirement : requirements) {
            JsonNode field = catalog.registrationField(requirement).orElseThrow();
            List<String> kind = REQUIREMENT_MESSAGES.get(field.path("type").asText());
            if (kind == null) {
                continue;
            }
            ObjectNode d = mapper.createObjectNode();
            d.put("name", "Registration requirement: " + requirement);
            d.put("description", field.path("description").asText());
            d.put("related_uri", urls.docs("registration-" + requirement));
            d.put("related_type", kind.get(1));
            if (field.has("amount")) {
                d.set("amount", field.get("amount"));
                d.set("currency", field.get("currency"));
            }
            out.add(new Message(Ids.random("m"), registrantId, null, kind.get(0), "open", false, null, now, now, d));
        }
        return out;
    }

    private ArrayNode strings(List<String> values) {
        ArrayNode array = mapper.createArrayNode();
        values.forEach(array::add);
        return array;
    }
}
