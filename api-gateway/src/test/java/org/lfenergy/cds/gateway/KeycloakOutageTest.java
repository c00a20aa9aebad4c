package org.lfenergy.cds.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.lfenergy.cds.gateway.support.GrantEvents.grant;
import static org.lfenergy.cds.gateway.support.GrantEvents.newGrantId;
import static org.lfenergy.cds.gateway.support.GrantEvents.scope;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.GrantEvent;
import org.lfenergy.cds.contracts.grant.GrantStatus;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.gateway.messaging.GrantCache;
import org.lfenergy.cds.gateway.support.CdsTestClients;
import org.lfenergy.cds.gateway.support.CdsTestClients.TokenShape;
import org.lfenergy.cds.gateway.support.GatewayTestProfile;
import org.lfenergy.cds.gateway.support.Grants;
import org.lfenergy.cds.gateway.support.TestServers;
import org.lfenergy.cds.testing.RealInfrastructure;

/**
 * With Keycloak unreachable from the gateway (its connection cut by a relay, Keycloak itself keeps running for the
 * others), tokens signed with the cached realm key still validate; forged ones are still refused.
 */
@QuarkusTest
@TestProfile(GatewayTestProfile.class)
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class KeycloakOutageTest {

    @Inject
    GrantCache cache;

    @Test
    void keepsValidatingTokensWithCachedKeysWhileKeycloakIsUnreachable() {
        GrantEvent g = Grants.publishAndAwait(cache, grant(newGrantId(), "gw-test-outage", GrantStatus.ACTIVE,
                scope("cds_query_accounts", new Coverage(null, IdSelection.ALL, null, null, null, null),
                        IncludeField.ACCOUNTS)));
        String first = CdsTestClients.get().token("gw-test-outage", TokenShape.of(g.grantId(), "cds_query_accounts"));
        given().auth().oauth2(first).get("/cds/v1/accounts").then().statusCode(200);

        TestServers.keycloakOff();
        try {
            given().auth().oauth2(first).get("/cds/v1/accounts").then().statusCode(200);
            // issued by Keycloak during the gateway's outage, signed with the same realm key
            String second = CdsTestClients.get().token("gw-test-outage", TokenShape.of(g.grantId(), "cds_query_accounts"));
            given().auth().oauth2(second).get("/cds/v1/accounts").then().statusCode(200).body("service", equalTo("billing"));
            given().auth().oauth2(second + "x").get("/cds/v1/accounts").then().statusCode(401)
                    .body("error", equalTo("invalid_token"));
        } finally {
            TestServers.keycloakOn();
        }
    }
}
