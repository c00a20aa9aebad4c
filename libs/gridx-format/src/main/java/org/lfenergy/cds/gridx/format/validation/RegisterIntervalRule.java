package org.lfenergy.cds.gridx.format.validation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.Rule;
import org.lfenergy.cds.gridx.format.record.IntervalRecord;
import org.lfenergy.cds.gridx.format.record.RegisterRecord;

/**
 * "The sum of the interval data should match the register usage for the same channel and time period." A
 * register row is read as usage over [Datetime_of_interval, + Interval_frequency minutes). It is compared once
 * intervals of the same meter (or meter account) and channel cover its whole window - when it arrives, or at the
 * end of a later interval file - and then forgotten. A difference only warns: either side may be the estimate.
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
                r.datetimeOfInterval().toInstant(), r.intervalFrequency(), r.usageValue(), file, line);
        List<Finding> findings = new ArrayList<>(0);
        if (!compare(read, findings)) {
            usage.savePendingRegister(read);
        }
        return findings;
    }

    /** Compares pending registers of the series touched by an interval file. */
    List<Finding> recheck(Set<UsageKey> touched) {
        List<Finding> findings = new ArrayList<>(0);
        for (UsageKey key : touched) {
            for (RegisterRead read : usage.pendingRegisters(key)) {
                if (compare(read, findings)) {
                    usage.removePendingRegister(read);
                }
            }
        }
        return findings;
    }

    /** True when the window is fully covered and the comparison was made. */
    private boolean compare(RegisterRead read, List<Finding> findings) {
        Instant end = read.end();
        UsageTotal total = usage.intervalTotal(read.key(), read.start(), end);
        if (total.coveredMinutes() < read.minutes()) {
            return false;
        }
        if (!Tolerances.usageMatches(total.sum(), read.value())) {
            findings.add(Rule.XROW_REGISTER_INTERVAL_SUM.finding(read.file(), read.line(), "Usage_value",
                    read.value().toPlainString(), "Register usage " + read.value().toPlainString() + " for "
                            + read.key().device() + " channel " + read.key().channel() + " from " + read.start()
                            + " to " + end + " differs from the sum of its intervals "
                            + total.sum().toPlainString()));
        }
        return true;
    }
}
