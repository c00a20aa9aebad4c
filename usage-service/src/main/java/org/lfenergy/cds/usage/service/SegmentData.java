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

    /**
     * What a segment is: an interval day ('i'), a day of register reads only ('r'), a billed period ('b') or a day
     * of an aggregation's summed intervals ('a').
     */
    public enum Kind { INTERVAL_DAY, REGISTER_DAY, BILLED_PERIOD, AGGREGATE_DAY }

    /** The aggregation an aggregate day belongs to (its CDS id, and its kind and key in the registry). */
    public record AggregateRef(String id, String kind, String key) {
    }

    /**
     * One segment of a page, with the contract it belongs to and which related ids may be shown.
     *
     * @param intervalS slot length in seconds for interval days
     */
    public record Header(Kind kind, String segmentId, String client, String seriesKey, LocalDate localDay, int intervalS,
                         Instant start, Instant end, OffsetDateTime created, OffsetDateTime modified,
                         String accountId, String contractId, String servicePointId, String meterAccountId,
                         boolean showAccount, boolean showContract, boolean showServicePoint,
                         AggregateRef aggregate, List<String> billSections) {

        public Header {
            billSections = billSections == null ? List.of() : List.copyOf(billSections);
        }

        /** This header with these related bill section ids. */
        public Header withBillSections(List<String> ids) {
            return new Header(kind, segmentId, client, seriesKey, localDay, intervalS, start, end, created, modified,
                    accountId, contractId, servicePointId, meterAccountId, showAccount, showContract,
                    showServicePoint, aggregate, ids);
        }

        /** A segment of a contract (no aggregation, no bill sections). */
        public Header(Kind kind, String segmentId, String client, String seriesKey, LocalDate localDay, int intervalS,
                      Instant start, Instant end, OffsetDateTime created, OffsetDateTime modified,
                      String accountId, String contractId, String servicePointId, String meterAccountId,
                      boolean showAccount, boolean showContract, boolean showServicePoint) {
            this(kind, segmentId, client, seriesKey, localDay, intervalS, start, end, created, modified, accountId,
                    contractId, servicePointId, meterAccountId, showAccount, showContract, showServicePoint, null,
                    List.of());
        }
    }

    /**
     * One stored channel day.
     *
     * @param values  per slot: the exact decimal in plain notation as stored (PostgreSQL's numeric text, scale kept,
     *                e.g. {@code 0.140}), {@code null} where the interval is missing; written to JSON as is
     * @param quality per slot: the GridX Data_version of a stored day, the CDS quality of an aggregate day
     */
    public record ChannelDay(String channel, List<String> meterIds, Instant dayStart, int intervalS,
                             String[] values, String[] quality) {
    }

    /** One register read. */
    public record RegisterRead(String channel, String meterId, Instant readAt, BigDecimal value) {
    }

    /** One billing determinant of a period. */
    public record Determinant(String channel, BigDecimal value, String quality) {
    }
}
