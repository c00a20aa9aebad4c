package org.lfenergy.cds.gridx.generator.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.lfenergy.cds.gridx.generator.model.Contract;
import org.lfenergy.cds.gridx.generator.time.Season;
import org.lfenergy.cds.gridx.generator.usage.DailyUsage;

/**
 * Rates a bill period from the daily sums of the intervals, in BigDecimal throughout.
 *
 * <p>The period is split where the season or the prices change; each part gets its own line items dated to it.
 * Energy is billed in whole units per time-of-use period (as printed bills do), demand per season part in kW with
 * one decimal. Every amount is {@code quantity x price} with no rounding, which the price and quantity precisions
 * guarantee (an inexact product fails loudly), and the bill total is the sum of the amounts.
 */
public final class BillCalculator {

    private final PriceSchedule prices;
    private final LocalDate windowStart;
    private final int intervalMinutes;

    public BillCalculator(PriceSchedule prices, LocalDate windowStart, int intervalMinutes) {
        this.prices = prices;
        this.windowStart = windowStart;
        this.intervalMinutes = intervalMinutes;
    }

    /**
     * The bill of a contract for {@code start..end} (inclusive) on a tariff.
     *
     * @param received the reverse channel, or null
     * @param share    a community-solar subscription, or null
     */
    public Bill bill(Contract contract, Tariff tariff, LocalDate start, LocalDate end, DailyUsage delivered,
                     DailyUsage received, CommunitySolarShare share) {
        List<BillLine> lines = new ArrayList<>();
        long usage = 0;
        for (Part part : split(start, end, true)) {
            Lines out = new Lines(tariff, part, lines);
            int a = index(part.start);
            int b = index(part.end);
            out.add(ChargeCode.CUST_DAY, BigDecimal.valueOf(part.days()));
            long billed;
            switch (tariff.structure()) {
                case TIERED -> {
                    billed = whole(delivered.total(a, b));
                    tiers(out, billed, part, ChargeCode.EN_T1, ChargeCode.EN_T2,
                            part.season == Season.SUMMER ? ChargeCode.BASE_SUM : ChargeCode.BASE_WIN);
                }
                case GAS_TIERED -> {
                    billed = whole(delivered.total(a, b));
                    out.add(ChargeCode.GAS_PROC, BigDecimal.valueOf(billed));
                    tiers(out, billed, part, ChargeCode.GAS_T1, ChargeCode.GAS_T2,
                            part.season == Season.SUMMER ? ChargeCode.GBASE_SUM : ChargeCode.GBASE_WIN);
                }
                default -> {
                    long peak = whole(delivered.peak(a, b));
                    long offPeak = whole(delivered.total(a, b) - delivered.peak(a, b));
                    out.add(ChargeCode.energy(part.season, true), BigDecimal.valueOf(peak));
                    out.add(ChargeCode.energy(part.season, false), BigDecimal.valueOf(offPeak));
                    billed = peak + offPeak;
                    if (received != null && contract.programs().nemSince() != null) {
                        long exportPeak = whole(received.peak(a, b));
                        long exportOffPeak = whole(received.total(a, b) - received.peak(a, b));
                        out.add(ChargeCode.export(part.season, true), BigDecimal.valueOf(exportPeak));
                        out.add(ChargeCode.export(part.season, false), BigDecimal.valueOf(exportOffPeak));
                        usage -= exportPeak + exportOffPeak;
                    }
                }
            }
            usage += billed;
            if (contract.programs().cpp()) {
                out.add(ChargeCode.CPP_EVT, BigDecimal.valueOf(whole(delivered.event(a, b))));
            }
            LocalDate careSince = contract.programs().careSince();
            if (careSince != null && !careSince.isAfter(part.start)) {
                out.add(ChargeCode.CARE_CR, BigDecimal.valueOf(billed));
            }
            if (share != null && !share.start().isAfter(part.start)) {
                BigDecimal generated = BigDecimal.valueOf(share.hostGeneration().total(a, b), 3);
                out.add(ChargeCode.CS_CR, generated.multiply(share.percent()).movePointLeft(2)
                        .setScale(0, RoundingMode.HALF_UP));
            }
        }
        if (tariff.structure() == Tariff.Structure.TIME_OF_USE_DEMAND) {
            for (Part part : split(start, end, false)) {
                // Demand is billed once per season part (one peak per season), not once per price year.
                new Lines(tariff, part, lines).add(ChargeCode.demand(part.season),
                        kilowatts(delivered.max(index(part.start), index(part.end))).setScale(1, RoundingMode.HALF_UP));
            }
        }
        BigDecimal amount = BigDecimal.ZERO.setScale(2);
        for (BillLine line : lines) {
            amount = amount.add(line.amount());
        }
        boolean estimate = delivered.estimated(index(start), index(end));
        return new Bill(tariff, List.copyOf(lines), BigDecimal.valueOf(usage), amount, estimate);
    }

    /** The billing determinants of a period: exact sums per season and time-of-use period. */
    public List<Determinant> determinants(Contract contract, Tariff tariff, LocalDate start, LocalDate end,
                                          DailyUsage delivered, DailyUsage received) {
        List<Determinant> out = new ArrayList<>();
        for (Part part : split(start, end, false)) {
            int a = index(part.start);
            int b = index(part.end);
            String season = part.season.name();
            switch (tariff.structure()) {
                case TIERED -> out.add(new Determinant("KWH_DEL_" + season, delivered.total(a, b)));
                case GAS_TIERED -> out.add(new Determinant("THERM_DEL_" + season, delivered.total(a, b)));
                default -> {
                    touDeterminants(out, "KWH_DEL_" + season, delivered, a, b);
                    if (received != null) {
                        touDeterminants(out, "KWH_REC_" + season, received, a, b);
                    }
                    if (tariff.structure() == Tariff.Structure.TIME_OF_USE_DEMAND) {
                        out.add(new Determinant("KW_MAX_" + season,
                                delivered.max(a, b) * (60 / intervalMinutes)));
                    }
                }
            }
        }
        long event = delivered.event(index(start), index(end));
        if (contract.programs().cpp() && event > 0) {
            out.add(new Determinant("KWH_DEL_CPP_EVENT", event));
        }
        return out;
    }

    private static void touDeterminants(List<Determinant> out, String prefix, DailyUsage usage, int a, int b) {
        out.add(new Determinant(prefix + "_ON_PEAK", usage.peak(a, b)));
        out.add(new Determinant(prefix + "_OFF_PEAK", usage.total(a, b) - usage.peak(a, b)));
    }

    private void tiers(Lines out, long billed, Part part, ChargeCode tier1, ChargeCode tier2, ChargeCode allowance) {
        long baseline = prices.price(out.tariff, allowance, part.start).multiply(BigDecimal.valueOf(part.days()))
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
        long first = Math.min(billed, baseline);
        out.add(tier1, BigDecimal.valueOf(first));
        out.add(tier2, BigDecimal.valueOf(billed - first));
    }

    /** kW (3 decimals) of the largest interval, from thousandths of a kWh per interval. */
    private BigDecimal kilowatts(long maxMilli) {
        return BigDecimal.valueOf(maxMilli * (60 / intervalMinutes), 3);
    }

    private int index(LocalDate date) {
        return (int) ChronoUnit.DAYS.between(windowStart, date);
    }

    private static long whole(long milli) {
        return BigDecimal.valueOf(milli, 3).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Splits a period where the season changes and, if asked, where prices change. */
    private List<Part> split(LocalDate start, LocalDate end, boolean atPriceChanges) {
        List<Part> parts = new ArrayList<>();
        LocalDate from = start;
        for (LocalDate d = start.plusDays(1); !d.isAfter(end); d = d.plusDays(1)) {
            if (Season.startsOn(d) || (atPriceChanges && prices.changesOn(d))) {
                parts.add(new Part(from, d.minusDays(1)));
                from = d;
            }
        }
        parts.add(new Part(from, end));
        return parts;
    }

    /** A stretch of a bill with one season and one price year. */
    private record Part(LocalDate start, LocalDate end, Season season) {
        Part(LocalDate start, LocalDate end) {
            this(start, end, Season.of(start));
        }

        int days() {
            return (int) ChronoUnit.DAYS.between(start, end) + 1;
        }
    }

    /** Adds priced lines for one part of a bill. */
    private final class Lines {
        private final Tariff tariff;
        private final Part part;
        private final List<BillLine> lines;

        Lines(Tariff tariff, Part part, List<BillLine> lines) {
            this.tariff = tariff;
            this.part = part;
            this.lines = lines;
        }

        /** A line priced on the part's first day; skipped when the tariff lacks the code or the quantity is 0. */
        void add(ChargeCode code, BigDecimal quantity) {
            if (!tariff.has(code) || quantity.signum() == 0) {
                return;
            }
            BigDecimal price = prices.price(tariff, code, part.start);
            // setScale without rounding: an inexact product is a bug in the price or quantity precision.
            BigDecimal amount = quantity.multiply(price).setScale(2);
            lines.add(new BillLine(code, quantity, price, amount, part.season, part.start, part.end));
        }
    }
}
