package org.lfenergy.cds.auth.support;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

/** A Keycloak service account of realm cds with the realm role cds-operator, and its token straight from Keycloak. */
public final class OperatorToken {

    public static final String ROLE = "cds-operator";

    private OperatorToken() {
    }

    public static String issue(Keycloak keycloak) throws Exception {
        RealmResource realm = keycloak.realm("cds");
        if (realm.roles().list().stream().noneMatch(r -> r.getName().equals(ROLE))) {
            realm.roles().create(new RoleRepresentation(ROLE, "CDS operator (tests)", false));
        }
        ClientRepresentation rep = new ClientRepresentation();
        rep.setClientId("cds-operator-test-" + UUID.randomUUID());
        rep.setEnabled(true);
        rep.setPublicClient(false);
        rep.setServiceAccountsEnabled(true);
        rep.setStandardFlowEnabled(false);
        rep.setSecret("operator-" + UUID.randomUUID());
        rep.setDefaultClientScopes(List.of("roles"));
        String id;
        try (Response r = realm.clients().create(rep)) {
            id = CreatedResponseUtil.getCreatedId(r);
        }
        String user = realm.clients().get(id).getServiceAccountUser().getId();
        realm.users().get(user).roles().realmLevel().add(List.of(realm.roles().get(ROLE).toRepresentation()));
        String issuer = ConfigProvider.getConfig().getValue("cds.keycloak.url", String.class) + "/realms/cds";
        TokenResponse response = TokenResponse.parse(new TokenRequest(URI.create(issuer + "/protocol/openid-connect/token"),
                new ClientSecretBasic(new ClientID(rep.getClientId()), new Secret(rep.getSecret())),
                new ClientCredentialsGrant()).toHTTPRequest().send());
        if (!response.indicatesSuccess()) {
            throw new AssertionError("operator token refused: " + response.toErrorResponse().getErrorObject());
        }
        return ((AccessTokenResponse) response).getTokens().getAccessToken().getValue();
    }
}
