package org.lfenergy.cds.gridx.generator.time;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The utility's meter-reading calendar: 20 read cycles, cycle {@code nn} reads on day {@code nn + 5} of each month,
 * moved off weekends. A billing period runs from the day after one read to the next read, so periods of a cycle
 * are continuous by construction.
 */
public final class ReadCycleCalendar {

    /** Number of read cycles, coded {@code 01}..{@code 20}. */
    public static final int CYCLE_COUNT = 20;

    /** All read-cycle codes. */
    public List<String> cycles() {
        List<String> codes = new ArrayList<>();
        for (int i = 1; i <= CYCLE_COUNT; i++) {
            codes.add(GridxText.twoDigits(i));
        }
        return codes;
    }

    /** The read date of a cycle in a month. */
    public LocalDate readDate(String cycle, YearMonth month) {
        LocalDate d = month.atDay(Integer.parseInt(cycle) + 5);
        if (d.getDayOfWeek() == DayOfWeek.SATURDAY) {
            return d.minusDays(1);
        }
        if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return d.plusDays(1);
        }
        return d;
    }

    /** The period that ends with the read of {@code billMonth}. */
    public CyclePeriod period(String cycle, YearMonth billMonth) {
        LocalDate start = readDate(cycle, billMonth.minusMonths(1)).plusDays(1);
        return new CyclePeriod(cycle, start, readDate(cycle, billMonth), billMonth);
    }

    /** Consecutive periods for the bill months {@code from}..{@code to}. */
    public List<CyclePeriod> periods(String cycle, YearMonth from, YearMonth to) {
        List<CyclePeriod> periods = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            periods.add(period(cycle, m));
        }
        return periods;
    }

    /** The periods of a cycle lying entirely within {@code first}..{@code last} (inclusive). */
    public List<CyclePeriod> periodsWithin(String cycle, LocalDate first, LocalDate last) {
        List<CyclePeriod> inside = new ArrayList<>();
        for (CyclePeriod p : periods(cycle, YearMonth.from(first), YearMonth.from(last).plusMonths(1))) {
            if (!p.start().isBefore(first) && !p.end().isAfter(last)) {
                inside.add(p);
            }
        }
        return inside;
    }
}
