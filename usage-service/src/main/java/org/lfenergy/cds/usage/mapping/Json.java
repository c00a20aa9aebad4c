package org.lfenergy.cds.usage.mapping;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;

/** JSON building for CDS objects: exact decimals (JSON numbers, scale kept) and RFC 3339 UTC datetimes. */
public final class Json {

    /** Node factory that keeps BigDecimal scale. */
    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");

    private Json() {
    }

    /** A new object node. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** A new array node of strings. */
    public static ArrayNode strings(Collection<String> values) {
        ArrayNode a = NODES.arrayNode();
        values.forEach(a::add);
        return a;
    }

    /** An array of strings from a SQL text array (null = empty). */
    public static ArrayNode strings(String[] values) {
        ArrayNode a = NODES.arrayNode();
        if (values != null) {
            for (String v : values) {
                a.add(v);
            }
        }
        return a;
    }

    /** RFC 3339 in UTC, whole seconds (CDS bookkeeping times). */
    public static String utc(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(UTC);
    }

    /** RFC 3339 in UTC of a UTC LocalDateTime. */
    public static String utc(LocalDateTime t) {
        return t.truncatedTo(ChronoUnit.SECONDS).format(UTC);
    }

    /** RFC 3339 in UTC of an instant. */
    public static String utc(java.time.Instant t) {
        return utc(t.atOffset(ZoneOffset.UTC));
    }
}
