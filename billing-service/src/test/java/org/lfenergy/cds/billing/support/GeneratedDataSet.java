package org.lfenergy.cds.billing.support;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.id.CdsIdKind;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.format.record.BillingCycleRecord;
import org.lfenergy.cds.gridx.format.record.BillingDetailRecord;
import org.lfenergy.cds.gridx.format.record.BillingRecord;
import org.lfenergy.cds.gridx.format.record.CustomerAttributeRecord;
import org.lfenergy.cds.gridx.format.record.CustomerRecord;
import org.lfenergy.cds.gridx.format.record.EventRecord;
import org.lfenergy.cds.gridx.format.record.MeterAccountMeterRecord;
import org.lfenergy.cds.gridx.format.record.NetworkRecord;
import org.lfenergy.cds.gridx.format.record.GridxRecord;
import org.lfenergy.cds.gridx.generator.GenerationReport;
import org.lfenergy.cds.gridx.generator.GeneratorConfig;
import org.lfenergy.cds.testing.GeneratedGridxFiles;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A data set written by {@code libs/gridx-generator} (the seven scenario customers plus a few random ones) under a
 * client code unique to the run, read back with gridx-format's reader and published the way ingest-service does
 * (GridxEvents, topic key, EventCodec, CloudEvents headers), both through test-infra's {@link GeneratedGridxFiles}.
 * The expected CDS objects are computed here from the
 * parsed records, independently of the service's code and tables: only the numbers and dates of the source rows
 * and the documented mapping rules (docs/billing-mapping.md) are used.
 */
public final class GeneratedDataSet {

    public static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    /** Long enough for every in-window scenario event (meter swap, estimate, rate change, move-out, CPP day). */
    public static final LocalDate START = LocalDate.of(2024, 1, 1);
    public static final int DAYS = 260;
    public static final int RANDOM_PERSONS = 3;

    public final String client;
    public final GenerationReport report;
    /** The extract time of the files (every generated file carries the same timestamp). */
    public final Instant fileTime;

    public final List<CustomerRecord> customers = new ArrayList<>();
    public final List<CustomerAttributeRecord> attributes = new ArrayList<>();
    public final List<BillingRecord> bills = new ArrayList<>();
    public final List<BillingDetailRecord> details = new ArrayList<>();
    public final List<BillingCycleRecord> cycles = new ArrayList<>();
    public final List<NetworkRecord> networks = new ArrayList<>();
    public final List<EventRecord> events = new ArrayList<>();
    public final List<MeterAccountMeterRecord> meters = new ArrayList<>();
    /** Rows read per file type (every file, whether published or not). */
    public final Map<GridxFileType, Long> rowsRead;
    /** Rows published per topic. */
    public final Map<Topic, Long> rowsPublished;

    private final GeneratedGridxFiles files;

    /** A new data set under a client code unique to the run. */
    public GeneratedDataSet(Path dir) {
        this(dir, "GEN" + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999), null);
    }

    /**
     * The same data set extracted again: same client, same seed and window (so the same rows), files named with
     * another extract timestamp.
     */
    public GeneratedDataSet reExtract(Path dir, java.time.LocalDateTime timestamp) {
        return new GeneratedDataSet(dir, client, timestamp);
    }

    private GeneratedDataSet(Path dir, String client, java.time.LocalDateTime timestamp) {
        this.client = client;
        GeneratorConfig.Builder config = GeneratorConfig.builder(dir).client(client).persons(RANDOM_PERSONS)
                .startDate(START).days(DAYS).zone(ZONE).intervalMinutes(60);
        if (timestamp != null) {
            config.fileTimestamp(timestamp);
        }
        files = new GeneratedGridxFiles(config.build());
        report = files.report;
        fileTime = files.fileTime;
        rowsRead = files.rowsRead;
        rowsPublished = files.rowsPublished;
        for (GridxFileType type : GridxFileType.values()) {
            files.records(type).forEach(this::collect);
        }
    }

    private void collect(GridxRecord record) {
        if (record instanceof CustomerRecord r) {
            customers.add(r);
        } else if (record instanceof CustomerAttributeRecord r) {
            attributes.add(r);
        } else if (record instanceof BillingRecord r) {
            bills.add(r);
        } else if (record instanceof BillingDetailRecord r) {
            details.add(r);
        } else if (record instanceof BillingCycleRecord r) {
            cycles.add(r);
        } else if (record instanceof NetworkRecord r) {
            networks.add(r);
        } else if (record instanceof EventRecord r) {
            events.add(r);
        } else if (record instanceof MeterAccountMeterRecord r) {
            meters.add(r);
        }
    }

    /**
     * Publishes every accepted row of the files whose topic is in {@code topics} as ingest-service does (see
     * {@link GeneratedGridxFiles#publish}) to the broker the application under test uses.
     */
    public void publish(Set<String> topics) {
        files.publish(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), topics);
    }

    // ------------------------------------------------------------------ ids (CdsIds with the test profile's key)

    public String accountId(String entity) {
        return BillingScenario.IDS.id(CdsIdKind.ACCOUNT, client, entity);
    }

    public String customerId(String person) {
        return BillingScenario.IDS.id(CdsIdKind.CUSTOMER, client, person);
    }

    public String contractId(String contract) {
        return BillingScenario.IDS.id(CdsIdKind.SERVICE_CONTRACT, client, contract);
    }

    public String meterId(String meter) {
        return BillingScenario.IDS.id(CdsIdKind.METER_DEVICE, client, meter);
    }

    public String sectionId(String bill) {
        return BillingScenario.IDS.id(CdsIdKind.BILL_SECTION, client, bill);
    }

    public String statementId(String entity, int year, int month) {
        return BillingScenario.IDS.compositeId(CdsIdKind.BILL_STATEMENT, client, entity,
                String.format(Locale.ROOT, "%04d-%02d", year, month));
    }

    // ------------------------------------------------------------------ expectations

    /** An expected Service Contract. */
    public record ExpectedContract(String contractNumber, String accountNumber, String person, LocalDate start,
                                   LocalDate end, String status, Set<String> serviceTypes, String rateplanCode,
                                   List<String> contractTypes, String address, List<RateSlice> rateHistory,
                                   Map<String, ExpectedProgram> programs, String holderName, Set<String> contacts) {
    }

    /** One {@code rate_code} slice (End_date exclusive, as sent). */
    public record RateSlice(String code, LocalDate start, LocalDate end) {
    }

    /** An expected program participation. */
    public record ExpectedProgram(String programNumber, LocalDate start, LocalDate end, String participationNumber,
                                  BigDecimal percentAllocation, List<LocalDate> eventDates) {
    }

    /** An expected Account. */
    public record ExpectedAccount(String accountNumber, String customerNumber, String status,
                                  Set<String> contractNumbers, String name, String address, Set<String> contacts,
                                  Set<String> accountTypes, Set<String> programNumbers) {
    }

    /** An expected line item. */
    public record ExpectedLine(String code, LocalDate start, LocalDate end, BigDecimal cost, BigDecimal value,
                               BigDecimal rate) {
    }

    /** An expected Bill Section. */
    public record ExpectedSection(String billId, String contractNumber, String accountNumber, String statementId,
                                  LocalDate start, LocalDate end, boolean cancelled, boolean estimated,
                                  BigDecimal total, BigDecimal usage, List<ExpectedLine> lines,
                                  Set<String> relatedBillIds, Set<String> meterIds, Set<String> programNumbers) {
    }

    /** An expected Bill Statement. */
    public record ExpectedStatement(String statementId, String accountNumber, String period, LocalDate statementDate,
                                    BigDecimal amountDue, Map<String, BigDecimal> chargesBySection) {
    }

    /** Programs the mapping places on the account (docs/billing-mapping.md §4); the others are service programs. */
    public static final Set<String> ACCOUNT_PROGRAMS = Set.of("CARE", "FERA", "LIHEAP", "MEDICAL_BASELINE");

    /** Contract number → expected Service Contract. */
    public Map<String, ExpectedContract> contracts() {
        LocalDate fileDate = fileTime.atZone(ZONE).toLocalDate();
        LocalDate today = LocalDate.now(ZONE);
        Map<String, ExpectedContract> out = new TreeMap<>();
        for (CustomerRecord c : customers) {
            LocalDate start = c.contractStartDate().toLocalDate();
            // The end is exclusive: the last day of service is the day of the instant just before it.
            LocalDate end = c.contractEndDate() == null ? null : c.contractEndDate().minusNanos(1).toLocalDate();
            String status = end != null && end.isBefore(fileDate) ? "closed"
                    : switch (c.serviceStatus() == null ? "" : c.serviceStatus().trim().toLowerCase(Locale.ROOT)) {
                        case "", "active" -> "active";
                        case "closed" -> "closed";
                        default -> throw new IllegalStateException("unexpected status " + c.serviceStatus());
                    };
            Set<String> types = new java.util.TreeSet<>();
            String commodity = attribute(c.contractId(), "service_type", today);
            types.add("gas".equals(commodity) ? "natural_gas" : commodity);
            types.add(attribute(c.contractId(), "customer_class", today));
            types.add(c.meterAccountId() == null || c.meterAccountId().isBlank() ? "unmetered" : "metered");
            types.add("distribution");
            if (!"Y".equalsIgnoreCase(attribute(c.contractId(), "third_party_supply", today))) {
                types.add("supply");
            }
            List<String> contractTypes = new ArrayList<>(List.of("utility_service"));
            String cycle = attribute(c.contractId(), "bill_cycle", today);
            List<Long> lengths = cycles.stream().filter(p -> p.readCycle().equals(cycle))
                    .map(p -> java.time.temporal.ChronoUnit.DAYS.between(p.billingCycleStartDate(),
                            p.billingCycleEndDate()) + 1).sorted().toList();
            if (!lengths.isEmpty() && lengths.get(lengths.size() / 2) <= 45) {
                contractTypes.add("billed_monthly");
            }
            List<RateSlice> history = attributes.stream()
                    .filter(a -> "CT".equals(a.idType()) && c.contractId().equals(a.id()) && "rate_code".equals(a.key()))
                    .map(a -> new RateSlice(a.value(), a.startDate(), a.endDate()))
                    .sorted(Comparator.comparing(RateSlice::start)).toList();
            String business = attribute(c.contractId(), "business_name", today);
            String holder = business != null ? business
                    : attribute(c.contractId(), "first_name", today) + " " + attribute(c.contractId(), "last_name",
                    today);
            Set<String> contacts = new java.util.TreeSet<>();
            contacts.add(attribute(c.contractId(), "email", today));
            contacts.add("+1" + attribute(c.contractId(), "phone", today).replaceAll("[^0-9]", ""));
            out.put(c.contractId(), new ExpectedContract(c.contractId(), c.entityId(), c.personId(), start, end,
                    status, types, attribute(c.contractId(), "rate_code", today), contractTypes, address(c, today),
                    history, programs(c, today), holder, contacts));
        }
        return out;
    }

    /** The value of a contract-level attribute in force on {@code day} (the latest slice started by then). */
    private String attribute(String contract, String key, LocalDate day) {
        return attribute("CT", contract, key, day);
    }

    private String attribute(String idType, String id, String key, LocalDate day) {
        return attributes.stream()
                .filter(a -> idType.equals(a.idType()) && id.equals(a.id()) && key.equals(a.key())
                        && !a.startDate().isAfter(day))
                .max(Comparator.comparing(CustomerAttributeRecord::startDate))
                .map(CustomerAttributeRecord::value).orElse(null);
    }

    /** The premise address: {@code street\ncity, state zip}. */
    private String address(CustomerRecord c, LocalDate day) {
        return attribute("PM", c.premiseId(), "service_address", day) + "\n"
                + attribute("PM", c.premiseId(), "city", day) + ", " + attribute("PM", c.premiseId(), "state", day)
                + " " + attribute("PM", c.premiseId(), "zip", day);
    }

    /** The contract's programs by program number: flag attributes (Y) and the networks naming the contract. */
    private Map<String, ExpectedProgram> programs(CustomerRecord c, LocalDate day) {
        Map<String, ExpectedProgram> out = new TreeMap<>();
        Set<String> rateCodes = attributes.stream().filter(a -> "CT".equals(a.idType())
                && c.contractId().equals(a.id()) && "rate_code".equals(a.key())).map(CustomerAttributeRecord::value)
                .collect(Collectors.toSet());
        for (String key : List.of("nem", "care", "cpp")) {
            attributes.stream().filter(a -> "CT".equals(a.idType()) && c.contractId().equals(a.id())
                            && key.equals(a.key()) && "Y".equalsIgnoreCase(a.value()))
                    .max(Comparator.comparing(CustomerAttributeRecord::startDate))
                    .ifPresent(a -> out.put(key.toUpperCase(Locale.ROOT), new ExpectedProgram(
                            key.toUpperCase(Locale.ROOT), a.startDate(), a.endDate(), null, null,
                            key.equals("cpp") ? events.stream().filter(e -> e.eventType().equals("CPP")
                                            && rateCodes.contains(e.ratePlanIdentifier()))
                                    .map(EventRecord::eventDate).sorted().toList() : List.of())));
        }
        for (NetworkRecord n : networks) {
            if (c.contractId().equals(n.memberId())) {
                out.put(n.networkType(), new ExpectedProgram(n.networkType(), n.memberStartDate(),
                        n.memberEndDate() != null ? n.memberEndDate() : n.networkEndDate(), n.networkId(),
                        n.percentAllocation(), List.of()));
            }
        }
        return out;
    }

    /** Meters of the meter account installed at some time during the bill period (local days, removal exclusive). */
    private Set<String> meters(String meterAccount, LocalDate start, LocalDate end) {
        java.time.ZonedDateTime from = start.atStartOfDay(ZONE);
        java.time.ZonedDateTime to = end.plusDays(1).atStartOfDay(ZONE);
        return meters.stream().filter(m -> m.meteraccountId().equals(meterAccount)
                        && m.meterInstallDate().isBefore(to)
                        && (m.meterRemovalDate() == null || m.meterRemovalDate().isAfter(from)))
                .map(MeterAccountMeterRecord::meterId).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** Account number → expected Account. */
    public Map<String, ExpectedAccount> accounts() {
        Map<String, List<ExpectedContract>> byAccount = contracts().values().stream()
                .collect(Collectors.groupingBy(ExpectedContract::accountNumber, TreeMap::new, Collectors.toList()));
        Map<String, ExpectedAccount> out = new TreeMap<>();
        byAccount.forEach((entity, list) -> {
            Set<String> persons = list.stream().map(ExpectedContract::person).collect(Collectors.toSet());
            if (persons.size() != 1) {
                throw new IllegalStateException("account " + entity + " has several persons: " + persons);
            }
            boolean allClosed = list.stream().allMatch(c -> c.status().equals("closed"));
            // The account's holder, address and contacts are those of its contracts (all of one person here).
            Set<String> names = list.stream().map(ExpectedContract::holderName).collect(Collectors.toSet());
            Set<String> addresses = list.stream().map(ExpectedContract::address).collect(Collectors.toSet());
            if (names.size() != 1 || addresses.size() != 1) {
                throw new IllegalStateException("account " + entity + " has several holders or addresses");
            }
            Set<String> contacts = new java.util.TreeSet<>();
            list.forEach(c -> contacts.addAll(c.contacts()));
            Set<String> types = new java.util.TreeSet<>(List.of("customer"));
            list.forEach(c -> types.addAll(c.serviceTypes().stream()
                    .filter(t -> Set.of("residential", "commercial").contains(t)).toList()));
            if (list.stream().allMatch(c -> c.contractTypes().contains("billed_monthly"))) {
                types.add("billed_monthly");
            }
            Set<String> programs = new java.util.TreeSet<>();
            list.forEach(c -> programs.addAll(c.programs().keySet().stream().filter(ACCOUNT_PROGRAMS::contains)
                    .toList()));
            out.put(entity, new ExpectedAccount(entity, persons.iterator().next(), allClosed ? "closed" : "active",
                    list.stream().map(ExpectedContract::contractNumber).collect(Collectors.toCollection(
                            java.util.TreeSet::new)), names.iterator().next(), addresses.iterator().next(), contacts,
                    types, programs));
        });
        return out;
    }

    /** Bill_ID → expected Bill Section (one per Bill_ID; a cancellation row marks its bill cancelled). */
    public Map<String, ExpectedSection> sections() {
        Map<String, String> entityOf = customers.stream()
                .collect(Collectors.toMap(CustomerRecord::contractId, CustomerRecord::entityId));
        Map<String, BillingRecord> originals = new TreeMap<>();
        Set<String> cancelled = new java.util.HashSet<>();
        for (BillingRecord b : bills) {
            if (b.isCancellation()) {
                cancelled.add(b.billId());
            } else if (originals.put(b.billId(), b) != null) {
                throw new IllegalStateException("two bill rows for " + b.billId());
            }
        }
        if (!originals.keySet().containsAll(cancelled)) {
            throw new IllegalStateException("a cancellation without its bill");
        }
        Map<String, ExpectedContract> contracts = contracts();
        Map<String, ExpectedSection> out = new TreeMap<>();
        for (BillingRecord b : originals.values()) {
            String entity = entityOf.get(b.contractId());
            Set<String> programs = contracts.get(b.contractId()).programs().values().stream()
                    .filter(p -> !ACCOUNT_PROGRAMS.contains(p.programNumber()))
                    .filter(p -> !p.start().isAfter(b.billEndDate())
                            && (p.end() == null || p.end().isAfter(b.billStartDate())))
                    .map(ExpectedProgram::programNumber).collect(Collectors.toCollection(java.util.TreeSet::new));
            List<ExpectedLine> lines = details.stream().filter(d -> d.billId().equals(b.billId()))
                    .map(d -> new ExpectedLine(d.billLineItemCode(), d.billLineItemStartDate(),
                            d.billLineItemEndDate(), d.billLineItemAmount(), d.billLineItemQuantity(),
                            d.billLineItemPrice()))
                    .sorted(LINE_ORDER).toList();
            Set<String> related = originals.values().stream()
                    .filter(o -> !o.billId().equals(b.billId()) && o.contractId().equals(b.contractId())
                            && o.billYear() == b.billYear() && o.billMonth() == b.billMonth())
                    .map(BillingRecord::billId).collect(Collectors.toCollection(java.util.TreeSet::new));
            out.put(b.billId(), new ExpectedSection(b.billId(), b.contractId(), entity,
                    statementId(entity, b.billYear(), b.billMonth()), b.billStartDate(), b.billEndDate(),
                    cancelled.contains(b.billId()), Boolean.TRUE.equals(b.isEstimate()), b.totalBillAmount(),
                    b.totalBillUsageValue(), lines, related, meters(b.meterAccountId(), b.billStartDate(),
                    b.billEndDate()), programs));
        }
        return out;
    }

    /** Orders line items independently of the order the service lists them in. */
    public static final Comparator<ExpectedLine> LINE_ORDER = Comparator.comparing(ExpectedLine::code)
            .thenComparing(ExpectedLine::start).thenComparing(ExpectedLine::end)
            .thenComparing(ExpectedLine::cost);

    /** Statement id → expected Bill Statement: the sections of one account and bill month. */
    public Map<String, ExpectedStatement> statements() {
        Map<String, List<ExpectedSection>> groups = new LinkedHashMap<>();
        Map<String, BillingRecord> byId = new TreeMap<>();
        bills.stream().filter(b -> !b.isCancellation()).forEach(b -> byId.put(b.billId(), b));
        sections().values().forEach(s -> groups.computeIfAbsent(s.statementId(), k -> new ArrayList<>()).add(s));
        Map<String, ExpectedStatement> out = new TreeMap<>();
        groups.forEach((id, list) -> {
            BillingRecord any = byId.get(list.get(0).billId());
            LocalDate lastEnd = list.stream().map(ExpectedSection::end).max(Comparator.naturalOrder()).orElseThrow();
            Map<String, BigDecimal> charges = new TreeMap<>();
            BigDecimal due = BigDecimal.ZERO;
            for (ExpectedSection s : list) {
                if (!s.cancelled()) {
                    charges.put(sectionId(s.billId()), s.total());
                    due = due.add(s.total());
                }
            }
            out.put(id, new ExpectedStatement(id, list.get(0).accountNumber(),
                    String.format(Locale.ROOT, "%04d-%02d", any.billYear(), any.billMonth()),
                    lastEnd.plusDays(1), due, charges));
        });
        return out;
    }
}
