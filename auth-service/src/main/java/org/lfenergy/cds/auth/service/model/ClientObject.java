package org.lfenergy.cds.auth.service.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A CDS Client Object as stored: queryable attributes plus the rest of its RFC 7591 / CDS metadata ({@code document},
 * keyed by the API field names).
 */
public record ClientObject(String clientId, String registrantId, ClientKind kind, String status, String scope,
        Instant issuedAt, Instant created, Instant modified, String keycloakId, ObjectNode document) {

    /** Document member: the scope aliases the registrant used that stand for scopes of this object. */
    public static final String SCOPE_ALIASES = "cds_scope_aliases";

    /** The {@code scope} as published: the scope ids, then the aliases the registrant used for them. */
    public String publishedScope() {
        List<String> aliases = texts(document.path(SCOPE_ALIASES));
        return aliases.isEmpty() ? scope : (scope + " " + String.join(" ", aliases)).trim();
    }

    /** The scopes of this object. */
    public List<String> scopes() {
        return scope.isBlank() ? List.of() : List.of(scope.trim().split("\\s+"));
    }

    public List<String> grantTypes() {
        return texts(document.path("grant_types"));
    }

    public List<String> responseTypes() {
        return texts(document.path("response_types"));
    }

    public List<String> authorizationDetailsTypes() {
        return texts(document.path("authorization_details_types"));
    }

    public List<String> statusOptions() {
        return texts(document.path("cds_status_options"));
    }

    /** The token endpoint auth method, or null when the object has none. */
    public String tokenEndpointAuthMethod() {
        JsonNode m = document.get("token_endpoint_auth_method");
        return m == null || m.isNull() ? null : m.asText();
    }

    public boolean isDisabled() {
        return "disabled".equals(status);
    }

    public ClientObject with(String newStatus, String newScope, Instant newModified, ObjectNode newDocument) {
        return new ClientObject(clientId, registrantId, kind, newStatus, newScope, issuedAt, created, newModified,
                keycloakId, newDocument);
    }

    public ClientObject withKeycloakId(String id) {
        return new ClientObject(clientId, registrantId, kind, status, scope, issuedAt, created, modified, id, document);
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }
}
