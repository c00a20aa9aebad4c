package org.lfenergy.cds.usage.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.gridx.BillDeterminantPayload;
import org.lfenergy.cds.contracts.gridx.BillPayload;
import org.lfenergy.cds.contracts.gridx.CustomerAttributePayload;
import org.lfenergy.cds.contracts.gridx.CustomerPayload;
import org.lfenergy.cds.contracts.gridx.IntervalPayload;
import org.lfenergy.cds.contracts.gridx.MeterAccountMeterPayload;
import org.lfenergy.cds.contracts.gridx.RegisterPayload;

/**
 * A small hand-made GridX data set with a unique client code: a meter swap on the spring-forward day (92
 * quarter-hours) with one missing interval and estimated reads, a net-metered customer on the fall-back day (100
 * quarter-hours) with forward and reverse channels, register reads, billing determinants, and a second customer the
 * grants of the first must never reveal. It keeps the rows it published so tests compute expectations from them.
 */
public final class Scenario {

    public static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    public static final LocalDate SPRING = LocalDate.of(2024, 3, 10);
    public static final LocalDate FALL = LocalDate.of(2024, 11, 3);

    public final String client = "U" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();

    {
        Filters.useGridxClient(client); // the filters of a test are about its scenario's GridX client
    }
    public final List<IntervalPayload> intervals = new ArrayList<>();
    public final List<RegisterPayload> registers = new ArrayList<>();
    public final List<BillDeterminantPayload> determinants = new ArrayList<>();
    /** The swap instant (local 10:30 on the spring-forward day). */
    public final Instant swapAt = ZonedDateTime.of(SPRING, LocalTime.of(10, 30), LA).toInstant();
    /** The missing interval start on the swap day. */
    public final Instant missing = ZonedDateTime.of(SPRING, LocalTime.of(13, 15), LA).toInstant();

    /** Publishes every row. */
    public void publish(KafkaEvents k) throws Exception {
        long line = 2;
        OffsetDateTime start2020 = ZonedDateTime.of(LocalDate.of(2020, 1, 1), LocalTime.MIDNIGHT, LA).toOffsetDateTime();
        k.send(Topic.CUSTOMERS, client, new CustomerPayload("P1", "A1", "C1", "PM1", "SP1", "MA1", start2020, null,
                "Active"), line++);
        k.send(Topic.CUSTOMERS, client, new CustomerPayload("P1", "A1", "C2", "PM2", "SP2", "MA2", start2020, null,
                "Active"), line++);
        k.send(Topic.CUSTOMERS, client, new CustomerPayload("P2", "A2", "C3", "PM3", "SP3", "MA3", start2020, null,
                "Active"), line++);
        // A contract that ended at SP1 before C1 (previous contract of the service point).
        k.send(Topic.CUSTOMERS, client, new CustomerPayload("P0", "A0", "C0", "PM1", "SP1", "MA0",
                start2020.minusYears(3), start2020, "Closed"), line++);
        k.send(Topic.METERACCOUNT_METERS, client, new MeterAccountMeterPayload("MA1", "M-OLD", start2020,
                swapAt.atZone(LA).toOffsetDateTime()), line++);
        k.send(Topic.METERACCOUNT_METERS, client, new MeterAccountMeterPayload("MA1", "M-NEW",
                swapAt.atZone(LA).toOffsetDateTime(), null), line++);
        k.send(Topic.METERACCOUNT_METERS, client, new MeterAccountMeterPayload("MA2", "M-NEM", start2020, null), line++);
        k.send(Topic.METERACCOUNT_METERS, client, new MeterAccountMeterPayload("MA3", "M-OTHER", start2020, null), line++);
        LocalDate d0 = LocalDate.of(2020, 1, 1);
        k.send(Topic.ATTRIBUTES, client, new CustomerAttributePayload("PM", "PM1", "service_address", "1 Main St", d0, null), line++);
        k.send(Topic.ATTRIBUTES, client, new CustomerAttributePayload("PM", "PM1", "city", "San Jose", d0, null), line++);
        k.send(Topic.ATTRIBUTES, client, new CustomerAttributePayload("PM", "PM1", "state", "CA", d0, null), line++);
        k.send(Topic.ATTRIBUTES, client, new CustomerAttributePayload("PM", "PM1", "zip", "95126", d0, null), line++);
        k.send(Topic.ATTRIBUTES, client, new CustomerAttributePayload("SP", "SP1", "latitude", "37.332710", d0, null), line++);
        k.send(Topic.ATTRIBUTES, client, new CustomerAttributePayload("SP", "SP1", "longitude", "-121.913450", d0, null), line++);
        k.send(Topic.ATTRIBUTES, client, new CustomerAttributePayload("SP", "SP1", "voltage", "secondary", d0, null), line++);
        for (String c : List.of("C1", "C2", "C3", "C0")) {
            k.send(Topic.ATTRIBUTES, client, new CustomerAttributePayload("CT", c, "service_type", "electric", d0, null), line++);
        }
        // Spring-forward day at MA1: old meter until the swap, new meter after; one missing, two hours estimated.
        Instant t = SPRING.atStartOfDay(LA).toInstant();
        Instant end = SPRING.plusDays(1).atStartOfDay(LA).toInstant();
        Instant estFrom = ZonedDateTime.of(SPRING, LocalTime.of(16, 0), LA).toInstant();
        int i = 0;
        for (; t.isBefore(end); t = t.plusSeconds(900), i++) {
            if (t.equals(missing)) {
                continue;
            }
            String meter = t.isBefore(swapAt) ? "M-OLD" : "M-NEW";
            boolean est = !t.isBefore(estFrom) && t.isBefore(estFrom.plusSeconds(7200));
            intervals.add(interval("MA1", meter, t, "KWH_DEL", new BigDecimal(i).movePointLeft(3).add(new BigDecimal("0.100")),
                    est ? "E" : "A"));
        }
        // Fall-back day at MA2: forward and reverse.
        t = FALL.atStartOfDay(LA).toInstant();
        end = FALL.plusDays(1).atStartOfDay(LA).toInstant();
        i = 0;
        for (; t.isBefore(end); t = t.plusSeconds(900), i++) {
            intervals.add(interval("MA2", "M-NEM", t, "KWH_DEL", new BigDecimal("0.250").add(new BigDecimal(i).movePointLeft(3)), "A"));
            intervals.add(interval("MA2", "M-NEM", t, "KWH_REC", i >= 40 && i < 70 ? new BigDecimal("0.400") : new BigDecimal("0.000"), "A"));
        }
        // A plain day at MA3 (the other customer).
        t = LocalDate.of(2024, 6, 1).atStartOfDay(LA).toInstant();
        for (int s = 0; s < 96; s++, t = t.plusSeconds(900)) {
            intervals.add(interval("MA3", "M-OTHER", t, "KWH_DEL", new BigDecimal("1.000"), "A"));
        }
        for (IntervalPayload p : intervals) {
            k.send(Topic.INTERVALS, client, p, line++);
        }
        Instant midnight = SPRING.atStartOfDay(LA).toInstant();
        registers.add(new RegisterPayload("MA1", "M-OLD", new BigDecimal("12345.678"), SPRING,
                midnight.atZone(LA).toOffsetDateTime(), midnight, "KWH_DEL", "America/Los_Angeles", 1440, "A"));
        for (RegisterPayload r : registers) {
            k.send(Topic.REGISTERS, client, r, line++);
        }
        OffsetDateTime bs = ZonedDateTime.of(LocalDate.of(2024, 10, 15), LocalTime.MIDNIGHT, LA).toOffsetDateTime();
        OffsetDateTime be = ZonedDateTime.of(LocalDate.of(2024, 11, 14), LocalTime.MIDNIGHT, LA).toOffsetDateTime();
        Map<String, String> dets = new LinkedHashMap<>();
        dets.put("KWH_DEL_WINTER_ON_PEAK", "120.500");
        dets.put("KWH_DEL_WINTER_OFF_PEAK", "310.250");
        dets.put("KWH_REC_WINTER_ON_PEAK", "80.000");
        // The bill of that period (its section is the determinants' related_billsections) and an unrelated one.
        k.send(Topic.BILLS, client, new BillPayload("B-1", "SP2", "C2", "MA2", LocalDate.of(2024, 10, 15),
                LocalDate.of(2024, 11, 14), 2024, 11, "E-TOU-C", "07", new BigDecimal("350.750"), new BigDecimal("99.10"),
                false, false), line++);
        k.send(Topic.BILLS, client, new BillPayload("B-0", "SP2", "C2", "MA2", LocalDate.of(2024, 9, 15),
                LocalDate.of(2024, 10, 14), 2024, 10, "E-TOU-C", "07", new BigDecimal("300.000"), new BigDecimal("80.00"),
                false, false), line++);
        for (Map.Entry<String, String> e : dets.entrySet()) {
            BillDeterminantPayload p = new BillDeterminantPayload("MA2", new BigDecimal(e.getValue()), bs, be,
                    bs.toInstant(), be.toInstant(), e.getKey(), "A", "America/Los_Angeles");
            determinants.add(p);
            k.send(Topic.BILL_DETERMINANTS, client, p, line++);
        }
        k.flush();
    }

    private static IntervalPayload interval(String ma, String meter, Instant t, String channel, BigDecimal v,
                                            String version) {
        return new IntervalPayload(ma, meter, v, LocalDate.ofInstant(t, LA), t.atZone(LA).toOffsetDateTime(), t,
                channel, "America/Los_Angeles", 15, version);
    }
}
