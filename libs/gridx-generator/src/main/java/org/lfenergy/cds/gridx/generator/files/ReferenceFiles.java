package org.lfenergy.cds.gridx.generator.files;

import java.time.LocalDate;
import java.time.YearMonth;

import org.lfenergy.cds.gridx.generator.billing.PriceSchedule;
import org.lfenergy.cds.gridx.generator.io.GridxFileSink;
import org.lfenergy.cds.gridx.generator.model.DemandEvent;
import org.lfenergy.cds.gridx.generator.model.Network;
import org.lfenergy.cds.gridx.generator.model.NetworkMember;
import org.lfenergy.cds.gridx.generator.time.CyclePeriod;
import org.lfenergy.cds.gridx.generator.time.GridxText;
import org.lfenergy.cds.gridx.generator.time.ReadCycleCalendar;

/** Writes the rate-modelling files: Billing Cycle, Rate Values, Event and Network. */
public final class ReferenceFiles {

    /** The specification's high value for an open end (Network_end_date is mandatory). */
    private static final String OPEN_END = "99991231";

    private ReferenceFiles() {
    }

    /**
     * Every read cycle's periods whose bill month runs from the window's first month to the month after its last,
     * so that every window day lies in a listed period of every cycle.
     */
    public static void billingCycles(GridxFileSink sink, ReadCycleCalendar calendar, LocalDate first,
                                     LocalDate last) {
        for (String cycle : calendar.cycles()) {
            for (CyclePeriod p : calendar.periods(cycle, YearMonth.from(first), YearMonth.from(last).plusMonths(1))) {
                sink.text(cycle).text(GridxText.date(p.start())).text(GridxText.date(p.end()))
                        .text(GridxText.twoDigits(p.billMonth().getMonthValue()))
                        .number(p.billMonth().getYear()).number(p.days()).endRow();
            }
        }
    }

    /** One row per tariff, charge code and price year. */
    public static void rateValues(GridxFileSink sink, PriceSchedule schedule) {
        for (PriceSchedule.RateValue v : schedule.rateValues()) {
            sink.text(v.ratePlan()).text(v.description()).decimal(v.value()).text(GridxText.date(v.effective()))
                    .text(v.expiration() == null ? null : GridxText.date(v.expiration())).endRow();
        }
    }

    /** One row per event day; the duration is in days. */
    public static void events(GridxFileSink sink, Iterable<DemandEvent> events) {
        for (DemandEvent e : events) {
            sink.text(e.ratePlan()).text(e.type()).text(e.subType()).text(GridxText.date(e.date())).number(1)
                    .text(GridxText.time(e.start())).text(GridxText.time(e.end())).endRow();
        }
    }

    /** One row per network member; members are identified by contract. */
    public static void networks(GridxFileSink sink, Iterable<Network> networks) {
        for (Network n : networks) {
            for (NetworkMember m : n.members()) {
                sink.text(n.type()).text(n.networkId()).text(GridxText.date(n.start())).text(OPEN_END)
                        .text(m.contractId()).text("contract_id").text(m.role().name()).decimal(m.percent())
                        .text(GridxText.date(m.start())).empty().text(m.meterAccountId()).endRow();
            }
        }
    }
}
