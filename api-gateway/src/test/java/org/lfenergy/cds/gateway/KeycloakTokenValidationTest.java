package org.lfenergy.cds.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.testing.KeycloakTestClients;
import org.lfenergy.cds.testing.RealInfrastructure;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class KeycloakTokenValidationTest {

    @Test
    void acceptsATokenSignedByTheRealKeycloak() {
        KeycloakTestClients keycloak = KeycloakTestClients.ofLocalStack();
        String secret = keycloak.createServiceClient("gateway-test-probe");
        String token = keycloak.clientCredentialsToken("gateway-test-probe", secret);

        given().auth().oauth2(token).get("/test-only/token-probe")
                .then().statusCode(200).body(equalTo("gateway-test-probe"));
    }

    @Test
    void refusesARequestWithoutToken() {
        given().get("/test-only/token-probe").then().statusCode(401);
    }

    @Test
    void refusesATokenWithABrokenSignature() {
        KeycloakTestClients keycloak = KeycloakTestClients.ofLocalStack();
        String secret = keycloak.createServiceClient("gateway-test-probe-2");
        String token = keycloak.clientCredentialsToken("gateway-test-probe-2", secret);
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        given().auth().oauth2(tampered).get("/test-only/token-probe").then().statusCode(401);
    }
}
