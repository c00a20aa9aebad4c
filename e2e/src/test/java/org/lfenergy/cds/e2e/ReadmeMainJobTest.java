package org.lfenergy.cds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lfenergy.cds.e2e.support.CdsClient.bearer;
import static org.lfenergy.cds.e2e.support.CdsClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lfenergy.cds.e2e.support.Browser;
import org.lfenergy.cds.e2e.support.CdsClient;
import org.lfenergy.cds.e2e.support.CdsClient.ClientObject;
import org.lfenergy.cds.e2e.support.Consent.Approval;
import org.lfenergy.cds.e2e.support.Consent;
import org.lfenergy.cds.e2e.support.DataChecks;
import org.lfenergy.cds.e2e.support.DemoData;
import org.lfenergy.cds.e2e.support.E2eStack;
import org.openqa.selenium.By;

/**
 * The README's main job, as the people in it would do it against the packaged services: the utility's generated
 * GridX files were delivered to ingest-service over HTTP and ingested (the stack fixture); an app registers
 * anonymously, gets a {@code cds_client_admin} token, reads its client objects and credentials; a customer consents
 * in headless Chromium; the app redeems the code (PKCE S256) and reads all nine data APIs through the gateway,
 * checked against the source files; the customer revokes on the receipt page and the very next call fails.
 */
@ExtendWith(E2eStack.Extension.class)
class ReadmeMainJobTest {

    static final String CONSENT_SCOPES = "cds_accounts cds_service_contracts cds_bill_statements cds_service_bills"
            + " cds_meters cds_usage";

    @Test
    void ingestedDataRegisterConsentCodeTokenAllNineApisThenRevokedGrantFailsOnTheNextCall() {
        E2eStack stack = E2eStack.get();
        DemoData data = stack.data();
        String gw = stack.gateway();
        String person = Consent.MARIA;

        // 1. registration, admin token, clients and credentials
        CdsClient app = CdsClient.register(gw, "cds_client_admin " + CONSENT_SCOPES);
        ClientObject consent = app.objectWithScope("cds_accounts");
        assertThat(consent.document().path("scope").asText().split(" ")).containsExactlyInAnyOrder(
                CONSENT_SCOPES.split(" "));
        String redirect = consent.defaultRedirectUri();
        assertThat(redirect).isEqualTo(gw + "/oauth/default-redirect/" + consent.clientId());

        // 2. the customer consents in the browser (authorization code, PKCE S256), 3. code -> token
        String accessToken;
        try (Browser browser = Browser.start()) {
            Approval approval = Consent.approve(browser, stack, app, consent, redirect,
                    Map.of("scope", CONSENT_SCOPES), person, Consent.allAccounts(data, person));
            JsonNode tokens = approval.tokens();
            accessToken = approval.accessToken();
            assertThat(tokens.path("refresh_token").asText()).isNotBlank();
            assertThat(tokens.path("scope").asText().split(" ")).contains(CONSENT_SCOPES.split(" "));
            assertThat(tokens.path("cds_grant_ids")).hasSize(1);
            JsonNode grant = app.admin("/cds-api/v1/grants/" + approval.grantId());
            assertThat(grant.path("status").asText()).isEqualTo("active");
            assertThat(grant.path("client_id").asText()).isEqualTo(consent.clientId());

            // 4. all nine data APIs through the gateway, checked against the source files
            new DataChecks(gw, data).allNineApisShowExactlyThisCustomersObjects(accessToken, person);

            // 5. the customer revokes on the receipt page (no login needed) ...
            browser.driver().get(approval.receiptUrl());
            browser.driver().findElement(By.id("revoke")).click();
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(30))
                    .until(org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated(
                            By.id("status"), "Revoked"));
        }
        // ... and the very next data call fails (the gateway's grant cache follows cds.grants.v1)
        Response refused = bearer(gw, accessToken).get("/cds/v1/accounts");
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertThat(json(refused).path("error").asText()).isEqualTo("invalid_token");
    }
}
