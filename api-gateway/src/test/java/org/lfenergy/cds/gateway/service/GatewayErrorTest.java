package org.lfenergy.cds.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class GatewayErrorTest {

    @Test
    void missingTokenChallengeHasNoErrorCode() {
        GatewayError e = GatewayError.missingToken();
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.wwwAuthenticate()).isEqualTo("Bearer realm=\"cds\"");
    }

    @Test
    void invalidTokenChallengeNamesTheError() {
        assertThat(GatewayError.invalidToken("The token's grant is not active").wwwAuthenticate()).isEqualTo(
                "Bearer realm=\"cds\", error=\"invalid_token\", error_description=\"The token's grant is not active\"");
    }

    @Test
    void insufficientScopeChallengeListsTheScopesWhenKnown() {
        assertThat(GatewayError.insufficientScope("no", "cds_usage cds_query_usage").wwwAuthenticate())
                .endsWith(", scope=\"cds_usage cds_query_usage\"");
        assertThat(GatewayError.insufficientScope("no", "").wwwAuthenticate()).doesNotContain("scope=");
        assertThat(GatewayError.insufficientScope("no", null).status()).isEqualTo(403);
    }

    @Test
    void challengeTextsAreQuotableAscii() {
        assertThat(GatewayError.quotable("a \"b\" \\ é\n")).isEqualTo("a 'b' ' ''");
    }

    @Test
    void bodyIsTheOAuthErrorObject() {
        JsonObject body = new JsonObject(GatewayError.badGateway("usage-service is unreachable").body());
        assertThat(body.fieldNames()).containsExactlyInAnyOrder("error", "error_description");
        assertThat(body.getString("error")).isEqualTo("bad_gateway");
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        assertThat(GatewayError.rateLimited(0).retryAfterSeconds()).isEqualTo(1);
        assertThat(GatewayError.unavailable("x", 0).retryAfterSeconds()).isEqualTo(1);
    }
}
