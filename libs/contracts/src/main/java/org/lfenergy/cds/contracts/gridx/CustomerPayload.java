package org.lfenergy.cds.contracts.gridx;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;

/**
 * One Customer (CUSTOMER) row: person → entity (account) → contract → meter account, with the contract's life.
 *
 * @param contractStartDate inclusive start in the client's zone; a plain date means 00:00 of that day
 * @param contractEndDate   exclusive end in the client's zone; a plain date means 00:00 of the next day; null = active
 */
public record CustomerPayload(
        String personId,
        String entityId,
        String contractId,
        String premiseId,
        @JsonProperty("servicepoint_id") String servicePointId,
        @JsonProperty("meteraccount_id") String meterAccountId,
        OffsetDateTime contractStartDate,
        OffsetDateTime contractEndDate,
        String serviceStatus) implements GridxPayload {
}
