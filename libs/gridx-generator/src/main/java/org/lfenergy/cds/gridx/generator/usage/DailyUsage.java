package org.lfenergy.cds.gridx.generator.usage;

/**
 * Per-day sums of one meter-account channel over the window, in thousandths of the unit: enough to bill without
 * keeping a single interval. Day {@code d} is the d-th local day of the window.
 */
public final class DailyUsage {

    /** Tariff peak hours 16:00-21:00 local, every day (as E-TOU-C). */
    public static final int PEAK_FROM_MINUTE = 16 * 60;
    /** Exclusive end of the peak hours. */
    public static final int PEAK_TO_MINUTE = 21 * 60;

    private final long[] total;
    private final long[] peak;
    private final long[] max;
    private final long[] event;
    private final boolean[] estimated;

    public DailyUsage(int days) {
        total = new long[days];
        peak = new long[days];
        max = new long[days];
        event = new long[days];
        estimated = new boolean[days];
    }

    void add(int day, int minuteOfDay, long value, boolean isEstimate, boolean inEvent) {
        total[day] += value;
        if (minuteOfDay >= PEAK_FROM_MINUTE && minuteOfDay < PEAK_TO_MINUTE) {
            peak[day] += value;
        }
        if (value > max[day]) {
            max[day] = value;
        }
        if (inEvent) {
            event[day] += value;
        }
        if (isEstimate) {
            estimated[day] = true;
        }
    }

    /** Sum over days {@code from..to} inclusive. */
    public long total(int from, int to) {
        return sum(total, from, to);
    }

    /** Peak-hour sum over days {@code from..to} inclusive. */
    public long peak(int from, int to) {
        return sum(peak, from, to);
    }

    /** Sum during demand-response event hours over days {@code from..to} inclusive. */
    public long event(int from, int to) {
        return sum(event, from, to);
    }

    /** Largest single interval over days {@code from..to} inclusive. */
    public long max(int from, int to) {
        long m = 0;
        for (int d = from; d <= to; d++) {
            m = Math.max(m, max[d]);
        }
        return m;
    }

    /** Whether any interval in days {@code from..to} was estimated. */
    public boolean estimated(int from, int to) {
        for (int d = from; d <= to; d++) {
            if (estimated[d]) {
                return true;
            }
        }
        return false;
    }

    private static long sum(long[] values, int from, int to) {
        long s = 0;
        for (int d = from; d <= to; d++) {
            s += values[d];
        }
        return s;
    }
}
