package org.lfenergy.cds.contracts.id;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives opaque, stable CDS ids ({@code cds_account_id}, …) from GridX source ids.
 *
 * <p>{@code id = prefix + "_" + base32(HMAC-SHA256(key, kind, client, source parts))[0..120 bits]}, e.g.
 * {@code acc_3kq6…} (24 lower-case base32 characters). The same inputs always give the same id, so replays and
 * both domain services converge on it; without the key an id reveals nothing about the source id (a plain hash of
 * a short numeric account number could be reversed by trying all numbers). 120 bits keep collisions negligible at
 * any utility's scale. Inputs are length-prefixed before hashing, so no choice of client or id text can make two
 * different inputs collide by concatenation. Thread-safe.
 */
public final class CdsIds {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int ID_BYTES = 15; // 120 bits = exactly 24 base32 characters, no padding
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec keySpec;
    private final Mac prototype;

    /**
     * @param key secret shared by every service that derives ids (≥ 32 bytes); changing it changes every id
     */
    public CdsIds(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("CDS id key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        keySpec = new SecretKeySpec(key, ALGORITHM);
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(keySpec);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** The id of one source object, e.g. {@code id(ACCOUNT, "DEMO", "200045")}. */
    public String id(CdsIdKind kind, String client, String sourceId) {
        Objects.requireNonNull(sourceId, "sourceId");
        return compositeId(kind, client, sourceId);
    }

    /**
     * The id of an object identified by several source values, e.g. a usage segment by meter account, channel and
     * local day: {@code compositeId(USAGE_SEGMENT, "DEMO", "5001", "KWH_DEL", "2024-03-01")}.
     */
    public String compositeId(CdsIdKind kind, String client, String... sourceParts) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(client, "client");
        if (sourceParts.length == 0) {
            throw new IllegalArgumentException("At least one source part is required");
        }
        Mac mac = newMac();
        update(mac, kind.prefix());
        update(mac, client);
        for (String part : sourceParts) {
            update(mac, Objects.requireNonNull(part, "source part"));
        }
        byte[] digest = mac.doFinal();
        return kind.prefix() + "_" + base32(digest);
    }

    private Mac newMac() {
        try {
            return (Mac) prototype.clone(); // cheaper than getInstance + init per id
        } catch (CloneNotSupportedException e) {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(keySpec);
                return mac;
            } catch (GeneralSecurityException ex) {
                throw new IllegalStateException("HMAC-SHA256 unavailable", ex);
            }
        }
    }

    private static void update(Mac mac, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        mac.update(bytes);
    }

    private static String base32(byte[] digest) {
        StringBuilder sb = new StringBuilder(24);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < ID_BYTES; i++) {
            buffer = (buffer << 8) | (digest[i] & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return sb.toString();
    }
}
