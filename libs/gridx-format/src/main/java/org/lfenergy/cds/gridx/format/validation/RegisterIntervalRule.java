package org.lfenergy.cds.gridx.format.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.Rule;
import org.lfenergy.cds.gridx.format.record.IntervalRecord;
import org.lfenergy.cds.gridx.format.record.RegisterRecord;

/**
 * "Register reads provide cumulative meter reads (similar to a car odometer) ... The sum of the interval data
 * should match the register usage for the same channel and time period." So the usage between two consecutive
 * readings of a meter (or meter account) and channel, taken at instants R1 &lt; R2, is their difference, and it
 * must equal the sum of the intervals starting in [R1, R2). A pair is compared once intervals cover all of
 * [R1, R2) - when its second reading arrives, when a reading is inserted between, or at the end of a later
 * interval file - and then forgotten. A difference only warns: either side may be an estimate.
 */
final class RegisterIntervalRule {

    private final Usage usage;

    RegisterIntervalRule(Usage usage) {
        this.usage = usage;
    }

    void onInterval(IntervalRecord r, Set<UsageKey> touched) {
        UsageKey key = UsageKey.of(r.meterId(), r.meterAccountId(), r.channel());
        usage.saveInterval(key, r.datetimeOfInterval().toInstant(), r.intervalFrequency(), r.usageValue());
        touched.add(key);
    }

    List<Finding> onRegister(RegisterRecord r, String file, long line) {
        RegisterRead read = new RegisterRead(UsageKey.of(r.meterId(), r.meterAccountId(), r.channel()),
                r.datetimeOfInterval().toInstant(), r.usageValue(), file, line);
        RegisterRead known = usage.registerAt(read.key(), read.at());
        if (known != null && known.sameReading(read)) {
            return List.of(); // replay
        }
        usage.saveRegister(read);
        List<Finding> findings = new ArrayList<>(0);
        RegisterRead before = usage.registerBefore(read.key(), read.at());
        if (before != null && !compare(before, read, findings)) {
            usage.savePendingRegister(read);
        }
        RegisterRead after = usage.registerAfter(read.key(), read.at());
        if (after != null && !compare(read, after, findings)) {
            usage.savePendingRegister(after);
        }
        return findings;
    }

    /** Compares the pending reading pairs of the series touched by an interval file. */
    List<Finding> recheck(Set<UsageKey> touched) {
        List<Finding> findings = new ArrayList<>(0);
        for (UsageKey key : touched) {
            for (RegisterRead read : usage.pendingRegisters(key)) {
                RegisterRead before = usage.registerBefore(key, read.at());
                if (before == null || compare(before, read, findings)) {
                    usage.removePendingRegister(read);
                }
            }
        }
        return findings;
    }

    /** True when intervals cover [first, second) and the comparison was made (finding on the second reading). */
    private boolean compare(RegisterRead first, RegisterRead second, List<Finding> findings) {
        long minutes = java.time.Duration.between(first.at(), second.at()).toMinutes();
        UsageTotal total = usage.intervalTotal(first.key(), first.at(), second.at());
        if (total.coveredMinutes() < minutes) {
            return false;
        }
        BigDecimal registered = second.value().subtract(first.value());
        if (!Tolerances.usageMatches(total.sum(), registered)) {
            findings.add(Rule.XROW_REGISTER_INTERVAL_SUM.finding(second.file(), second.line(), "Usage_value",
                    second.value().toPlainString(), "Register readings of " + first.key().device() + " channel "
                            + first.key().channel() + " at " + first.at() + " (" + first.value().toPlainString()
                            + ") and " + second.at() + " (" + second.value().toPlainString() + ") differ by "
                            + registered.toPlainString() + " but the intervals between them sum to "
                            + total.sum().toPlainString()));
        }
        return true;
    }
}
