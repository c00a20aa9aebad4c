package org.lfenergy.cds.billing.repository;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One fact ready to be written: its column values (key columns first, see {@link FactTable}), the payload JSON,
 * and its file times.
 */
public record FactRow(FactTable table, List<String> values, String data, Instant firstTs, Instant contentTs,
                      Instant seenTs) {

    public FactRow {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(data, "data");
        if (values.size() != table.columns().size()) {
            throw new IllegalArgumentException(table + " expects " + table.columns().size() + " values, got "
                    + values.size());
        }
        for (int i = 0; i < table.keyColumns(); i++) {
            if (values.get(i) == null || values.get(i).isEmpty()) {
                throw new IllegalArgumentException("missing " + table.columns().get(i));
            }
        }
        values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }

    /** A fact first seen in one file. */
    public static FactRow of(FactTable table, String data, Instant fileTime, String... values) {
        return new FactRow(table, Arrays.asList(values), data, fileTime, fileTime, fileTime);
    }

    /** The natural key as one string (for merging duplicates within a batch). */
    public List<String> key() {
        return values.subList(0, table.keyColumns());
    }

    /** The value of a column. */
    public String value(String column) {
        int i = table.columns().indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException(table + " has no column " + column);
        }
        return values.get(i);
    }

    /**
     * This fact merged with a later-processed one of the same key, by the same rule as the SQL upsert: the newer
     * content wins (ties go to {@code other}), identical content keeps its earliest time.
     *
     * @param sameData whether both carry the same payload (semantic JSON equality is decided by the caller)
     */
    public FactRow mergedWith(FactRow other, boolean sameData) {
        Instant first = min(firstTs, other.firstTs);
        Instant seen = max(seenTs, other.seenTs);
        if (sameData) {
            return new FactRow(table, values, data, first, min(contentTs, other.contentTs), seen);
        }
        if (!other.contentTs.isBefore(contentTs)) {
            return new FactRow(table, other.values, other.data, first, other.contentTs, seen);
        }
        return new FactRow(table, values, data, first, contentTs, seen);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
