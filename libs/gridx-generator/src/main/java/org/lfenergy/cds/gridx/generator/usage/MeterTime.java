package org.lfenergy.cds.gridx.generator.usage;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.lfenergy.cds.gridx.generator.model.Contract;
import org.lfenergy.cds.gridx.generator.time.SlotCalendar;

/**
 * The time frame of the metered data: zone, window, interval calendars (electric at the configured length, gas
 * hourly) and when each channel of a contract has data.
 */
public final class MeterTime {

    /** Gas modules report hourly. */
    public static final int GAS_INTERVAL_MINUTES = 60;

    private final ZoneId zone;
    private final LocalDate windowStart;
    private final int days;
    private final SlotCalendar electric;
    private final SlotCalendar gas;
    private final int standardOffsetSeconds;

    public MeterTime(ZoneId zone, LocalDate windowStart, int days, int electricMinutes) {
        this.zone = zone;
        this.windowStart = windowStart;
        this.days = days;
        this.electric = new SlotCalendar(zone, electricMinutes);
        this.gas = electricMinutes == GAS_INTERVAL_MINUTES ? electric : new SlotCalendar(zone, GAS_INTERVAL_MINUTES);
        this.standardOffsetSeconds = zone.getRules()
                .getStandardOffset(windowStart.atStartOfDay(zone).toInstant()).getTotalSeconds();
    }

    /** The utility's zone. */
    public ZoneId zone() {
        return zone;
    }

    /** First local day of the window. */
    public LocalDate windowStart() {
        return windowStart;
    }

    /** Window length in days. */
    public int days() {
        return days;
    }

    /** The interval calendar of a channel. */
    public SlotCalendar calendar(Channel channel) {
        return channel == Channel.THERM_DEL ? gas : electric;
    }

    /** A usage model for a contract's channel. */
    public UsageModel model(long seed, Contract contract, Channel channel) {
        return new UsageModel(seed, contract.meterAccountId(), contract.consumption(),
                calendar(channel).minutes(), standardOffsetSeconds);
    }

    /** Epoch second of a local date-time in the zone (the earlier offset where a time repeats). */
    public long epochSecond(LocalDateTime local) {
        return local.atZone(zone).toEpochSecond();
    }

    /** First second a channel has data: contract start, or the NEM start for the reverse channel. */
    public long validFrom(Contract contract, Channel channel) {
        LocalDate from = contract.start();
        if (channel == Channel.KWH_REC && contract.programs().nemSince() != null
                && contract.programs().nemSince().isAfter(from)) {
            from = contract.programs().nemSince();
        }
        return electric.startOfDay(from);
    }

    /** First second after the contract's last day, or never. */
    public long validTo(Contract contract) {
        return contract.end() == null ? Long.MAX_VALUE : electric.startOfDay(contract.end().plusDays(1));
    }
}
