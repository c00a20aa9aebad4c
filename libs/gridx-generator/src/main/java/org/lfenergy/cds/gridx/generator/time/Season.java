package org.lfenergy.cds.gridx.generator.time;

import java.time.LocalDate;

/** Tariff seasons: summer is June through September, as in California residential tariffs. */
public enum Season {
    SUMMER, WINTER;

    /** The season of a date. */
    public static Season of(LocalDate date) {
        int m = date.getMonthValue();
        return m >= 6 && m <= 9 ? SUMMER : WINTER;
    }

    /** Whether a season starts on this date (June 1 or October 1). */
    public static boolean startsOn(LocalDate date) {
        return date.getDayOfMonth() == 1 && (date.getMonthValue() == 6 || date.getMonthValue() == 10);
    }
}
