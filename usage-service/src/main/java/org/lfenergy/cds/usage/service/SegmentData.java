package org.lfenergy.cds.usage.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** The stored pieces one usage segment is assembled from (read from the tables, free of SQL types). */
public final class SegmentData {

    private SegmentData() {
    }

    /** What a segment is: an interval day ('i'), a day of register reads only ('r') or a billed period ('b'). */
    public enum Kind { INTERVAL_DAY, REGISTER_DAY, BILLED_PERIOD }

    /**
     * One segment of a page, with the contract it belongs to and which related ids may be shown.
     *
     * @param intervalS slot length in seconds for interval days
     */
    public record Header(Kind kind, String segmentId, String client, String seriesKey, LocalDate localDay, int intervalS,
                         Instant start, Instant end, OffsetDateTime created, OffsetDateTime modified,
                         String accountId, String contractId, String servicePointId, String meterAccountId,
                         boolean showAccount, boolean showContract, boolean showServicePoint) {
    }

    /** One stored channel day. */
    public record ChannelDay(String channel, List<String> meterIds, Instant dayStart, int intervalS,
                             BigDecimal[] values, String[] quality) {
    }

    /** One register read. */
    public record RegisterRead(String channel, String meterId, Instant readAt, BigDecimal value) {
    }

    /** One billing determinant of a period. */
    public record Determinant(String channel, BigDecimal value, String quality) {
    }
}
