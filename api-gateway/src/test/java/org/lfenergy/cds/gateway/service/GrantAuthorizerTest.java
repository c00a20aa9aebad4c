package org.lfenergy.cds.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.GrantEvent;
import org.lfenergy.cds.contracts.grant.GrantStatus;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.contracts.grant.ScopeGrant;
import org.lfenergy.cds.gateway.config.GatewayConfig;

class GrantAuthorizerTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final OffsetDateTime T = NOW.atOffset(ZoneOffset.UTC);
    private static final Coverage ALL = new Coverage(null, IdSelection.ALL, IdSelection.ALL, null, IdSelection.ALL, null);

    private final Map<String, GrantEvent> grants = new HashMap<>();
    private boolean ready = true;

    private static GatewayConfig.Token tokenConfig(boolean requireScope) {
        return new GatewayConfig.Token() {
            @Override
            public String grantClaim() {
                return "cds_grant_id";
            }

            @Override
            public List<String> clientClaims() {
                return List.of("azp", "client_id");
            }

            @Override
            public Optional<String> audience() {
                return Optional.of("cds-api");
            }

            @Override
            public Optional<String> type() {
                return Optional.of("Bearer");
            }

            @Override
            public boolean requireScopeClaim() {
                return requireScope;
            }

            @Override
            public int verifiedCacheSize() {
                return 0;
            }
        };
    }

    private GrantAuthorizer authorizer(boolean requireScope) {
        return authorizer(requireScope, "UTIL_A");
    }

    private GrantAuthorizer authorizer(boolean requireScope, String gridxClient) {
        return new GrantAuthorizer(new GrantAuthorizer.GrantLookup() {
            @Override
            public boolean ready() {
                return ready;
            }

            @Override
            public Optional<GrantEvent> find(String grantId) {
                return Optional.ofNullable(grants.get(grantId));
            }
        }, tokenConfig(requireScope), Duration.ofSeconds(30), gridxClient, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ScopeGrant scope(String id, IncludeField... include) {
        return new ScopeGrant(id, id, true, ALL, EnumSet.copyOf(List.of(include)), null, null);
    }

    private static TokenClaims token(String client, String grant, String... scopes) {
        return new TokenClaims(client, grant, Set.of(scopes), Set.of("cds-api", client == null ? "x" : client), "Bearer");
    }

    private void put(String id, String client, GrantStatus status, OffsetDateTime notBefore, OffsetDateTime notAfter,
            OffsetDateTime expires, ScopeGrant... scopes) {
        grants.put(id, new GrantEvent(id, client, status, List.of(scopes), T, T, notBefore, notAfter, expires));
    }

    private GatewayError refusal(TokenClaims token, DataApi api) {
        try {
            authorizer(true).authorize(token, api);
        } catch (GatewayException e) {
            return e.error();
        }
        throw new AssertionError("not refused");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("wrong type", new TokenClaims("c1", "g1", Set.of("cds_query_accounts"), Set.of("cds-api"),
                        "Refresh"), DataApi.ACCOUNTS_API, 401, "invalid_token"),
                Arguments.of("no audience", new TokenClaims("c1", "g1", Set.of("cds_query_accounts"), Set.of("account"),
                        "Bearer"), DataApi.ACCOUNTS_API, 401, "invalid_token"),
                Arguments.of("no client", new TokenClaims(null, "g1", Set.of("cds_query_accounts"), Set.of("cds-api"),
                        "Bearer"), DataApi.ACCOUNTS_API, 401, "invalid_token"),
                Arguments.of("no grant claim", token("c1", null, "cds_query_accounts"), DataApi.ACCOUNTS_API, 403,
                        "insufficient_scope"),
                Arguments.of("unknown grant", token("c1", "nope", "cds_query_accounts"), DataApi.ACCOUNTS_API, 401,
                        "invalid_token"),
                Arguments.of("other client", token("c2", "g1", "cds_query_accounts"), DataApi.ACCOUNTS_API, 403,
                        "insufficient_scope"),
                Arguments.of("closed", token("c1", "closed", "cds_query_accounts"), DataApi.ACCOUNTS_API, 401,
                        "invalid_token"),
                Arguments.of("revoked", token("c1", "revoked", "cds_query_accounts"), DataApi.ACCOUNTS_API, 401,
                        "invalid_token"),
                Arguments.of("suspended", token("c1", "suspended", "cds_query_accounts"), DataApi.ACCOUNTS_API, 401,
                        "invalid_token"),
                Arguments.of("unknown status", token("c1", "unknown", "cds_query_accounts"), DataApi.ACCOUNTS_API, 401,
                        "invalid_token"),
                Arguments.of("not yet", token("c1", "future", "cds_query_accounts"), DataApi.ACCOUNTS_API, 401,
                        "invalid_token"),
                Arguments.of("past not_after", token("c1", "ended", "cds_query_accounts"), DataApi.ACCOUNTS_API, 401,
                        "invalid_token"),
                Arguments.of("expired", token("c1", "expired", "cds_query_accounts"), DataApi.ACCOUNTS_API, 401,
                        "invalid_token"),
                Arguments.of("api not covered", token("c1", "g1", "cds_query_accounts"), DataApi.USAGE_SEGMENTS_API,
                        403, "insufficient_scope"),
                Arguments.of("scope not in token", token("c1", "g1", "cds_query_meter_devices"), DataApi.ACCOUNTS_API,
                        403, "insufficient_scope"),
                Arguments.of("scope disabled", token("c1", "partial", "cds_query_accounts"), DataApi.ACCOUNTS_API, 403,
                        "insufficient_scope"),
                Arguments.of("eacs need include_eacs", token("c1", "g1", "cds_query_accounts"), DataApi.EACS_API, 403,
                        "insufficient_scope"));
    }

    private void grantsOfEveryKind() {
        put("g1", "c1", GrantStatus.ACTIVE, null, null, null, scope("cds_query_accounts", IncludeField.ACCOUNTS));
        put("closed", "c1", GrantStatus.CLOSED, null, null, null, scope("cds_query_accounts", IncludeField.ACCOUNTS));
        put("revoked", "c1", GrantStatus.REVOKED, null, null, null, scope("cds_query_accounts", IncludeField.ACCOUNTS));
        put("suspended", "c1", GrantStatus.SUSPENDED, null, null, null, scope("cds_query_accounts", IncludeField.ACCOUNTS));
        put("unknown", "c1", GrantStatus.UNKNOWN, null, null, null, scope("cds_query_accounts", IncludeField.ACCOUNTS));
        put("future", "c1", GrantStatus.ACTIVE, T.plusSeconds(1), null, null, scope("cds_query_accounts", IncludeField.ACCOUNTS));
        put("ended", "c1", GrantStatus.ACTIVE, null, T, null, scope("cds_query_accounts", IncludeField.ACCOUNTS));
        put("expired", "c1", GrantStatus.ACTIVE, null, null, T.minusSeconds(1), scope("cds_query_accounts", IncludeField.ACCOUNTS));
        grants.put("partial", new GrantEvent("partial", "c1", GrantStatus.PARTIAL, List.of(new ScopeGrant(
                "cds_query_accounts", "cds_query_accounts", false, ALL, Set.of(IncludeField.ACCOUNTS), null, null)),
                T, T, null, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refuses(String name, TokenClaims token, DataApi api, int status, String error) {
        grantsOfEveryKind();
        GatewayError e = refusal(token, api);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.error()).isEqualTo(error);
        assertThat(e.wwwAuthenticate()).contains("error=\"" + error + "\"");
    }

    @Test
    void aTokenIssuedBeforeItsGrantsTokenCutOffIsRevokedAndOneIssuedAfterPasses() {
        grants.put("cut", new GrantEvent("cut", "c1", GrantStatus.ACTIVE, List.of(scope("cds_query_accounts",
                IncludeField.ACCOUNTS)), T, T, null, null, null, T));
        TokenClaims before = new TokenClaims("c1", "cut", Set.of("cds_query_accounts"), Set.of("cds-api"), "Bearer",
                T.toInstant().minusSeconds(1));
        TokenClaims after = new TokenClaims("c1", "cut", Set.of("cds_query_accounts"), Set.of("cds-api"), "Bearer",
                T.toInstant());

        GatewayError e = refusal(before, DataApi.ACCOUNTS_API);

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.error()).isEqualTo("invalid_token");
        assertThat(authorizer(true).authorize(after, DataApi.ACCOUNTS_API).grantId()).isEqualTo("cut");
        assertThat(refusal(new TokenClaims("c1", "cut", Set.of("cds_query_accounts"), Set.of("cds-api"), "Bearer"),
                DataApi.ACCOUNTS_API).status()).as("no iat").isEqualTo(401);
    }

    @Test
    void answers503UntilTheGrantCacheHasCaughtUp() {
        grantsOfEveryKind();
        ready = false;
        GatewayError e = refusal(token("c1", "g1", "cds_query_accounts"), DataApi.ACCOUNTS_API);
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.retryAfterSeconds()).isPositive();
    }

    @Test
    void buildsTheFilterOfAnActiveGrantCoveringTheApi() {
        grantsOfEveryKind();
        AccessFilter f = authorizer(true).authorize(token("c1", "g1", "cds_query_accounts", "profile"),
                DataApi.ACCOUNTS_API);
        assertThat(f.grantId()).isEqualTo("g1");
        assertThat(f.clientId()).isEqualTo("c1");
        assertThat(f.scopes()).containsExactly("cds_query_accounts");
        assertThat(f.issuedAt()).isEqualTo(NOW);
        assertThat(f.expiresAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(f.grantCreated()).isEqualTo(T.toInstant());
    }

    @Test
    void everyFilterNamesTheConfiguredGridxClient() {
        grantsOfEveryKind();
        put("two", "c1", GrantStatus.ACTIVE, null, null, null, scope("cds_query_accounts", IncludeField.ACCOUNTS),
                scope("cds_query_meter_devices", IncludeField.METER_DEVICES));
        assertThat(authorizer(true, "UTIL_A").authorize(token("c1", "g1", "cds_query_accounts"), DataApi.ACCOUNTS_API)
                .gridxClient()).isEqualTo("UTIL_A");
        assertThat(authorizer(true, "Other-2").authorize(token("c1", "two", "cds_query_accounts",
                "cds_query_meter_devices"), DataApi.ACCOUNTS_API).gridxClient()).isEqualTo("Other-2");
    }

    @ParameterizedTest(name = "[{0}]")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", " ", "DEMO CLIENT", "DEMO/1", "Ä"})
    @org.junit.jupiter.params.provider.NullSource
    void refusesToStartWithoutAValidGridxClient(String gridxClient) {
        assertThatThrownBy(() -> authorizer(true, gridxClient)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cds.gridx.client");
    }

    @Test
    void usesOnlyTheGrantScopesTheTokenCarries() {
        put("two", "c1", GrantStatus.ACTIVE, null, null, null, scope("cds_query_accounts", IncludeField.ACCOUNTS),
                scope("cds_query_meter_devices", IncludeField.METER_DEVICES));
        AccessFilter f = authorizer(true).authorize(token("c1", "two", "cds_query_meter_devices"),
                DataApi.METER_DEVICES_API);
        assertThat(f.scopes()).containsExactly("cds_query_meter_devices");
        assertThat(f.include()).containsExactly(IncludeField.METER_DEVICES);
        assertThat(refusal(token("c1", "two", "cds_query_meter_devices"), DataApi.ACCOUNTS_API).status()).isEqualTo(403);
    }

    @Test
    void ignoresTheTokenScopeClaimWhenConfiguredTo() {
        grantsOfEveryKind();
        AccessFilter f = authorizer(false).authorize(token("c1", "g1"), DataApi.ACCOUNTS_API);
        assertThat(f.scopes()).containsExactly("cds_query_accounts");
    }

    @Test
    void statusesThatStillAllowAccessPass() {
        for (GrantStatus status : GrantStatus.values()) {
            put("s", "c1", status, null, null, null, scope("cds_query_accounts", IncludeField.ACCOUNTS));
            boolean allowed;
            try {
                authorizer(true).authorize(token("c1", "s", "cds_query_accounts"), DataApi.ACCOUNTS_API);
                allowed = true;
            } catch (GatewayException e) {
                allowed = false;
            }
            assertThat(allowed).as(status.name()).isEqualTo(status.allowsAccess());
        }
    }

    @Test
    void refusalsThatNeedNoGrantComeFirst() {
        assertThatThrownBy(() -> authorizer(true).checkToken(new TokenClaims("c1", null, Set.of(), Set.of(), "Bearer")))
                .isInstanceOf(GatewayException.class).hasMessageContaining("audience");
    }
}
