package org.lfenergy.cds.gridx.generator.plan;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.lfenergy.cds.gridx.generator.billing.Tariff;
import org.lfenergy.cds.gridx.generator.model.Account;
import org.lfenergy.cds.gridx.generator.model.Anomalies;
import org.lfenergy.cds.gridx.generator.model.Commodity;
import org.lfenergy.cds.gridx.generator.model.Consumption;
import org.lfenergy.cds.gridx.generator.model.Contract;
import org.lfenergy.cds.gridx.generator.model.DemandEvent;
import org.lfenergy.cds.gridx.generator.model.LoadProfile;
import org.lfenergy.cds.gridx.generator.model.MemberRole;
import org.lfenergy.cds.gridx.generator.model.MeterInstall;
import org.lfenergy.cds.gridx.generator.model.Network;
import org.lfenergy.cds.gridx.generator.model.NetworkMember;
import org.lfenergy.cds.gridx.generator.model.Person;
import org.lfenergy.cds.gridx.generator.model.Premise;
import org.lfenergy.cds.gridx.generator.model.Programs;
import org.lfenergy.cds.gridx.generator.model.RateSlice;
import org.lfenergy.cds.gridx.generator.model.ServicePoint;
import org.lfenergy.cds.gridx.generator.time.ReadCycleCalendar;

/**
 * The fixed demo scenario: seven customers whose ids never change and who between them show every feature the
 * tests, the README walk-through and the API demo rely on (see the module README for the table).
 *
 * <p>Dates inside the window are placed at fixed day offsets from its start (clamped to its last day), so the
 * default window (2024) gives the documented dates and any other window still has every feature it can hold.
 * Dates before the window are relative to its start year. The seed changes metered values, never this structure.
 */
public final class Scenario {

    public static final String MARIA = "1000001";
    public static final String JAMES = "1000002";
    public static final String LINH = "1000003";
    public static final String ROBERT = "1000004";
    public static final String SUNFIELD = "1000005";
    public static final String BAYVIEW = "1000006";
    public static final String EMILY = "1000007";

    /** Maria's electric contract: meter swap, estimated intervals, community-solar subscriber (40%). */
    public static final String SWAP_CONTRACT = "4000001";
    public static final String SWAP_METER_ACCOUNT = "5000001";
    public static final String SWAP_OLD_METER = "E1000001";
    public static final String SWAP_NEW_METER = "E1000002";
    /** Maria's gas contract (hourly therms). */
    public static final String GAS_CONTRACT = "4000002";
    public static final String GAS_METER = "G1000001";
    /** James: NEM with forward (KWH_DEL) and reverse (KWH_REC) channels. */
    public static final String NEM_CONTRACT = "4000003";
    public static final String NEM_METER_ACCOUNT = "5000003";
    public static final String NEM_METER = "E1000003";
    /** Linh: CARE, rate change E-1 to E-TOU-C, the missing interval, community-solar subscriber (35%). */
    public static final String CARE_CONTRACT = "4000004";
    public static final String CARE_METER = "E1000004";
    /** Robert: cancel/rebill (first billed on the wrong rate), community-solar subscriber (25%). */
    public static final String REBILL_CONTRACT = "4000005";
    /** Sunfield Community Solar: the community-solar host (15 kW shared array). */
    public static final String HOST_CONTRACT = "4000006";
    /** Bayview Cold Storage: B-19 with the CPP event. */
    public static final String CPP_CONTRACT = "4000007";
    /** Emily: moved out; contract closed, meter account ends. */
    public static final String CLOSED_CONTRACT = "4000008";
    public static final String CLOSED_METER = "E1000008";

    public static final String NETWORK_ID = "CS-0001";
    public static final String NETWORK_TYPE = "COMMUNITY_SOLAR";

    // Day offsets from the window start of the in-window events (for 2024: Jun 11, May 20, Jul 9, Jul 1, Aug, Aug 15).
    private static final int SWAP_DAY = 162;
    private static final int MISSING_DAY = 140;
    private static final int ESTIMATED_DAY = 190;
    private static final int RATE_CHANGE_DAY = 182;
    private static final int MOVE_OUT_DAY = 220;
    private static final int CPP_DAY = 227;
    private static final int ESTIMATED_MINUTES = 120;

    private final LocalDate windowStart;
    private final int days;
    private final int intervalMinutes;
    private final ReadCycleCalendar cycles;
    private final int y0;

    public Scenario(LocalDate windowStart, int days, int intervalMinutes, ReadCycleCalendar cycles) {
        this.windowStart = windowStart;
        this.days = days;
        this.intervalMinutes = intervalMinutes;
        this.cycles = cycles;
        this.y0 = windowStart.getYear();
    }

    /** When Maria's old meter came out and the new one went in (local time). */
    public LocalDateTime meterSwapAt() {
        return day(SWAP_DAY).atTime(10, 30);
    }

    /** The one interval missing from Linh's KWH_DEL channel (local start time). */
    public LocalDateTime missingInterval() {
        return day(MISSING_DAY).atTime(LocalTime.of(13, 15 - 15 % intervalMinutes));
    }

    /** First of Maria's estimated (Data_version E) intervals on the new meter's KWH_DEL channel. */
    public LocalDateTime estimatedFrom() {
        return day(ESTIMATED_DAY).atTime(8, 0);
    }

    /** Number of estimated intervals (two hours). */
    public int estimatedSlots() {
        return ESTIMATED_MINUTES / intervalMinutes;
    }

    /** Linh's switch from E-1 to E-TOU-C: the first day of her bill period after the window's mid-year. */
    public LocalDate rateChangeDate() {
        LocalDate after = day(RATE_CHANGE_DAY);
        return cycles.periodsWithin("03", windowStart, lastDay()).stream().map(p -> p.start())
                .filter(d -> !d.isBefore(after)).findFirst().orElse(lastDay().plusDays(1));
    }

    /** Emily's last day of service: her August meter-read date (so her last bill is a full period). */
    public LocalDate moveOutDate() {
        LocalDate read = cycles.readDate("05", YearMonth.from(day(MOVE_OUT_DAY)));
        return read.isAfter(lastDay()) ? lastDay() : read;
    }

    /** The CPP event day (a weekday). */
    public LocalDate cppEventDate() {
        LocalDate d = day(CPP_DAY);
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.plusDays(1);
        }
        return d.isAfter(lastDay()) ? lastDay() : d;
    }

    /** Start of the community-solar network (before the window). */
    public LocalDate networkStart() {
        return LocalDate.of(y0 - 1, 6, 1);
    }

    /** Index, among Robert's bills in the window, of the bill that is cancelled and rebilled. */
    public static int rebillIndex() {
        return 2;
    }

    /** The scenario's CPP event. */
    public List<DemandEvent> events() {
        return List.of(new DemandEvent(Tariff.B19.rateCode(), "CPP", "DAY_AHEAD", cppEventDate(),
                LocalTime.of(16, 0), LocalTime.of(21, 0)));
    }

    /** The community-solar network: Sunfield hosts, Maria, Linh and Robert subscribe. */
    public Network network() {
        LocalDate start = networkStart();
        return new Network(NETWORK_TYPE, NETWORK_ID, start, List.of(
                new NetworkMember(HOST_CONTRACT, "5000006", MemberRole.HOST, new BigDecimal("0.00"), start),
                new NetworkMember(SWAP_CONTRACT, SWAP_METER_ACCOUNT, MemberRole.SUBSCRIBER,
                        new BigDecimal("40.00"), start),
                new NetworkMember(CARE_CONTRACT, "5000004", MemberRole.SUBSCRIBER, new BigDecimal("35.00"), start),
                new NetworkMember(REBILL_CONTRACT, "5000005", MemberRole.SUBSCRIBER, new BigDecimal("25.00"),
                        start)));
    }

    /** The seven scenario persons, in id order. */
    public List<Person> persons(long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5CE7A210L);
        List<Person> persons = new ArrayList<>();

        Premise maria = new Premise("7000001", "1452 Alameda Ave", "San Jose", "CA", "95126");
        LocalDate mariaStart = LocalDate.of(y0 - 8, 4, 12);
        persons.add(person(MARIA, "Maria", "Gonzalez", null, null, "408-555-0101", "3000001",
                contract(SWAP_CONTRACT, SWAP_METER_ACCOUNT,
                        electricPoint("6000001", maria, 37.332710, -121.913450, "secondary", "1"),
                        mariaStart, null, rates(Tariff.ETOUC, mariaStart), "07",
                        List.of(new MeterInstall(SWAP_OLD_METER, mariaStart.atStartOfDay(), meterSwapAt(),
                                        reading(rng, 60_000)),
                                new MeterInstall(SWAP_NEW_METER, meterSwapAt(), null, 0)),
                        new Consumption(LoadProfile.RESIDENTIAL, 1.1, 0), Programs.none(),
                        new Anomalies(estimatedFrom(), estimatedSlots(), null, -1, null)),
                contract(GAS_CONTRACT, "5000002", gasPoint("6000002", maria, 37.332690, -121.913480),
                        mariaStart, null, rates(Tariff.G1, mariaStart), "07",
                        List.of(new MeterInstall(GAS_METER, mariaStart.atStartOfDay(), null, reading(rng, 9_000))),
                        new Consumption(LoadProfile.GAS_RESIDENTIAL, 1.0, 0), Programs.none(), Anomalies.none())));

        Premise james = new Premise("7000002", "88 Poplar St", "Oakland", "CA", "94610");
        LocalDate jamesStart = LocalDate.of(y0 - 5, 8, 3);
        persons.add(person(JAMES, "James", "Okafor", null, null, "510-555-0102", "3000002",
                contract(NEM_CONTRACT, NEM_METER_ACCOUNT,
                        electricPoint("6000003", james, 37.812040, -122.243110, "secondary", "1"),
                        jamesStart, null, rates(Tariff.ETOUC, jamesStart), "12",
                        List.of(new MeterInstall(NEM_METER, jamesStart.atStartOfDay(), null, reading(rng, 40_000))),
                        new Consumption(LoadProfile.RESIDENTIAL, 1.3, 6.2),
                        new Programs(LocalDate.of(y0 - 3, 6, 15), null, false, null), Anomalies.none())));

        Premise linh = new Premise("7000003", "2710 Blackstone Ave", "Fresno", "CA", "93704");
        LocalDate linhStart = LocalDate.of(y0 - 4, 1, 20);
        List<RateSlice> linhRates = List.of(new RateSlice(Tariff.E1.rateCode(), linhStart),
                new RateSlice(Tariff.ETOUC.rateCode(), rateChangeDate()));
        persons.add(person(LINH, "Linh", "Tran", null, null, "559-555-0103", "3000003",
                contract(CARE_CONTRACT, "5000004",
                        electricPoint("6000004", linh, 36.801220, -119.802310, "secondary", "1"),
                        linhStart, null, linhRates, "03",
                        List.of(new MeterInstall(CARE_METER, linhStart.atStartOfDay(), null, reading(rng, 30_000))),
                        new Consumption(LoadProfile.RESIDENTIAL, 0.8, 0),
                        new Programs(null, LocalDate.of(y0 - 2, 2, 1), false, null),
                        new Anomalies(null, 0, missingInterval(), -1, null))));

        Premise robert = new Premise("7000004", "415 Mendocino Ave", "Santa Rosa", "CA", "95404");
        LocalDate robertStart = LocalDate.of(y0 - 10, 7, 1);
        persons.add(person(ROBERT, "Robert", "Miller", null, null, "707-555-0104", "3000004",
                contract(REBILL_CONTRACT, "5000005",
                        electricPoint("6000005", robert, 38.446980, -122.716420, "secondary", "1"),
                        robertStart, null, rates(Tariff.ETOUC, robertStart), "15",
                        List.of(new MeterInstall("E1000005", robertStart.atStartOfDay(), null,
                                reading(rng, 80_000))),
                        new Consumption(LoadProfile.RESIDENTIAL, 1.0, 0),
                        new Programs(null, null, false, "Redwood Community Energy"),
                        new Anomalies(null, 0, null, rebillIndex(), Tariff.E1.rateCode()))));

        Premise sunfield = new Premise("7000005", "4100 Panama Ln", "Bakersfield", "CA", "93307");
        LocalDate hostStart = LocalDate.of(y0 - 1, 5, 15);
        persons.add(person(SUNFIELD, null, null, "Sunfield Community Solar LLC", "221114", "661-555-0105",
                "3000005",
                contract(HOST_CONTRACT, "5000006",
                        electricPoint("6000006", sunfield, 35.298110, -118.998720, "primary", "3"),
                        hostStart, null, rates(Tariff.B19, hostStart), "10",
                        List.of(new MeterInstall("E1000006", hostStart.atStartOfDay(), null, 0)),
                        new Consumption(LoadProfile.SOLAR_FARM, 1.0, 15), Programs.none(), Anomalies.none())));

        Premise bayview = new Premise("7000006", "2250 Port Rd", "Stockton", "CA", "95203");
        LocalDate bayviewStart = LocalDate.of(y0 - 6, 9, 1);
        persons.add(person(BAYVIEW, null, null, "Bayview Cold Storage Inc", "493120", "209-555-0106", "3000006",
                contract(CPP_CONTRACT, "5000007",
                        electricPoint("6000007", bayview, 37.952210, -121.317980, "primary", "3"),
                        bayviewStart, null, rates(Tariff.B19, bayviewStart), "18",
                        List.of(new MeterInstall("E1000007", bayviewStart.atStartOfDay(), null,
                                reading(rng, 900_000))),
                        new Consumption(LoadProfile.COMMERCIAL, 1.5, 0), new Programs(null, null, true, null),
                        Anomalies.none())));

        Premise emily = new Premise("7000007", "19 Pajaro St", "Salinas", "CA", "93901");
        LocalDate emilyStart = LocalDate.of(y0 - 3, 10, 1);
        LocalDate moveOut = moveOutDate();
        persons.add(person(EMILY, "Emily", "Chen", null, null, "831-555-0107", "3000007",
                contract(CLOSED_CONTRACT, "5000008",
                        electricPoint("6000008", emily, 36.672450, -121.655230, "secondary", "1"),
                        emilyStart, moveOut, rates(Tariff.E1, emilyStart), "05",
                        List.of(new MeterInstall(CLOSED_METER, emilyStart.atStartOfDay(),
                                moveOut.plusDays(1).atStartOfDay(), reading(rng, 20_000))),
                        new Consumption(LoadProfile.RESIDENTIAL, 0.7, 0), Programs.none(), Anomalies.none())));
        return persons;
    }

    private LocalDate day(int offset) {
        return windowStart.plusDays(Math.min(offset, days - 1));
    }

    private LocalDate lastDay() {
        return windowStart.plusDays(days - 1L);
    }

    private static Person person(String id, String first, String last, String business, String naics, String phone,
                                 String accountId, Contract... contracts) {
        String mailbox = business != null ? "billing" : (first + "." + last).toLowerCase();
        String domain = business != null ? business.split(" ")[0].toLowerCase() + ".example.com" : "example.com";
        return new Person(id, first, last, business, mailbox + "@" + domain, phone, naics,
                List.of(new Account(accountId, List.of(contracts))));
    }

    private static Contract contract(String id, String meterAccount, ServicePoint sp, LocalDate start, LocalDate end,
                                     List<RateSlice> rates, String cycle, List<MeterInstall> meters,
                                     Consumption consumption, Programs programs, Anomalies anomalies) {
        return new Contract(id, meterAccount, sp, sp.commodity(), start, end, rates, cycle, meters, consumption,
                programs, anomalies);
    }

    private static List<RateSlice> rates(Tariff tariff, LocalDate from) {
        return List.of(new RateSlice(tariff.rateCode(), from));
    }

    private static ServicePoint electricPoint(String id, Premise premise, double lat, double lon, String voltage,
                                              String phase) {
        return new ServicePoint(id, premise, Commodity.ELECTRIC, Coordinates.format(lat), Coordinates.format(lon),
                voltage, phase);
    }

    private static ServicePoint gasPoint(String id, Premise premise, double lat, double lon) {
        return new ServicePoint(id, premise, Commodity.GAS, Coordinates.format(lat), Coordinates.format(lon), null,
                null);
    }

    /** An odometer reading below {@code maxUnits}, in thousandths. */
    private static long reading(SplittableRandom rng, long maxUnits) {
        return rng.nextLong(maxUnits / 10 * 1000, maxUnits * 1000);
    }
}
