package org.lfenergy.cds.gridx.generator.usage;

import java.time.DayOfWeek;
import java.time.LocalDate;

import org.lfenergy.cds.gridx.generator.model.Consumption;
import org.lfenergy.cds.gridx.generator.model.LoadProfile;

/**
 * The metered value of one meter account in one interval: a daily profile, seasonal cooling and heating, daily
 * weather and per-interval noise, plus solar generation for exporting accounts. A pure function of (seed, meter
 * account, interval start), so any pass over any period reproduces the same numbers.
 *
 * <p>Call {@link #beginDay} before the values of a day. Not thread-safe; one instance per pass.
 */
public final class UsageModel {

    private static final double[] RESIDENTIAL_W = perMinute(
            380, 340, 320, 310, 320, 380, 520, 700, 720, 600, 520, 500,
            500, 500, 520, 600, 760, 950, 1050, 1000, 900, 780, 620, 460);
    private static final double[] COOLING = perMinute(
            0.10, 0.05, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.05, 0.10, 0.20, 0.35,
            0.50, 0.65, 0.80, 0.90, 1.00, 1.00, 0.95, 0.85, 0.70, 0.50, 0.30, 0.20);
    private static final double[] HEATING = perMinute(
            0.30, 0.25, 0.25, 0.25, 0.30, 0.60, 1.00, 1.00, 0.80, 0.40, 0.20, 0.15,
            0.10, 0.10, 0.10, 0.15, 0.30, 0.70, 0.90, 0.90, 0.80, 0.60, 0.45, 0.35);
    private static final double[] OPEN_HOURS = perMinute(
            0.00, 0.00, 0.00, 0.00, 0.00, 0.05, 0.30, 0.70, 0.95, 1.00, 1.00, 1.00,
            0.95, 1.00, 1.00, 1.00, 0.95, 0.80, 0.50, 0.20, 0.05, 0.00, 0.00, 0.00);
    private static final double[] GAS_SHAPE = perMinute(
            0.50, 0.45, 0.45, 0.45, 0.55, 0.90, 1.60, 1.80, 1.40, 0.90, 0.70, 0.60,
            0.55, 0.55, 0.55, 0.65, 0.90, 1.30, 1.60, 1.50, 1.30, 1.00, 0.75, 0.60);

    private final LoadProfile profile;
    private final double scale;
    private final double solarWatts;
    private final long base;
    private final int halfSlotMinutes;
    private final double hoursPerSlot;
    private final int standardOffsetSeconds;

    private double weather;
    private double cooling;
    private double heating;
    private double clearness;
    private double sunrise;
    private double dayLength;
    private double sunPeak;
    private double openFactor;

    /**
     * @param meterAccountId        keys the noise: the same account always gets the same values, whatever meter
     * @param minutes               interval length of the channel
     * @param standardOffsetSeconds the zone's standard (non-daylight) UTC offset, to place the sun in solar time
     */
    public UsageModel(long seed, String meterAccountId, Consumption consumption, int minutes,
                      int standardOffsetSeconds) {
        this.profile = consumption.profile();
        this.scale = consumption.scale();
        this.solarWatts = consumption.solarKw() * 1000.0 * 0.82;
        this.base = Noise.mix(seed, meterAccountId.hashCode(), meterAccountId.length());
        this.halfSlotMinutes = minutes / 2;
        this.hoursPerSlot = minutes / 60.0;
        this.standardOffsetSeconds = standardOffsetSeconds;
    }

    /** Prepares the day-level factors (weather, season, daylight). */
    public void beginDay(LocalDate date) {
        long day = date.toEpochDay();
        int doy = date.getDayOfYear();
        weather = 0.85 + 0.30 * Noise.unit(base ^ (day * 0x2545F4914F6CDD1DL));
        double c = Math.max(0.0, Math.cos(2 * Math.PI * (doy - 205) / 365.0));
        cooling = c * c;
        heating = Math.max(0.0, Math.cos(2 * Math.PI * (doy - 15) / 365.0));
        double cloud = Noise.unit(base ^ (day * 0x9E3779B97F4A7C15L) ^ 0x5DEECE66DL);
        clearness = 1.0 - 0.65 * cloud * cloud * cloud;
        dayLength = 12.0 + 2.3 * Math.sin(2 * Math.PI * (doy - 80) / 365.0);
        sunrise = 12.15 - dayLength / 2;
        sunPeak = 0.80 + 0.20 * cooling;
        DayOfWeek dow = date.getDayOfWeek();
        openFactor = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? 0.25 : 1.0;
    }

    /**
     * The value of a channel in the interval starting at {@code epochSecond}, in thousandths of the unit.
     *
     * @param measured false for an estimate: the profile without weather or noise, as an MDM system would fill
     */
    public long value(Channel channel, long epochSecond, int minuteOfDay, boolean measured) {
        int m = (minuteOfDay + halfSlotMinutes) % 1440;
        double noise = measured ? 0.75 + 0.5 * Noise.unit(base + epochSecond) : 1.0;
        double dayFactor = measured ? weather : 1.0;
        if (profile == LoadProfile.GAS_RESIDENTIAL) {
            double thermsPerHour = scale * (0.035 + 0.20 * heating * GAS_SHAPE[m]) * dayFactor * noise;
            return Math.round(thermsPerHour * hoursPerSlot * 1000.0);
        }
        double load = loadWatts(m) * dayFactor * noise;
        double solar = solarWatts > 0 ? solarWatts(epochSecond, measured) : 0.0;
        double watts = channel == Channel.KWH_REC ? solar - load : load - solar;
        return watts <= 0 ? 0 : Math.round(watts * hoursPerSlot);
    }

    private double loadWatts(int m) {
        switch (profile) {
            case RESIDENTIAL:
                return scale * (RESIDENTIAL_W[m] + 1800 * cooling * COOLING[m] + 350 * heating * HEATING[m]);
            case COMMERCIAL:
                return scale * (30_000 + 65_000 * openFactor * OPEN_HOURS[m] + 35_000 * cooling * COOLING[m]);
            case SOLAR_FARM:
                return scale * (150 + 100 * HEATING[m]);
            default:
                throw new IllegalStateException("No electric load for " + profile);
        }
    }

    private double solarWatts(long epochSecond, boolean measured) {
        // Solar time: the standard offset keeps noon near 12:00 all year, whatever the daylight-saving clock says.
        double hour = Math.floorMod(epochSecond + standardOffsetSeconds, 86_400) / 3600.0 + hoursPerSlot / 2;
        double x = (hour - sunrise) / dayLength;
        if (x <= 0 || x >= 1) {
            return 0.0;
        }
        double s = Math.sin(Math.PI * x);
        double jitter = measured ? 0.95 + 0.10 * Noise.unit(base - epochSecond) : 1.0;
        return solarWatts * s * Math.sqrt(s) * sunPeak * (measured ? clearness : 0.9) * jitter;
    }

    /** Expands 24 hourly points to 1440 per-minute values by linear interpolation. */
    private static double[] perMinute(double... hourly) {
        double[] minutes = new double[1440];
        for (int i = 0; i < 1440; i++) {
            int h = i / 60;
            double f = (i % 60) / 60.0;
            minutes[i] = hourly[h] + (hourly[(h + 1) % 24] - hourly[h]) * f;
        }
        return minutes;
    }
}
