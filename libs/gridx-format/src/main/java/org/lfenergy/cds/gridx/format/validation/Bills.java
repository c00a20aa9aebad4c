package org.lfenergy.cds.gridx.format.validation;

import java.util.List;

/** State of bills, their detail lines and the meaning of charge codes per tariff. */
public interface Bills {
    /** The bill with this id, or null. */
    BillFacts bill(String billId);

    void saveBill(BillFacts bill);

    /** Inserts or replaces a detail line (keyed by {@link DetailLine#key()} within its bill). */
    void saveDetailLine(DetailLine line);

    List<DetailLine> detailLines(String billId);

    /** The normalised description a charge code has within a tariff, or null. */
    String chargeMeaning(String tariff, String chargeCode);

    void saveChargeMeaning(String tariff, String chargeCode, String meaning);
}
