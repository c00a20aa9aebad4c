package org.lfenergy.cds.gridx.generator.model;

import java.time.LocalDate;
import java.util.List;

/**
 * A service agreement (Contract_ID "starts with 4") with its meter account (MeterAccount_ID "starts with 5"),
 * which is 1:1 with the contract for all time, and the meters that served that meter account.
 *
 * @param end          last day of service (inclusive), or null while active
 * @param rates        rate-code slices, oldest first; the first starts at {@code start}
 * @param meters       install periods in time order, covering the contract from start to end without gaps
 */
public record Contract(String contractId, String meterAccountId, ServicePoint servicePoint, Commodity commodity,
                       LocalDate start, LocalDate end, List<RateSlice> rates, String readCycle,
                       List<MeterInstall> meters, Consumption consumption, Programs programs, Anomalies anomalies) {

    /** The rate code in force on a date. */
    public String rateOn(LocalDate date) {
        String code = rates.get(0).rateCode();
        for (RateSlice slice : rates) {
            if (!slice.from().isAfter(date)) {
                code = slice.rateCode();
            }
        }
        return code;
    }

    /** Whether the contract has ended. */
    public boolean closed() {
        return end != null;
    }

    /** Whether the meter account has a reverse (received) channel. */
    public boolean exports() {
        return programs.nemSince() != null || consumption.profile() == LoadProfile.SOLAR_FARM;
    }
}
