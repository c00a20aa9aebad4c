package org.lfenergy.cds.gridx.format.validation;

import java.util.ArrayList;
import java.util.List;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.Rule;

/**
 * Checks that a new inclusive period continues its chain: it overlaps no other period, the previous period ends
 * the day before it starts, and the next one starts the day after it ends. Files may arrive in any order, so gaps
 * and overlaps warn rather than reject.
 */
final class PeriodContinuity {

    private final PeriodChains chains;
    private final Rule gapRule;
    private final Rule overlapRule;
    private final String noun;
    private final String startColumn;
    private final String endColumn;

    PeriodContinuity(PeriodChains chains, Rule gapRule, Rule overlapRule, String noun, String startColumn,
                     String endColumn) {
        this.chains = chains;
        this.gapRule = gapRule;
        this.overlapRule = overlapRule;
        this.noun = noun;
        this.startColumn = startColumn;
        this.endColumn = endColumn;
    }

    /** Checks then records the period. */
    List<Finding> checkAndSave(String chain, String owner, Period p) {
        List<Finding> findings = new ArrayList<>(0);
        for (Period other : chains.periodsBetween(chain, p.start(), p.end())) {
            if (!other.id().equals(p.id()) && other.overlaps(p)) {
                findings.add(overlapRule.finding(p.file(), p.line(), startColumn, p.start().toString(), noun + " "
                        + p.id() + " (" + p.start() + ".." + p.end() + ") overlaps " + noun + " " + other.id() + " ("
                        + other.start() + ".." + other.end() + ") of " + owner));
                break;
            }
        }
        if (findings.isEmpty()) {
            Period before = chains.periodBefore(chain, p.start());
            if (before != null && !before.id().equals(p.id()) && !before.end().plusDays(1).equals(p.start())) {
                findings.add(gapRule.finding(p.file(), p.line(), startColumn, p.start().toString(), noun + " " + p.id()
                        + " starts " + p.start() + " but the previous " + noun + " " + before.id() + " of " + owner
                        + " ends " + before.end() + "; expected a start of " + before.end().plusDays(1)));
            }
            Period after = chains.periodAfter(chain, p.start());
            if (after != null && !after.id().equals(p.id()) && !p.end().plusDays(1).equals(after.start())) {
                findings.add(gapRule.finding(p.file(), p.line(), endColumn, p.end().toString(), noun + " " + p.id()
                        + " ends " + p.end() + " but the next " + noun + " " + after.id() + " of " + owner
                        + " starts " + after.start() + "; expected an end of " + after.start().minusDays(1)));
            }
        }
        chains.savePeriod(chain, p);
        return findings;
    }
}
