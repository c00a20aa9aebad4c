package org.lfenergy.cds.gridx.generator.files;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.lfenergy.cds.gridx.generator.billing.Bill;
import org.lfenergy.cds.gridx.generator.billing.BillCalculator;
import org.lfenergy.cds.gridx.generator.billing.BillLine;
import org.lfenergy.cds.gridx.generator.billing.CommunitySolarShare;
import org.lfenergy.cds.gridx.generator.billing.Determinant;
import org.lfenergy.cds.gridx.generator.billing.Tariff;
import org.lfenergy.cds.gridx.generator.io.GridxFileSink;
import org.lfenergy.cds.gridx.generator.model.Contract;
import org.lfenergy.cds.gridx.generator.time.CyclePeriod;
import org.lfenergy.cds.gridx.generator.time.GridxText;
import org.lfenergy.cds.gridx.generator.time.ReadCycleCalendar;
import org.lfenergy.cds.gridx.generator.usage.DailyUsage;

/**
 * Writes a contract's Bill Summary, Bill Details and Billing Determinants rows: one bill per read-cycle period
 * lying inside the window (clipped to the contract's life), so the bills of a contract are continuous.
 *
 * <p>A cancel/rebill is written as the specification describes: the original bill, a row with the same Bill_ID
 * and {@code Is_cancellation = 1} repeating its values, then the rebill under a new Bill_ID.
 */
public final class BillingFiles {

    /** Bill ids are 10 digits starting with 9, handed out in writing order. */
    private static final long FIRST_BILL_ID = 9_000_000_001L;

    private final GridxFileSink bills;
    private final GridxFileSink details;
    private final GridxFileSink determinants;
    private final BillCalculator calculator;
    private final ReadCycleCalendar cycles;
    private final LocalDate windowStart;
    private final LocalDate lastDay;
    private final String zoneId;
    private long nextBillId = FIRST_BILL_ID;

    public BillingFiles(GridxFileSink bills, GridxFileSink details, GridxFileSink determinants,
                        BillCalculator calculator, ReadCycleCalendar cycles, LocalDate windowStart, LocalDate lastDay,
                        String zoneId) {
        this.bills = bills;
        this.details = details;
        this.determinants = determinants;
        this.calculator = calculator;
        this.cycles = cycles;
        this.windowStart = windowStart;
        this.lastDay = lastDay;
        this.zoneId = zoneId;
    }

    /** The contract's bill periods in the window. */
    public List<BillPeriod> periods(Contract contract) {
        List<BillPeriod> periods = new ArrayList<>();
        for (CyclePeriod p : cycles.periodsWithin(contract.readCycle(), windowStart, lastDay)) {
            LocalDate start = p.start().isBefore(contract.start()) ? contract.start() : p.start();
            LocalDate end = contract.end() != null && contract.end().isBefore(p.end()) ? contract.end() : p.end();
            if (!start.isAfter(end)) {
                periods.add(new BillPeriod(start, end, p));
            }
        }
        return periods;
    }

    /**
     * All billing rows of one contract.
     *
     * @param received the reverse channel, or null
     * @param share    community-solar subscription, or null
     */
    public void write(Contract contract, DailyUsage delivered, DailyUsage received, CommunitySolarShare share) {
        List<BillPeriod> periods = periods(contract);
        for (int i = 0; i < periods.size(); i++) {
            BillPeriod period = periods.get(i);
            Tariff tariff = Tariff.of(contract.rateOn(period.start()));
            if (i == contract.anomalies().cancelRebillIndex()) {
                Bill wrong = calculator.bill(contract, Tariff.of(contract.anomalies().wrongRateCode()),
                        period.start(), period.end(), delivered, received, share);
                String cancelledId = nextBillId();
                billRow(cancelledId, contract, period, wrong, false);
                detailRows(cancelledId, contract, period, wrong);
                billRow(cancelledId, contract, period, wrong, true);
            }
            Bill bill = calculator.bill(contract, tariff, period.start(), period.end(), delivered, received, share);
            String billId = nextBillId();
            billRow(billId, contract, period, bill, false);
            detailRows(billId, contract, period, bill);
            byte[] version = (bill.estimate() ? "E" : "A").getBytes(StandardCharsets.US_ASCII);
            for (Determinant d : calculator.determinants(contract, tariff, period.start(), period.end(), delivered,
                    received)) {
                determinants.text(contract.meterAccountId()).fixed(d.milli(), 3)
                        .text(GridxText.date(period.start()) + "0000").text(GridxText.date(period.end()) + "2359")
                        .text(d.channel()).field(version).text(zoneId).endRow();
            }
        }
    }

    private String nextBillId() {
        return Long.toString(nextBillId++);
    }

    private void billRow(String billId, Contract c, BillPeriod period, Bill bill, boolean cancellation) {
        bills.text(billId).text(c.servicePoint().id()).text(c.contractId()).text(c.meterAccountId())
                .text(GridxText.date(period.start())).text(GridxText.date(period.end()))
                .number(period.cycle().billMonth().getYear())
                .text(GridxText.twoDigits(period.cycle().billMonth().getMonthValue()))
                .text(bill.tariff().rateCode()).text(c.readCycle()).decimal(bill.usage()).decimal(bill.amount())
                .number(bill.estimate() ? 1 : 0).number(cancellation ? 1 : 0).endRow();
    }

    private void detailRows(String billId, Contract c, BillPeriod period, Bill bill) {
        String start = GridxText.date(period.start());
        String end = GridxText.date(period.end());
        String month = GridxText.twoDigits(period.cycle().billMonth().getMonthValue());
        for (BillLine line : bill.lines()) {
            details.text(billId).text(c.contractId()).text(c.meterAccountId()).text(start).text(end)
                    .number(period.cycle().billMonth().getYear()).text(month)
                    .text(line.code().name()).text(line.code().description()).decimal(line.quantity())
                    .text(line.code().unit()).decimal(line.price()).text(line.code().section())
                    .text(line.season().name()).text(line.code().period()).decimal(line.amount())
                    .text(GridxText.date(line.start())).text(GridxText.date(line.end())).endRow();
        }
    }

    /**
     * A bill period of a contract.
     *
     * @param cycle the read-cycle period it belongs to (gives the bill month)
     */
    public record BillPeriod(LocalDate start, LocalDate end, CyclePeriod cycle) {
    }
}
