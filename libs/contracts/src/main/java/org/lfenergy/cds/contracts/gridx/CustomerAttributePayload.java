package org.lfenergy.cds.contracts.gridx;

import java.time.LocalDate;

/**
 * One Customer Attribute (CUSTOMERATTRIBUTE) row: a time-sliced fact attached to any level of the hierarchy.
 *
 * @param idType    ID_type as sent, e.g. CT (contract), SP (service point), PM (premise)
 * @param startDate first day the attribute applies
 * @param endDate   day it stops applying; null when empty or the high value 9999-12-31 (still active)
 */
public record CustomerAttributePayload(
        String idType,
        String id,
        String key,
        String value,
        LocalDate startDate,
        LocalDate endDate) implements GridxPayload {
}
