package org.lfenergy.cds.gridx.format.validation;

/**
 * Identifies a usage series: a meter (or, when the row has no Meter_ID, a meter account) and a channel.
 *
 * @param device {@code meter:<Meter_ID>} or {@code meteraccount:<MeterAccount_ID>}
 */
public record UsageKey(String device, String channel) {

    public static UsageKey of(String meterId, String meterAccountId, String channel) {
        return new UsageKey(meterId != null ? "meter:" + meterId : "meteraccount:" + meterAccountId, channel);
    }
}
