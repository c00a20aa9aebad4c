package org.lfenergy.cds.gridx.format.validation;

import java.util.List;
import org.lfenergy.cds.gridx.format.Finding;
import org.lfenergy.cds.gridx.format.Rule;

/**
 * A meter account may have many meters (totalization), but one physical meter is installed at one place at a
 * time: its install periods must not overlap. A row with the same meter and install instant updates that period
 * (e.g. the removal date arrives later), so replays and updates are not overlaps.
 */
final class MeterInstallRule {

    private final MeterInstalls installs;

    MeterInstallRule(MeterInstalls installs) {
        this.installs = installs;
    }

    List<Finding> check(MeterInstall candidate) {
        for (MeterInstall existing : installs.installsOfMeter(candidate.meterId())) {
            boolean samePeriod = existing.installed().equals(candidate.installed());
            if (samePeriod && existing.meterAccountId().equals(candidate.meterAccountId())) {
                continue;
            }
            if (samePeriod || existing.overlaps(candidate)) {
                return List.of(Rule.XROW_METER_INSTALL_OVERLAP.finding(candidate.file(), candidate.line(),
                        "Meter_install_date", String.valueOf(candidate.installed()), "Meter " + candidate.meterId()
                                + " is already installed at meter account " + existing.meterAccountId() + " from "
                                + existing.installed() + (existing.removed() == null ? " (not removed)"
                                : " to " + existing.removed()) + " (" + existing.file() + " line "
                                + existing.line() + "); install periods of a meter must not overlap"));
            }
        }
        installs.saveInstall(candidate);
        return List.of();
    }
}
