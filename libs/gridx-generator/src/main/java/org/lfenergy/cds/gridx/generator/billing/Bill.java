package org.lfenergy.cds.gridx.generator.billing;

import java.math.BigDecimal;
import java.util.List;

/**
 * A calculated bill segment: its line items, the billed usage (delivered minus exported, whole units) and the
 * total, which is exactly the sum of the line amounts.
 *
 * @param estimate whether any interval of the period was estimated
 */
public record Bill(Tariff tariff, List<BillLine> lines, BigDecimal usage, BigDecimal amount, boolean estimate) {
}
