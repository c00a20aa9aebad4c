package org.lfenergy.cds.usage.mapping;

/** The id of a usage series: the meter account when the row names one, else the meter ({@code ma:…} / {@code m:…}). */
public final class SeriesKey {

    private SeriesKey() {
    }

    /** The series key of a usage row, or null when it names neither id. */
    public static String of(String meterAccountId, String meterId) {
        if (meterAccountId != null && !meterAccountId.isBlank()) {
            return "ma:" + meterAccountId;
        }
        if (meterId != null && !meterId.isBlank()) {
            return "m:" + meterId;
        }
        return null;
    }
}
