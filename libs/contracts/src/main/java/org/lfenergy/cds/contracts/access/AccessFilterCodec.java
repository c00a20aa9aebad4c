package org.lfenergy.cds.contracts.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.EventCodecException;
import org.lfenergy.cds.contracts.access.AccessFilterException.Reason;

/**
 * Signs and verifies {@link AccessFilter}s: {@code base64url(JSON) + "." + base64url(HMAC-SHA256(key, first part))},
 * without padding. The key is shared by the gateway (signs) and the domain services (verify) and comes from a
 * secret, never from code. During a key rotation the domain services also accept filters signed with the keys in
 * {@code alsoAccepted} (docs/operations.md, "Rotating secrets"), so no request is refused while the gateway and the
 * services switch at different moments. Thread-safe.
 */
public final class AccessFilterCodec {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;
    /** Longer values are refused before any work (a filter with thousands of ids is still far below). */
    public static final int MAX_ENCODED_LENGTH = 64 * 1024;

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    private final Hmac key;
    private final List<Hmac> alsoAccepted;
    private final Clock clock;
    private final Duration allowedSkew;
    private final EventCodec json;

    /** A codec with the system clock and 30 s of allowed clock skew between gateway and services. */
    public AccessFilterCodec(byte[] key) {
        this(key, List.of());
    }

    /**
     * The codec of a service's configuration: keys as configured (UTF-8 text from a secret), blank entries of the
     * optional list ignored, e.g. {@code cds.access-filter.key} and {@code cds.access-filter.also-accepted-keys}.
     */
    public static AccessFilterCodec ofConfiguredKeys(String key, List<String> alsoAccepted) {
        List<byte[]> others = new ArrayList<>();
        for (String k : alsoAccepted == null ? List.<String>of() : alsoAccepted) {
            if (k != null && !k.isBlank()) {
                others.add(k.trim().getBytes(StandardCharsets.UTF_8));
            }
        }
        return new AccessFilterCodec(Objects.requireNonNull(key, "key").getBytes(StandardCharsets.UTF_8), others);
    }

    /** A codec that signs with {@code key} and also accepts filters signed with any of {@code alsoAccepted}. */
    public AccessFilterCodec(byte[] key, List<byte[]> alsoAccepted) {
        this(key, alsoAccepted, Clock.systemUTC(), Duration.ofSeconds(30));
    }

    /**
     * @param key         shared HMAC key, at least 32 bytes
     * @param clock       time source for expiry checks
     * @param allowedSkew tolerance between the gateway's and the service's clocks
     */
    public AccessFilterCodec(byte[] key, Clock clock, Duration allowedSkew) {
        this(key, List.of(), clock, allowedSkew);
    }

    /**
     * @param key          shared HMAC key, at least 32 bytes; signs, and verifies
     * @param alsoAccepted further keys (at least 32 bytes each) that verify but never sign: the other key of a rotation
     * @param clock        time source for expiry checks
     * @param allowedSkew  tolerance between the gateway's and the service's clocks
     */
    public AccessFilterCodec(byte[] key, List<byte[]> alsoAccepted, Clock clock, Duration allowedSkew) {
        this.key = new Hmac(keySpec(key));
        List<Hmac> accepted = new ArrayList<>();
        for (byte[] k : Objects.requireNonNull(alsoAccepted, "alsoAccepted")) {
            accepted.add(new Hmac(keySpec(k)));
        }
        this.alsoAccepted = List.copyOf(accepted);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.allowedSkew = Objects.requireNonNull(allowedSkew, "allowedSkew");
        this.json = EventCodec.shared();
        this.key.sign(new byte[0]); // fail at start-up, not on the first request, if HMAC is unavailable
    }

    /** The header value for a filter. */
    public String encode(AccessFilter filter) {
        String payload = B64.encodeToString(json.encode(filter));
        String signature = B64.encodeToString(key.sign(payload.getBytes(StandardCharsets.US_ASCII)));
        return payload + "." + signature;
    }

    /**
     * The filter in a header value, after checking signature and validity period.
     *
     * @throws AccessFilterException with the reason when the value must be refused
     */
    public AccessFilter verify(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            throw new AccessFilterException(Reason.MISSING, "no " + AccessFilter.HEADER + " header");
        }
        if (headerValue.length() > MAX_ENCODED_LENGTH) {
            throw new AccessFilterException(Reason.MALFORMED, "value longer than " + MAX_ENCODED_LENGTH);
        }
        int dot = headerValue.indexOf('.');
        if (dot <= 0 || dot == headerValue.length() - 1 || headerValue.indexOf('.', dot + 1) >= 0) {
            throw new AccessFilterException(Reason.MALFORMED, "expected payload.signature");
        }
        String payload = headerValue.substring(0, dot);
        byte[] given = decode(headerValue.substring(dot + 1), "signature");
        byte[] signed = payload.getBytes(StandardCharsets.US_ASCII);
        // Constant-time comparison: the time taken must not tell an attacker how many bytes were right.
        boolean valid = MessageDigest.isEqual(key.sign(signed), given);
        for (Hmac other : alsoAccepted) {
            valid |= MessageDigest.isEqual(other.sign(signed), given);
        }
        if (!valid) {
            throw new AccessFilterException(Reason.BAD_SIGNATURE, "signature does not match");
        }
        AccessFilter filter;
        try {
            filter = json.decode(decode(payload, "payload"), AccessFilter.class);
        } catch (EventCodecException e) {
            // e.g. no gridx_client: such a filter would select objects of every GridX client (fail closed)
            throw new AccessFilterException(Reason.MALFORMED, "unreadable filter (" + rootMessage(e) + ")", e);
        }
        if (filter == null) {
            throw new AccessFilterException(Reason.MALFORMED, "empty filter");
        }
        Instant now = clock.instant();
        if (!now.isBefore(filter.expiresAt().plus(allowedSkew))) {
            throw new AccessFilterException(Reason.EXPIRED, "expired at " + filter.expiresAt());
        }
        if (filter.issuedAt().isAfter(now.plus(allowedSkew))) {
            throw new AccessFilterException(Reason.NOT_YET_VALID, "issued at " + filter.issuedAt());
        }
        return filter;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private static byte[] decode(String part, String what) {
        try {
            return B64_DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            throw new AccessFilterException(Reason.MALFORMED, what + " is not base64url", e);
        }
    }

    private static SecretKeySpec keySpec(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("Access filter key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        return new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /**
     * HMAC-SHA256 with one key. A {@link Mac} is not thread-safe and costs a provider lookup and a key schedule to
     * make, and every request signs or verifies once: each thread keeps its own, initialised once ({@code doFinal}
     * resets it for the next message).
     */
    private static final class Hmac {
        private final SecretKeySpec key;
        private final ThreadLocal<Mac> perThread;

        Hmac(SecretKeySpec key) {
            this.key = key;
            this.perThread = ThreadLocal.withInitial(this::newMac);
        }

        byte[] sign(byte[] data) {
            return perThread.get().doFinal(data);
        }

        private Mac newMac() {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 unavailable", e);
            }
        }
    }
}
