package org.lfenergy.cds.auth.service.scope;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A CDS Scope Description: the typed parts the server acts on, plus the published JSON object.
 *
 * @param fields the authorization details fields by id, in published order
 * @param published the Scope Description object exactly as served in {@code cds_scope_descriptions}
 */
public record ScopeDescription(String id, String type, ScopeKind kind, List<String> responseTypes,
        List<String> grantTypes, List<String> tokenEndpointAuthMethods, String grantAdminScope,
        List<String> authorizationDetailsTypes, Map<String, FieldSpec> fields,
        List<String> registrationRequirements, List<String> registrationOptional, ObjectNode published) {

    /** Whether tokens for this scope come from the client credentials grant. */
    public boolean usesClientCredentials() {
        return grantTypes.contains("client_credentials");
    }
}
