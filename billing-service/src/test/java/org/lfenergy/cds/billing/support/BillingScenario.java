package org.lfenergy.cds.billing.support;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.lfenergy.cds.contracts.gridx.BillDetailPayload;
import org.lfenergy.cds.contracts.gridx.BillPayload;
import org.lfenergy.cds.contracts.gridx.BillingCyclePayload;
import org.lfenergy.cds.contracts.gridx.CustomerAttributePayload;
import org.lfenergy.cds.contracts.gridx.CustomerPayload;
import org.lfenergy.cds.contracts.gridx.DemandResponseEventPayload;
import org.lfenergy.cds.contracts.gridx.GridxPayload;
import org.lfenergy.cds.contracts.gridx.NetworkMemberPayload;
import org.lfenergy.cds.contracts.id.CdsIdKind;
import org.lfenergy.cds.contracts.id.CdsIds;

/**
 * A small GridX data set with a unique client code: three accounts, four contracts (electric and gas, a closed one),
 * attributes with a rate change, NEM, CARE, CPP, a community-solar membership, monthly bills with line items that
 * add up, and a cancel/rebill delivered in a later file. The expectations tests compare against are computed here,
 * from these source rows, never from the service's tables.
 */
public final class BillingScenario {

    public static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    public static final CdsIds IDS = new CdsIds("test-cds-id-key-0123456789abcdef-0123".getBytes(StandardCharsets.UTF_8));

    public final String client = "T" + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);
    public final String first = "20240405060000";
    public final String later = "20240410060000";
    public final String reference = "20240101060000";

    public final List<CustomerPayload> customers = new ArrayList<>();
    public final List<CustomerAttributePayload> attributes = new ArrayList<>();
    public final List<BillPayload> bills = new ArrayList<>();
    public final List<BillDetailPayload> details = new ArrayList<>();
    public final List<BillPayload> laterBills = new ArrayList<>();
    public final List<BillDetailPayload> laterDetails = new ArrayList<>();
    public final List<BillingCyclePayload> cycles = new ArrayList<>();
    public final List<NetworkMemberPayload> networks = new ArrayList<>();
    public final List<DemandResponseEventPayload> events = new ArrayList<>();

    /** The cancelled bill and its rebill. */
    public final String cancelledBill = "9000000005";
    public final String rebill = "9000000099";

    public BillingScenario() {
        // Acme: business, electric B-19 with CPP, and gas; read cycle 07.
        customer("P1", "E1", "K1", "PM1", "SP1", "MA1", "2019-03-01", null, "Active");
        customer("P1", "E1", "K2", "PM1", "SP2", "MA2", "2019-03-01", null, "Active");
        // Jane: residential electric, E-1 then E-TOU-C, NEM, CARE, community-solar subscriber.
        customer("P2", "E2", "K3", "PM2", "SP3", "MA3", "2020-06-15", null, "Active");
        // Old tenant: moved out in January.
        customer("P3", "E3", "K4", "PM3", "SP4", "MA4", "2018-01-01", "2024-01-31", "Closed");

        attr("CT", "K1", "business_name", "Acme Corp", "2019-03-01", null);
        attr("CT", "K1", "email", "billing@acme.example", "2019-03-01", null);
        attr("CT", "K1", "phone", "408-555-0199", "2019-03-01", null);
        attr("CT", "K1", "customer_class", "commercial", "2019-03-01", null);
        attr("CT", "K1", "service_type", "electric", "2019-03-01", null);
        attr("CT", "K1", "rate_code", "B-19", "2019-03-01", null);
        attr("CT", "K1", "bill_cycle", "07", "2019-03-01", null);
        attr("CT", "K1", "cpp", "Y", "2019-03-01", null);
        attr("CT", "K2", "business_name", "Acme Corp", "2019-03-01", null);
        attr("CT", "K2", "customer_class", "commercial", "2019-03-01", null);
        attr("CT", "K2", "service_type", "gas", "2019-03-01", null);
        attr("CT", "K2", "rate_code", "G-1", "2019-03-01", null);
        attr("CT", "K2", "bill_cycle", "07", "2019-03-01", null);
        attr("PM", "PM1", "service_address", "100 Industrial Way", "2019-03-01", null);
        attr("PM", "PM1", "city", "San Jose", "2019-03-01", null);
        attr("PM", "PM1", "state", "CA", "2019-03-01", null);
        attr("PM", "PM1", "zip", "95112", "2019-03-01", null);

        attr("CT", "K3", "first_name", "Jane", "2020-06-15", null);
        attr("CT", "K3", "last_name", "Doe", "2020-06-15", null);
        attr("CT", "K3", "email", "jane@example.org", "2020-06-15", null);
        attr("CT", "K3", "phone", "(559) 555-0103", "2020-06-15", null);
        attr("CT", "K3", "customer_class", "residential", "2020-06-15", null);
        attr("CT", "K3", "service_type", "electric", "2020-06-15", null);
        attr("CT", "K3", "rate_code", "E-1", "2020-06-15", "2024-02-01");
        attr("CT", "K3", "rate_code", "E-TOU-C", "2024-02-01", null);
        attr("CT", "K3", "bill_cycle", "07", "2020-06-15", null);
        attr("CT", "K3", "nem", "Y", "2022-06-15", null);
        attr("CT", "K3", "nem_type", "NEM2", "2022-06-15", null);
        attr("CT", "K3", "care", "Y", "2021-02-01", null);
        attr("CT", "K3", "third_party_supply", "N", "2020-06-15", null);
        attr("PM", "PM2", "service_address", "2710 Blackstone Ave", "2020-06-15", null);
        attr("PM", "PM2", "city", "Fresno", "2020-06-15", null);
        attr("PM", "PM2", "state", "CA", "2020-06-15", null);
        attr("PM", "PM2", "zip", "93704", "2020-06-15", null);

        attr("CT", "K4", "first_name", "Old", "2018-01-01", "2024-02-01");
        attr("CT", "K4", "last_name", "Tenant", "2018-01-01", "2024-02-01");
        attr("CT", "K4", "customer_class", "residential", "2018-01-01", "2024-02-01");
        attr("CT", "K4", "service_type", "electric", "2018-01-01", "2024-02-01");
        attr("CT", "K4", "rate_code", "E-1", "2018-01-01", "2024-02-01");
        attr("PM", "PM3", "service_address", "5 Elm St", "2018-01-01", null);
        attr("PM", "PM3", "city", "Oakland", "2018-01-01", null);
        attr("PM", "PM3", "state", "CA", "2018-01-01", null);
        attr("PM", "PM3", "zip", "94610", "2018-01-01", null);

        cycle("07", "2023-12-08", "2024-01-09", 1);
        cycle("07", "2024-01-10", "2024-02-07", 2);
        cycle("07", "2024-02-08", "2024-03-07", 3);

        networks.add(new NetworkMemberPayload("COMMUNITY_SOLAR", "CS-1", d("2023-06-01"), null, "K3", "contract_id",
                "SUBSCRIBER", new BigDecimal("40.00"), d("2023-06-01"), null, "MA3"));
        events.add(new DemandResponseEventPayload("B-19", "CPP", "DAY_AHEAD", d("2024-02-15"), BigDecimal.ONE,
                LocalTime.of(16, 0), LocalTime.of(21, 0)));

        // Bills (lines: customer charge + energy; totals add up).
        bill(bills, details, "9000000001", "K1", "MA1", "2024-01-10", "2024-02-07", 2024, 1, "B-19", "4200",
                line("CUST_DAY", "Customer charge", "29", "days", "6.57", "CUSTOMER", null, null),
                line("EN_WIN_PK", "Winter on-peak energy", "1200", "kWh", "0.25", "ENERGY", "WINTER", "ON_PEAK"),
                line("EN_WIN_OP", "Winter off-peak energy", "3000", "kWh", "0.19", "ENERGY", "WINTER", "OFF_PEAK"),
                line("DEM_WIN", "Winter maximum demand", "18.5", "kW", "18.6", "DEMAND", "WINTER", null));
        bill(bills, details, "9000000002", "K1", "MA1", "2024-02-08", "2024-03-07", 2024, 2, "B-19", "4000",
                line("CUST_DAY", "Customer charge", "29", "days", "6.57", "CUSTOMER", null, null),
                line("EN_WIN_PK", "Winter on-peak energy", "1000", "kWh", "0.25", "ENERGY", "WINTER", "ON_PEAK"),
                line("EN_WIN_OP", "Winter off-peak energy", "3000", "kWh", "0.19", "ENERGY", "WINTER", "OFF_PEAK"),
                line("CPP_EVT", "Critical peak pricing event energy", "120", "kWh", "0.90", "EVENT", null, null));
        bill(bills, details, "9000000003", "K2", "MA2", "2024-01-10", "2024-02-07", 2024, 1, "G-1", "80",
                line("GAS_PROC", "Gas procurement", "80", "therm", "0.72", "SUPPLY", null, null),
                line("GAS_T1", "Gas transportation tier 1 (baseline)", "80", "therm", "1.45", "DELIVERY", "WINTER",
                        "TIER1"));
        bill(bills, details, "9000000004", "K2", "MA2", "2024-02-08", "2024-03-07", 2024, 2, "G-1", "70",
                line("GAS_PROC", "Gas procurement", "70", "therm", "0.72", "SUPPLY", null, null),
                line("GAS_T1", "Gas transportation tier 1 (baseline)", "70", "therm", "1.45", "DELIVERY", "WINTER",
                        "TIER1"));
        // Jane's January bill, first on the wrong rate; cancelled and rebilled in the later file.
        bill(bills, details, cancelledBill, "K3", "MA3", "2024-01-10", "2024-02-07", 2024, 1, "E-TOU-C", "500",
                line("CUST_DAY", "Customer charge", "29", "days", "0.33", "CUSTOMER", null, null),
                line("EN_WIN_PK", "Winter on-peak energy", "500", "kWh", "0.40", "ENERGY", "WINTER", "ON_PEAK"));
        bill(bills, details, "9000000006", "K3", "MA3", "2024-02-08", "2024-03-07", 2024, 2, "E-TOU-C", "450",
                line("CUST_DAY", "Customer charge", "29", "days", "0.33", "CUSTOMER", null, null),
                line("EN_WIN_OP", "Winter off-peak energy", "450", "kWh", "0.37", "ENERGY", "WINTER", "OFF_PEAK"),
                line("NEM_WIN_OP", "NEM export credit winter off-peak", "100", "kWh", "-0.34", "NEM", "WINTER",
                        "OFF_PEAK"),
                line("CARE_CR", "CARE low-income discount", "450", "kWh", "-0.12", "DISCOUNT", null, null));
        bill(bills, details, "9000000007", "K4", "MA4", "2024-01-01", "2024-01-31", 2024, 1, "E-1", "300",
                line("CUST_DAY", "Customer charge", "31", "days", "0.33", "CUSTOMER", null, null),
                line("EN_T1", "Energy tier 1 (baseline)", "300", "kWh", "0.33", "ENERGY", null, "TIER1"));

        BillPayload wrong = bills.stream().filter(b -> b.billId().equals(cancelledBill)).findFirst().orElseThrow();
        laterBills.add(new BillPayload(wrong.billId(), wrong.servicePointId(), wrong.contractId(),
                wrong.meterAccountId(), wrong.billStartDate(), wrong.billEndDate(), wrong.billYear(),
                wrong.billMonth(), wrong.billRateCode(), wrong.billCycleCode(), wrong.totalBillUsageValue(),
                wrong.totalBillAmount(), wrong.isEstimate(), true));
        bill(laterBills, laterDetails, rebill, "K3", "MA3", "2024-01-10", "2024-02-07", 2024, 1, "E-1", "500",
                line("CUST_DAY", "Customer charge", "29", "days", "0.33", "CUSTOMER", null, null),
                line("EN_T1", "Energy tier 1 (baseline)", "500", "kWh", "0.33", "ENERGY", null, "TIER1"));
    }

    // ------------------------------------------------------------------ expectations

    /** File name of a type and timestamp. */
    public String file(String type, String stamp) {
        return "GRIDX_" + client + "_" + type + "_" + stamp + ".csv";
    }

    /** The UTC instant of a file timestamp (read in the client's zone, like the service). */
    public static Instant instant(String stamp) {
        return LocalDateTime.parse(stamp, java.time.format.DateTimeFormatter.ofPattern("uuuuMMddHHmmss"))
                .atZone(ZONE).toInstant();
    }

    /** The CDS id of a source id of this client. */
    public String id(CdsIdKind kind, String sourceId) {
        return IDS.id(kind, client, sourceId);
    }

    /** The CDS customer id of a Person_ID of this client (what a consent grant's coverage names). */
    public String customerId(String person) {
        return IDS.id(CdsIdKind.CUSTOMER, client, person);
    }

    public String accountId(String entity) {
        return IDS.id(CdsIdKind.ACCOUNT, client, entity);
    }

    public String contractId(String contract) {
        return IDS.id(CdsIdKind.SERVICE_CONTRACT, client, contract);
    }

    public String sectionId(String bill) {
        return IDS.id(CdsIdKind.BILL_SECTION, client, bill);
    }

    public String statementId(String entity, int year, int month) {
        return IDS.compositeId(CdsIdKind.BILL_STATEMENT, client, entity, String.format("%04d-%02d", year, month));
    }

    public List<String> accountIds() {
        return customers.stream().map(CustomerPayload::entityId).distinct().map(this::accountId).toList();
    }

    public List<String> contractIds() {
        return customers.stream().map(c -> contractId(c.contractId())).toList();
    }

    /** Entity of each contract. */
    public String entityOf(String contract) {
        return customers.stream().filter(c -> c.contractId().equals(contract)).findFirst().orElseThrow().entityId();
    }

    /** Every bill, cancellations merged: bill id → payload (the original's values). */
    public Map<String, BillPayload> allBills() {
        Map<String, BillPayload> out = new TreeMap<>();
        for (BillPayload b : bills) {
            out.putIfAbsent(b.billId(), b);
        }
        for (BillPayload b : laterBills) {
            out.putIfAbsent(b.billId(), b);
        }
        return out;
    }

    /** Whether a bill id has a cancellation row. */
    public boolean cancelled(String billId) {
        return laterBills.stream().anyMatch(b -> b.billId().equals(billId) && b.isCancellation())
                || bills.stream().anyMatch(b -> b.billId().equals(billId) && b.isCancellation());
    }

    /** Statements: statement id → amount due (sum of the totals of non-cancelled bills of the account and month). */
    public Map<String, BigDecimal> amountDue() {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        allBills().forEach((id, b) -> {
            String key = statementId(entityOf(b.contractId()), b.billYear(), b.billMonth());
            BigDecimal amount = cancelled(id) ? BigDecimal.ZERO : b.totalBillAmount();
            out.merge(key, amount, BigDecimal::add);
        });
        return out;
    }

    /** Statement date of a statement: the latest end date of its bills + 1 day. */
    public Map<String, LocalDate> statementDates() {
        Map<String, LocalDate> out = new LinkedHashMap<>();
        allBills().values().forEach(b -> out.merge(statementId(entityOf(b.contractId()), b.billYear(),
                b.billMonth()), b.billEndDate().plusDays(1), (x, y) -> x.isAfter(y) ? x : y));
        return out;
    }

    // ------------------------------------------------------------------ builders

    private void customer(String person, String entity, String contract, String premise, String sp, String ma,
                          String start, String end, String status) {
        customers.add(new CustomerPayload(person, entity, contract, premise, sp, ma, odt(start),
                end == null ? null : odt(end).plusDays(1), status));
    }

    private void attr(String type, String id, String key, String value, String start, String end) {
        attributes.add(new CustomerAttributePayload(type, id, key, value, d(start), end == null ? null : d(end)));
    }

    private void cycle(String cycle, String start, String end, int month) {
        cycles.add(new BillingCyclePayload(cycle, d(start), d(end), month, 2024,
                (int) java.time.temporal.ChronoUnit.DAYS.between(d(start), d(end)) + 1));
    }

    /** A line: code, description, quantity, unit, price, field 1..3; amount = quantity × price. */
    private static String[] line(String code, String description, String quantity, String unit, String price,
                                 String f1, String f2, String f3) {
        return new String[] {code, description, quantity, unit, price, f1, f2, f3};
    }

    private void bill(List<BillPayload> billList, List<BillDetailPayload> detailList, String id, String contract,
                      String ma, String start, String end, int year, int month, String rate, String usage,
                      String[]... lines) {
        BigDecimal total = BigDecimal.ZERO;
        for (String[] l : lines) {
            BigDecimal amount = new BigDecimal(l[2]).multiply(new BigDecimal(l[4])).setScale(2,
                    java.math.RoundingMode.UNNECESSARY);
            total = total.add(amount);
            detailList.add(new BillDetailPayload(id, contract, ma, d(start), d(end), year, month, l[0], l[1],
                    new BigDecimal(l[2]), l[3], new BigDecimal(l[4]), l[5], l[6], l[7], amount, d(start), d(end)));
        }
        billList.add(new BillPayload(id, "SP" + contract.substring(1), contract, ma, d(start), d(end), year, month,
                rate, "07", new BigDecimal(usage), total, false, false));
    }

    /** Total of a bill from its lines (what the bill row carries). */
    public BigDecimal total(String billId) {
        return allBills().get(billId).totalBillAmount();
    }

    /** Payload lists for publication. */
    public List<? extends GridxPayload> all(List<? extends GridxPayload> list) {
        return list;
    }

    public static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    private static OffsetDateTime odt(String date) {
        LocalDate day = d(date);
        ZoneOffset offset = ZONE.getRules().getOffset(day.atStartOfDay());
        return day.atStartOfDay().atOffset(offset);
    }
}
