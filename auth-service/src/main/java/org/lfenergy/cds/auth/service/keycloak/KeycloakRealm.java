package org.lfenergy.cds.auth.service.keycloak;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.lfenergy.cds.auth.config.CdsConfig;
import org.lfenergy.cds.auth.service.model.ClientObject;

/**
 * The Keycloak side of CDS objects, through the admin REST API: one Keycloak client per Client Object (secret = the
 * CDS credential), one client scope per CDS scope, one client scope per Grant carrying the {@code cds_grant_id}
 * claim. The admin client blocks, so every call runs on a worker thread.
 */
@ApplicationScoped
public class KeycloakRealm {

    /** Prefix of the per-Grant client scopes. */
    public static final String GRANT_SCOPE_PREFIX = "cds-grant-";
    /** Keycloak's built-in scope for refresh tokens that outlive the browser session (offline sessions). */
    public static final String OFFLINE_ACCESS = "offline_access";
    /** The access-token claim naming the Grant a token belongs to. */
    public static final String GRANT_CLAIM = "cds_grant_id";

    private static final Logger LOG = Logger.getLogger(KeycloakRealm.class);

    private final Keycloak keycloak;
    private final CdsConfig config;
    private final Set<String> knownCdsScopes = ConcurrentHashMap.newKeySet();

    public KeycloakRealm(Keycloak keycloak, CdsConfig config) {
        this.keycloak = keycloak;
        this.config = config;
    }

    private RealmResource realm() {
        return keycloak.realm(config.keycloak().realm());
    }

    private static <T> Uni<T> blocking(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Creates the client scopes of these CDS scope ids that do not exist yet (idempotent). */
    @Timeout(30_000)
    public Uni<Void> ensureCdsScopes(List<String> scopeIds) {
        if (knownCdsScopes.containsAll(scopeIds)) {
            return Uni.createFrom().voidItem();
        }
        return blocking(() -> {
            Set<String> existing = ConcurrentHashMap.newKeySet();
            realm().clientScopes().findAll().forEach(s -> existing.add(s.getName()));
            for (String id : scopeIds) {
                if (!existing.contains(id)) {
                    ClientScopeRepresentation scope = new ClientScopeRepresentation();
                    scope.setName(id);
                    scope.setProtocol("openid-connect");
                    scope.setDescription("CDS scope " + id + " (managed by auth-service)");
                    scope.setAttributes(Map.of("include.in.token.scope", "true", "display.on.consent.screen", "false"));
                    try (Response r = realm().clientScopes().create(scope)) {
                        if (r.getStatus() != 201 && r.getStatus() != 409) {
                            throw new IllegalStateException("Keycloak refused client scope " + id + ": " + r.getStatus());
                        }
                    }
                    LOG.infof("created Keycloak client scope %s", id);
                }
                knownCdsScopes.add(id);
            }
            return null;
        });
    }

    /** Client attribute prefix holding each CDS Credential's secret (Keycloak is the secret store). */
    public static final String CREDENTIAL_ATTRIBUTE = "cds.credential.";

    /**
     * Creates the Keycloak client mirroring a Client Object; returns Keycloak's internal id. The first Credential's
     * secret is also the Keycloak client secret until a Credential expires (then Keycloak's is rotated).
     */
    @Timeout(30_000)
    public Uni<String> createClient(ClientObject client, String secret, String credentialId) {
        return blocking(() -> {
            ClientRepresentation rep = representation(client);
            rep.setSecret(secret);
            if (credentialId != null) {
                rep.getAttributes().put(CREDENTIAL_ATTRIBUTE + credentialId, secret);
            }
            try (Response r = realm().clients().create(rep)) {
                return CreatedResponseUtil.getCreatedId(r);
            }
        });
    }

    /** Applies a changed Client Object (status, redirect URIs, scopes) to its Keycloak client. */
    @Timeout(30_000)
    public Uni<Void> updateClient(ClientObject client) {
        return blocking(() -> {
            var resource = realm().clients().get(client.keycloakId());
            ClientRepresentation rep = resource.toRepresentation();
            ClientRepresentation wanted = representation(client);
            rep.setEnabled(wanted.isEnabled());
            rep.setName(wanted.getName());
            rep.setRedirectUris(wanted.getRedirectUris());
            resource.update(rep);
            List<String> current = new ArrayList<>(resource.getOptionalClientScopes().stream()
                    .map(ClientScopeRepresentation::getName).filter(n -> !n.startsWith(GRANT_SCOPE_PREFIX)).toList());
            Map<String, String> ids = scopeIdsByName();
            for (String scope : optionalScopes(client)) {
                if (!current.remove(scope) && ids.containsKey(scope)) {
                    resource.addOptionalClientScope(ids.get(scope));
                }
            }
            for (String stale : current) {
                if (ids.containsKey(stale)) {
                    resource.removeOptionalClientScope(ids.get(stale));
                }
            }
            return null;
        });
    }

    /** Deletes the Keycloak client of a Client Object (compensation after a failed registration). */
    public Uni<Void> deleteClient(String keycloakId) {
        return blocking(() -> {
            try {
                realm().clients().get(keycloakId).remove();
            } catch (WebApplicationException e) {
                rethrowUnlessNotFound(e); // already gone
            }
            return null;
        });
    }

    /** Replaces the client's secret (a new Credential takes over the Keycloak secret). */
    @Timeout(30_000)
    public Uni<Void> setSecret(String keycloakId, String secret) {
        return blocking(() -> {
            var resource = realm().clients().get(keycloakId);
            ClientRepresentation rep = resource.toRepresentation();
            rep.setSecret(secret);
            resource.update(rep);
            return null;
        });
    }

    /** The client's current Keycloak secret: auth-service's key to Keycloak's token endpoint for this client. */
    @Timeout(30_000)
    public Uni<String> secret(String keycloakId) {
        return blocking(() -> realm().clients().get(keycloakId).getSecret().getValue());
    }

    /** Stores a new CDS Credential's secret with the client (never shown by Keycloak to anyone but admins). */
    @Timeout(30_000)
    public Uni<Void> storeCredentialSecret(String keycloakId, String credentialId, String secret) {
        return blocking(() -> {
            var resource = realm().clients().get(keycloakId);
            ClientRepresentation rep = resource.toRepresentation();
            Map<String, String> attributes = rep.getAttributes() == null ? new HashMap<>() : new HashMap<>(rep.getAttributes());
            attributes.put(CREDENTIAL_ATTRIBUTE + credentialId, secret);
            rep.setAttributes(attributes);
            resource.update(rep);
            return null;
        });
    }

    /**
     * A CDS Credential's secret: its client attribute, or (Credentials created before secrets were kept per
     * Credential) the Keycloak client secret.
     */
    @Timeout(30_000)
    public Uni<String> credentialSecret(String keycloakId, String credentialId) {
        return blocking(() -> {
            var resource = realm().clients().get(keycloakId);
            Map<String, String> attributes = resource.toRepresentation().getAttributes();
            String kept = attributes == null ? null : attributes.get(CREDENTIAL_ATTRIBUTE + credentialId);
            return kept != null ? kept : resource.getSecret().getValue();
        });
    }

    /** Gives the Keycloak client a new random secret that no client ever saw (after a Credential expired). */
    @Timeout(30_000)
    public Uni<Void> rotateSecret(String keycloakId) {
        return blocking(() -> {
            realm().clients().get(keycloakId).generateNewSecret();
            return null;
        });
    }

    /**
     * Invalidates every token issued to the client until now (Keycloak client "not before"): used when a Credential
     * expires or the Client Object is disabled.
     */
    @Timeout(30_000)
    public Uni<Void> revokeTokensIssuedBefore(String keycloakId, Instant instant) {
        return blocking(() -> {
            var resource = realm().clients().get(keycloakId);
            ClientRepresentation rep = resource.toRepresentation();
            rep.setNotBefore((int) instant.getEpochSecond());
            resource.update(rep);
            return null;
        });
    }

    /**
     * Creates the client scope that stamps {@code cds_grant_id} on the Grant's tokens, and lets only this client
     * request it. Its name is never in the token's {@code scope} claim.
     */
    @Timeout(30_000)
    public Uni<String> createGrantScope(String grantId, String clientId, String keycloakClientId) {
        return blocking(() -> {
            String name = GRANT_SCOPE_PREFIX + grantId;
            ClientScopeRepresentation scope = new ClientScopeRepresentation();
            scope.setName(name);
            scope.setProtocol("openid-connect");
            scope.setDescription("Tokens of CDS grant " + grantId + " (managed by auth-service)");
            // Not in the realm's public discovery document: grant ids are nobody else's business.
            scope.setAttributes(Map.of("include.in.token.scope", "false", "display.on.consent.screen", "false",
                    "include.in.openid.provider.metadata", "false"));
            scope.setProtocolMappers(List.of(
                    hardcodedClaim(GRANT_CLAIM, grantId),
                    audience("audience-client", clientId),
                    audience("audience-resource-servers", config.token().audience())));
            String scopeId;
            try (Response r = realm().clientScopes().create(scope)) {
                scopeId = CreatedResponseUtil.getCreatedId(r);
            }
            realm().clients().get(keycloakClientId).addOptionalClientScope(scopeId);
            return name;
        });
    }

    /** Removes a Grant's client scope: no new token can be issued for the Grant. */
    public Uni<Void> deleteGrantScope(String scopeName) {
        return blocking(() -> {
            realm().clientScopes().findAll().stream().filter(s -> s.getName().equals(scopeName)).findFirst()
                    .ifPresent(s -> {
                        try {
                            realm().clientScopes().get(s.getId()).remove();
                        } catch (RuntimeException e) {
                            LOG.warnf("could not delete Keycloak client scope %s: %s", scopeName, e.getMessage());
                        }
                    });
            return null;
        });
    }

    /**
     * Makes sure the confidential client named after the resource-server audience exists (no flows: it only
     * introspects) and returns its secret, which every replica reads from Keycloak.
     */
    @Timeout(30_000)
    public Uni<String> ensureResourceServerClient(String clientId) {
        return blocking(() -> {
            List<ClientRepresentation> found = realm().clients().findByClientId(clientId);
            String id;
            if (found.isEmpty()) {
                ClientRepresentation rep = new ClientRepresentation();
                rep.setClientId(clientId);
                rep.setName("CDS resource servers (token introspection)");
                rep.setEnabled(true);
                rep.setPublicClient(false);
                rep.setClientAuthenticatorType("client-secret");
                rep.setServiceAccountsEnabled(false);
                rep.setStandardFlowEnabled(false);
                rep.setDirectAccessGrantsEnabled(false);
                rep.setImplicitFlowEnabled(false);
                try (Response r = realm().clients().create(rep)) {
                    if (r.getStatus() == 409) {
                        id = realm().clients().findByClientId(clientId).get(0).getId();
                    } else {
                        id = CreatedResponseUtil.getCreatedId(r);
                    }
                }
                LOG.infof("created Keycloak client %s", clientId);
            } else {
                id = found.get(0).getId();
            }
            return realm().clients().get(id).getSecret().getValue();
        });
    }

    /** The user attribute linking a customer to the GridX Person_ID. */
    public static final String PERSON_ATTRIBUTE = "gridx_person_id";

    /**
     * Makes sure the confidential client auth-service logs customers in with exists and allows these redirect URIs;
     * returns its secret (read from Keycloak, so replicas agree).
     */
    @Timeout(30_000)
    public Uni<String> ensureLoginClient(String clientId, List<String> redirectUris) {
        return blocking(() -> {
            List<ClientRepresentation> found = realm().clients().findByClientId(clientId);
            String id;
            if (found.isEmpty()) {
                ClientRepresentation rep = new ClientRepresentation();
                rep.setClientId(clientId);
                rep.setName("CDS authorization form (customer login, managed by auth-service)");
                rep.setEnabled(true);
                rep.setProtocol("openid-connect");
                rep.setPublicClient(false);
                rep.setClientAuthenticatorType("client-secret");
                rep.setStandardFlowEnabled(true);
                rep.setServiceAccountsEnabled(false);
                rep.setDirectAccessGrantsEnabled(false);
                rep.setImplicitFlowEnabled(false);
                rep.setConsentRequired(false);
                rep.setRedirectUris(redirectUris);
                rep.setAttributes(Map.of("pkce.code.challenge.method", "S256"));
                try (Response r = realm().clients().create(rep)) {
                    id = r.getStatus() == 409 ? realm().clients().findByClientId(clientId).get(0).getId()
                            : CreatedResponseUtil.getCreatedId(r);
                }
                LOG.infof("created Keycloak client %s", clientId);
            } else {
                id = found.get(0).getId();
                ClientRepresentation rep = found.get(0);
                if (rep.getRedirectUris() == null || !new java.util.HashSet<>(rep.getRedirectUris())
                        .equals(new java.util.HashSet<>(redirectUris))) {
                    rep.setRedirectUris(redirectUris);
                    realm().clients().get(id).update(rep);
                }
            }
            return realm().clients().get(id).getSecret().getValue();
        });
    }

    /** Declares the customer attribute {@value #PERSON_ATTRIBUTE} in the realm's user profile (admin-only). */
    @Timeout(30_000)
    public Uni<Void> ensurePersonAttribute() {
        return blocking(() -> {
            var profile = realm().users().userProfile();
            org.keycloak.representations.userprofile.config.UPConfig upConfig = profile.getConfiguration();
            if (upConfig.getAttribute(PERSON_ATTRIBUTE) == null) {
                var permissions = new org.keycloak.representations.userprofile.config.UPAttributePermissions(
                        Set.of("admin"), Set.of("admin"));
                var attribute = new org.keycloak.representations.userprofile.config.UPAttribute(PERSON_ATTRIBUTE,
                        permissions);
                attribute.setDisplayName("GridX Person_ID");
                upConfig.addOrReplaceAttribute(attribute);
                profile.update(upConfig);
                LOG.infof("declared user attribute %s", PERSON_ATTRIBUTE);
            }
            return null;
        });
    }

    /**
     * The Keycloak user with this username, created when missing (linked to the GridX person, password set, no
     * required actions); returns its id.
     */
    @Timeout(30_000)
    public Uni<String> ensureCustomer(String username, String personId, String password) {
        return blocking(() -> {
            List<org.keycloak.representations.idm.UserRepresentation> found = realm().users().search(username, true);
            if (!found.isEmpty()) {
                return found.get(0).getId();
            }
            var user = new org.keycloak.representations.idm.UserRepresentation();
            user.setUsername(username);
            user.setEnabled(true);
            user.setEmailVerified(true);
            user.setFirstName("Customer");
            user.setLastName(personId);
            user.setEmail(username + "@customers.invalid");
            user.setAttributes(Map.of(PERSON_ATTRIBUTE, List.of(personId)));
            var credential = new org.keycloak.representations.idm.CredentialRepresentation();
            credential.setType("password");
            credential.setValue(password);
            credential.setTemporary(false);
            user.setCredentials(List.of(credential));
            try (Response r = realm().users().create(user)) {
                if (r.getStatus() == 409) {
                    return realm().users().search(username, true).get(0).getId();
                }
                return CreatedResponseUtil.getCreatedId(r);
            }
        });
    }

    /** The GridX Person_ID of a Keycloak user, or null when the user is not linked to a customer. */
    @Timeout(30_000)
    /** The e-mail address of a Keycloak user, or null when the user has none (or is gone). */
    public Uni<String> emailOf(String userId) {
        return blocking(() -> {
            try {
                String email = realm().users().get(userId).toRepresentation().getEmail();
                return email == null || email.isBlank() ? null : email;
            } catch (WebApplicationException e) {
                rethrowUnlessNotFound(e);
                return null;
            }
        });
    }

    public Uni<String> personIdOf(String userId) {
        return blocking(() -> {
            try {
                return realm().users().get(userId).toRepresentation().firstAttribute(PERSON_ATTRIBUTE);
            } catch (WebApplicationException e) {
                rethrowUnlessNotFound(e);
                return null;
            }
        });
    }

    /**
     * Ends a Grant's (or a credential's) Keycloak session, online and offline: its refresh tokens stop working at
     * once. A consent's refresh tokens live in the offline copy of the session, which has the same id.
     */
    public Uni<Void> deleteSession(String sessionId) {
        return endSession(sessionId, true);
    }

    /**
     * Ends only the browser (online) session, so the login page asks for credentials again; the offline sessions of
     * consents approved in it keep their refresh tokens.
     */
    public Uni<Void> endBrowserSession(String sessionId) {
        return endSession(sessionId, false);
    }

    private Uni<Void> endSession(String sessionId, boolean offlineToo) {
        return blocking(() -> {
            for (boolean offline : offlineToo ? new boolean[] {false, true} : new boolean[] {false}) {
                try {
                    realm().deleteSession(sessionId, offline);
                } catch (WebApplicationException e) {
                    rethrowUnlessNotFound(e); // already ended
                }
            }
            return null;
        });
    }

    private Map<String, String> scopeIdsByName() {
        Map<String, String> ids = new HashMap<>();
        realm().clientScopes().findAll().forEach(s -> {
            if (!s.getName().startsWith(GRANT_SCOPE_PREFIX)) {
                ids.put(s.getName(), s.getId());
            }
        });
        return ids;
    }

    private ClientRepresentation representation(ClientObject client) {
        ClientRepresentation rep = new ClientRepresentation();
        rep.setClientId(client.clientId());
        rep.setName(client.document().path("client_name").asText(client.clientId()));
        rep.setDescription("CDS Client Object of registrant " + client.registrantId() + " (managed by auth-service)");
        rep.setEnabled(!client.isDisabled());
        rep.setProtocol("openid-connect");
        rep.setPublicClient(false);
        rep.setClientAuthenticatorType("client-secret");
        rep.setServiceAccountsEnabled(client.grantTypes().contains("client_credentials"));
        rep.setStandardFlowEnabled(client.responseTypes().contains("code"));
        rep.setImplicitFlowEnabled(false);
        rep.setDirectAccessGrantsEnabled(false);
        rep.setConsentRequired(false);
        rep.setFullScopeAllowed(false);
        List<String> redirects = new ArrayList<>();
        client.document().path("redirect_uris").forEach(u -> redirects.add(u.asText()));
        rep.setRedirectUris(redirects);
        // Code-flow tokens name the customer (sub, sid from Keycloak's built-in 'basic' scope); the others name no one.
        rep.setDefaultClientScopes(client.responseTypes().contains("code") ? List.of("basic") : List.of());
        rep.setOptionalClientScopes(optionalScopes(client));
        Map<String, String> attributes = new HashMap<>();
        attributes.put("cds.registrant_id", client.registrantId());
        if (client.responseTypes().contains("code")) {
            attributes.put("pkce.code.challenge.method", "S256");
            attributes.put("use.refresh.tokens", "true");
        }
        attributes.put("client_credentials.use_refresh_token", "false");
        rep.setAttributes(attributes);
        return rep;
    }

    /**
     * Keycloak's 404 comes as a NotFoundException or, from the reactive REST client, as a plain
     * WebApplicationException with that status: both mean "already gone".
     */
    private static void rethrowUnlessNotFound(WebApplicationException e) {
        if (e.getResponse() == null || e.getResponse().getStatus() != 404) {
            throw e;
        }
    }

    /** The scopes a client may ask Keycloak for: its CDS scopes, and offline tokens for the code flow's consents. */
    private static List<String> optionalScopes(ClientObject client) {
        List<String> scopes = new ArrayList<>(client.scopes());
        if (client.responseTypes().contains("code")) {
            scopes.add(OFFLINE_ACCESS);
        }
        return scopes;
    }

    private static ProtocolMapperRepresentation hardcodedClaim(String claim, String value) {
        ProtocolMapperRepresentation m = new ProtocolMapperRepresentation();
        m.setName(claim);
        m.setProtocol("openid-connect");
        m.setProtocolMapper("oidc-hardcoded-claim-mapper");
        m.setConfig(Map.of("claim.name", claim, "claim.value", value, "jsonType.label", "String",
                "access.token.claim", "true", "id.token.claim", "false", "userinfo.token.claim", "false",
                "introspection.token.claim", "true"));
        return m;
    }

    private static ProtocolMapperRepresentation audience(String name, String audience) {
        ProtocolMapperRepresentation m = new ProtocolMapperRepresentation();
        m.setName(name);
        m.setProtocol("openid-connect");
        m.setProtocolMapper("oidc-audience-mapper");
        m.setConfig(Map.of("included.custom.audience", audience, "access.token.claim", "true",
                "id.token.claim", "false", "introspection.token.claim", "true"));
        return m;
    }
}
