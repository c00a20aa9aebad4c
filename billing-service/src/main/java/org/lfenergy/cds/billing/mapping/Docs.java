package org.lfenergy.cds.billing.mapping;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HexFormat;
import org.lfenergy.cds.contracts.IsoFormats;

/** Small helpers to build CDS JSON objects: exact decimals, RFC 3339 dates, stable sub-object ids. */
public final class Docs {

    /** Keeps BigDecimal scale ({@code 2000.00} stays {@code 2000.00}). */
    public static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

    private Docs() {
    }

    /** A new empty object. */
    public static ObjectNode object() {
        return JSON.objectNode();
    }

    /** An array of strings. */
    public static ArrayNode strings(Collection<String> values) {
        ArrayNode a = JSON.arrayNode();
        values.forEach(a::add);
        return a;
    }

    /** Sets a date field (null → JSON null). */
    public static void date(ObjectNode o, String field, LocalDate d) {
        if (d == null) {
            o.putNull(field);
        } else {
            o.put(field, IsoFormats.localDate(d));
        }
    }

    /** Sets a datetime field in UTC. */
    public static void instant(ObjectNode o, String field, Instant i) {
        o.put(field, IsoFormats.instant(i));
    }

    /**
     * A stable id for a sub-object (contact, program, detail, line item…) from its parent's id and its own
     * identity: 16 hex characters of SHA-256, so it reveals no source value.
     */
    public static String subId(String... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                byte[] b = (p == null ? "" : p).getBytes(StandardCharsets.UTF_8);
                md.update((byte) (b.length >>> 8));
                md.update((byte) b.length);
                md.update(b);
            }
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
