package org.lfenergy.cds.auth.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import org.lfenergy.cds.auth.repository.ClientObjectRepository;
import org.lfenergy.cds.auth.repository.CredentialRepository;
import org.lfenergy.cds.auth.service.model.ClientObject;

/** {@code client_secret_basic} (RFC 6749 §2.3.1) against the CDS Credentials: unexpired and matching. */
@ApplicationScoped
public class ClientAuthenticator {

    private final ClientObjectRepository clients;
    private final CredentialRepository credentials;
    private final Clock clock = Clock.systemUTC();

    public ClientAuthenticator(ClientObjectRepository clients, CredentialRepository credentials) {
        this.clients = clients;
        this.credentials = credentials;
    }

    /** The authenticated, enabled Client Object, or 401 {@code invalid_client}. */
    public Uni<ClientObject> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Uni.createFrom().failure(ApiError.invalidClient("client authentication with HTTP Basic is required"));
        }
        String id;
        String secret;
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException();
            }
            id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(ApiError.invalidClient("malformed HTTP Basic credentials"));
        }
        String hash = Ids.hash(secret);
        return clients.find(id).chain(client -> {
            if (client.isEmpty() || client.get().isDisabled()) {
                return Uni.createFrom().failure(ApiError.invalidClient("unknown or disabled client"));
            }
            return credentials.ofClient(id).map(list -> {
                boolean ok = list.stream().anyMatch(c -> c.isValidAt(clock.instant()) && Ids.sameHash(c.secretHash(), hash));
                if (!ok) {
                    throw ApiError.invalidClient("invalid client credentials");
                }
                return client.get();
            });
        });
    }
}
