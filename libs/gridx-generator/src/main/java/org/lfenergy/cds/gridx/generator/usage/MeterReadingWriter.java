package org.lfenergy.cds.gridx.generator.usage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.lfenergy.cds.gridx.generator.io.GridxFileSink;
import org.lfenergy.cds.gridx.generator.model.Commodity;
import org.lfenergy.cds.gridx.generator.model.Contract;
import org.lfenergy.cds.gridx.generator.model.DemandEvent;
import org.lfenergy.cds.gridx.generator.model.MeterInstall;
import org.lfenergy.cds.gridx.generator.time.DaySlots;
import org.lfenergy.cds.gridx.generator.time.SlotCalendar;

/**
 * Writes a meter account's Interval rows for the window, in time order per channel, and the daily Register reads
 * (cumulative, at local midnight) of each meter that served it; returns the per-day sums the bills are made of.
 *
 * <p>Each interval is written as it is computed; nothing per interval is kept. A register read is the meter's
 * reading at install (or window start) plus every interval row written for that meter since, so the difference
 * of two reads always equals the sum of the interval rows between them, whatever the gaps.
 */
public final class MeterReadingWriter {

    /** Register reads are daily. */
    public static final int REGISTER_FREQUENCY_MINUTES = 1440;

    private static final byte[] MIDNIGHT = {'0', '0', '0', '0'};

    private final MeterTime time;
    private final GridxFileSink intervals;
    private final GridxFileSink registers;
    private final List<DemandEvent> events;
    private final long seed;

    public MeterReadingWriter(MeterTime time, GridxFileSink intervals, GridxFileSink registers,
                              List<DemandEvent> events, long seed) {
        this.time = time;
        this.intervals = intervals;
        this.registers = registers;
        this.events = events;
        this.seed = seed;
    }

    /** The channels a contract's meter account records. */
    public static List<Channel> channels(Contract contract) {
        if (contract.commodity() == Commodity.GAS) {
            return List.of(Channel.THERM_DEL);
        }
        return contract.exports() ? List.of(Channel.KWH_DEL, Channel.KWH_REC) : List.of(Channel.KWH_DEL);
    }

    /** Writes the window's interval and register rows of one channel and returns its daily sums. */
    public DailyUsage write(Contract contract, Channel channel) {
        return pass(contract, channel, Mode.WRITE).usage;
    }

    /** The daily sums of one channel without writing anything (e.g. a community-solar host's generation). */
    public DailyUsage sums(Contract contract, Channel channel) {
        return pass(contract, channel, Mode.SUM).usage;
    }

    /** How many interval rows {@link #write} produces for one channel, without computing values. */
    public long countRows(Contract contract, Channel channel) {
        return pass(contract, channel, Mode.COUNT).rows;
    }

    private Result pass(Contract contract, Channel channel, Mode mode) {
        SlotCalendar calendar = time.calendar(channel);
        UsageModel model = time.model(seed, contract, channel);
        long validFrom = time.validFrom(contract, channel);
        long validTo = time.validTo(contract);
        boolean main = channel != Channel.KWH_REC;
        long missing = main && contract.anomalies().missingInterval() != null
                ? time.epochSecond(contract.anomalies().missingInterval()) : Long.MIN_VALUE;
        long estimatedFrom = Long.MAX_VALUE;
        long estimatedTo = Long.MAX_VALUE;
        if (main && contract.anomalies().estimatedFrom() != null) {
            estimatedFrom = time.epochSecond(contract.anomalies().estimatedFrom());
            estimatedTo = estimatedFrom + (long) contract.anomalies().estimatedSlots() * calendar.minutes() * 60;
        }
        Meter[] meters = meters(contract, channel, calendar.minutes());
        DailyUsage usage = new DailyUsage(time.days());
        long rows = 0;
        int current = 0;
        for (int d = 0; d < time.days(); d++) {
            LocalDate date = time.windowStart().plusDays(d);
            DaySlots day = calendar.day(date);
            if (mode == Mode.WRITE) {
                readRegisters(meters, day.startEpochSecond(), day.dateBytes(), validFrom, validTo);
            }
            long dayEnd = day.epochSecond(day.count());
            if (dayEnd <= validFrom || day.startEpochSecond() >= validTo) {
                continue;
            }
            if (mode != Mode.COUNT) {
                model.beginDay(date);
            }
            int eventFrom = -1;
            int eventTo = -1;
            DemandEvent event = eventOn(contract, date);
            if (event != null) {
                eventFrom = event.startMinute();
                eventTo = event.endMinute();
            }
            for (int i = 0; i < day.count(); i++) {
                long t = day.epochSecond(i);
                if (t < validFrom || t >= validTo || t == missing) {
                    continue;
                }
                while (t >= meters[current].removal) {
                    current++;
                }
                Meter meter = meters[current];
                if (t < meter.install) {
                    throw new IllegalStateException("No meter installed for meter account "
                            + contract.meterAccountId() + " at " + Instant.ofEpochSecond(t));
                }
                rows++;
                if (mode == Mode.COUNT) {
                    continue;
                }
                boolean estimate = t >= estimatedFrom && t < estimatedTo;
                int minute = day.minuteOfDay(i);
                long value = model.value(channel, t, minute, !estimate);
                if (mode == Mode.WRITE) {
                    intervalRow(meter, value, day, i, estimate);
                }
                meter.reading += value;
                usage.add(d, minute, value, estimate, minute >= eventFrom && minute < eventTo);
            }
        }
        if (mode == Mode.WRITE) {
            LocalDate end = time.windowStart().plusDays(time.days());
            readRegisters(meters, calendar.startOfDay(end), calendar.day(end).dateBytes(), validFrom, validTo);
        }
        return new Result(usage, rows);
    }

    /**
     * Appends earlier history of the contracts' channels to the Interval file, one local day at a time going back
     * from the window start (each day's rows in time order), until the file holds {@code targetRows} data rows
     * (when positive) or {@code targetBytes} uncompressed bytes. Only benchmarks ask for this.
     *
     * @throws IllegalStateException when the contracts have too little history for the target
     */
    public void writeHistory(List<Contract> contracts, long targetRows, long targetBytes) {
        List<History> channels = new ArrayList<>();
        for (Contract contract : contracts) {
            for (Channel channel : channels(contract)) {
                long validFrom = time.validFrom(contract, channel);
                if (validFrom < time.calendar(channel).startOfDay(time.windowStart())) {
                    channels.add(new History(contract, channel, time.calendar(channel),
                            time.model(seed, contract, channel), validFrom,
                            meters(contract, channel, time.calendar(channel).minutes())));
                }
            }
        }
        for (int back = 1; ; back++) {
            LocalDate date = time.windowStart().minusDays(back);
            boolean anyData = false;
            for (History h : channels) {
                DaySlots day = h.calendar.day(date);
                if (day.epochSecond(day.count()) <= h.validFrom) {
                    continue;
                }
                anyData = true;
                h.model.beginDay(date);
                for (int i = 0; i < day.count(); i++) {
                    if (reached(targetRows, targetBytes)) {
                        return;
                    }
                    long t = day.epochSecond(i);
                    Meter meter = h.meterAt(t);
                    if (t < h.validFrom || meter == null) {
                        continue;
                    }
                    intervalRow(meter, h.model.value(h.channel, t, day.minuteOfDay(i), true), day, i, false);
                }
            }
            if (reached(targetRows, targetBytes)) {
                return;
            }
            if (!anyData) {
                throw new IllegalStateException("The meters' history ran out at " + intervals.rows()
                        + " interval rows; add customers (--persons) to reach the requested size");
            }
        }
    }

    /** Interval rows of history available before the window start. */
    public long historyCapacity(List<Contract> contracts) {
        long rows = 0;
        for (Contract contract : contracts) {
            for (Channel channel : channels(contract)) {
                SlotCalendar calendar = time.calendar(channel);
                long validFrom = time.validFrom(contract, channel);
                for (LocalDate d = time.windowStart().minusDays(1); ; d = d.minusDays(1)) {
                    DaySlots day = calendar.day(d);
                    if (day.epochSecond(day.count()) <= validFrom) {
                        break;
                    }
                    rows += day.count();
                }
            }
        }
        return rows;
    }

    private boolean reached(long targetRows, long targetBytes) {
        return targetRows > 0 ? intervals.rows() >= targetRows : intervals.uncompressedBytes() >= targetBytes;
    }

    /**
     * One Interval row. In the repeated hour of a fall-back day the Time_zone column carries the UTC offset instead
     * of the zone name, because the zone name alone cannot tell the first 01:15 from the second.
     */
    private void intervalRow(Meter meter, long value, DaySlots day, int i, boolean estimate) {
        intervals.field(meter.prefix).fixed(value, 3).field(day.dateBytes()).field(day.dateBytes())
                .append(day.hhmm(i));
        byte[] offset = day.ambiguousOffset(i);
        if (offset == null) {
            intervals.field(estimate ? meter.estimatedSuffix : meter.actualSuffix);
        } else {
            intervals.field(meter.channel).field(offset).field(estimate ? meter.estimatedTail : meter.actualTail);
        }
        intervals.endRow();
    }

    /** A cumulative read of every meter installed at this midnight. */
    private void readRegisters(Meter[] meters, long midnight, byte[] dateBytes, long validFrom, long validTo) {
        if (midnight < validFrom || midnight > validTo) {
            return;
        }
        for (Meter meter : meters) {
            if (meter.install <= midnight && midnight <= meter.removal) {
                registers.field(meter.prefix).fixed(meter.reading, 3).field(dateBytes).field(dateBytes)
                        .append(MIDNIGHT).field(meter.registerSuffix).endRow();
            }
        }
    }

    private DemandEvent eventOn(Contract contract, LocalDate date) {
        for (DemandEvent e : events) {
            if (e.date().equals(date) && e.ratePlan().equals(contract.rateOn(date))) {
                return e;
            }
        }
        return null;
    }

    private Meter[] meters(Contract contract, Channel channel, int minutes) {
        List<Meter> list = new ArrayList<>();
        byte d = intervals.delimiter();
        for (MeterInstall m : contract.meters()) {
            long install = time.epochSecond(m.installedAt());
            long removal = m.removedAt() == null ? Long.MAX_VALUE : time.epochSecond(m.removedAt());
            byte[] prefix = join(d, contract.meterAccountId(), m.meterId());
            String zone = channel.name() + (char) d + time.zone().getId() + (char) d;
            String actual = Integer.toString(minutes) + (char) d + "A";
            String estimated = Integer.toString(minutes) + (char) d + "E";
            list.add(new Meter(install, removal, prefix, channel.bytes(), ascii(actual), ascii(estimated),
                    ascii(zone + actual), ascii(zone + estimated),
                    ascii(zone + REGISTER_FREQUENCY_MINUTES + (char) d + "A"), m.initialRegisterMilli()));
        }
        // A sentinel that is never installed ends the search for the meter of an interval.
        list.add(new Meter(Long.MAX_VALUE, Long.MAX_VALUE, null, null, null, null, null, null, null, 0));
        return list.toArray(new Meter[0]);
    }

    private static byte[] join(byte delimiter, String a, String b) {
        return ascii(a + (char) delimiter + b);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private enum Mode { WRITE, SUM, COUNT }

    private record Result(DailyUsage usage, long rows) {
    }

    /** One channel's state while writing history. */
    private record History(Contract contract, Channel channel, SlotCalendar calendar, UsageModel model,
                           long validFrom, Meter[] meters) {

        Meter meterAt(long t) {
            for (Meter m : meters) {
                if (t >= m.install && t < m.removal) {
                    return m;
                }
            }
            return null;
        }
    }

    /**
     * A meter's install period and running register, with its row pieces pre-encoded: prefix = ids, suffix =
     * channel, zone, frequency and data version; tail = frequency and data version only.
     */
    private static final class Meter {
        final long install;
        final long removal;
        final byte[] prefix;
        final byte[] channel;
        final byte[] actualTail;
        final byte[] estimatedTail;
        final byte[] actualSuffix;
        final byte[] estimatedSuffix;
        final byte[] registerSuffix;
        long reading;

        Meter(long install, long removal, byte[] prefix, byte[] channel, byte[] actualTail, byte[] estimatedTail,
              byte[] actualSuffix, byte[] estimatedSuffix, byte[] registerSuffix, long reading) {
            this.install = install;
            this.removal = removal;
            this.prefix = prefix;
            this.channel = channel;
            this.actualTail = actualTail;
            this.estimatedTail = estimatedTail;
            this.actualSuffix = actualSuffix;
            this.estimatedSuffix = estimatedSuffix;
            this.registerSuffix = registerSuffix;
            this.reading = reading;
        }
    }
}
