package org.lfenergy.cds.gridx.format.field;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolves {@code Time_zone} texts (IANA ids or {@code UTC}) with a bounded cache, and local times to zoned
 * times with explicit daylight-saving handling. Not thread-safe: use one per reader.
 */
public final class ZoneResolver {

    /** Outcome of placing a local time in a zone. */
    public enum Placement {
        /** The local time exists exactly once. */
        EXACT,
        /** The local time falls in a spring-forward gap and does not exist. */
        GAP,
        /** The local time occurs twice (fall-back); the earlier offset (summer time) was chosen. */
        AMBIGUOUS_EARLIER_OFFSET
    }

    private static final int MAX_CACHED = 512;
    // Marks texts known to be invalid, so a file full of bad zones costs no repeated exception.
    private static final ZoneId INVALID = ZoneOffset.ofHours(18);

    private final Map<String, ZoneId> cache = new HashMap<>();
    private Placement lastPlacement = Placement.EXACT;

    /** The zone for an IANA id, {@code UTC}, {@code Z}, {@code GMT} or an offset like {@code -08:00}; null if unknown. */
    public ZoneId resolve(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        ZoneId z = cache.get(text);
        if (z == null) {
            z = lookup(text);
            if (cache.size() < MAX_CACHED) {
                cache.put(text, z);
            }
        }
        return z == INVALID ? null : z;
    }

    private static ZoneId lookup(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("UTC") || t.equalsIgnoreCase("Z") || t.equalsIgnoreCase("GMT")) {
            return ZoneOffset.UTC;
        }
        // ZoneId.of accepts short forms like "+01" and also SHORT_IDS are not applied: "PST" is rejected on purpose
        // because three-letter abbreviations are ambiguous.
        try {
            return ZoneId.of(t);
        } catch (DateTimeException e) {
            return INVALID;
        }
    }

    /**
     * The local time placed in the zone, or null when it falls in a daylight-saving gap. In a fall-back overlap
     * the earlier offset is chosen (e.g. 01:30 in America/Los_Angeles on the first Sunday of November is read as
     * PDT, -07:00). {@link #lastPlacement()} tells which case applied.
     */
    public ZonedDateTime place(LocalDateTime local, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            lastPlacement = Placement.EXACT;
            return ZonedDateTime.ofLocal(local, zone, null);
        }
        ZoneOffsetTransition transition = rules.getTransition(local);
        if (transition == null) {
            lastPlacement = Placement.EXACT;
            return ZonedDateTime.ofLocal(local, zone, null);
        }
        if (transition.isGap()) {
            lastPlacement = Placement.GAP;
            return null;
        }
        lastPlacement = Placement.AMBIGUOUS_EARLIER_OFFSET;
        return ZonedDateTime.ofLocal(local, zone, transition.getOffsetBefore());
    }

    /** How the last {@link #place} call resolved. */
    public Placement lastPlacement() {
        return lastPlacement;
    }
}
