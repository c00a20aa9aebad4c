package org.lfenergy.cds.auth.service.model;

import java.time.Instant;

/**
 * A CDS Credential (type {@code client_secret}). The secret is kept by Keycloak; {@code secretHash} authenticates
 * token requests locally.
 *
 * @param expiresAt {@code client_secret_expires_at} in epoch seconds; 0 = never
 */
public record Credential(String credentialId, String registrantId, String clientId, Instant created,
        Instant modified, String secretHash, long expiresAt) {

    /** Whether the secret may still be used at {@code now}. */
    public boolean isValidAt(Instant now) {
        return expiresAt == 0 || now.getEpochSecond() < expiresAt;
    }
}
