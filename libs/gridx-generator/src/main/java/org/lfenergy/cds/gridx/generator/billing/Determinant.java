package org.lfenergy.cds.gridx.generator.billing;

/**
 * One billing determinant of a bill period, e.g. {@code KWH_DEL_SUMMER_ON_PEAK}, exact (thousandths of the unit).
 */
public record Determinant(String channel, long milli) {
}
