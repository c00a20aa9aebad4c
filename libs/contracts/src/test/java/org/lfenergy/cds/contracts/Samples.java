package org.lfenergy.cds.contracts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.lfenergy.cds.contracts.gridx.BillDetailPayload;
import org.lfenergy.cds.contracts.gridx.BillDeterminantPayload;
import org.lfenergy.cds.contracts.gridx.BillPayload;
import org.lfenergy.cds.contracts.gridx.BillingCyclePayload;
import org.lfenergy.cds.contracts.gridx.CustomerAttributePayload;
import org.lfenergy.cds.contracts.gridx.CustomerPayload;
import org.lfenergy.cds.contracts.gridx.DemandResponseEventPayload;
import org.lfenergy.cds.contracts.gridx.DigestEntryPayload;
import org.lfenergy.cds.contracts.gridx.IntervalPayload;
import org.lfenergy.cds.contracts.gridx.MeterAccountMeterPayload;
import org.lfenergy.cds.contracts.gridx.NetworkMemberPayload;
import org.lfenergy.cds.contracts.gridx.RateValuePayload;
import org.lfenergy.cds.contracts.gridx.RegisterPayload;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.DateWindows;
import org.lfenergy.cds.contracts.grant.GrantEvent;
import org.lfenergy.cds.contracts.grant.GrantStatus;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.contracts.grant.ScopeGrant;
import org.lfenergy.cds.contracts.ingest.DigestDiscrepancy;
import org.lfenergy.cds.contracts.ingest.DigestReconciliation;
import org.lfenergy.cds.contracts.ingest.FileCounts;
import org.lfenergy.cds.contracts.ingest.FileLifecycleEvent;
import org.lfenergy.cds.contracts.ingest.FileStatus;
import org.lfenergy.cds.contracts.ingest.FileTimings;
import org.lfenergy.cds.contracts.ingest.RejectEvent;
import org.lfenergy.cds.contracts.ingest.RejectSeverity;

/** Realistic sample values of every topic, as the services will produce them. */
public final class Samples {

    public static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    public static final String CLIENT = "DEMO";

    private Samples() {
    }

    public static OffsetDateTime la(int y, int mo, int d, int h, int mi) {
        return LocalDateTime.of(y, mo, d, h, mi).atZone(LA).toOffsetDateTime();
    }

    public static <T extends org.lfenergy.cds.contracts.gridx.GridxPayload> RowEvent<T> row(String type, long line,
                                                                                            T data) {
        return RowEvent.of(CLIENT, "f-20240301-" + type.toLowerCase(), "GRIDX_DEMO_" + type + "_20240301120000.csv",
                line, data);
    }

    public static CustomerPayload customer() {
        return new CustomerPayload("1000001", "2000001", "4000001", "7000001", "6000001", "5000001",
                la(2021, 3, 14, 0, 0), null, "Active");
    }

    public static MeterAccountMeterPayload meterAccountMeter() {
        return new MeterAccountMeterPayload("5000001", "M-9001", la(2021, 3, 14, 9, 30), la(2024, 2, 1, 0, 0));
    }

    public static CustomerAttributePayload attribute() {
        return new CustomerAttributePayload("CT", "4000001", "rate_code", "GS1", LocalDate.of(2021, 3, 14),
                LocalDate.of(2025, 2, 17));
    }

    public static BillPayload bill() {
        return new BillPayload("B-88001", "6000001", "4000001", "5000001", LocalDate.of(2024, 1, 10),
                LocalDate.of(2024, 2, 8), 2024, 2, "E-TOU-C", "07", new BigDecimal("512.340"),
                new BigDecimal("187.50"), false, false);
    }

    public static BillDetailPayload billDetail() {
        return new BillDetailPayload("B-88001", "4000001", "5000001", LocalDate.of(2024, 1, 10),
                LocalDate.of(2024, 2, 8), 2024, 2, "EC-ONPK", "On-peak energy", new BigDecimal("120.000"), "kWh",
                new BigDecimal("0.32150"), "0.9667", null, null, new BigDecimal("38.58"), LocalDate.of(2024, 1, 10),
                LocalDate.of(2024, 2, 8));
    }

    public static IntervalPayload interval() {
        OffsetDateTime t = la(2024, 3, 10, 1, 45); // just before the spring-forward gap
        return new IntervalPayload("5000001", "M-9001", new BigDecimal("0.25300"), LocalDate.of(2024, 3, 10), t,
                t.toInstant(), "KWH_DEL", "America/Los_Angeles", 15, "A");
    }

    public static RegisterPayload register() {
        OffsetDateTime t = la(2024, 3, 1, 0, 0);
        return new RegisterPayload(null, "M-9001", new BigDecimal("10234.5"), LocalDate.of(2024, 3, 1), t,
                t.toInstant(), "KWH_DEL_REG", "America/Los_Angeles", 1440, "E");
    }

    public static BillDeterminantPayload billDeterminant() {
        OffsetDateTime start = la(2024, 1, 10, 0, 0);
        OffsetDateTime end = la(2024, 2, 9, 0, 0);
        return new BillDeterminantPayload("5000001", new BigDecimal("301.12500"), start, end, start.toInstant(),
                end.toInstant(), "KWH_ONPK_SUMMER", "A", "America/Los_Angeles");
    }

    public static BillingCyclePayload billingCycle() {
        return new BillingCyclePayload("07", LocalDate.of(2024, 1, 10), LocalDate.of(2024, 2, 8), 2, 2024, 30);
    }

    public static RateValuePayload rateValue() {
        return new RateValuePayload("E-TOU-C", "Summer on-peak energy charge", new BigDecimal("0.49123"),
                LocalDate.of(2024, 6, 1), null);
    }

    public static DemandResponseEventPayload demandResponseEvent() {
        return new DemandResponseEventPayload("*", "CPP", "HEAT", LocalDate.of(2024, 8, 15), new BigDecimal("1"),
                LocalTime.of(16, 0), LocalTime.of(21, 0));
    }

    public static NetworkMemberPayload networkMember() {
        return new NetworkMemberPayload("NEMA", "NET-17", LocalDate.of(2022, 1, 1), null, "4000001", "contract_id",
                "subscriber", new BigDecimal("12.50"), LocalDate.of(2022, 1, 1), null, "5000001");
    }

    public static DigestEntryPayload digestEntry() {
        return new DigestEntryPayload("GRIDX_DEMO_CUSTOMER_20240301120000.csv", 1201,
                "9e107d9d372bb6826bd81d3542a419d6");
    }

    /** One row event per row topic, keyed by topic. */
    public static Map<Topic, RowEvent<?>> rowEvents() {
        return Map.ofEntries(
                Map.entry(Topic.CUSTOMERS, row("CUSTOMER", 2, customer())),
                Map.entry(Topic.METERACCOUNT_METERS, row("METERACCOUNTMETER", 3, meterAccountMeter())),
                Map.entry(Topic.ATTRIBUTES, row("CUSTOMERATTRIBUTE", 4, attribute())),
                Map.entry(Topic.BILLS, row("BILLING", 5, bill())),
                Map.entry(Topic.BILL_DETAILS, row("BILLINGDETAIL", 6, billDetail())),
                Map.entry(Topic.INTERVALS, row("INTERVAL", 7, interval())),
                Map.entry(Topic.REGISTERS, row("REGISTER", 8, register())),
                Map.entry(Topic.BILL_DETERMINANTS, row("BILLDETERMINANTS", 9, billDeterminant())),
                Map.entry(Topic.BILLING_CYCLES, row("BILLINGCYCLE", 10, billingCycle())),
                Map.entry(Topic.RATE_VALUES, row("RATEVALUES", 11, rateValue())),
                Map.entry(Topic.EVENTS, row("EVENT", 12, demandResponseEvent())),
                Map.entry(Topic.NETWORKS, row("NETWORK", 13, networkMember())),
                Map.entry(Topic.DIGESTS, row("DAILYDIGEST", 14, digestEntry())));
    }

    public static FileLifecycleEvent fileCompleted() {
        Instant received = Instant.parse("2024-03-01T20:00:05Z");
        return new FileLifecycleEvent("f-20240301-dailydigest", "GRIDX_DEMO_DAILYDIGEST_20240301120000.csv", CLIENT,
                "DAILYDIGEST", "gridx.digests.v1", 4096L, "0cc175b9c0f1b6a831c399e269772661", FileStatus.COMPLETED,
                Instant.parse("2024-03-01T20:00:09.250Z"), new FileCounts(12, 12, 0, 1),
                new FileTimings(received, received.plusMillis(20), received.plusMillis(3900),
                        received.plusMillis(4250)),
                null, null,
                new DigestReconciliation(Instant.parse("2024-03-01T20:00:09Z"), 12, 10,
                        List.of(new DigestDiscrepancy("GRIDX_DEMO_EVENT_20240301120000.csv",
                                "GX-XFILE-DIGEST-MISSING", "listed in the digest but not received", null, 3L,
                                null, null, null)),
                        List.of(new DigestDiscrepancy("GRIDX_DEMO_INTERVAL_20240301120000.csv",
                                "GX-XFILE-DIGEST-LINE-COUNT", "digest says 9601 lines, file has 9600",
                                "f-20240301-interval", 9601L, 9600L, null, null))));
    }

    public static RejectEvent reject() {
        return new RejectEvent(CLIENT, new EventSource("f-20240301-billing", "GRIDX_DEMO_BILLING_20240301120000.csv",
                17), "BILLING", "Bill_start_date", "2024-02-30", "GX-ROW-DATE", RejectSeverity.REJECT_ROW,
                "Value is not a yyyyMMdd or yyyy-MM-dd date",
                "B-88017,,4000017,5000017,2024-02-30,2024-03-28,2024,3,E1,07,410.2,99.10,0,0",
                Instant.parse("2024-03-01T20:00:07.125Z"));
    }

    public static ScopeGrant usageScope() {
        return new ScopeGrant("cds_usage_1", "cds_usage", true,
                new Coverage("cus_abcdefghijklmnopqrstuvwx", IdSelection.NONE,
                        IdSelection.ofIds(List.of("sc_2222222222222222222222")), IdSelection.NONE,
                        new IdSelection(false, true, List.of("md_3333333333333333333333"), List.of()), null),
                EnumSet.of(IncludeField.USAGE_SEGMENTS, IncludeField.METER_DEVICES,
                        IncludeField.USAGE_SEGMENT_VALUE_TYPES),
                List.of("kwh_net"),
                new DateWindows(null, null, null, null, null, OffsetDateTime.parse("2021-03-01T00:00:00-08:00"),
                        null));
    }

    public static GrantEvent grant() {
        ScopeGrant accounts = new ScopeGrant("cds_query_accounts_1", "cds_query_accounts", true,
                new Coverage(null, IdSelection.ofNumbers(List.of("2000001", "2000002")), null, null, null, null),
                EnumSet.of(IncludeField.ACCOUNTS, IncludeField.ACCOUNT_NUMBERS), null, DateWindows.UNBOUNDED);
        return new GrantEvent("g-7f3a91", "cl-42", GrantStatus.ACTIVE, List.of(usageScope(), accounts),
                OffsetDateTime.parse("2024-03-01T09:15:00-08:00"), OffsetDateTime.parse("2024-03-02T10:00:00Z"),
                null, null, OffsetDateTime.parse("2025-03-01T00:00:00Z"));
    }
}
