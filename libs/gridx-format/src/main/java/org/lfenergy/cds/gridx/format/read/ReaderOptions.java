package org.lfenergy.cds.gridx.format.read;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How to read a file.
 *
 * @param clientZone     the client's local zone: applies to columns without a zone (Customer, MeterAccount Meter)
 *                       and to rows whose Time_zone is empty or absent
 * @param maxRecordChars records longer than this (in characters, quoted line breaks included) are rejected
 *                       with GX-ROW-TOO-LONG instead of being buffered
 * @param computeMd5     compute the MD5 of the bytes as received (compressed if gzip) for the Daily Digest check
 */
public record ReaderOptions(ZoneId clientZone, int maxRecordChars, boolean computeMd5) {

    /** 1 Mi characters: far above any real GridX row, far below a heap problem. */
    public static final int DEFAULT_MAX_RECORD_CHARS = 1 << 20;

    public ReaderOptions {
        Objects.requireNonNull(clientZone, "clientZone");
        if (maxRecordChars < 64) {
            throw new IllegalArgumentException("maxRecordChars must be at least 64: " + maxRecordChars);
        }
    }

    /** UTC, 1 Mi characters, no MD5. Callers should pass the client's zone with {@link #forClientZone}. */
    public static ReaderOptions defaults() {
        return new ReaderOptions(ZoneOffset.UTC, DEFAULT_MAX_RECORD_CHARS, false);
    }

    /** Defaults with the client's local zone. */
    public static ReaderOptions forClientZone(ZoneId zone) {
        return new ReaderOptions(zone, DEFAULT_MAX_RECORD_CHARS, false);
    }

    public ReaderOptions withClientZone(ZoneId zone) {
        return new ReaderOptions(zone, maxRecordChars, computeMd5);
    }

    public ReaderOptions withMaxRecordChars(int max) {
        return new ReaderOptions(clientZone, max, computeMd5);
    }

    public ReaderOptions withMd5(boolean md5) {
        return new ReaderOptions(clientZone, maxRecordChars, md5);
    }
}
