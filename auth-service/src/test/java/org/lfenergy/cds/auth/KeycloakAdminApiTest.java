package org.lfenergy.cds.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.lfenergy.cds.testing.RealInfrastructure;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "auth"))
class KeycloakAdminApiTest {

    @Inject
    Keycloak keycloak;

    @Test
    void reachesTheImportedCdsRealmThroughTheAdminApi() {
        var realm = keycloak.realm("cds").toRepresentation();

        assertThat(realm.getRealm()).isEqualTo("cds");
        assertThat(realm.isEnabled()).isTrue();
        assertThat(realm.getAccessTokenLifespan()).isEqualTo(300);
    }
}
