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
import org.lfenergy.cds.contracts.gridx.CustomerAttributePayload;
import org.lfenergy.cds.contracts.gridx.CustomerPayload;
import org.lfenergy.cds.contracts.gridx.IntervalPayload;
import org.lfenergy.cds.contracts.gridx.MeterAccountMeterPayload;
import org.lfenergy.cds.contracts.gridx.NetworkMemberPayload;

/**
 * Five customers (one contract each, unique client code) in two buildings of one postal code, on two rate plans,
 * three of them in the NEM program and three in a network, with one day of quarter-hours each (one customer
 * dominating one slot, one missing a slot, one estimated value) and a second day where only two customers report.
 * The published interval rows are kept so tests compute the expected sums from them.
 */
public final class AggregationScenario {

    public static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    public static final LocalDate DAY = LocalDate.of(2024, 6, 1);
    public static final LocalDate SPARSE_DAY = LocalDate.of(2024, 6, 2);
    /** Slot where customer K1 uses so much that it dominates every aggregation it is in. */
    public static final int DOMINATED_SLOT = 10;
    /** Slot customer K2 does not report. */
    public static final int MISSING_SLOT = 20;
    /** Slot where customer K3's value is estimated. */
    public static final int ESTIMATED_SLOT = 30;

    public final String client = "G" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    public final String building1 = client + "-PM1";
    public final String building2 = client + "-PM2";
    public final String zip = "9" + client.substring(1, 5);
    public final String rateA = client + "-TOU";
    public final String rateB = client + "-FLAT";
    public final String network = client + "-CS1";
    /** Contract → (person, premise). */
    public final Map<String, String[]> contracts = new LinkedHashMap<>();
    public final List<IntervalPayload> intervals = new ArrayList<>();

    public AggregationScenario() {
        for (int j = 1; j <= 5; j++) {
            contracts.put("K" + j, new String[]{"Q" + j, j <= 3 ? building1 : building2});
        }
    }

    /** The contracts of each aggregation, by kind (as the documentation defines membership). */
    public List<String> building1Members() {
        return List.of("K1", "K2", "K3");
    }

    public List<String> building2Members() {
        return List.of("K4", "K5");
    }

    public List<String> zipMembers() {
        return List.of("K1", "K2", "K3", "K4", "K5");
    }

    public List<String> rateAMembers() {
        return List.of("K1", "K2", "K3", "K4");
    }

    public List<String> nemMembers() {
        return List.of("K1", "K2", "K4");
    }

    public List<String> networkMembers() {
        return List.of("K1", "K3", "K5");
    }

    /** Publishes every row. */
    public void publish(KafkaEvents k) throws Exception {
        long line = 2;
        OffsetDateTime start = ZonedDateTime.of(LocalDate.of(2020, 1, 1), LocalTime.MIDNIGHT, LA).toOffsetDateTime();
        LocalDate d0 = LocalDate.of(2020, 1, 1);
        for (Map.Entry<String, String[]> c : contracts.entrySet()) {
            String n = c.getKey().substring(1);
            k.send(Topic.CUSTOMERS, client, new CustomerPayload(c.getValue()[0], "E" + n, c.getKey(), c.getValue()[1],
                    "S" + n, "N" + n, start, null, "Active"), line++);
            k.send(Topic.METERACCOUNT_METERS, client, new MeterAccountMeterPayload("N" + n, "MTR" + n, start, null), line++);
            k.send(Topic.ATTRIBUTES, client, new CustomerAttributePayload("CT", c.getKey(), "rate_code",
                    c.getKey().equals("K5") ? rateB : rateA, d0, null), line++);
            k.send(Topic.ATTRIBUTES, client, new CustomerAttributePayload("CT", c.getKey(), "nem",
                    nemMembers().contains(c.getKey()) ? "Y" : "N", d0, null), line++);
        }
        for (String pm : List.of(building1, building2)) {
            k.send(Topic.ATTRIBUTES, client, new CustomerAttributePayload("PM", pm, "service_address",
                    pm.endsWith("1") ? "10 Tower Plaza" : "12 Tower Plaza", d0, null), line++);
            k.send(Topic.ATTRIBUTES, client, new CustomerAttributePayload("PM", pm, "city", "San Jose", d0, null), line++);
            k.send(Topic.ATTRIBUTES, client, new CustomerAttributePayload("PM", pm, "state", "CA", d0, null), line++);
            k.send(Topic.ATTRIBUTES, client, new CustomerAttributePayload("PM", pm, "zip", zip, d0, null), line++);
        }
        for (String member : networkMembers()) {
            k.send(Topic.NETWORKS, client, new NetworkMemberPayload("COMMUNITY_SOLAR", network, LocalDate.of(2023, 6, 1),
                    LocalDate.of(9999, 12, 31), member, "contract_id", "SUBSCRIBER", new BigDecimal("33.33"),
                    LocalDate.of(2023, 6, 1), null, null), line++);
        }
        for (int j = 1; j <= 5; j++) {
            Instant t = DAY.atStartOfDay(LA).toInstant();
            for (int i = 0; i < 96; i++, t = t.plusSeconds(900)) {
                if (j == 2 && i == MISSING_SLOT) {
                    continue;
                }
                BigDecimal v = j == 1 && i == DOMINATED_SLOT ? new BigDecimal("50.000")
                        : new BigDecimal(j * 100 + i).movePointLeft(3);
                intervals.add(interval("N" + j, "MTR" + j, t, v, j == 3 && i == ESTIMATED_SLOT ? "E" : "A"));
            }
        }
        Instant t = SPARSE_DAY.atStartOfDay(LA).toInstant();
        for (int i = 0; i < 96; i++, t = t.plusSeconds(900)) {
            intervals.add(interval("N1", "MTR1", t, new BigDecimal("0.500"), "A"));
            intervals.add(interval("N2", "MTR2", t, new BigDecimal("0.700"), "A"));
        }
        for (IntervalPayload p : intervals) {
            k.send(Topic.INTERVALS, client, p, line++);
        }
        k.flush();
    }

    private static IntervalPayload interval(String ma, String meter, Instant t, BigDecimal v, String version) {
        return new IntervalPayload(ma, meter, v, LocalDate.ofInstant(t, LA), t.atZone(LA).toOffsetDateTime(), t,
                "KWH_DEL", "America/Los_Angeles", 15, version);
    }
}
