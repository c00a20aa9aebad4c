package org.lfenergy.cds.gridx.generator.model;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A contract taking part in a network.
 *
 * @param percent share of the host's generation, 2 decimals; 0.00 for the host
 */
public record NetworkMember(String contractId, String meterAccountId, MemberRole role, BigDecimal percent,
                            LocalDate start) {
}
