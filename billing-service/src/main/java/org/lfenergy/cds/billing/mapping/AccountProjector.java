package org.lfenergy.cds.billing.mapping;

import static org.lfenergy.cds.billing.mapping.Docs.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.lfenergy.cds.billing.mapping.Projection.AccountRow;
import org.lfenergy.cds.billing.mapping.Projection.ContractRow;
import org.lfenergy.cds.billing.mapping.Projection.SectionRow;
import org.lfenergy.cds.billing.mapping.Projection.StatementRow;
import org.lfenergy.cds.billing.mapping.Projection.Times;
import org.lfenergy.cds.contracts.id.CdsIdKind;
import org.lfenergy.cds.contracts.id.CdsIds;
import org.lfenergy.cds.contracts.gridx.BillDetailPayload;
import org.lfenergy.cds.contracts.gridx.BillPayload;
import org.lfenergy.cds.contracts.gridx.BillingCyclePayload;
import org.lfenergy.cds.contracts.gridx.CustomerAttributePayload;
import org.lfenergy.cds.contracts.gridx.CustomerPayload;
import org.lfenergy.cds.contracts.gridx.DemandResponseEventPayload;
import org.lfenergy.cds.contracts.gridx.MeterAccountMeterPayload;
import org.lfenergy.cds.contracts.gridx.NetworkMemberPayload;

/**
 * The GridX → CDS mapping (docs/billing-mapping.md): builds the Account, its Service Contracts, Bill Sections and
 * Bill Statements from the stored facts of one GridX Entity_ID. Pure: the same facts give the same objects, whatever
 * order they arrived in. Thread-safe.
 */
public final class AccountProjector {

    private static final Set<String> ACCOUNT_CLASSES = Set.of("residential", "commercial", "industrial",
            "agriculture", "municipal");
    private static final Set<String> COMMODITIES = Set.of("electric", "water", "natural_gas", "fuel_oil",
            "waste_water", "solid_waste");
    private static final Set<String> SECTION_COMMODITIES = Set.of("electric", "water", "natural_gas", "fuel_oil");
    private static final Set<String> UNITS = Set.of("Wh", "kWh", "MWh", "W", "kW", "MW", "m3", "ft3", "CCF", "MCF",
            "MMCF", "MMCFD", "L", "gal", "Btu", "therm", "Sm3", "scf", "SCFM", "C", "F", "var", "kvar", "varh",
            "kvarh", "years", "months", "days", "hours", "minutes", "seconds", "money", "count", "percent");
    private static final Set<String> DEMAND_UNITS = Set.of("W", "kW", "MW");
    private static final Set<String> USAGE_UNITS = Set.of("Wh", "kWh", "MWh", "m3", "ft3", "CCF", "MCF", "L", "gal",
            "Btu", "therm", "Sm3", "scf");
    private static final Map<String, String> COMMODITY_UNITS = Map.of("electric", "kWh", "natural_gas", "therm",
            "water", "gal", "fuel_oil", "gal");
    private static final Map<String, String> COMMODITY_NAMES = Map.of("electric", "Electric", "natural_gas",
            "Natural Gas", "water", "Water", "fuel_oil", "Fuel Oil", "waste_water", "Waste Water", "solid_waste",
            "Solid Waste");

    private final MappingSettings settings;
    private final CdsIds ids;

    public AccountProjector(MappingSettings settings, CdsIds ids) {
        this.settings = settings;
        this.ids = ids;
    }

    /** The CDS objects of one account. */
    public Projection project(AccountFacts facts) {
        String client = facts.client();
        if (facts.contracts().isEmpty()) {
            return new Projection(client, facts.entityId(), null, List.of(), List.of(), List.of());
        }
        ZoneId zone = settings.zoneOf(client);
        LocalDate today = LocalDate.now(settings.clock().withZone(zone));
        Map<String, List<Fact<CustomerAttributePayload>>> byOwner = new LinkedHashMap<>();
        for (Fact<CustomerAttributePayload> a : facts.attributes()) {
            String level = settings.levelOf(a.payload().idType());
            if (level != null) {
                byOwner.computeIfAbsent(level + "|" + a.payload().id(), k -> new ArrayList<>()).add(a);
            }
        }
        String cdsAccountId = ids.id(CdsIdKind.ACCOUNT, client, facts.entityId());
        List<ContractView> contracts = facts.contracts().stream()
                .sorted(Comparator.comparing(f -> f.payload().contractId()))
                .map(f -> new ContractView(client, cdsAccountId, f, byOwner, facts, today, zone))
                .toList();

        List<ContractRow> contractRows = contracts.stream().map(ContractView::row).toList();
        AccountView account = new AccountView(client, facts.entityId(), cdsAccountId, contracts, byOwner, today);
        List<SectionRow> sections = new ArrayList<>();
        Map<String, List<SectionView>> byPeriod = new TreeMap<>();
        for (ContractView c : contracts) {
            for (SectionView s : sectionsOf(c, facts)) {
                byPeriod.computeIfAbsent(s.period, k -> new ArrayList<>()).add(s);
            }
        }
        for (List<SectionView> group : byPeriod.values()) {
            for (SectionView s : group) {
                sections.add(s.row(group));
            }
        }
        List<StatementRow> statements = new ArrayList<>();
        byPeriod.forEach((period, group) -> statements.add(statement(account, period, group)));
        return new Projection(client, facts.entityId(), account.row(), contractRows, sections, statements);
    }

    // ---------------------------------------------------------------- attributes

    /** One time slice of an attribute, resolved to its CDS field. */
    private record Slice(String field, String value, LocalDate start, LocalDate end, int rank,
                         Fact<CustomerAttributePayload> fact) {
        boolean overlaps(LocalDate from, LocalDate to) {
            return (to == null || !start.isAfter(to)) && (from == null || end == null || end.isAfter(from));
        }
    }

    /** Accumulates the facts an object is built from, for cds_created / cds_modified / cds_synced. */
    private static final class Times0 {
        Instant created;
        Instant modified;
        Instant synced;

        void primary(Fact<?> f) {
            created = created == null || f.first().isBefore(created) ? f.first() : created;
            add(f);
        }

        void add(Fact<?> f) {
            modified = modified == null || f.content().isAfter(modified) ? f.content() : modified;
            synced = synced == null || f.seen().isAfter(synced) ? f.seen() : synced;
        }

        void add(Times0 other) {
            if (other.modified != null && (modified == null || other.modified.isAfter(modified))) {
                modified = other.modified;
            }
            if (other.synced != null && (synced == null || other.synced.isAfter(synced))) {
                synced = other.synced;
            }
        }

        Times times() {
            Instant m = modified.isBefore(created) ? created : modified;
            Instant s = synced.isBefore(m) ? m : synced;
            return new Times(created, m, s);
        }
    }

    /** The slices of every mapped attribute of one contract's hierarchy, by CDS field. */
    private final class Attributes {
        final Map<String, List<Slice>> byField = new LinkedHashMap<>();
        final LocalDate today;

        Attributes(CustomerPayload c, Map<String, List<Fact<CustomerAttributePayload>>> byOwner, LocalDate today,
                   boolean onlyAccountLevels) {
            this.today = today;
            String[] owners = {c.contractId(), c.servicePointId(), c.premiseId(), c.entityId(), c.personId()};
            for (int rank = 0; rank < owners.length; rank++) {
                if (owners[rank] == null || (onlyAccountLevels && rank < 3)) {
                    continue;
                }
                String level = MappingSettings.LEVELS.get(rank);
                for (Fact<CustomerAttributePayload> f : byOwner.getOrDefault(level + "|" + owners[rank], List.of())) {
                    CustomerAttributePayload a = f.payload();
                    String key = a.key() == null ? "" : a.key().trim().toLowerCase(Locale.ROOT);
                    String field = settings.attributeFields().get(key);
                    if (field == null || field.equals("ignore") || a.startDate() == null) {
                        continue;
                    }
                    byField.computeIfAbsent(field, k -> new ArrayList<>())
                            .add(new Slice(field, a.value(), a.startDate(), a.endDate(), rank, f));
                }
            }
        }

        /** The slice in force for a field: most specific level first, then the slice covering today. */
        Slice current(String field, Times0 times) {
            List<Slice> slices = byField.getOrDefault(field, List.of());
            if (slices.isEmpty()) {
                return null;
            }
            int rank = slices.stream().mapToInt(Slice::rank).min().orElseThrow();
            List<Slice> level = slices.stream().filter(s -> s.rank == rank)
                    .sorted(Comparator.comparing(Slice::start)).toList();
            Slice chosen = null;
            for (Slice s : level) {
                if (!s.start.isAfter(today)) {
                    chosen = s; // latest slice started by today (ended or not: the last known value)
                }
            }
            if (chosen == null) {
                chosen = level.get(0);
            }
            if (times != null) {
                times.add(chosen.fact);
            }
            return chosen;
        }

        String value(String field, Times0 times) {
            Slice s = current(field, times);
            return s == null || s.value == null || s.value.isBlank() ? null : s.value.trim();
        }

        List<Slice> all(String field) {
            return byField.getOrDefault(field, List.of()).stream().sorted(Comparator.comparing(Slice::start)
                    .thenComparing(Slice::rank)).toList();
        }

        /** Mapped fields in name order (never in arrival order, so output does not depend on it). */
        List<String> fields() {
            return byField.keySet().stream().sorted().toList();
        }
    }

    // ---------------------------------------------------------------- programs

    /** One participation in a program. */
    private record Participation(MappingSettings.Program program, LocalDate start, LocalDate end, String number,
                                 ObjectNode extras, List<Fact<?>> facts) {
    }

    private MappingSettings.Program program(String id) {
        MappingSettings.Program p = settings.programs().get(id.toLowerCase(Locale.ROOT));
        if (p != null) {
            return p;
        }
        return new MappingSettings.Program(id.toLowerCase(Locale.ROOT), "service", id.toUpperCase(Locale.ROOT),
                List.of(), id, "", "urn:gridx:program:" + id.toLowerCase(Locale.ROOT), null, Set.of("n", "no",
                "false", "0"));
    }

    /** Participations from {@code program.<id>} attributes. */
    private List<Participation> attributeParticipations(Attributes attrs, Times0 detailTimes) {
        List<Participation> out = new ArrayList<>();
        for (String field : attrs.fields()) {
            if (!field.startsWith("program.")) {
                continue;
            }
            MappingSettings.Program p = program(field.substring("program.".length()));
            for (Slice s : attrs.all(field)) {
                String v = s.value == null ? "" : s.value.trim().toLowerCase(Locale.ROOT);
                if (v.isEmpty() || p.falseValues().contains(v)) {
                    continue;
                }
                ObjectNode extras = Docs.object();
                String detail = attrs.value("program_detail." + p.id(), detailTimes);
                if (detail != null) {
                    extras.put("gridx_detail", detail);
                }
                List<Fact<?>> facts = new ArrayList<>();
                facts.add(s.fact);
                Slice d = attrs.current("program_detail." + p.id(), null);
                if (d != null) {
                    facts.add(d.fact);
                }
                out.add(new Participation(p, s.start, s.end, null, extras, facts));
            }
        }
        return out;
    }

    /** Builds the program objects of one owner: the most recent participation per program within a window. */
    private ArrayNode programsJson(String ownerId, List<Participation> participations, String level,
                                   LocalDate from, LocalDate to, LocalDate today, Times0 times, List<String> numbers) {
        Map<String, Participation> latest = new TreeMap<>();
        for (Participation p : participations) {
            if (!p.program.level().equals(level)) {
                continue;
            }
            if ((to != null && p.start != null && p.start.isAfter(to))
                    || (from != null && p.end != null && !p.end.isAfter(from))) {
                continue;
            }
            Participation prev = latest.get(p.program.id());
            if (prev == null || (p.start != null && (prev.start == null || p.start.isAfter(prev.start)))) {
                latest.put(p.program.id(), p);
            }
        }
        ArrayNode out = JSON.arrayNode();
        for (Participation p : latest.values()) {
            MappingSettings.Program def = p.program;
            p.facts.forEach(times::add);
            ObjectNode o = out.addObject();
            o.put("id", Docs.subId(ownerId, "program", def.id()));
            o.put("program_number", def.programNumber());
            numbers.add(def.programNumber());
            Set<String> types = new LinkedHashSet<>(def.types());
            types.add(p.end == null || p.end.isAfter(today) ? "active" : "inactive");
            o.set("types", Docs.strings(types));
            o.put("name", def.name());
            o.put("description", def.description());
            o.put("documentation", def.documentation());
            if (def.moreInfo() != null) {
                o.put("more_info", def.moreInfo());
            }
            if (p.number != null) {
                o.put("participation_number", p.number);
            }
            if (p.start != null) {
                Docs.date(o, "start", p.start);
            }
            if (p.end != null) {
                Docs.date(o, "end", p.end);
            }
            o.setAll(p.extras);
        }
        return out;
    }

    // ---------------------------------------------------------------- contracts

    /** Everything derived for one Contract_ID. */
    private final class ContractView {
        final String client;
        final String cdsAccountId;
        final Fact<CustomerPayload> fact;
        final CustomerPayload c;
        final String cdsId;
        final String servicePointId;
        final Attributes attrs;
        final LocalDate today;
        final ZoneId zone;
        final Times0 times = new Times0();
        final LocalDate start;
        final LocalDate end;
        final String status;
        final String commodity;
        final String customerClass;
        final String frequency;
        final boolean thirdPartySupply;
        final String supplierName;
        final String address;
        final String holderName;
        final List<Participation> participations = new ArrayList<>();
        final List<Slice> rates;
        final AccountFacts facts;

        ContractView(String client, String cdsAccountId, Fact<CustomerPayload> fact,
                     Map<String, List<Fact<CustomerAttributePayload>>> byOwner, AccountFacts facts, LocalDate today,
                     ZoneId zone) {
            this.client = client;
            this.cdsAccountId = cdsAccountId;
            this.fact = fact;
            this.c = fact.payload();
            this.facts = facts;
            this.today = today;
            this.zone = zone;
            this.cdsId = ids.id(CdsIdKind.SERVICE_CONTRACT, client, c.contractId());
            this.servicePointId = c.servicePointId() != null ? ids.id(CdsIdKind.SERVICE_POINT, client,
                    c.servicePointId()) : c.meterAccountId() != null ? ids.id(CdsIdKind.SERVICE_POINT, client,
                    c.meterAccountId()) : null;
            this.attrs = new Attributes(c, byOwner, today, false);
            times.primary(fact);
            this.start = c.contractStartDate() == null ? null : c.contractStartDate().toLocalDate();
            this.end = c.contractEndDate() == null ? null : c.contractEndDate().minusNanos(1).toLocalDate();
            this.status = status(fact, end, zone);
            String type = attrs.value("service_type", times);
            this.commodity = type == null ? null : settings.serviceTypes().getOrDefault(type.toLowerCase(Locale.ROOT),
                    type.toLowerCase(Locale.ROOT));
            String cls = attrs.value("customer_class", times);
            this.customerClass = cls == null ? null : settings.serviceTypes().getOrDefault(
                    cls.toLowerCase(Locale.ROOT), cls.toLowerCase(Locale.ROOT));
            this.frequency = frequency();
            String tps = attrs.value("supply.third_party", times);
            this.supplierName = attrs.value("supply.supplier_name", times);
            this.thirdPartySupply = tps != null ? isTrue(tps) : supplierName != null;
            this.address = address(attrs, times);
            this.holderName = holderName(attrs, times);
            this.rates = attrs.all("rate_code");
            this.participations.addAll(attributeParticipations(attrs, null));
            this.participations.addAll(networkParticipations());
            addEvents();
        }

        private String status(Fact<CustomerPayload> f, LocalDate lastDay, ZoneId zone) {
            LocalDate asOf = f.seen().atZone(zone).toLocalDate();
            if (lastDay != null && lastDay.isBefore(asOf)) {
                return "closed";
            }
            String s = f.payload().serviceStatus();
            if (s == null || s.isBlank()) {
                return "active";
            }
            return settings.serviceStatuses().getOrDefault(s.trim().toLowerCase(Locale.ROOT), "unknown");
        }

        private String frequency() {
            String cycle = attrs.value("bill_cycle", null);
            if (cycle == null) {
                return null;
            }
            List<Long> lengths = new ArrayList<>();
            for (Fact<BillingCyclePayload> f : facts.cycles()) {
                BillingCyclePayload p = f.payload();
                if (cycle.equals(p.readCycle()) && p.billingCycleStartDate() != null
                        && p.billingCycleEndDate() != null) {
                    lengths.add(ChronoUnit.DAYS.between(p.billingCycleStartDate(), p.billingCycleEndDate()) + 1);
                    times.add(f);
                }
            }
            attrs.value("bill_cycle", times);
            if (lengths.isEmpty()) {
                return null;
            }
            lengths.sort(null);
            long median = lengths.get(lengths.size() / 2);
            if (median <= 45) {
                return "billed_monthly";
            }
            if (median >= 80 && median <= 100) {
                return "billed_quarterly";
            }
            return null;
        }

        private List<Participation> networkParticipations() {
            List<Participation> out = new ArrayList<>();
            for (Fact<NetworkMemberPayload> f : facts.networks()) {
                NetworkMemberPayload n = f.payload();
                String memberType = n.networkMemberType() == null ? "" : n.networkMemberType().toLowerCase(Locale.ROOT);
                boolean member = (c.contractId().equals(n.memberId()) && !memberType.contains("meter"))
                        || (c.meterAccountId() != null && (c.meterAccountId().equals(n.memberMeterAccountId())
                        || (memberType.contains("meter") && c.meterAccountId().equals(n.memberId()))));
                if (!member) {
                    continue;
                }
                String type = n.networkType() == null ? "network" : n.networkType();
                MappingSettings.Program p = program(settings.networkPrograms().getOrDefault(type, type));
                ObjectNode extras = Docs.object();
                if (n.memberType() != null) {
                    extras.put("gridx_member_type", n.memberType().toLowerCase(Locale.ROOT));
                }
                if (n.percentAllocation() != null) {
                    extras.put("gridx_percent_allocation", n.percentAllocation());
                }
                LocalDate from = n.memberStartDate() != null ? n.memberStartDate() : n.networkStartDate();
                LocalDate to = n.memberEndDate() != null ? n.memberEndDate() : n.networkEndDate();
                out.add(new Participation(p, from, to, n.networkId(), extras, List.of(f)));
            }
            return out;
        }

        /** Adds the event days of the contract's rate plans to its event-program participations. */
        private void addEvents() {
            Set<String> rateCodes = attrs.all("rate_code").stream().map(Slice::value).filter(Objects::nonNull)
                    .collect(Collectors.toSet());
            for (int i = 0; i < participations.size(); i++) {
                Participation p = participations.get(i);
                ArrayNode days = JSON.arrayNode();
                List<Fact<?>> used = new ArrayList<>(p.facts);
                facts.events().stream()
                        .sorted(Comparator.comparing((Fact<DemandResponseEventPayload> f) -> f.payload().eventDate()))
                        .forEach(f -> {
                            DemandResponseEventPayload e = f.payload();
                            String programId = settings.eventPrograms().get(e.eventType());
                            String plan = e.ratePlanIdentifier();
                            boolean applies = plan == null || plan.isBlank() || plan.equals("*")
                                    || rateCodes.contains(plan);
                            if (programId != null && programId.equalsIgnoreCase(p.program.id()) && applies) {
                                ObjectNode d = days.addObject();
                                d.put("event_type", e.eventType());
                                if (e.eventSubType() != null) {
                                    d.put("event_sub_type", e.eventSubType());
                                }
                                Docs.date(d, "event_date", e.eventDate());
                                if (e.eventStartTime() != null) {
                                    d.put("start_time", e.eventStartTime().toString());
                                }
                                if (e.eventEndTime() != null) {
                                    d.put("end_time", e.eventEndTime().toString());
                                }
                                if (e.eventDuration() != null) {
                                    d.put("duration_days", e.eventDuration());
                                }
                                used.add(f);
                            }
                        });
                if (!days.isEmpty()) {
                    ObjectNode extras = p.extras.deepCopy();
                    extras.set("gridx_events", days);
                    participations.set(i, new Participation(p.program, p.start, p.end, p.number, extras, used));
                }
            }
        }

        List<String> serviceTypes() {
            List<String> types = new ArrayList<>();
            if (commodity != null && COMMODITIES.contains(commodity)) {
                types.add(commodity);
            }
            if (customerClass != null && ACCOUNT_CLASSES.contains(customerClass)) {
                types.add(customerClass);
            }
            types.add(c.meterAccountId() != null ? "metered" : "unmetered");
            types.add("distribution");
            if (!thirdPartySupply) {
                types.add("supply"); // bundled: the utility supplies too; otherwise the supplier is another entity
            }
            return types;
        }

        String rateplanCode() {
            Slice s = attrs.current("rate_code", times);
            return s == null ? null : s.value;
        }

        String rateplanName(String code) {
            return code == null ? null : settings.rateplanNames().getOrDefault(code, code);
        }

        ContractRow row() {
            ObjectNode d = Docs.object();
            String code = rateplanCode();
            List<String> programNumbers = new ArrayList<>();
            ArrayNode programs = programsJson(cdsId, participations, "service", null, null, today, times,
                    programNumbers);
            Times t = times.times();
            d.put("cds_servicecontract_id", cdsId);
            Docs.instant(d, "cds_created", t.created());
            Docs.instant(d, "cds_modified", t.modified());
            Docs.instant(d, "cds_synced", t.synced());
            d.put("cds_account_id", cdsAccountId);
            d.put("account_number", c.entityId());
            d.put("contract_number", c.contractId());
            if (address != null) {
                d.put("contract_address", address);
            }
            List<String> contractTypes = new ArrayList<>(List.of("utility_service"));
            if (frequency != null) {
                contractTypes.add(frequency);
            }
            d.set("contract_types", Docs.strings(contractTypes));
            d.set("contract_entity", entity(settings.utility()));
            d.put("contract_status", status);
            if (start != null) {
                Docs.date(d, "contract_start", start);
            }
            Docs.date(d, "contract_end", end);
            List<String> serviceTypes = serviceTypes();
            d.set("service_types", Docs.strings(serviceTypes));
            if (code != null) {
                d.put("rateplan_code", code);
                d.put("rateplan_name", rateplanName(code));
            }
            d.set("service_programs", programs);
            ArrayNode history = JSON.arrayNode();
            for (Slice s : rates) {
                times.add(s.fact);
                ObjectNode h = history.addObject();
                h.put("rateplan_code", s.value);
                h.put("rateplan_name", rateplanName(s.value));
                Docs.date(h, "start", s.start);
                Docs.date(h, "end", s.end);
            }
            d.set("gridx_rateplan_history", history);
            if (supplierName != null && thirdPartySupply) {
                d.set("gridx_supply_entity", supplier(supplierName));
            }
            String rates = code == null ? "" : code + "\n" + rateplanName(code);
            return new ContractRow(c.contractId(), cdsId, cdsAccountId, servicePointId, customerId(client, c),
                    c.entityId(), c.contractId(), status, contractTypes, serviceTypes, times.times(),
                    lower(address), lower(rates), lower(String.join("\n", programNumbers)), d);
        }
    }

    private String customerId(String client, CustomerPayload c) {
        return ids.id(CdsIdKind.CUSTOMER, client, c.personId());
    }

    private String address(Attributes attrs, Times0 times) {
        String street = attrs.value("address.street", times);
        String line2 = attrs.value("address.line2", times);
        String city = attrs.value("address.city", times);
        String state = attrs.value("address.state", times);
        String zip = attrs.value("address.zip", times);
        List<String> lines = new ArrayList<>();
        if (street != null) {
            lines.add(street);
        }
        if (line2 != null) {
            lines.add(line2);
        }
        StringBuilder last = new StringBuilder();
        if (city != null) {
            last.append(city);
        }
        if (state != null) {
            last.append(last.length() > 0 ? ", " : "").append(state);
        }
        if (zip != null) {
            last.append(last.length() > 0 ? " " : "").append(zip);
        }
        if (last.length() > 0) {
            lines.add(last.toString());
        }
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    private String holderName(Attributes attrs, Times0 times) {
        String business = attrs.value("holder.business_name", times);
        if (business != null) {
            return business;
        }
        String first = attrs.value("holder.first_name", times);
        String last = attrs.value("holder.last_name", times);
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        return name.isEmpty() ? null : name;
    }

    private ObjectNode entity(MappingSettings.Entity e) {
        ObjectNode o = Docs.object();
        o.put("id", e.id());
        o.set("types", Docs.strings(e.types()));
        o.put("entity_number", e.number());
        o.put("entity_name", e.name());
        if (e.abbreviation() == null) {
            o.putNull("entity_abbreviation");
        } else {
            o.put("entity_abbreviation", e.abbreviation());
        }
        return o;
    }

    private ObjectNode supplier(String name) {
        String id = "supplier-" + Docs.subId("supplier", name);
        return entity(new MappingSettings.Entity(id, List.of("supplier"), id, name, null));
    }

    // ---------------------------------------------------------------- account

    /** Everything derived for the account. */
    private final class AccountView {
        final String client;
        final String entityId;
        final String cdsId;
        final List<ContractView> contracts;
        final ContractView primary;
        final Attributes own;
        final LocalDate today;
        final Times0 times = new Times0();
        final List<Participation> participations = new ArrayList<>();

        AccountView(String client, String entityId, String cdsId, List<ContractView> contracts,
                    Map<String, List<Fact<CustomerAttributePayload>>> byOwner, LocalDate today) {
            this.client = client;
            this.entityId = entityId;
            this.cdsId = cdsId;
            this.contracts = contracts;
            this.today = today;
            this.primary = contracts.stream()
                    .min(Comparator.comparing((ContractView v) -> v.status.equals("closed") ? 1 : 0)
                            .thenComparing(v -> v.start == null ? LocalDate.MAX : v.start)
                            .thenComparing(v -> v.c.contractId()))
                    .orElseThrow();
            this.own = new Attributes(primary.c, byOwner, today, true);
            contracts.forEach(v -> times.primary(v.fact));
            contracts.forEach(v -> participations.addAll(v.participations));
        }

        String customerNumber() {
            return primary.c.personId();
        }

        String status() {
            if (contracts.stream().anyMatch(v -> Set.of("active", "paused", "stopped").contains(v.status))) {
                return "active";
            }
            if (contracts.stream().allMatch(v -> v.status.equals("closed"))) {
                return "closed";
            }
            return "unknown";
        }

        String name() {
            String name = holderName(own, times);
            return name != null ? name : holderName(primary.attrs, times);
        }

        String address() {
            String a = AccountProjector.this.address(own, times);
            return a != null ? a : AccountProjector.this.address(primary.attrs, times);
        }

        List<String> types() {
            Set<String> types = new LinkedHashSet<>(List.of("customer"));
            for (ContractView v : contracts) {
                if (v.customerClass != null && ACCOUNT_CLASSES.contains(v.customerClass)) {
                    types.add(v.customerClass);
                    v.attrs.value("customer_class", times);
                }
            }
            Set<String> frequencies = contracts.stream().map(v -> v.frequency == null ? "" : v.frequency)
                    .collect(Collectors.toSet());
            if (frequencies.size() == 1 && !frequencies.contains("")) {
                types.add(frequencies.iterator().next());
            }
            return List.copyOf(types);
        }

        ArrayNode contacts(List<String> values) {
            Map<String, ObjectNode> byKey = new LinkedHashMap<>();
            List<Attributes> sources = new ArrayList<>();
            sources.add(own);
            sources.add(primary.attrs);
            for (ContractView v : contracts) {
                if (v != primary) {
                    sources.add(v.attrs);
                }
            }
            for (Attributes a : sources) {
                for (String field : a.fields()) {
                    if (!field.startsWith("contact.")) {
                        continue;
                    }
                    List<String> types = List.of(field.substring("contact.".length()).split("\\+"));
                    String raw = a.value(field, times);
                    if (raw == null) {
                        continue;
                    }
                    String value = types.contains("phone_number") ? e164(raw) : raw;
                    String key = String.join("+", types) + "|" + value.toLowerCase(Locale.ROOT);
                    if (byKey.containsKey(key)) {
                        continue;
                    }
                    ObjectNode o = Docs.object();
                    o.put("id", Docs.subId(cdsId, "contact", key));
                    o.set("types", Docs.strings(types));
                    o.put("value", value);
                    byKey.put(key, o);
                    values.add(value);
                }
            }
            ArrayNode out = JSON.arrayNode();
            byKey.values().forEach(out::add);
            return out;
        }

        AccountRow row() {
            ObjectNode d = Docs.object();
            List<String> programNumbers = new ArrayList<>();
            ArrayNode programs = programsJson(cdsId, participations, "account", null, null, today, times,
                    programNumbers);
            String name = name();
            String address = address();
            List<String> types = types();
            String status = status();
            List<String> contactValues = new ArrayList<>();
            ArrayNode contacts = contacts(contactValues);
            contracts.forEach(v -> times.add(v.times)); // statuses follow the contracts
            Times t = times.times();
            d.put("cds_account_id", cdsId);
            Docs.instant(d, "cds_created", t.created());
            Docs.instant(d, "cds_modified", t.modified());
            Docs.instant(d, "cds_synced", t.synced());
            d.putNull("cds_account_parent");
            d.put("customer_number", customerNumber());
            d.put("account_number", entityId);
            d.set("account_entity", entity(settings.utility()));
            if (name != null) {
                d.put("account_name", name);
            }
            if (address != null) {
                d.put("account_address", address);
            }
            d.set("account_types", Docs.strings(types));
            d.put("account_status", status);
            d.set("account_contacts", contacts);
            d.set("account_programs", programs);
            List<String> details = new ArrayList<>();
            if (name != null) {
                details.add(name);
            }
            if (address != null) {
                details.add(address);
            }
            details.addAll(contactValues);
            return new AccountRow(cdsId, customerId(client, primary.c), customerNumber(), entityId, status, t,
                    lower(customerNumber() + "\n" + entityId), lower(String.join("\n", details)),
                    lower(String.join("\n", programNumbers)), d);
        }
    }

    private String e164(String raw) {
        String trimmed = raw.trim();
        String digits = trimmed.replaceAll("[^0-9]", "");
        if (trimmed.startsWith("+")) {
            return "+" + digits;
        }
        String cc = settings.phoneCountryCode();
        if (cc.equals("1") && digits.length() == 10) {
            return "+1" + digits;
        }
        if (digits.startsWith(cc) && digits.length() > 10) {
            return "+" + digits;
        }
        return digits.length() >= 8 ? "+" + cc + digits : trimmed;
    }

    // ---------------------------------------------------------------- bills

    /** One GridX Bill_ID of a contract: a Bill Section. */
    private final class SectionView {
        final ContractView contract;
        final String billId;
        final BillPayload bill;
        final boolean cancelled;
        final List<BillDetailPayload> lines;
        final String period;
        final String cdsId;
        final String statementId;
        final Times0 times = new Times0();
        final LocalDate start;
        final LocalDate end;

        SectionView(ContractView contract, String billId, List<Fact<BillPayload>> rows,
                    List<Fact<BillDetailPayload>> lineFacts) {
            this.contract = contract;
            this.billId = billId;
            Fact<BillPayload> original = rows.stream().filter(f -> !f.payload().isCancellation()).findFirst()
                    .orElse(null);
            Fact<BillPayload> cancel = rows.stream().filter(f -> f.payload().isCancellation()).findFirst()
                    .orElse(null);
            this.bill = (original != null ? original : cancel).payload();
            this.cancelled = cancel != null;
            rows.forEach(times::primary);
            lineFacts.forEach(times::primary);
            this.lines = lineFacts.stream().map(Fact::payload)
                    .sorted(Comparator.comparing(BillDetailPayload::billLineItemStartDate,
                                    Comparator.nullsFirst(Comparator.naturalOrder()))
                            .thenComparing(BillDetailPayload::billLineItemCode,
                                    Comparator.nullsFirst(Comparator.naturalOrder()))
                            .thenComparing(p -> Objects.toString(p.billLineItemField2(), ""))
                            .thenComparing(p -> Objects.toString(p.billLineItemField3(), "")))
                    .toList();
            this.period = String.format(Locale.ROOT, "%04d-%02d", bill.billYear(), bill.billMonth());
            this.cdsId = ids.id(CdsIdKind.BILL_SECTION, contract.client, billId);
            this.statementId = ids.compositeId(CdsIdKind.BILL_STATEMENT, contract.client, contract.c.entityId(),
                    period);
            this.start = bill.billStartDate();
            this.end = bill.billEndDate();
        }

        String commodity() {
            return contract.commodity != null ? contract.commodity : "electric";
        }

        SectionRow row(List<SectionView> samePeriod) {
            ObjectNode d = Docs.object();
            String commodity = commodity();
            List<String> programNumbers = new ArrayList<>();
            ArrayNode programs = programsJson(contract.cdsId, contract.participations, "service", start, end,
                    contract.today, times, programNumbers);
            times.add(contract.fact);
            Times t = times.times();
            d.put("cds_billsection_id", cdsId);
            Docs.instant(d, "cds_created", t.created());
            Docs.instant(d, "cds_modified", t.modified());
            Docs.instant(d, "cds_synced", t.synced());
            d.put("cds_billstatement_id", statementId);
            d.put("cds_account_id", contract.cdsAccountId);
            d.put("account_number", contract.c.entityId());
            List<String> types = new ArrayList<>(List.of("service_contract"));
            if (SECTION_COMMODITIES.contains(commodity)) {
                types.add(commodity);
            }
            types.add("distribution");
            types.add("supply");
            d.set("section_types", Docs.strings(types));
            Docs.date(d, "start_date", start);
            Docs.date(d, "end_date", end);
            d.put("currency", settings.currency());
            ObjectNode utility = entity(settings.utility());
            d.set("distribution_entity", utility);
            d.set("supply_entity", contract.thirdPartySupply && contract.supplierName != null
                    ? supplier(contract.supplierName) : utility.deepCopy());
            d.set("related_servicecontracts", Docs.strings(List.of(contract.cdsId)));
            d.set("related_servicepoints", Docs.strings(contract.servicePointId == null ? List.of()
                    : List.of(contract.servicePointId)));
            d.set("related_meterdevices", Docs.strings(meters()));
            d.set("related_billsections", Docs.strings(samePeriod.stream()
                    .filter(s -> s != this && s.contract == contract).map(s -> s.cdsId).sorted().toList()));
            d.set("service_programs", programs);
            Map<String, String> lineUsage = new LinkedHashMap<>();
            d.set("usage_details", usageDetails(commodity, lineUsage));
            Map<String, String> costIds = new LinkedHashMap<>();
            d.set("cost_details", costDetails(costIds));
            d.set("line_items", lineItems(lineUsage, costIds));
            d.put("gridx_cancelled", cancelled);
            d.put("gridx_estimated", Boolean.TRUE.equals(bill.isEstimate()));
            d.put("gridx_bill_month", period);
            return new SectionRow(billId, cdsId, statementId, contract.cdsAccountId, contract.cdsId,
                    customerId(contract.client, contract.c), contract.c.entityId(), contract.c.contractId(), start,
                    end, cancelled, t, d);
        }

        private List<String> meters() {
            Set<String> out = new java.util.TreeSet<>();
            if (contract.c.meterAccountId() == null) {
                return List.of();
            }
            for (Fact<MeterAccountMeterPayload> f : contract.facts.meters()) {
                MeterAccountMeterPayload m = f.payload();
                if (!contract.c.meterAccountId().equals(m.meterAccountId()) || m.meterId() == null) {
                    continue;
                }
                LocalDate installed = localDate(m.meterInstallDate());
                LocalDate removed = localDate(m.meterRemovalDate());
                boolean overlaps = (installed == null || !installed.isAfter(end))
                        && (removed == null || !removed.isBefore(start));
                if (overlaps) {
                    out.add(ids.id(CdsIdKind.METER_DEVICE, contract.client, m.meterId()));
                    times.add(f);
                }
            }
            return List.copyOf(out);
        }

        private ArrayNode usageDetails(String commodity, Map<String, String> lineUsage) {
            ArrayNode out = JSON.arrayNode();
            String unit = COMMODITY_UNITS.getOrDefault(commodity, "kWh");
            String usageType = commodity + "_usage";
            if (bill.totalBillUsageValue() != null) {
                ObjectNode o = out.addObject();
                o.put("id", Docs.subId(cdsId, "usage", "total"));
                o.put("name", "Total " + unit);
                List<String> types = new ArrayList<>(List.of(usageType));
                if (Boolean.TRUE.equals(bill.isEstimate())) {
                    types.add("estimated");
                }
                o.set("types", Docs.strings(types));
                o.put("value", bill.totalBillUsageValue());
                o.put("units", unit);
                Docs.date(o, "start_date", start);
                Docs.date(o, "end_date", end);
            }
            for (BillDetailPayload l : lines) {
                String lineUnit = unit(l.billLineItemUnit());
                if (lineUnit == null || l.billLineItemQuantity() == null
                        || !(USAGE_UNITS.contains(lineUnit) || DEMAND_UNITS.contains(lineUnit))) {
                    continue;
                }
                ObjectNode o = out.addObject();
                String id = Docs.subId(cdsId, "usage", lineKey(l));
                lineUsage.put(lineKey(l), id);
                o.put("id", id);
                o.put("name", l.billLineItemDescription() == null ? l.billLineItemCode()
                        : l.billLineItemDescription());
                List<String> types = new ArrayList<>();
                ObjectNode extra = Docs.object();
                if (DEMAND_UNITS.contains(lineUnit)) {
                    types.add("electric_demand");
                    extra.put("demand_type", "peak");
                } else {
                    types.add(usageType);
                }
                qualifiers(l, types, extra);
                o.set("types", Docs.strings(types));
                o.put("value", l.billLineItemQuantity());
                o.put("units", lineUnit);
                Docs.date(o, "start_date", l.billLineItemStartDate() != null ? l.billLineItemStartDate() : start);
                Docs.date(o, "end_date", l.billLineItemEndDate() != null ? l.billLineItemEndDate() : end);
                o.setAll(extra);
            }
            return out;
        }

        private void qualifiers(BillDetailPayload l, List<String> types, ObjectNode extra) {
            String period = upper(l.billLineItemField3());
            if (period != null) {
                String tou = switch (period) {
                    case "ON_PEAK", "PEAK" -> "peak";
                    case "OFF_PEAK" -> "off_peak";
                    case "PARTIAL_PEAK", "SHOULDER", "MID_PEAK" -> "partial_peak";
                    case "SUPER_PEAK" -> "super_peak";
                    case "SUPER_OFF_PEAK" -> "super_off_peak";
                    default -> null;
                };
                if (tou != null) {
                    types.add("time_of_use");
                    extra.put("tou", tou);
                } else if (period.matches("TIER_?[1-9]")) {
                    types.add("tiered");
                    extra.put("tier", "tier_" + period.charAt(period.length() - 1));
                } else if (period.equals("BASELINE")) {
                    types.add("tiered");
                    extra.put("tier", "baseline");
                }
            }
            String season = upper(l.billLineItemField2());
            if (season != null && Set.of("SPRING", "SUMMER", "FALL", "WINTER").contains(season)) {
                types.add("seasonal");
                extra.put("season", season.toLowerCase(Locale.ROOT));
            }
            if ("NEM".equals(upper(l.billLineItemField1()))) {
                types.add("directional");
                extra.put("direction", "reverse");
            }
        }

        private ArrayNode costDetails(Map<String, String> costIds) {
            ArrayNode out = JSON.arrayNode();
            ObjectNode total = out.addObject();
            String totalId = Docs.subId(cdsId, "cost", "total");
            costIds.put("", totalId);
            total.put("id", totalId);
            total.put("name", "Total charges");
            total.set("types", Docs.strings(List.of("overall_total")));
            total.put("cost", bill.totalBillAmount() == null ? BigDecimal.ZERO : bill.totalBillAmount());
            Map<String, BigDecimal> sums = new LinkedHashMap<>();
            for (BillDetailPayload l : lines) {
                if (l.billLineItemAmount() != null) {
                    sums.merge(sectionOf(l), l.billLineItemAmount(), BigDecimal::add);
                }
            }
            sums.forEach((section, sum) -> {
                MappingSettings.LineSection def = lineSection(section);
                ObjectNode o = out.addObject();
                String id = Docs.subId(cdsId, "cost", section);
                costIds.put(section, id);
                o.put("id", id);
                o.put("name", def.name());
                List<String> types = new ArrayList<>(List.of("subtotal"));
                types.addAll(def.costTypes());
                o.set("types", Docs.strings(types));
                o.put("cost", sum);
            });
            return out;
        }

        private ArrayNode lineItems(Map<String, String> lineUsage, Map<String, String> costIds) {
            ArrayNode out = JSON.arrayNode();
            for (BillDetailPayload l : lines) {
                ObjectNode o = out.addObject();
                o.put("id", Docs.subId(cdsId, "line", lineKey(l)));
                o.put("name", l.billLineItemDescription() == null ? l.billLineItemCode()
                        : l.billLineItemDescription());
                o.set("types", Docs.strings(lineSection(sectionOf(l)).lineTypes()));
                Docs.date(o, "start_date", l.billLineItemStartDate() != null ? l.billLineItemStartDate() : start);
                Docs.date(o, "end_date", l.billLineItemEndDate() != null ? l.billLineItemEndDate() : end);
                o.put("cost", l.billLineItemAmount() == null ? BigDecimal.ZERO : l.billLineItemAmount());
                String u = unit(l.billLineItemUnit());
                if (u != null && l.billLineItemQuantity() != null) {
                    o.put("value", l.billLineItemQuantity());
                    o.put("units", u);
                } else {
                    o.putNull("value");
                }
                if (l.billLineItemPrice() == null) {
                    o.putNull("rate");
                } else {
                    o.put("rate", l.billLineItemPrice());
                }
                String usage = lineUsage.get(lineKey(l));
                o.set("related_usage_details", Docs.strings(usage == null ? List.of() : List.of(usage)));
                o.set("related_cost_details", Docs.strings(List.of(costIds.get(sectionOf(l)), costIds.get(""))));
                if (l.billLineItemCode() != null) {
                    o.put("gridx_line_item_code", l.billLineItemCode());
                }
            }
            return out;
        }

        LocalDate localDate(OffsetDateTime t) {
            return t == null ? null : t.toLocalDate();
        }
    }

    private static String sectionOf(BillDetailPayload l) {
        String s = upper(l.billLineItemField1());
        return s == null ? "OTHER" : s;
    }

    private MappingSettings.LineSection lineSection(String section) {
        MappingSettings.LineSection def = settings.lineSections().get(section);
        if (def != null) {
            return def;
        }
        String name = section.charAt(0) + section.substring(1).toLowerCase(Locale.ROOT).replace('_', ' ');
        return new MappingSettings.LineSection(name + " charges", List.of("other"), List.of("other"));
    }

    private static String lineKey(BillDetailPayload l) {
        return String.join("|", Objects.toString(l.billLineItemCode(), ""),
                Objects.toString(l.billLineItemStartDate(), ""), Objects.toString(l.billLineItemEndDate(), ""),
                Objects.toString(l.billLineItemField1(), ""), Objects.toString(l.billLineItemField2(), ""),
                Objects.toString(l.billLineItemField3(), ""));
    }

    private static String unit(String raw) {
        if (raw == null) {
            return null;
        }
        String t = raw.trim();
        for (String u : UNITS) {
            if (u.equals(t)) {
                return u;
            }
        }
        for (String u : UNITS) {
            if (u.equalsIgnoreCase(t)) {
                return u;
            }
        }
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "day" -> "days";
            case "therms" -> "therm";
            case "kwh" -> "kWh";
            default -> null;
        };
    }

    private List<SectionView> sectionsOf(ContractView c, AccountFacts facts) {
        Map<String, List<Fact<BillPayload>>> rows = new TreeMap<>();
        for (Fact<BillPayload> f : facts.bills()) {
            if (c.c.contractId().equals(f.payload().contractId())) {
                rows.computeIfAbsent(f.payload().billId(), k -> new ArrayList<>()).add(f);
            }
        }
        Map<String, List<Fact<BillDetailPayload>>> lines = new LinkedHashMap<>();
        for (Fact<BillDetailPayload> f : facts.lines()) {
            lines.computeIfAbsent(f.payload().billId(), k -> new ArrayList<>()).add(f);
        }
        List<SectionView> out = new ArrayList<>();
        rows.forEach((billId, r) -> out.add(new SectionView(c, billId, r, lines.getOrDefault(billId, List.of()))));
        return out;
    }

    private StatementRow statement(AccountView account, String period, List<SectionView> sections) {
        Times0 times = new Times0();
        LocalDate first = null;
        LocalDate last = null;
        for (SectionView s : sections) {
            Times t = s.times.times();
            times.created = times.created == null || t.created().isBefore(times.created) ? t.created()
                    : times.created;
            times.add(s.times);
            first = first == null || s.start.isBefore(first) ? s.start : first;
            last = last == null || s.end.isAfter(last) ? s.end : last;
        }
        String id = sections.get(0).statementId;
        LocalDate statementDate = last.plusDays(settings.issueLagDays());
        List<String> programNumbers = new ArrayList<>();
        ArrayNode programs = programsJson(account.cdsId, account.participations, "account", first, last,
                account.today, times, programNumbers);
        ArrayNode charges = JSON.arrayNode();
        BigDecimal total = BigDecimal.ZERO;
        for (SectionView s : sections.stream().sorted(Comparator.comparing((SectionView v) -> v.contract.c.contractId())
                .thenComparing(v -> v.billId)).toList()) {
            if (s.cancelled) {
                continue;
            }
            BigDecimal amount = s.bill.totalBillAmount() == null ? BigDecimal.ZERO : s.bill.totalBillAmount();
            String commodity = s.commodity();
            ObjectNode o = charges.addObject();
            o.put("id", Docs.subId(id, "charge", s.cdsId));
            o.put("name", COMMODITY_NAMES.getOrDefault(commodity, "Service") + " Service Charges");
            o.set("types", Docs.strings(List.of(COMMODITIES.contains(commodity) ? commodity + "_total" : "adhoc")));
            o.put("amount", amount);
            o.put("included_in_amount_due", true);
            o.set("related_billsections", Docs.strings(List.of(s.cdsId)));
            total = total.add(amount);
        }
        Times t = times.times();
        ObjectNode d = Docs.object();
        d.put("cds_billstatement_id", id);
        Docs.instant(d, "cds_created", t.created());
        Docs.instant(d, "cds_modified", t.modified());
        Docs.instant(d, "cds_synced", t.synced());
        d.put("cds_account_id", account.cdsId);
        d.put("account_number", account.entityId);
        Docs.date(d, "statement_date", statementDate);
        d.put("currency", settings.currency());
        d.putNull("file_uri");
        d.put("new_charges_amount", total);
        d.set("new_charges", charges);
        d.put("amount_due", total);
        Docs.date(d, "amount_due_date", statementDate.plusDays(settings.dueDays()));
        d.putNull("shutoff_prevention_minimum_due");
        d.putNull("shutoff_prevention_date");
        d.set("account_programs", programs);
        d.put("gridx_bill_month", period);
        return new StatementRow(period, id, account.cdsId, customerId(account.client, account.primary.c),
                account.entityId, statementDate, t, d);
    }

    // ---------------------------------------------------------------- text helpers

    private static boolean isTrue(String v) {
        return Set.of("y", "yes", "true", "1").contains(v.trim().toLowerCase(Locale.ROOT));
    }

    private static String upper(String s) {
        return s == null || s.isBlank() ? null : s.trim().toUpperCase(Locale.ROOT);
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    /** Visible for tests: the JSON of a node as text. */
    static String text(JsonNode n) {
        return n.toString();
    }
}
