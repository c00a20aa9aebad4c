package org.lfenergy.cds.gridx.generator.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prices over time: every tariff's prices change each March 1 (a general rate case), rising 4% rounded to the
 * price's own precision; allowances never change. The first price year starts March 1 of the year before the
 * window, so every window day has a price.
 */
public final class PriceSchedule {

    private static final BigDecimal YEARLY_INCREASE = new BigDecimal("1.04");

    private final List<LocalDate> changes = new ArrayList<>();

    public PriceSchedule(LocalDate windowStart, LocalDate lastDay) {
        for (int year = windowStart.getYear() - 1; year <= lastDay.getYear(); year++) {
            LocalDate change = LocalDate.of(year, 3, 1);
            if (!change.isAfter(lastDay)) {
                changes.add(change);
            }
        }
    }

    /** The dates prices change, oldest first; the first is the start of the first price year. */
    public List<LocalDate> changes() {
        return changes;
    }

    /** Whether prices change on this date. */
    public boolean changesOn(LocalDate date) {
        return changes.contains(date) && !date.equals(changes.get(0));
    }

    /** The price of a charge (or value of an allowance) in a tariff on a date. */
    public BigDecimal price(Tariff tariff, ChargeCode code, LocalDate date) {
        BigDecimal base = tariff.basePrices().get(code);
        if (base == null) {
            throw new IllegalArgumentException(tariff.rateCode() + " has no " + code);
        }
        return code.allowance() ? base : priceInYear(base, yearIndex(date));
    }

    /** Every Rate Values entry: one per tariff, code and price year (one per allowance). */
    public List<RateValue> rateValues() {
        List<RateValue> values = new ArrayList<>();
        for (Tariff tariff : Tariff.values()) {
            for (Map.Entry<ChargeCode, BigDecimal> e : tariff.basePrices().entrySet()) {
                ChargeCode code = e.getKey();
                if (code.allowance()) {
                    values.add(new RateValue(tariff.rateCode(), code.rateDescription(), e.getValue(), changes.get(0),
                            null));
                    continue;
                }
                for (int i = 0; i < changes.size(); i++) {
                    LocalDate expiry = i + 1 < changes.size() ? changes.get(i + 1) : null;
                    values.add(new RateValue(tariff.rateCode(), code.rateDescription(),
                            priceInYear(e.getValue(), i), changes.get(i), expiry));
                }
            }
        }
        return values;
    }

    private int yearIndex(LocalDate date) {
        int index = 0;
        for (int i = 0; i < changes.size(); i++) {
            if (!changes.get(i).isAfter(date)) {
                index = i;
            }
        }
        return index;
    }

    private static BigDecimal priceInYear(BigDecimal base, int year) {
        BigDecimal price = base;
        for (int i = 0; i < year; i++) {
            price = price.multiply(YEARLY_INCREASE).setScale(base.scale(), RoundingMode.HALF_UP);
        }
        return price;
    }

    /**
     * One Rate Values row.
     *
     * @param expiration first day the value no longer applies (exclusive, as the Customer Attribute time slices
     *                   of the specification's example), or null while current
     */
    public record RateValue(String ratePlan, String description, BigDecimal value, LocalDate effective,
                            LocalDate expiration) {
    }
}
