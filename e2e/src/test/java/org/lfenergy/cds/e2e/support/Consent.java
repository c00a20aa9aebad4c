package org.lfenergy.cds.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.lfenergy.cds.e2e.support.CdsClient.ClientObject;
import org.lfenergy.cds.e2e.support.CdsClient.Pkce;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A customer's consent as the README describes it: the app sends the browser to {@code /oauth/authorize} (code, PKCE
 * S256, state), the customer logs in at Keycloak as a sandbox user, ticks objects on the authorization form and
 * approves; the app redeems the code. The customers are those of the generated scenario (libs/gridx-generator).
 */
public final class Consent {

    /** Maria Gonzalez: an electric and a gas contract under one account. */
    public static final String MARIA = "1000001";
    /** Maria's electric meter in the test window (the meter swap comes later). */
    public static final String MARIA_ELECTRIC_METER = "E1000001";
    /** Maria's electric meter account. */
    public static final String MARIA_ELECTRIC_METER_ACCOUNT = "5000001";
    /** James Okafor: net-metered (NEM) electric contract. */
    public static final String JAMES = "1000002";

    private Consent() {
    }

    /** The sandbox login auth-service creates for a GridX person ({@code cds.auth.demo-users}). */
    public static String username(String personId) {
        return "customer-" + personId.toLowerCase(Locale.ROOT);
    }

    /** What the approval produced. */
    public record Approval(JsonNode tokens, String redirectedTo, String receiptUrl) {
        public String accessToken() {
            return tokens.path("access_token").asText();
        }

        public String grantId() {
            return tokens.path("cds_grant_ids").get(0).asText();
        }
    }

    /**
     * The whole consent: authorization request with {@code request} (scope and/or authorization_details), login as
     * {@code person}, the objects {@code objects} shared in every Request Section, approve, code → token at {@code redirectUri}.
     */
    public static Approval approve(Browser browser, E2eStack stack, CdsClient app, ClientObject client,
            String redirectUri, Map<String, String> request, String person, List<String> objects) {
        String gw = stack.gateway();
        Pkce pkce = Pkce.create();
        String state = UUID.randomUUID().toString();
        Map<String, String> params = authorizationRequest(client, redirectUri, request, state, pkce);
        browser.loginToForm(CdsClient.authorizeUrl(gw, params), username(person), stack.demoPassword());
        objects.forEach(browser::select);
        String landed = browser.approveAndAwaitRedirect(redirectUri);
        assertThat(CdsClient.param(landed, "state")).isEqualTo(state);
        String code = CdsClient.param(landed, "code");
        assertThat(code).as(landed).isNotBlank();
        JsonNode tokens = app.redeem(client, code, redirectUri, pkce.verifier());
        String receipt = null;
        if (redirectUri.equals(client.defaultRedirectUri())) {
            // the server-hosted default redirect sends the browser on to the receipt of this approval
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                    .until(d -> d.getCurrentUrl().startsWith(gw + "/oauth/receipts/"));
            receipt = browser.driver().getCurrentUrl();
        }
        return new Approval(tokens, landed, receipt);
    }

    /** The parameters of a code-flow authorization request with PKCE S256 for {@code request}'s scope/details. */
    public static Map<String, String> authorizationRequest(ClientObject client, String redirectUri,
            Map<String, String> request, String state, Pkce pkce) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", client.clientId());
        params.put("redirect_uri", redirectUri);
        params.putAll(request);
        params.put("state", state);
        params.put("code_challenge", pkce.challenge());
        params.put("code_challenge_method", "S256");
        return params;
    }

    /** Every account of the person, as the form names its objects ({@code account-<Entity_ID>}). */
    public static List<String> allAccounts(DemoData data, String person) {
        return data.entities(person).stream().map(e -> "account-" + e).toList();
    }
}
