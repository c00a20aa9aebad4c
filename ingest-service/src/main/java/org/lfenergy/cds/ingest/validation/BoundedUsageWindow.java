package org.lfenergy.cds.ingest.validation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lfenergy.cds.gridx.format.validation.RegisterRead;
import org.lfenergy.cds.gridx.format.validation.Usage;
import org.lfenergy.cds.gridx.format.validation.UsageKey;
import org.lfenergy.cds.gridx.format.validation.UsageTotal;

/**
 * Interval sums and register reads for the register-versus-interval check, kept in memory with a hard bound so a
 * 10 GB interval file cannot exhaust the heap. Intervals are summed per channel and UTC hour (registers are read
 * at hour boundaries in whole-hour zones); when more than {@code maxHours} hours or {@code maxRegisters} reads are
 * held, the least recently used channels are forgotten and their later register checks find no intervals (the
 * check only ever warns). The read model, not the ingest path, is the place for complete reconciliation.
 */
public final class BoundedUsageWindow implements Usage {

    private final int maxHours;
    private final int maxRegisters;
    private int hours;
    private int registerCount;
    private final LinkedHashMap<UsageKey, TreeMap<Instant, Hour>> intervals = new LinkedHashMap<>(1024, 0.75f, true);
    private final LinkedHashMap<UsageKey, TreeMap<Instant, RegisterRead>> registers = new LinkedHashMap<>(1024, 0.75f, true);
    private final Map<UsageKey, TreeMap<Instant, RegisterRead>> pending = new LinkedHashMap<>();

    public BoundedUsageWindow(int maxHours, int maxRegisters) {
        this.maxHours = maxHours;
        this.maxRegisters = maxRegisters;
    }

    /** Interval sum and covered minutes of one channel-hour. */
    private static final class Hour {
        BigDecimal sum = BigDecimal.ZERO;
        long minutes;
    }

    @Override
    public synchronized void saveInterval(UsageKey key, Instant start, int minutes, BigDecimal value) {
        TreeMap<Instant, Hour> series = intervals.computeIfAbsent(key, k -> new TreeMap<>());
        Hour hour = series.get(start.truncatedTo(ChronoUnit.HOURS));
        if (hour == null) {
            hour = new Hour();
            series.put(start.truncatedTo(ChronoUnit.HOURS), hour);
            if (++hours > maxHours) {
                evictIntervals(key);
            }
        }
        hour.sum = hour.sum.add(value);
        hour.minutes += minutes;
    }

    private void evictIntervals(UsageKey keep) {
        var it = intervals.entrySet().iterator();
        while (hours > maxHours && it.hasNext()) {
            var e = it.next();
            if (!e.getKey().equals(keep)) {
                hours -= e.getValue().size();
                it.remove();
            }
        }
    }

    @Override
    public synchronized UsageTotal intervalTotal(UsageKey key, Instant from, Instant to) {
        TreeMap<Instant, Hour> series = intervals.get(key);
        if (series == null) {
            return new UsageTotal(BigDecimal.ZERO, 0);
        }
        BigDecimal sum = BigDecimal.ZERO;
        long minutes = 0;
        for (Hour h : series.subMap(from.truncatedTo(ChronoUnit.HOURS), true, to, false).values()) {
            sum = sum.add(h.sum);
            minutes += h.minutes;
        }
        return new UsageTotal(sum, minutes);
    }

    @Override
    public synchronized RegisterRead registerAt(UsageKey key, Instant at) {
        TreeMap<Instant, RegisterRead> series = registers.get(key);
        return series == null ? null : series.get(at);
    }

    @Override
    public synchronized void saveRegister(RegisterRead read) {
        TreeMap<Instant, RegisterRead> series = registers.computeIfAbsent(read.key(), k -> new TreeMap<>());
        if (series.put(read.at(), read) == null && ++registerCount > maxRegisters) {
            var it = registers.entrySet().iterator();
            while (registerCount > maxRegisters && it.hasNext()) {
                var e = it.next();
                if (!e.getKey().equals(read.key())) {
                    registerCount -= e.getValue().size();
                    it.remove();
                }
            }
        }
    }

    @Override
    public synchronized RegisterRead registerBefore(UsageKey key, Instant at) {
        TreeMap<Instant, RegisterRead> series = registers.get(key);
        Map.Entry<Instant, RegisterRead> e = series == null ? null : series.lowerEntry(at);
        return e == null ? null : e.getValue();
    }

    @Override
    public synchronized RegisterRead registerAfter(UsageKey key, Instant at) {
        TreeMap<Instant, RegisterRead> series = registers.get(key);
        Map.Entry<Instant, RegisterRead> e = series == null ? null : series.higherEntry(at);
        return e == null ? null : e.getValue();
    }

    @Override
    public synchronized void savePendingRegister(RegisterRead read) {
        pending.computeIfAbsent(read.key(), k -> new TreeMap<>()).put(read.at(), read);
    }

    @Override
    public synchronized List<RegisterRead> pendingRegisters(UsageKey key) {
        TreeMap<Instant, RegisterRead> reads = pending.get(key);
        return reads == null ? List.of() : new ArrayList<>(reads.values());
    }

    @Override
    public synchronized void removePendingRegister(RegisterRead read) {
        TreeMap<Instant, RegisterRead> reads = pending.get(read.key());
        if (reads != null) {
            reads.remove(read.at());
            if (reads.isEmpty()) {
                pending.remove(read.key());
            }
        }
    }
}
