package org.lfenergy.cds.contracts.gridx;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;

/**
 * One MeterAccount Meter (METERACCOUNTMETER) row: a physical meter installed at a meter account for a period.
 *
 * @param meterInstallDate inclusive, in the client's zone
 * @param meterRemovalDate exclusive, in the client's zone; null = still installed
 */
public record MeterAccountMeterPayload(
        @JsonProperty("meteraccount_id") String meterAccountId,
        String meterId,
        OffsetDateTime meterInstallDate,
        OffsetDateTime meterRemovalDate) implements GridxPayload {
}
