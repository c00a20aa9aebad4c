package org.lfenergy.cds.usage.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import org.lfenergy.cds.contracts.id.CdsIdKind;
import org.lfenergy.cds.contracts.id.CdsIds;

/** The stable {@code cds_usagesegment_id}s, derived from the series and the day or period (stored with the rows). */
@ApplicationScoped
public class SegmentIds {

    private final CdsIds ids;

    public SegmentIds(CdsIds ids) {
        this.ids = ids;
    }

    /** An interval day: series, local day, slot length. */
    public String interval(String client, String seriesKey, LocalDate day, int intervalS) {
        return ids.compositeId(CdsIdKind.USAGE_SEGMENT, client, seriesKey, day.toString(), Integer.toString(intervalS));
    }

    /** A day with register reads only. */
    public String registerDay(String client, String seriesKey, LocalDate day) {
        return ids.compositeId(CdsIdKind.USAGE_SEGMENT, client, seriesKey, day.toString(), "registers");
    }

    /** A billed period. */
    public String billedPeriod(String client, String seriesKey, Instant start, Instant end) {
        return ids.compositeId(CdsIdKind.USAGE_SEGMENT, client, "billed", seriesKey, start.toString(), end.toString());
    }
}
