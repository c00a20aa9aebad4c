package org.lfenergy.cds.usage.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.DateWindows;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.usage.support.Filters;
import org.lfenergy.cds.contracts.id.CdsIdKind;
import org.lfenergy.cds.contracts.id.CdsIds;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.format.record.BillDeterminantsRecord;
import org.lfenergy.cds.gridx.format.record.CustomerAttributeRecord;
import org.lfenergy.cds.gridx.format.record.CustomerRecord;
import org.lfenergy.cds.gridx.format.record.IntervalRecord;
import org.lfenergy.cds.gridx.format.record.MeterAccountMeterRecord;
import org.lfenergy.cds.gridx.format.record.NetworkRecord;
import org.lfenergy.cds.gridx.format.record.RegisterRecord;
import org.lfenergy.cds.gridx.generator.GeneratorConfig;
import org.lfenergy.cds.gridx.generator.plan.Scenario;
import org.lfenergy.cds.testing.GeneratedGridxFiles;
import org.lfenergy.cds.testing.RealInfrastructure;
import org.lfenergy.cds.testing.TestDirectories;

/**
 * The Done-when of issue 5: after the generated data set (libs/gridx-generator, the seven scenario customers over
 * 2024-01-01 + 310 days at 15 minutes) is published exactly as ingest-service publishes it, every usage endpoint
 * returns what this test computes from the parsed source files (gridx-format records), never from the service's
 * tables: service points, meter devices (with the meter swap), every interval day of every meter account value by
 * value (both DST days, the net-metered customer's forward/reverse/net, estimated reads, the missing interval),
 * register reads, billed periods, and the community-solar network's aggregated day. Each customer is read through
 * its own grant (customer coverage), so other data on the shared topics never interferes.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "usage"))
class GeneratedDataSetUsageApiTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final LocalDate START = LocalDate.of(2024, 1, 1);
    private static final int DAYS = 310; // through 2024-11-05: both DST changes and every scenario event
    /** docs/usage-mapping.md §5.2: channel → (format id, sign). */
    private static final Map<String, String> FORMAT = Map.of("KWH_DEL", "electric_usage_forward", "KWH_REC",
            "electric_usage_reverse", "THERM_DEL", "natural_gas_usage");
    private static final Map<String, String> KEY = Map.of("KWH_DEL", "eu", "KWH_REC", "eu", "THERM_DEL", "gu");
    private static final Map<String, String> QUALITY = Map.of("A", "revenue", "E", "estimated");
    private static final List<String> PERSONS = List.of(Scenario.MARIA, Scenario.JAMES, Scenario.LINH,
            Scenario.ROBERT, Scenario.SUNFIELD, Scenario.BAYVIEW, Scenario.EMILY);

    private static Path dir;
    private static GeneratedGridxFiles data;
    private static Throwable failure;

    @Inject
    CdsIds ids;

    @Inject
    @io.smallrye.common.annotation.Identifier("usage-assignments")
    org.lfenergy.cds.usage.messaging.TopicAssignments assignments;

    @BeforeEach
    void publishOnce() throws Exception {
        synchronized (GeneratedDataSetUsageApiTest.class) {
            if (failure != null) {
                throw new IllegalStateException("publication failed earlier", failure);
            }
            if (data != null) {
                return;
            }
            try {
                // Each run consumes with its own group id from the earliest offset (application.properties), so
                // nothing published is missed; waiting until every consumed partition is assigned to this instance
                // keeps the storage wait below about this data set, not about a group rebalance on a loaded broker.
                Set<String> topics = TestDirectories.consumedTopics();
                org.lfenergy.cds.usage.support.KafkaEvents.ensureTopics();
                Map<String, Integer> partitions = org.lfenergy.cds.usage.support.KafkaEvents.partitions(
                        new ArrayList<>(topics));
                Awaitility.await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1)).until(() -> org.lfenergy.cds.usage.support.KafkaEvents.settled(assignments, partitions));
                dir = Files.createTempDirectory("usage-generated-");
                GeneratedGridxFiles files = new GeneratedGridxFiles(GeneratorConfig.builder(dir)
                        .client("GEN" + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999)).persons(0)
                        .startDate(START).days(DAYS).zone(LA).intervalMinutes(15).build());
                files.publish(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), topics);
                data = files;
                // each meter account's rows arrive in file order on one partition of each topic: once its last
                // interval day is complete, its last register day and its last billed period (with its bill
                // sections) are there, everything before is stored
                Map<String, Expected> expected = expected();
                Awaitility.await().atMost(Duration.ofSeconds(900)).pollInterval(Duration.ofSeconds(5))
                        .untilAsserted(() -> {
                            for (String person : PERSONS) {
                                assertLastRowsStored(person, expected.get(person));
                            }
                        });
            } catch (Exception | AssertionError e) {
                failure = e;
                throw e;
            }
        }
    }

    /** The last interval day, register-only day and billed period of each of the person's meter accounts. */
    private void assertLastRowsStored(String person, Expected e) {
        Map<String, Day> lastDays = new TreeMap<>();
        e.days.forEach((key, d) -> lastDays.merge(key.substring(0, key.indexOf('|')) + "|" + (d.slots() > 1), d,
                (a, b) -> a.start().isAfter(b.start()) ? a : b));
        for (Map.Entry<String, Day> last : lastDays.entrySet()) {
            Day d = last.getValue();
            String ma = last.getKey().substring(0, last.getKey().indexOf('|'));
            String contract = id(CdsIdKind.SERVICE_CONTRACT, e.contractOfMeterAccount.get(ma).contractId());
            JsonNode found = null;
            // the meter account's own day: the same listing also holds the day of every aggregation the customer
            // is a member of (same start and interval, related to the aggregation only)
            for (JsonNode s : segments(person, "after", d.start().plusSeconds(1).toString(), "before",
                    d.start().toString())) {
                if (Instant.parse(s.get("segment_start").asText()).equals(d.start())
                        && s.get("interval").asInt() == d.interval() && !isAggregationSegment(s)
                        && texts(s.get("related_servicecontracts")).contains(contract)) {
                    assertThat(found).as(person + " " + last.getKey() + ": one segment").isNull();
                    found = s;
                }
            }
            assertThat(found).as(person + " " + last.getKey()).isNotNull();
            int measured = 0; // interval formats; register reads sit in the first slot of a day only
            for (int k = 0; k < found.get("formats").size(); k++) {
                if (!found.get("formats").get(k).get("type").asText().equals("meter_readings")) {
                    assertThat(found.get("values").get(d.slots() - 1).get(k).isNull())
                            .as(person + " " + last.getKey()).isFalse();
                    measured++;
                }
            }
            assertThat(measured).as(person + " " + last.getKey()).isEqualTo(d.slots() > 1
                    ? d.channels().size() + (d.channels().containsKey("KWH_REC") ? 1 : 0) : 0);
            assertThat(found.get("formats").size() - measured).isEqualTo(d.registers().size());
        }
        Map<String, String> lastPeriods = new TreeMap<>();
        e.billed.keySet().forEach(k -> lastPeriods.merge(k.substring(0, k.indexOf('|')), k,
                (a, b) -> a.compareTo(b) > 0 ? a : b));
        for (String period : lastPeriods.values()) {
            String[] p = period.split("\\|");
            boolean present = false;
            for (JsonNode s : segments(person, "after", p[2], "before", p[1])) {
                present |= Instant.parse(s.get("segment_start").asText()).equals(Instant.parse(p[1]))
                        && Instant.parse(s.get("segment_end").asText()).equals(Instant.parse(p[2]))
                        && s.get("related_billsections").size() == e.sections.get(period).size();
            }
            assertThat(present).as(person + " billed " + period).isTrue();
        }
    }

    @AfterAll
    static void deleteFiles() throws IOException {
        TestDirectories.deleteTree(dir);
    }

    // ------------------------------------------------------------------ tests

    @Test
    void theSourceHoldsEveryScenarioFeatureTheComparisonCovers() {
        Map<String, Expected> e = expected();
        Day springNem = e.get(Scenario.JAMES).days.get(dayKey(Scenario.NEM_METER_ACCOUNT, LocalDate.of(2024, 3, 10), 900));
        Day fallNem = e.get(Scenario.JAMES).days.get(dayKey(Scenario.NEM_METER_ACCOUNT, LocalDate.of(2024, 11, 3), 900));
        assertThat(springNem.slots()).isEqualTo(92);
        assertThat(fallNem.slots()).isEqualTo(100);
        assertThat(springNem.channels.keySet()).containsExactly("KWH_DEL", "KWH_REC");
        assertThat(fallNem.channels.get("KWH_REC").values).doesNotContainNull();
        Day swap = e.get(Scenario.MARIA).days.get(dayKey(Scenario.SWAP_METER_ACCOUNT, LocalDate.of(2024, 6, 11), 900));
        assertThat(swap.meters).containsExactlyInAnyOrder(Scenario.SWAP_OLD_METER, Scenario.SWAP_NEW_METER);
        Day estimated = e.get(Scenario.MARIA).days.get(dayKey(Scenario.SWAP_METER_ACCOUNT, LocalDate.of(2024, 7, 9), 900));
        assertThat(java.util.Arrays.asList(estimated.channels.get("KWH_DEL").versions)).filteredOn("E"::equals).hasSize(8);
        Day missing = e.get(Scenario.LINH).days.get(dayKey("5000004", LocalDate.of(2024, 5, 20), 900));
        assertThat(java.util.Arrays.asList(missing.channels.get("KWH_DEL").values)).filteredOn(v -> v == null).hasSize(1);
        assertThat(missing.channels.get("KWH_DEL").values[13 * 4 + 1]).isNull(); // 13:15
        Day gas = e.get(Scenario.MARIA).days.get(dayKey("5000002", LocalDate.of(2024, 11, 3), 3600));
        assertThat(gas.slots()).isEqualTo(25);
        assertThat(data.rowsPublished.values().stream().mapToLong(Long::longValue).sum()).isPositive();
    }

    @Test
    void everyIntervalDayOfEveryCustomerEqualsTheSourceRowsValueByValue() {
        Map<String, Expected> expected = expected();
        int compared = 0;
        for (String person : PERSONS) {
            Expected e = expected.get(person);
            Map<String, JsonNode> served = new TreeMap<>();
            Set<String> aggregationsSeen = new TreeSet<>();
            for (JsonNode s : allSegments(person)) {
                if (isAggregationSegment(s)) {
                    // a day of an aggregation the customer belongs to: summed over its members (see the community
                    // solar test), it must name no member's account, contract, service point or meter
                    assertThat(texts(s.get("related_accounts"))).as(person).isEmpty();
                    assertThat(texts(s.get("related_servicecontracts"))).as(person).isEmpty();
                    assertThat(texts(s.get("related_servicepoints"))).as(person).isEmpty();
                    assertThat(texts(s.get("related_meterdevices"))).as(person).isEmpty();
                    aggregationsSeen.addAll(texts(s.get("related_aggregations")));
                    continue;
                }
                if (isBilledPeriod(s)) {
                    continue; // billed periods: see the determinants test
                }
                String ma = e.meterAccountOf.get(s.get("related_servicecontracts").get(0).asText());
                Instant start = Instant.parse(s.get("segment_start").asText());
                served.put(dayKey(ma, LocalDate.ofInstant(start, LA), s.get("interval").asInt()), s);
            }
            assertThat(served.keySet()).as(person).containsExactlyInAnyOrderElementsOf(e.days.keySet());
            if (networkMembers().contains(person)) {
                assertThat(aggregationsSeen).as(person).contains(ids.compositeId(CdsIdKind.AGGREGATION, data.client,
                        "network", Scenario.NETWORK_ID));
            }
            for (Map.Entry<String, Day> d : e.days.entrySet()) {
                assertDay(person + " " + d.getKey(), d.getValue(), served.get(d.getKey()));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(7 * 300);
    }

    @Test
    void billedPeriodsCarryExactlyTheDeterminantsOfTheSourceAndTheirBillSections() {
        Map<String, Expected> expected = expected();
        Map<String, Set<String>> sectionsOf = new TreeMap<>();
        expected.values().forEach(e -> sectionsOf.putAll(e.sections));
        int linked = 0;
        for (String person : PERSONS) {
            Expected e = expected.get(person);
            Map<String, List<BigDecimal>> served = new TreeMap<>();
            for (JsonNode s : allSegments(person)) {
                if (isBilledPeriod(s)) {
                    String ma = e.meterAccountOf.get(s.get("related_servicecontracts").get(0).asText());
                    List<BigDecimal> values = new ArrayList<>();
                    s.get("values").get(0).forEach(v -> v.fields().forEachRemaining(f -> values.add(f.getValue()
                            .decimalValue())));
                    values.sort(null);
                    assertThat(s.get("formats").size()).isEqualTo(values.size());
                    String key = ma + "|" + Instant.parse(s.get("segment_start").asText()) + "|"
                            + Instant.parse(s.get("segment_end").asText());
                    served.put(key, values);
                    assertThat(new TreeSet<>(texts(s.get("related_billsections")))).as(key).isEqualTo(sectionsOf.get(key));
                    linked += sectionsOf.get(key).size();
                }
            }
            assertThat(served).as(person).isEqualTo(e.billed);
        }
        assertThat(linked).isGreaterThan(7 * 5);
        // the cancel/rebill period relates to both sections (the cancelled bill and its rebill)
        assertThat(sectionsOf.values()).anyMatch(v -> v.size() == 2);
    }

    @Test
    void servicePointsAndMeterDevicesFollowTheCustomerAndMeterFiles() {
        Map<String, Expected> expected = expected();
        Map<String, String> attr = new HashMap<>();
        for (CustomerAttributeRecord a : data.records(GridxFileType.CUSTOMERATTRIBUTE, CustomerAttributeRecord.class)) {
            if (a.endDate() == null) {
                attr.put(a.idType() + "|" + a.id() + "|" + a.key(), a.value());
            }
        }
        for (String person : PERSONS) {
            Expected e = expected.get(person);
            Map<String, JsonNode> points = new TreeMap<>();
            list("/cds/v1/service-points", "service_points", filter(person))
                    .forEach(p -> points.put(p.get("servicepoint_number").asText(), p));
            Set<String> expectedPoints = new TreeSet<>();
            for (CustomerRecord c : e.contracts) {
                expectedPoints.add(c.servicePointId());
                JsonNode p = points.get(c.servicePointId());
                assertThat(p).as(c.servicePointId()).isNotNull();
                assertThat(p.get("cds_servicepoint_id").asText()).isEqualTo(id(CdsIdKind.SERVICE_POINT, c.servicePointId()));
                String pm = c.premiseId();
                assertThat(p.get("servicepoint_address").asText()).isEqualTo(attr.get("PM|" + pm + "|service_address")
                        + "\n" + attr.get("PM|" + pm + "|city") + ", " + attr.get("PM|" + pm + "|state") + " "
                        + attr.get("PM|" + pm + "|zip"));
                assertThat(p.get("latitude").decimalValue()).isEqualTo(new BigDecimal(attr.get("SP|" + c.servicePointId() + "|latitude")));
                assertThat(p.get("longitude").decimalValue()).isEqualTo(new BigDecimal(attr.get("SP|" + c.servicePointId() + "|longitude")));
                assertThat(p.get("premises").get(0).get("premise_number").asText()).isEqualTo(pm);
                boolean current = c.contractEndDate() == null || c.contractEndDate().toInstant().isAfter(Instant.now());
                assertThat(texts(p.get(current ? "current_servicecontracts" : "previous_servicecontracts")))
                        .as(c.contractId()).contains(id(CdsIdKind.SERVICE_CONTRACT, c.contractId()));
            }
            assertThat(points.keySet()).as(person).isEqualTo(expectedPoints);

            Map<String, JsonNode> meters = new TreeMap<>();
            list("/cds/v1/meter-devices", "meter_devices", filter(person))
                    .forEach(m -> meters.put(m.get("meter_number").asText(), m));
            Set<String> expectedMeters = new TreeSet<>();
            for (MeterAccountMeterRecord r : data.records(GridxFileType.METERACCOUNTMETER, MeterAccountMeterRecord.class)) {
                CustomerRecord c = e.contractOfMeterAccount.get(r.meteraccountId());
                if (c == null) {
                    continue;
                }
                expectedMeters.add(r.meterId());
                JsonNode m = meters.get(r.meterId());
                assertThat(m).as(r.meterId()).isNotNull();
                assertThat(m.get("cds_meterdevice_id").asText()).isEqualTo(id(CdsIdKind.METER_DEVICE, r.meterId()));
                boolean installed = r.meterRemovalDate() == null || r.meterRemovalDate().toInstant().isAfter(Instant.now());
                assertThat(texts(m.get(installed ? "current_servicepoints" : "previous_servicepoints"))).as(r.meterId())
                        .containsExactly(id(CdsIdKind.SERVICE_POINT, c.servicePointId()));
                assertThat(texts(m.get(installed ? "previous_servicepoints" : "current_servicepoints"))).isEmpty();
            }
            assertThat(meters.keySet()).as(person).isEqualTo(expectedMeters);
        }
        // the swap: the old meter is previous, the new one current, at the same service point
        assertThat(expected.get(Scenario.MARIA).contractOfMeterAccount).containsKey(Scenario.SWAP_METER_ACCOUNT);
    }

    @Test
    void theCommunitySolarNetworksAggregatedDayEqualsItsMembersSums() {
        LocalDate day = LocalDate.of(2024, 3, 10);
        Set<String> memberMeterAccounts = new TreeSet<>();
        Map<String, String> personOf = new HashMap<>();
        List<CustomerRecord> customers = data.records(GridxFileType.CUSTOMER, CustomerRecord.class);
        for (NetworkRecord n : data.records(GridxFileType.NETWORK, NetworkRecord.class)) {
            for (CustomerRecord c : customers) {
                boolean inForce = (n.memberStartDate() == null || !n.memberStartDate().isAfter(day))
                        && (n.memberEndDate() == null || !n.memberEndDate().isBefore(day));
                if (n.networkId().equals(Scenario.NETWORK_ID) && inForce && (c.contractId().equals(n.memberId())
                        || c.meterAccountId().equals(n.memberId()))) {
                    memberMeterAccounts.add(c.meterAccountId());
                    personOf.put(c.meterAccountId(), c.personId());
                }
            }
        }
        assertThat(memberMeterAccounts).hasSizeGreaterThanOrEqualTo(3);
        // per channel and slot: each customer's sum (CDS sign: reverse negative)
        Instant dayStart = day.atStartOfDay(LA).toInstant();
        int slots = 92;
        Map<String, List<Map<String, BigDecimal>>> perCustomer = new TreeMap<>();
        Map<String, List<Boolean>> estimated = new TreeMap<>();
        for (IntervalRecord r : data.records(GridxFileType.INTERVAL, IntervalRecord.class)) {
            Instant t = r.datetimeOfInterval().toInstant();
            if (!memberMeterAccounts.contains(r.meterAccountId()) || !LocalDate.ofInstant(t, LA).equals(day)
                    || r.intervalFrequency() != 15) {
                continue;
            }
            int slot = (int) ((t.getEpochSecond() - dayStart.getEpochSecond()) / 900);
            List<Map<String, BigDecimal>> bySlot = perCustomer.computeIfAbsent(r.channel(), ch -> {
                List<Map<String, BigDecimal>> l = new ArrayList<>();
                for (int i = 0; i < slots; i++) {
                    l.add(new HashMap<>());
                }
                return l;
            });
            bySlot.get(slot).merge(personOf.get(r.meterAccountId()), r.usageValue(), BigDecimal::add);
            estimated.computeIfAbsent(r.channel(), ch -> new ArrayList<>(java.util.Collections.nCopies(slots, false)))
                    .set(slot, estimated.get(r.channel()).get(slot) || "E".equals(r.dataVersion()));
        }
        String aggId = ids.compositeId(CdsIdKind.AGGREGATION, data.client, "network", Scenario.NETWORK_ID);
        String f = Filters.sign(Filters.filter(data.client, new Coverage(null, null, null, null, null,
                IdSelection.ofIds(List.of(aggId))), EnumSet.of(IncludeField.USAGE_SEGMENTS,
                IncludeField.USAGE_SEGMENT_VALUE_TYPES), List.of(), DateWindows.UNBOUNDED, null));
        JsonNode segs = body(given().header(AccessFilter.HEADER, f).queryParam("cds_usagesegment_ids",
                aggId + ".2024-03-10.900").get("/cds/v1/usage-segments")).get("usage_segments");
        assertThat(segs.size()).isOne();
        JsonNode seg = segs.get(0);
        assertThat(texts(seg.get("related_aggregations"))).containsExactly(aggId);
        assertThat(seg.get("values").size()).isEqualTo(slots);
        int min = ConfigProvider.getConfig().getValue("usage.aggregations.min-members", Integer.class);
        BigDecimal share = ConfigProvider.getConfig().getValue("usage.aggregations.max-member-share", BigDecimal.class);
        List<String> channels = new ArrayList<>(perCustomer.keySet());
        channels.sort(null);
        for (int k = 0; k < channels.size(); k++) {
            String ch = channels.get(k);
            JsonNode format = seg.get("formats").get(k);
            assertThat(format.get("id").asText()).isEqualTo(FORMAT.get(ch));
            for (int i = 0; i < slots; i++) {
                Map<String, BigDecimal> values = perCustomer.get(ch).get(i);
                BigDecimal sum = values.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal largest = values.values().stream().map(BigDecimal::abs).max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
                BigDecimal magnitude = values.values().stream().map(BigDecimal::abs).reduce(BigDecimal.ZERO, BigDecimal::add);
                boolean hidden = values.size() < min || (magnitude.signum() > 0 && largest.compareTo(share.multiply(magnitude)) > 0);
                JsonNode v = seg.get("values").get(i).get(k);
                if (hidden) {
                    assertThat(v.isNull()).as("%s slot %d", ch, i).isTrue();
                } else {
                    BigDecimal served = v.get("eu").decimalValue();
                    assertThat(served).as("%s slot %d", ch, i).isEqualByComparingTo(ch.equals("KWH_REC") ? sum.negate() : sum);
                    String q = format.has("quality") ? format.get("quality").asText() : v.get("gridx_quality").asText();
                    assertThat(q).isEqualTo(estimated.get(ch).get(i) ? "estimated" : "calculated");
                }
            }
        }
    }

    /** A day of an aggregation (related to the aggregation, not to a contract). */
    private static boolean isAggregationSegment(JsonNode s) {
        return !s.get("related_aggregations").isEmpty();
    }

    /** A billed period of a contract: one value set over more than any local day (a register-only day is 23-25 h). */
    private static boolean isBilledPeriod(JsonNode s) {
        return !isAggregationSegment(s) && s.get("values").size() == 1 && s.get("interval").asLong() > 25 * 3600;
    }

    /** The persons whose contract or meter account is a member of the community-solar network (NETWORK file). */
    private static Set<String> networkMembers() {
        Set<String> out = new TreeSet<>();
        List<CustomerRecord> customers = data.records(GridxFileType.CUSTOMER, CustomerRecord.class);
        for (NetworkRecord n : data.records(GridxFileType.NETWORK, NetworkRecord.class)) {
            for (CustomerRecord c : customers) {
                if (n.networkId().equals(Scenario.NETWORK_ID) && n.memberEndDate() == null
                        && (c.contractId().equals(n.memberId()) || c.meterAccountId().equals(n.memberId()))) {
                    out.add(c.personId());
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ expectations from the source records

    /** One expected interval day of a meter account. */
    record Day(Instant start, int interval, int slots, Map<String, Channel> channels, Set<String> meters,
               Map<String, String[]> registers) {
    }

    /** One channel's slots. */
    record Channel(BigDecimal[] values, String[] versions) {
    }

    /** What one person's grant must show. */
    static final class Expected {
        final List<CustomerRecord> contracts = new ArrayList<>();
        final Map<String, String> meterAccountOf = new HashMap<>();
        final Map<String, CustomerRecord> contractOfMeterAccount = new HashMap<>();
        final Map<String, Day> days = new TreeMap<>();
        final Map<String, List<BigDecimal>> billed = new TreeMap<>();
        /** Per billed period: the bill sections of the BILLING rows of its meter account and local dates. */
        final Map<String, Set<String>> sections = new TreeMap<>();
    }

    private static Map<String, Expected> cached;

    private Map<String, Expected> expected() {
        if (cached != null) {
            return cached;
        }
        Map<String, Expected> out = new HashMap<>();
        Map<String, Expected> byMeterAccount = new HashMap<>();
        for (CustomerRecord c : data.records(GridxFileType.CUSTOMER, CustomerRecord.class)) {
            Expected e = out.computeIfAbsent(c.personId(), p -> new Expected());
            e.contracts.add(c);
            e.meterAccountOf.put(id(CdsIdKind.SERVICE_CONTRACT, c.contractId()), c.meterAccountId());
            e.contractOfMeterAccount.put(c.meterAccountId(), c);
            byMeterAccount.put(c.meterAccountId(), e);
        }
        for (IntervalRecord r : data.records(GridxFileType.INTERVAL, IntervalRecord.class)) {
            Instant t = r.datetimeOfInterval().toInstant();
            int interval = r.intervalFrequency() * 60;
            Day d = day(byMeterAccount.get(r.meterAccountId()), r.meterAccountId(), t, interval);
            Channel ch = d.channels.computeIfAbsent(r.channel(), k -> new Channel(new BigDecimal[d.slots()],
                    new String[d.slots()]));
            int slot = (int) ((t.getEpochSecond() - d.start().getEpochSecond()) / interval);
            ch.values[slot] = r.usageValue();
            ch.versions[slot] = r.dataVersion();
            d.meters.add(r.meterId());
        }
        for (RegisterRecord r : data.records(GridxFileType.REGISTER, RegisterRecord.class)) {
            Instant t = r.datetimeOfInterval().toInstant();
            Expected e = byMeterAccount.get(r.meterAccountId());
            LocalDate local = LocalDate.ofInstant(t, LA);
            // the read joins the day's interval segment of its meter account, in the slot it starts; a day without
            // intervals is a segment of its own with one value set as long as the day (docs §5.4)
            List<Day> targets = new ArrayList<>();
            for (int interval : List.of(900, 3600)) {
                Day d = e.days.get(dayKey(r.meterAccountId(), local, interval));
                if (d != null) {
                    targets.add(d);
                }
            }
            if (targets.isEmpty()) {
                Instant from = local.atStartOfDay(LA).toInstant();
                int length = (int) (local.plusDays(1).atStartOfDay(LA).toInstant().getEpochSecond() - from.getEpochSecond());
                targets.add(day(e, r.meterAccountId(), from, length));
            }
            for (Day d : targets) {
                int interval = d.interval();
                {
                    String[] reads = d.registers.computeIfAbsent(r.channel() + "|" + r.meterId(), k -> new String[d.slots()]);
                    reads[(int) ((t.getEpochSecond() - d.start().getEpochSecond()) / interval)] = r.usageValue().toPlainString();
                    d.meters.add(r.meterId());
                }
            }
        }
        Map<String, List<BigDecimal>> periods = new HashMap<>();
        for (BillDeterminantsRecord b : data.records(GridxFileType.BILLDETERMINANTS, BillDeterminantsRecord.class)) {
            String key = b.meterAccountId() + "|" + b.startTimeOfInterval().toInstant() + "|"
                    + b.endTimeOfInterval().toInstant();
            periods.computeIfAbsent(key, k -> new ArrayList<>()).add(b.channel().startsWith("KWH_REC")
                    ? b.usageValue().negate() : b.usageValue());
        }
        periods.forEach((k, v) -> {
            v.sort(null);
            byMeterAccount.get(k.substring(0, k.indexOf('|'))).billed.put(k, v);
        });
        List<org.lfenergy.cds.gridx.format.record.BillingRecord> bills = data.records(GridxFileType.BILLING,
                org.lfenergy.cds.gridx.format.record.BillingRecord.class);
        for (BillDeterminantsRecord b : data.records(GridxFileType.BILLDETERMINANTS, BillDeterminantsRecord.class)) {
            String key = b.meterAccountId() + "|" + b.startTimeOfInterval().toInstant() + "|"
                    + b.endTimeOfInterval().toInstant();
            Set<String> sections = byMeterAccount.get(b.meterAccountId()).sections.computeIfAbsent(key, k -> new TreeSet<>());
            for (var bill : bills) {
                if (bill.meterAccountId().equals(b.meterAccountId())
                        && bill.billStartDate().equals(b.startTimeOfInterval().toLocalDate())
                        && bill.billEndDate().equals(b.endTimeOfInterval().toLocalDate())) {
                    sections.add(id(CdsIdKind.BILL_SECTION, bill.billId()));
                }
            }
        }
        cached = out;
        return out;
    }

    private static Day day(Expected e, String ma, Instant t, int interval) {
        LocalDate local = LocalDate.ofInstant(t, LA);
        return e.days.computeIfAbsent(dayKey(ma, local, interval), k -> {
            Instant start = local.atStartOfDay(LA).toInstant();
            Instant end = local.plusDays(1).atStartOfDay(LA).toInstant();
            return new Day(start, interval, (int) ((end.getEpochSecond() - start.getEpochSecond()) / interval),
                    new TreeMap<>(), new LinkedHashSet<>(), new TreeMap<>());
        });
    }

    private static String dayKey(String ma, LocalDate day, int interval) {
        return ma + "|" + day + "|" + interval;
    }

    /** Compares one served segment with the expected day: formats in order, every value and its quality. */
    private void assertDay(String as, Day d, JsonNode s) {
        assertThat(s).as(as).isNotNull();
        assertThat(Instant.parse(s.get("segment_start").asText())).as(as).isEqualTo(d.start());
        assertThat(s.get("values").size()).as(as).isEqualTo(d.slots());
        Set<String> meterIds = new TreeSet<>();
        d.meters.forEach(m -> meterIds.add(id(CdsIdKind.METER_DEVICE, m)));
        assertThat(texts(s.get("related_meterdevices"))).as(as).containsExactlyInAnyOrderElementsOf(meterIds);
        List<String> expectedFormats = new ArrayList<>();
        List<BigDecimal[]> expectedValues = new ArrayList<>();
        List<String[]> expectedQuality = new ArrayList<>();
        for (Map.Entry<String, Channel> c : d.channels.entrySet()) { // channel order
            expectedFormats.add(FORMAT.get(c.getKey()));
            BigDecimal[] v = c.getValue().values.clone();
            String[] q = new String[v.length];
            for (int i = 0; i < v.length; i++) {
                if (v[i] != null) {
                    q[i] = QUALITY.get(c.getValue().versions[i]);
                    v[i] = c.getKey().equals("KWH_REC") ? v[i].negate() : v[i];
                }
            }
            expectedValues.add(v);
            expectedQuality.add(q);
        }
        Channel del = d.channels.get("KWH_DEL");
        Channel rec = d.channels.get("KWH_REC");
        if (del != null && rec != null) {
            expectedFormats.add("electric_usage_net");
            BigDecimal[] v = new BigDecimal[d.slots()];
            String[] q = new String[d.slots()];
            for (int i = 0; i < v.length; i++) {
                if (del.values[i] != null && rec.values[i] != null) {
                    v[i] = del.values[i].subtract(rec.values[i]);
                    String a = QUALITY.get(del.versions[i]);
                    String b = QUALITY.get(rec.versions[i]);
                    q[i] = a.equals(b) ? a : (a.equals("estimated") || b.equals("estimated") ? "estimated" : "calculated");
                }
            }
            expectedValues.add(v);
            expectedQuality.add(q);
        }
        for (Map.Entry<String, String[]> r : d.registers.entrySet()) {
            String[] p = r.getKey().split("\\|");
            expectedFormats.add("meter_readings." + p[0] + "." + id(CdsIdKind.METER_DEVICE, p[1]));
            expectedValues.add(null);
            expectedQuality.add(r.getValue());
        }
        List<String> served = new ArrayList<>();
        s.get("formats").forEach(f -> served.add(f.get("id").asText()));
        assertThat(served).as(as).containsExactlyElementsOf(expectedFormats);
        for (int k = 0; k < expectedFormats.size(); k++) {
            JsonNode format = s.get("formats").get(k);
            String key = expectedValues.get(k) == null ? "r" : (expectedFormats.get(k).startsWith("natural_gas") ? "gu" : "eu");
            for (int i = 0; i < d.slots(); i++) {
                JsonNode v = s.get("values").get(i).get(k);
                String where = as + " " + expectedFormats.get(k) + " slot " + i;
                if (expectedValues.get(k) == null) { // register reads (strings)
                    String read = expectedQuality.get(k)[i];
                    if (read == null) {
                        assertThat(v.isNull()).as(where).isTrue();
                    } else {
                        assertThat(v.get("r").asText()).as(where).isEqualTo(read);
                    }
                    continue;
                }
                BigDecimal e = expectedValues.get(k)[i];
                if (e == null) {
                    assertThat(v.isNull()).as(where).isTrue();
                    continue;
                }
                assertThat(v.get(key).decimalValue()).as(where).isEqualByComparingTo(e);
                String q = format.has("quality") ? format.get("quality").asText() : v.get("gridx_quality").asText();
                assertThat(q).as(where).isEqualTo(expectedQuality.get(k)[i]);
            }
        }
    }

    // ------------------------------------------------------------------ requests

    private String id(CdsIdKind kind, String source) {
        return ids.id(kind, data.client, source);
    }

    /** The customer's own grant: all its accounts, every include field, every value format. */
    private String filter(String person) {
        return Filters.sign(Filters.filter(data.client, new Coverage(id(CdsIdKind.CUSTOMER, person), IdSelection.ALL,
                null, null, null, null), EnumSet.complementOf(EnumSet.of(IncludeField.UNKNOWN)), List.of(),
                DateWindows.UNBOUNDED, null));
    }

    private JsonNode segments(String person, String... params) {
        var req = given().header(AccessFilter.HEADER, filter(person));
        for (int i = 0; i < params.length; i += 2) {
            req = req.queryParam(params[i], params[i + 1]);
        }
        return body(req.get("/cds/v1/usage-segments")).get("usage_segments");
    }

    private List<JsonNode> allSegments(String person) {
        return list("/cds/v1/usage-segments", "usage_segments", filter(person));
    }

    /** Every object of a listing, following next links. */
    private static List<JsonNode> list(String path, String key, String filter) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode page = body(given().header(AccessFilter.HEADER, filter).get(path));
        page.get(key).forEach(out::add);
        while (!page.get("next").isNull()) {
            String next = page.get("next").asText();
            page = body(given().header(AccessFilter.HEADER, filter).urlEncodingEnabled(false)
                    .get(next.substring(next.indexOf("/cds/"))));
            page.get(key).forEach(out::add);
        }
        return out;
    }

    private static JsonNode body(io.restassured.response.Response r) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        try {
            return JSON.readTree(r.asString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
