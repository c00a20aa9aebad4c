package org.lfenergy.cds.gateway.probe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.lfenergy.cds.gateway.support.GrantEvents.grant;
import static org.lfenergy.cds.gateway.support.GrantEvents.newGrantId;
import static org.lfenergy.cds.gateway.support.GrantEvents.scope;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.access.AccessFilterCodec;
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
import org.lfenergy.cds.testing.RealInfrastructure;

/**
 * Security probe: a token whose {@code scope} claims more than its grant covers (a mis-configured or compromised
 * Keycloak client) opens nothing beyond the grant. The grant, not the token, is the authority: the extra scopes give
 * 403 insufficient_scope and the access filter passed to the services carries only the grant's scope and coverage.
 */
@QuarkusTest
@TestProfile(GatewayTestProfile.class)
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class GatewayExtraScopeProbeTest {

    private static final Coverage TWO_ACCOUNTS = new Coverage(null, IdSelection.ofNumbers(List.of("ACC-1", "ACC-2")),
            null, null, null, null);

    @Inject
    GrantCache cache;

    @Inject
    AccessFilterCodec codec;

    @Test
    void scopesTheTokenCarriesBeyondItsGrantOpenNoApiAndWidenNoFilter() {
        String client = "gw-test-extra-scopes";
        GrantEvent g = Grants.publishAndAwait(cache, grant(newGrantId(), client, GrantStatus.ACTIVE,
                scope("cds_query_accounts", TWO_ACCOUNTS, IncludeField.ACCOUNTS)));
        String token = CdsTestClients.get().token(client, TokenShape.of(g.grantId(), "cds_query_accounts",
                "cds_query_usage", "cds_query_bill_statements", "cds_client_admin"));

        for (String api : List.of("/cds/v1/usage-segments", "/cds/v1/bill-statements", "/cds/v1/bill-sections",
                "/cds/v1/meter-devices", "/cds/v1/service-points", "/cds/v1/eacs")) {
            given().auth().oauth2(token).get(api).then().statusCode(403).contentType("application/json")
                    .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""))
                    .body("error", equalTo("insufficient_scope"));
        }

        String header = given().auth().oauth2(token).get("/cds/v1/accounts").then().statusCode(200)
                .extract().path("headers.x-cds-access-filter");
        AccessFilter filter = codec.verify(header);
        assertThat(filter.grantId()).isEqualTo(g.grantId());
        assertThat(filter.scopes()).containsExactly("cds_query_accounts");
        assertThat(filter.coverage()).isEqualTo(TWO_ACCOUNTS);
        assertThat(filter.include()).containsExactly(IncludeField.ACCOUNTS);
    }

    @Test
    void anotherClientsGrantIdInAnOverScopedTokenIsStillRefused() {
        GrantEvent other = Grants.publishAndAwait(cache, grant(newGrantId(), "gw-test-grant-owner", GrantStatus.ACTIVE,
                scope("cds_query_accounts", TWO_ACCOUNTS, IncludeField.ACCOUNTS)));
        String token = CdsTestClients.get().token("gw-test-grant-thief", TokenShape.of(other.grantId(),
                "cds_query_accounts", "cds_query_usage", "cds_client_admin"));

        given().auth().oauth2(token).get("/cds/v1/accounts").then().statusCode(403)
                .body("error", equalTo("insufficient_scope"))
                .body("error_description", containsString("another client"));
    }
}
