package org.lfenergy.cds.auth.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lfenergy.cds.auth.service.model.ClientKind;
import org.lfenergy.cds.auth.service.scope.ScopeCatalog;
import org.lfenergy.cds.auth.service.scope.ScopeDescription;
import org.lfenergy.cds.auth.service.scope.ScopeKind;

/**
 * Which Client Objects one registration creates (WG1-02 §4.2, WG3 §4.11), as a pure function of the requested
 * scopes: the {@code cds_client_admin} object first, then one object per group of scopes sharing kind, response
 * types, grant types and token endpoint auth methods (so direct access and consent scopes never share one), then
 * the grant-admin object for every referenced grant-admin scope.
 */
public final class RegistrationPlan {

    /** One Client Object to create. */
    public record PlannedObject(ClientKind kind, List<String> scopes, List<String> responseTypes,
            List<String> grantTypes, String tokenEndpointAuthMethod, List<String> authorizationDetailsTypes,
            String status, List<String> statusOptions) {
    }

    private RegistrationPlan() {
    }

    /**
     * @throws ApiError {@code invalid_client_metadata} when {@code cds_client_admin} is missing or a scope is unknown
     */
    public static List<PlannedObject> plan(List<String> requested, ScopeCatalog catalog) {
        if (!requested.contains("cds_client_admin")) {
            throw new ApiError(400, "invalid_client_metadata",
                    "scope must include cds_client_admin for a CDS client registration");
        }
        Map<List<Object>, List<ScopeDescription>> groups = new LinkedHashMap<>();
        Set<String> grantAdminScopes = new LinkedHashSet<>();
        for (String id : new LinkedHashSet<>(requested)) {
            ScopeDescription scope = catalog.scope(id).orElseThrow(() -> new ApiError(400, "invalid_client_metadata",
                    "scope " + id + " is not a CDS scope of this server"));
            if (scope.kind() == ScopeKind.CLIENT_ADMIN) {
                continue;
            }
            if (scope.kind() == ScopeKind.GRANT_ADMIN) {
                grantAdminScopes.add(scope.id());
                continue;
            }
            if (scope.grantAdminScope() != null) {
                grantAdminScopes.add(scope.grantAdminScope());
            }
            List<Object> key = List.of(scope.kind(), scope.responseTypes(), scope.grantTypes(),
                    scope.tokenEndpointAuthMethods());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(scope);
        }
        List<PlannedObject> out = new ArrayList<>();
        out.add(object(ClientKind.CLIENT_ADMIN, List.of(catalog.scope("cds_client_admin").orElseThrow())));
        groups.values().forEach(scopes -> out.add(object(ClientKind.valueOf(scopes.get(0).kind().name()), scopes)));
        if (!grantAdminScopes.isEmpty()) {
            out.add(object(ClientKind.GRANT_ADMIN,
                    grantAdminScopes.stream().map(id -> catalog.scope(id).orElseThrow()).toList()));
        }
        return out;
    }

    private static PlannedObject object(ClientKind kind, List<ScopeDescription> scopes) {
        ScopeDescription first = scopes.get(0);
        List<String> rarTypes = scopes.stream().flatMap(s -> s.authorizationDetailsTypes().stream()).distinct().toList();
        String authMethod = first.tokenEndpointAuthMethods().isEmpty() ? null : first.tokenEndpointAuthMethods().get(0);
        String status;
        List<String> options;
        switch (kind) {
            case CLIENT_ADMIN -> {
                status = "production";
                options = List.of("production");
            }
            case CUSTOMER_CONSENT -> {
                status = "sandbox";
                options = List.of("sandbox", "disabled");
            }
            default -> {
                status = "production";
                options = List.of("production", "disabled");
            }
        }
        return new PlannedObject(kind, scopes.stream().map(ScopeDescription::id).toList(), first.responseTypes(),
                first.grantTypes(), authMethod, rarTypes, status, options);
    }
}
