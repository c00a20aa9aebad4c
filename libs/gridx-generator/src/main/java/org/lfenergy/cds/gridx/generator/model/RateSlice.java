package org.lfenergy.cds.gridx.generator.model;

import java.time.LocalDate;

/** The rate code a contract is on from a date until the next slice starts. */
public record RateSlice(String rateCode, LocalDate from) {
}
