package org.lfenergy.cds.gridx.generator.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.lfenergy.cds.gridx.generator.usage.DailyUsage;

/**
 * A subscriber's share of a community-solar host's generation.
 *
 * @param hostGeneration the host's received (generation) channel per day
 * @param percent        share, 2 decimals
 * @param start          first day of the subscription
 */
public record CommunitySolarShare(DailyUsage hostGeneration, BigDecimal percent, LocalDate start) {
}
