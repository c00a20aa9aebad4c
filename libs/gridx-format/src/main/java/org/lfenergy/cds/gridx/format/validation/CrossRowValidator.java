package org.lfenergy.cds.gridx.format.validation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.read.GridxRow;
import org.lfenergy.cds.gridx.format.record.BillingCycleRecord;
import org.lfenergy.cds.gridx.format.record.BillingDetailRecord;
import org.lfenergy.cds.gridx.format.record.BillingRecord;
import org.lfenergy.cds.gridx.format.record.CustomerRecord;
import org.lfenergy.cds.gridx.format.record.GridxRecord;
import org.lfenergy.cds.gridx.format.record.IntervalRecord;
import org.lfenergy.cds.gridx.format.record.MeterAccountMeterRecord;
import org.lfenergy.cds.gridx.format.record.RegisterRecord;

/**
 * The specification's checklists across rows and files, as pure logic over a {@link ValidationStore}. Feed it
 * every accepted row in file order, then call {@link #finishFile} once the file is read. A row is remembered
 * only if its findings do not reject it. Not thread-safe.
 *
 * <pre>{@code
 * CrossRowValidator cross = new CrossRowValidator(store);
 * for (GridxRow row : reader) {
 *     row = row.withFindings(cross.check(row));   // may turn the row into a rejected one
 *     ...
 * }
 * List<Finding> atEnd = cross.finishFile(reader.file());
 * }</pre>
 */
public final class CrossRowValidator {

    private final ContractMeterAccountRule contracts;
    private final MeterInstallRule meters;
    private final BillRule billRule;
    private final BillDetailRule details;
    private final BillTotalRule totals;
    private final BillingCycleRule cycles;
    private final RegisterIntervalRule usage;
    private final Map<String, FileState> files = new HashMap<>();

    /** What a file touched, for the checks made at its end. */
    private static final class FileState {
        final Map<String, Long> bills = new LinkedHashMap<>();
        final Set<UsageKey> usageKeys = new HashSet<>();
        boolean detailFile;
    }

    public CrossRowValidator(ValidationStore store) {
        this.contracts = new ContractMeterAccountRule(store);
        this.meters = new MeterInstallRule(store);
        this.billRule = new BillRule(store, store);
        this.details = new BillDetailRule(store);
        this.totals = new BillTotalRule(store);
        this.cycles = new BillingCycleRule(store);
        this.usage = new RegisterIntervalRule(store);
    }

    /** Findings of an accepted row (a rejected row is ignored and gets none). */
    public List<Finding> check(GridxRow row) {
        return row.accepted() ? check(row.record(), row.file(), row.line()) : List.of();
    }

    /** Findings of one record read from {@code file} at {@code line}. */
    public List<Finding> check(GridxRecord record, String file, long line) {
        if (record instanceof IntervalRecord r) {
            usage.onInterval(r, state(file).usageKeys);
            return List.of();
        }
        if (record instanceof CustomerRecord r) {
            return contracts.checkCustomer(r.contractId(), r.meterAccountId(), file, line);
        }
        if (record instanceof MeterAccountMeterRecord r) {
            return meters.check(new MeterInstall(r.meterId(), r.meteraccountId(), r.meterInstallDate().toInstant(),
                    r.meterRemovalDate() == null ? null : r.meterRemovalDate().toInstant(), file, line));
        }
        if (record instanceof BillingRecord r) {
            List<Finding> mismatch = contracts.checkBill(r.contractId(), r.meterAccountId(), file, line);
            List<Finding> bill = billRule.check(r, file, line);
            state(file).bills.put(r.billId(), line);
            return concat(mismatch, bill);
        }
        if (record instanceof BillingDetailRecord r) {
            FileState s = state(file);
            s.detailFile = true;
            s.bills.put(r.billId(), line);
            return details.check(r, file, line);
        }
        if (record instanceof BillingCycleRecord r) {
            return cycles.check(r, file, line);
        }
        if (record instanceof RegisterRecord r) {
            return usage.onRegister(r, file, line);
        }
        return List.of();
    }

    /** Checks that need the whole file (bill totals, registers vs intervals); forgets the file's state. */
    public List<Finding> finishFile(String file) {
        FileState s = files.remove(file);
        if (s == null) {
            return List.of();
        }
        return concat(totals.check(file, s.bills, s.detailFile), usage.recheck(s.usageKeys));
    }

    private FileState state(String file) {
        return files.computeIfAbsent(file, f -> new FileState());
    }

    private static List<Finding> concat(List<Finding> a, List<Finding> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
