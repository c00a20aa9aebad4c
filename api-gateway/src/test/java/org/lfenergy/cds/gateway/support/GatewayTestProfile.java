package org.lfenergy.cds.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;
import org.lfenergy.cds.gateway.service.UpstreamService;
import org.lfenergy.cds.testing.LocalStack;

/**
 * The gateway in front of the {@link EchoUpstreams}, with Keycloak reached through a {@link SwitchableTcpProxy} so a
 * test can cut Keycloak off. The expected issuer stays the real one in the tokens (Keycloak names itself after the
 * host a request used, so behind the relay its discovery document names the relay).
 */
public class GatewayTestProfile implements QuarkusTestProfile {

    /** The GridX client code the gateway under test is configured for. */
    public static final String GRIDX_CLIENT = "GW_TEST-UTILITY";

    @Override
    public Map<String, String> getConfigOverrides() {
        TestServers.ensureStarted();
        Map<String, String> config = new HashMap<>();
        config.put("cds.services.auth.url", TestServers.url(UpstreamService.AUTH));
        config.put("cds.services.billing.url", TestServers.url(UpstreamService.BILLING));
        config.put("cds.services.usage.url", TestServers.url(UpstreamService.USAGE));
        config.put("quarkus.oidc.auth-server-url", TestServers.keycloakRelay() + "/realms/cds");
        // not the default: the filters must carry the configured GridX client, not a constant
        config.put("cds.gridx.client", GRIDX_CLIENT);
        config.put("quarkus.oidc.token.issuer", LocalStack.infrastructure().keycloakUrl() + "/realms/cds");
        return config;
    }
}
