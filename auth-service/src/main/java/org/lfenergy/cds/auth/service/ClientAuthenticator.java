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
import org.lfenergy.cds.auth.service.model.Credential;

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

    /** An authenticated client and the Credential whose secret it presented. */
    public record Authenticated(ClientObject client, Credential credential) {
    }

    /** The authenticated, enabled Client Object, or 401 {@code invalid_client}. */
    public Uni<ClientObject> authenticate(String authorization) {
        return authenticateCredential(authorization).map(Authenticated::client);
    }

    /** As {@link #authenticate}, also naming the Credential used (tokens are recorded per Credential). */
    public Uni<Authenticated> authenticateCredential(String authorization) {
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
            return credentials.ofClient(id).map(list -> list.stream()
                    .filter(c -> c.isValidAt(clock.instant()) && Ids.sameHash(c.secretHash(), hash)).findFirst()
                    .map(c -> new Authenticated(client.get(), c))
                    .orElseThrow(() -> ApiError.invalidClient("invalid client credentials")));
        });
    }
}
