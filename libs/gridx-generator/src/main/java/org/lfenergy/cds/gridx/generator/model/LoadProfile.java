package org.lfenergy.cds.gridx.generator.model;

/** The shape of a meter account's consumption (and generation). */
public enum LoadProfile {
    /** A home: morning and evening peaks, summer air conditioning, optional rooftop solar. */
    RESIDENTIAL,
    /** A business: weekday opening hours, summer cooling. */
    COMMERCIAL,
    /** A community-solar array: megawatt generation, small station load at night. */
    SOLAR_FARM,
    /** Residential gas: water heating all year, space heating in winter. */
    GAS_RESIDENTIAL
}
