package org.lfenergy.cds.auth.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.auth.service.RegistrationPlan.PlannedObject;
import org.lfenergy.cds.auth.service.model.ClientKind;
import org.lfenergy.cds.auth.service.scope.ScopeCatalog;

class RegistrationPlanTest {

    static final ScopeCatalog CATALOG = ScopeCatalog.load(new ObjectMapper(), "https://cds.example");

    static List<PlannedObject> plan(String scopes) {
        return RegistrationPlan.plan(List.of(scopes.split(" ")), CATALOG);
    }

    @Test
    void createsOnlyTheClientAdminObjectForAClientAdminOnlyRequest() {
        List<PlannedObject> plan = plan("cds_client_admin");

        assertThat(plan).hasSize(1);
        assertThat(plan.get(0).kind()).isEqualTo(ClientKind.CLIENT_ADMIN);
        assertThat(plan.get(0).statusOptions()).containsExactly("production").doesNotContain("disabled");
        assertThat(plan.get(0).grantTypes()).containsExactly("client_credentials");
        assertThat(plan.get(0).tokenEndpointAuthMethod()).isEqualTo("client_secret_basic");
    }

    @Test
    void neverPutsDirectAccessAndConsentScopesOnTheSameObject() {
        List<PlannedObject> plan = plan("cds_client_admin cds_query_accounts cds_query_usage cds_service_contracts cds_usage");

        assertThat(plan).extracting(PlannedObject::kind).containsExactly(ClientKind.CLIENT_ADMIN,
                ClientKind.DIRECT_ACCESS, ClientKind.CUSTOMER_CONSENT, ClientKind.GRANT_ADMIN);
        assertThat(plan.get(1).scopes()).containsExactly("cds_query_accounts", "cds_query_usage");
        assertThat(plan.get(2).scopes()).containsExactly("cds_service_contracts", "cds_usage");
    }

    @Test
    void createsTheGrantAdminObjectForEveryReferencedGrantAdminScope() {
        PlannedObject grantAdmin = plan("cds_client_admin cds_query_accounts").get(2);

        assertThat(grantAdmin.scopes()).containsExactly("cds_grant_admin_1");
        assertThat(grantAdmin.authorizationDetailsTypes()).containsExactly("cds_grant_admin_1");
        assertThat(grantAdmin.statusOptions()).contains("disabled");
    }

    @Test
    void createsConsentObjectsInSandboxWithoutProduction() {
        PlannedObject consent = plan("cds_client_admin cds_meters").get(1);

        assertThat(consent.status()).isEqualTo("sandbox");
        assertThat(consent.statusOptions()).containsExactly("sandbox", "disabled");
        assertThat(consent.responseTypes()).containsExactly("code");
        assertThat(consent.grantTypes()).containsExactly("authorization_code", "refresh_token");
    }

    @Test
    void givesTheFilesObjectNoTokenEndpointAuthMethod() {
        PlannedObject files = plan("cds_client_admin cds_server_provided_files_1").get(1);

        assertThat(files.kind()).isEqualTo(ClientKind.SERVER_PROVIDED_FILES);
        assertThat(files.tokenEndpointAuthMethod()).isNull();
        assertThat(files.grantTypes()).isEmpty();
    }

    @Test
    void rejectsARequestWithoutClientAdmin() {
        assertThatThrownBy(() -> plan("cds_query_accounts"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.error()).isEqualTo("invalid_client_metadata"));
    }

    @Test
    void rejectsANonCdsScopeMixedWithCdsScopes() {
        assertThatThrownBy(() -> plan("cds_client_admin openid"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
