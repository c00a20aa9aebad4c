package org.lfenergy.cds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lfenergy.cds.e2e.support.CdsClient.bearer;
import static org.lfenergy.cds.e2e.support.CdsClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lfenergy.cds.contracts.id.CdsIdKind;
import org.lfenergy.cds.e2e.support.CdsClient;
import org.lfenergy.cds.e2e.support.CdsClient.ClientObject;
import org.lfenergy.cds.e2e.support.Consent;
import org.lfenergy.cds.e2e.support.DataChecks;
import org.lfenergy.cds.e2e.support.DemoData;
import org.lfenergy.cds.e2e.support.E2eStack;

/**
 * Direct access (client_credentials with RAR {@code authorization_details}) through the gateway: the preselected
 * numbers decide what the token sees, the scope decides which APIs it may call.
 */
@ExtendWith(E2eStack.Extension.class)
class DirectAccessTest {

    static CdsClient app;
    static ClientObject direct;
    static DataChecks checks;
    static DemoData data;
    static String gw;

    @BeforeAll
    static void registerADirectAccessApp() {
        E2eStack stack = E2eStack.get();
        gw = stack.gateway();
        data = stack.data();
        checks = new DataChecks(gw, data);
        app = CdsClient.register(gw, "cds_client_admin cds_query_accounts cds_query_service_contracts"
                + " cds_query_meter_devices cds_query_usage");
        direct = app.objectWithScope("cds_query_accounts");
        assertThat(direct.document().path("grant_types").toString()).contains("client_credentials");
    }

    @Test
    void accountNumbersInAuthorizationDetailsLimitTheTokenToThoseAccounts() {
        List<String> numbers = new ArrayList<>(data.entities(Consent.MARIA));
        numbers.addAll(data.entities(Consent.JAMES));
        JsonNode token = app.clientCredentials(direct, null, "[{\"type\":\"cds_query_accounts\",\"account_numbers\":"
                + CdsClient.JSON.valueToTree(numbers) + "}]");
        assertThat(token.path("scope").asText()).isEqualTo("cds_query_accounts");
        assertThat(token.path("authorization_details").get(0).path("account_numbers"))
                .extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(numbers);
        String at = token.path("access_token").asText();

        Set<String> expected = data.ids(CdsIdKind.ACCOUNT, new java.util.LinkedHashSet<>(numbers));
        JsonNode accounts = checks.awaitList(at, "/cds/v1/accounts", "accounts", "cds_account_id", expected);
        // Numbers select by number: nothing else appears, even other clients' objects the read model holds.
        assertThat(accounts).allSatisfy(a -> assertThat(numbers).contains(a.path("account_number").asText()));
        for (JsonNode a : accounts) {
            checks.accountMatchesSource(a);
        }

        Response other = bearer(gw, at).get("/cds/v1/bill-sections");
        assertThat(other.statusCode()).as(other.asString()).isEqualTo(403);
        assertThat(other.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"");
        assertThat(json(other).path("error").asText()).isEqualTo("insufficient_scope");
    }

    @Test
    void meterNumbersSelectOneMetersUsageAndTheSegmentValuesAreTheSourceIntervals() {
        String meter = Consent.MARIA_ELECTRIC_METER;
        JsonNode token = app.clientCredentials(app.objectWithScope("cds_query_usage"), null,
                "[{\"type\":\"cds_query_usage\",\"meter_numbers\":[\"" + meter + "\"],"
                        + "\"include_usage_segment_value_types\":[]}]");
        String at = token.path("access_token").asText();

        JsonNode segments = checks.usageOfDay(at, DemoData.CHECK_DAY, "");
        assertThat(segments).isNotEmpty();
        for (JsonNode s : segments) {
            assertThat(s.path("related_meterdevices")).extracting(JsonNode::asText)
                    .contains(data.id(CdsIdKind.METER_DEVICE, meter));
        }
        checks.checkDayOfMariasElectricMeterMatchesTheIntervalFile(segments);
    }

    @Test
    void aTokenWithoutAuthorizationDetailsGetsTheScopeDefaultsAndSeesAllMeters() {
        String at = app.clientCredentials(app.objectWithScope("cds_query_meter_devices"), "cds_query_meter_devices",
                null).path("access_token").asText();
        // meter_number takes one number (CDS-WG3-01 §10.4): one query per meter
        for (String meter : data.meters(Consent.MARIA)) {
            JsonNode found = checks.awaitList(at, "/cds/v1/meter-devices?meter_number=" + meter, "meter_devices",
                    "cds_meterdevice_id", List.of(data.id(CdsIdKind.METER_DEVICE, meter)));
            assertThat(found.get(0).path("meter_number").asText()).isEqualTo(meter);
        }
    }
}
