package org.lfenergy.cds.gateway.service;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The claims of a validated access token the gateway decides on.
 *
 * @param clientId  CDS client id ({@code azp} or {@code client_id}); null if absent
 * @param grantId   CDS grant id (claim {@code cds_grant_id} by default); null if absent
 * @param scopes    the {@code scope} claim split on spaces
 * @param audiences the {@code aud} claim
 * @param type      the {@code typ} claim (Keycloak: {@code Bearer} for access tokens); null if absent
 * @param issuedAt  the {@code iat} claim; null if absent
 */
public record TokenClaims(String clientId, String grantId, Set<String> scopes, Set<String> audiences, String type,
        java.time.Instant issuedAt) {

    public TokenClaims {
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        audiences = audiences == null ? Set.of() : Set.copyOf(audiences);
    }

    /** Claims without {@code iat}. */
    public TokenClaims(String clientId, String grantId, Set<String> scopes, Set<String> audiences, String type) {
        this(clientId, grantId, scopes, audiences, type, null);
    }

    /**
     * Reads the claims through {@code claim} (name → value as the JWT library returns it).
     *
     * @param clientClaims claim names of the client id, first present wins
     * @param grantClaim   claim name of the grant id
     */
    public static TokenClaims read(Function<String, Object> claim, List<String> clientClaims, String grantClaim) {
        String client = null;
        for (String name : clientClaims) {
            client = text(claim.apply(name));
            if (client != null) {
                break;
            }
        }
        Set<String> scopes = new LinkedHashSet<>();
        String scope = text(claim.apply("scope"));
        if (scope != null) {
            for (String s : scope.trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    scopes.add(s);
                }
            }
        }
        return new TokenClaims(client, text(claim.apply(grantClaim)), scopes, strings(claim.apply("aud")),
                text(claim.apply("typ")), epochSeconds(claim.apply("iat")));
    }

    private static java.time.Instant epochSeconds(Object value) {
        String s = text(value);
        if (s == null) {
            return null;
        }
        try {
            return java.time.Instant.ofEpochSecond(new java.math.BigDecimal(s).longValue());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = value instanceof jakarta.json.JsonString js ? js.getString() : value.toString();
        return s.isBlank() ? null : s;
    }

    private static Set<String> strings(Object value) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof Collection<?> c) {
            c.forEach(v -> {
                String s = text(v);
                if (s != null) {
                    out.add(s);
                }
            });
        } else if (value instanceof jakarta.json.JsonArray a) {
            a.forEach(v -> {
                String s = text(v);
                if (s != null) {
                    out.add(s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s);
                }
            });
        } else {
            String s = text(value);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }
}
