package org.lfenergy.cds.gridx.generator.plan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.lfenergy.cds.gridx.generator.billing.Tariff;
import org.lfenergy.cds.gridx.generator.model.Account;
import org.lfenergy.cds.gridx.generator.model.Anomalies;
import org.lfenergy.cds.gridx.generator.model.Commodity;
import org.lfenergy.cds.gridx.generator.model.Consumption;
import org.lfenergy.cds.gridx.generator.model.Contract;
import org.lfenergy.cds.gridx.generator.model.LoadProfile;
import org.lfenergy.cds.gridx.generator.model.MeterInstall;
import org.lfenergy.cds.gridx.generator.model.Person;
import org.lfenergy.cds.gridx.generator.model.Premise;
import org.lfenergy.cds.gridx.generator.model.Programs;
import org.lfenergy.cds.gridx.generator.model.RateSlice;
import org.lfenergy.cds.gridx.generator.model.ServicePoint;
import org.lfenergy.cds.gridx.generator.time.ReadCycleCalendar;
import org.lfenergy.cds.gridx.generator.usage.Noise;

/**
 * Volume customers: mostly homes (three in four on E-TOU-C, some with rooftop solar under NEM, some CARE, a third
 * with gas), some B-19 businesses (half enrolled in CPP). Person {@code i} depends only on the seed and {@code i},
 * so adding customers never changes the earlier ones. All contracts are active and started before the window.
 */
public final class RandomCustomers {

    private static final String[] FIRST = {"Olivia", "Liam", "Sofia", "Noah", "Isabella", "Mateo", "Ava", "Ethan",
        "Mia", "Lucas", "Amelia", "Daniel", "Harper", "Wei", "Priya", "Arjun", "Fatima", "Omar", "Grace", "Hiro",
        "Chloe", "Diego", "Nora", "Samuel", "Aaliyah", "Kai", "Elena", "Jacob", "Layla", "Minh"};
    private static final String[] LAST = {"Garcia", "Smith", "Nguyen", "Johnson", "Martinez", "Lee", "Brown",
        "Lopez", "Patel", "Wilson", "Kim", "Anderson", "Hernandez", "Singh", "Thomas", "Chen", "Moore", "Ramirez",
        "Clark", "Wong", "Lewis", "Flores", "Walker", "Khan", "Young", "Torres", "Hall", "Rivera", "Allen", "Park"};
    private static final String[] STREETS = {"Oak St", "Maple Ave", "Cedar Ln", "Pine St", "Walnut Ave",
        "Sycamore Dr", "Willow Way", "Elm St", "Vista Rd", "Mission Blvd", "Orchard Ln", "Sierra Ave", "Bay St",
        "Almond Dr", "Canyon Rd", "Harbor Way", "Creek Ct", "Valley View Rd", "Redwood Ave", "Sunset Blvd"};
    private static final String[] BUSINESS_KINDS = {"Hardware", "Dental Group", "Bakery", "Auto Repair",
        "Printing", "Fitness Club", "Market", "Veterinary Clinic", "Brewing Co", "Machine Shop"};
    private static final String[] BUSINESS_NAICS = {"444130", "621210", "311811", "811111", "323111", "713940",
        "445110", "541940", "312120", "332710"};
    private static final String[] SUPPLIERS = {"Redwood Community Energy", "Valley Clean Power"};
    private static final int MAX_HISTORY_DAYS = 16 * 365;

    private final long seed;
    private final LocalDate windowStart;
    private final IdSequences ids = new IdSequences();

    public RandomCustomers(long seed, LocalDate windowStart) {
        this.seed = seed;
        this.windowStart = windowStart;
    }

    /** The next random person (call in index order: ids are handed out sequentially). */
    public Person next(int index) {
        SplittableRandom rng = new SplittableRandom(Noise.mix(seed, index, 0x7E57C0DEL));
        boolean business = rng.nextDouble() < 0.12;
        Place town = Place.TOWNS[rng.nextInt(Place.TOWNS.length)];
        Premise premise = new Premise(ids.nextPremise(), (100 + rng.nextInt(9800)) + " "
                + STREETS[rng.nextInt(STREETS.length)], town.city(), town.state(), town.zip());
        double lat = town.latitude() + (rng.nextDouble() - 0.5) * 0.08;
        double lon = town.longitude() + (rng.nextDouble() - 0.5) * 0.08;
        LocalDate start = windowStart.minusDays(60 + rng.nextInt(MAX_HISTORY_DAYS - 60));
        String cycle = new ReadCycleCalendar().cycles().get(rng.nextInt(ReadCycleCalendar.CYCLE_COUNT));
        String supplier = rng.nextDouble() < 0.3 ? SUPPLIERS[rng.nextInt(SUPPLIERS.length)] : null;
        String first = FIRST[rng.nextInt(FIRST.length)];
        String last = LAST[rng.nextInt(LAST.length)];
        String personId = ids.nextPerson();
        List<Contract> contracts = new ArrayList<>();
        if (business) {
            int kind = rng.nextInt(BUSINESS_KINDS.length);
            String name = last + " " + BUSINESS_KINDS[kind];
            ServicePoint sp = new ServicePoint(ids.nextServicePoint(), premise, Commodity.ELECTRIC,
                    Coordinates.format(lat), Coordinates.format(lon), rng.nextDouble() < 0.3 ? "primary" : "secondary",
                    "3");
            contracts.add(electric(sp, start, Tariff.B19, cycle, rng.nextDouble() * 2.1 + 0.4, 0,
                    new Programs(null, null, rng.nextBoolean(), supplier), LoadProfile.COMMERCIAL, rng));
            return new Person(personId, null, null, name, "accounts." + personId + "@example.com",
                    phone(rng), BUSINESS_NAICS[kind], List.of(new Account(ids.nextAccount(), contracts)));
        }
        boolean tou = rng.nextDouble() < 0.75;
        boolean solar = tou && rng.nextDouble() < 0.2;
        LocalDate nemSince = solar ? latest(start, windowStart.minusDays(30 + rng.nextInt(1500))) : null;
        LocalDate careSince = rng.nextDouble() < 0.2 ? latest(start, windowStart.minusDays(30 + rng.nextInt(2000)))
                : null;
        ServicePoint sp = new ServicePoint(ids.nextServicePoint(), premise, Commodity.ELECTRIC,
                Coordinates.format(lat), Coordinates.format(lon), "secondary", "1");
        contracts.add(electric(sp, start, tou ? Tariff.ETOUC : Tariff.E1, cycle, 0.6 + rng.nextDouble() * 1.1,
                solar ? 3 + rng.nextDouble() * 6 : 0, new Programs(nemSince, careSince, false, supplier),
                LoadProfile.RESIDENTIAL, rng));
        if (rng.nextDouble() < 0.35) {
            ServicePoint gasPoint = new ServicePoint(ids.nextServicePoint(), premise, Commodity.GAS,
                    Coordinates.format(lat + 0.00002), Coordinates.format(lon - 0.00002), null, null);
            contracts.add(new Contract(ids.nextContract(), ids.nextMeterAccount(), gasPoint, Commodity.GAS, start,
                    null, List.of(new RateSlice(Tariff.G1.rateCode(), start)), cycle,
                    List.of(new MeterInstall(ids.nextGasMeter(), start.atStartOfDay(), null,
                            rng.nextLong(500_000, 9_000_000))),
                    new Consumption(LoadProfile.GAS_RESIDENTIAL, 0.6 + rng.nextDouble(), 0), Programs.none(),
                    Anomalies.none()));
        }
        return new Person(personId, first, last, null,
                first.toLowerCase() + "." + last.toLowerCase() + "." + personId + "@example.com", phone(rng), null,
                List.of(new Account(ids.nextAccount(), contracts)));
    }

    private Contract electric(ServicePoint sp, LocalDate start, Tariff tariff, String cycle, double scale,
                              double solarKw, Programs programs, LoadProfile profile, SplittableRandom rng) {
        return new Contract(ids.nextContract(), ids.nextMeterAccount(), sp, Commodity.ELECTRIC, start, null,
                List.of(new RateSlice(tariff.rateCode(), start)), cycle,
                List.of(new MeterInstall(ids.nextElectricMeter(), start.atStartOfDay(), null,
                        rng.nextLong(1_000_000, 90_000_000))),
                new Consumption(profile, scale, solarKw), programs, Anomalies.none());
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static String phone(SplittableRandom rng) {
        String[] areas = {"408", "510", "559", "707", "661", "209", "831", "916", "530", "805"};
        // 555-01xx numbers are reserved for fiction.
        return areas[rng.nextInt(areas.length)] + "-555-01" + (10 + rng.nextInt(90));
    }
}
