package org.lfenergy.cds.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenClaimsTest {

    @Test
    void readsKeycloakClaims() {
        Map<String, Object> claims = new HashMap<>();
        claims.put("azp", "client-1");
        claims.put("cds_grant_id", "grant-1");
        claims.put("scope", " profile  cds_query_accounts email ");
        claims.put("aud", Set.of("cds-api", "client-1"));
        claims.put("typ", "Bearer");
        claims.put("iat", 1717243200L);

        TokenClaims t = TokenClaims.read(claims::get, List.of("azp", "client_id"), "cds_grant_id");

        assertThat(t.clientId()).isEqualTo("client-1");
        assertThat(t.grantId()).isEqualTo("grant-1");
        assertThat(t.scopes()).containsExactlyInAnyOrder("profile", "cds_query_accounts", "email");
        assertThat(t.audiences()).containsExactlyInAnyOrder("cds-api", "client-1");
        assertThat(t.type()).isEqualTo("Bearer");
        assertThat(t.issuedAt()).isEqualTo(java.time.Instant.ofEpochSecond(1717243200L));
    }

    @Test
    void fallsBackToTheNextClientClaimAndAcceptsJsonValues() {
        Map<String, Object> claims = Map.of("client_id", Json.createValue("client-2"),
                "aud", Json.createArrayBuilder().add("cds-api").build(), "grant", "g");

        TokenClaims t = TokenClaims.read(claims::get, List.of("azp", "client_id"), "grant");

        assertThat(t.clientId()).isEqualTo("client-2");
        assertThat(t.audiences()).containsExactly("cds-api");
        assertThat(t.grantId()).isEqualTo("g");
        assertThat(t.scopes()).isEmpty();
    }

    @Test
    void readsASingleAudienceStringAndBlankClaimsAsAbsent() {
        Map<String, Object> claims = Map.of("aud", "cds-api", "azp", " ");
        TokenClaims t = TokenClaims.read(claims::get, List.of("azp"), "cds_grant_id");
        assertThat(t.audiences()).containsExactly("cds-api");
        assertThat(t.clientId()).isNull();
        assertThat(t.grantId()).isNull();
    }
}
