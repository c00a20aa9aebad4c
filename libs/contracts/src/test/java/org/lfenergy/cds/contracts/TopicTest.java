package org.lfenergy.cds.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lfenergy.cds.contracts.gridx.CustomerAttributePayload;
import org.lfenergy.cds.contracts.gridx.IntervalPayload;
import org.lfenergy.cds.contracts.gridx.MeterAccountMeterPayload;

class TopicTest {

    @Test
    void catalogueHasEveryArchitectureTopic() {
        assertThat(Arrays.stream(Topic.values()).map(Topic::topicName)).containsExactly(
                "gridx.customers.v1", "gridx.meteraccount-meters.v1", "gridx.attributes.v1", "gridx.bills.v1",
                "gridx.bill-details.v1", "gridx.intervals.v1", "gridx.registers.v1", "gridx.bill-determinants.v1",
                "gridx.billing-cycles.v1", "gridx.rate-values.v1", "gridx.events.v1", "gridx.networks.v1",
                "gridx.digests.v1", "gridx.files.v1", "gridx.rejects.v1", "cds.grants.v1");
    }

    @Test
    void entityTopicsAreCompactedAndFactTopicsUseTimeRetention() {
        for (Topic t : new Topic[] {Topic.CUSTOMERS, Topic.ATTRIBUTES, Topic.METERACCOUNT_METERS,
                Topic.BILLING_CYCLES, Topic.RATE_VALUES, Topic.GRANTS}) {
            assertThat(t.cleanupPolicy()).as(t.topicName()).isEqualTo(CleanupPolicy.COMPACT);
            assertThat(t.retention()).isEmpty();
            assertThat(t.configs()).containsEntry("cleanup.policy", "compact").doesNotContainKey("retention.ms");
        }
        for (Topic t : new Topic[] {Topic.INTERVALS, Topic.REGISTERS, Topic.BILLS, Topic.BILL_DETAILS}) {
            assertThat(t.cleanupPolicy()).as(t.topicName()).isEqualTo(CleanupPolicy.DELETE);
            assertThat(t.retention()).isPresent();
        }
        assertThat(Topic.INTERVALS.configs()).containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", Long.toString(Duration.ofDays(7).toMillis()));
    }

    @Test
    void everyGridxFileTypeFeedsExactlyOneTopic() {
        assertThat(Topic.forFileType("INTERVAL")).contains(Topic.INTERVALS);
        assertThat(Topic.forFileType("register")).contains(Topic.REGISTERS);
        assertThat(Topic.forFileType("DAILYDIGEST")).contains(Topic.DIGESTS);
        assertThat(Topic.forFileType("NOPE")).isEmpty();
        assertThat(Arrays.stream(Topic.values()).filter(Topic::isRowTopic)).hasSize(13);
        assertThat(Arrays.stream(Topic.values()).filter(Topic::isRowTopic).map(t -> t.sourceFileType().get()))
                .doesNotHaveDuplicates();
    }

    @Test
    void cloudEventTypesFollowTheNamingScheme() {
        assertThat(Topic.CUSTOMERS.ceType()).isEqualTo("org.lfenergy.cds.gridx.customer.v1");
        assertThat(Topic.METERACCOUNT_METERS.ceType()).isEqualTo("org.lfenergy.cds.gridx.meteraccount-meter.v1");
        assertThat(Topic.FILES.ceType()).isEqualTo("org.lfenergy.cds.gridx.file.v1");
        assertThat(Topic.GRANTS.ceType()).isEqualTo("org.lfenergy.cds.grant.v1");
        assertThat(Arrays.stream(Topic.values()).map(Topic::ceType)).doesNotHaveDuplicates();
    }

    @Test
    void billsAndTheirDetailsAreCoPartitioned() {
        // Same key (client|Contract_ID) and partition count: a bill and its line items land on the same partition.
        assertThat(Topic.BILLS.defaultPartitions()).isEqualTo(Topic.BILL_DETAILS.defaultPartitions());
        assertThat(Topic.BILLS.keyOf(Samples.row("BILLING", 5, Samples.bill())))
                .isEqualTo(Topic.BILL_DETAILS.keyOf(Samples.row("BILLINGDETAIL", 6, Samples.billDetail())));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "CUSTOMERS;DEMO|4000001",
        "METERACCOUNT_METERS;DEMO|5000001|M-9001|2021-03-14T09:30:00-07:00",
        "ATTRIBUTES;DEMO|CT|4000001|rate_code|2021-03-14",
        "BILLS;DEMO|4000001",
        "BILL_DETAILS;DEMO|4000001",
        "INTERVALS;DEMO|ma|5000001",
        "REGISTERS;DEMO|m|M-9001",
        "BILL_DETERMINANTS;DEMO|5000001",
        "BILLING_CYCLES;DEMO|07|2024-01-10",
        "RATE_VALUES;DEMO|E-TOU-C|Summer on-peak energy charge|2024-06-01",
        "EVENTS;DEMO|CPP|HEAT|*|2024-08-15|16:00:00",
        "NETWORKS;DEMO|NEMA|NET-17|contract_id|4000001|5000001|2022-01-01",
        "DIGESTS;DEMO|GRIDX_DEMO_CUSTOMER_20240301120000.csv"})
    void keyOfRowTopicIsTheDocumentedNaturalKey(Topic topic, String expected) {
        assertThat(topic.keyOf(Samples.rowEvents().get(topic))).isEqualTo(expected);
    }

    @Test
    void keyOfNonRowTopics() {
        assertThat(Topic.FILES.keyOf(Samples.fileCompleted())).isEqualTo("f-20240301-dailydigest");
        assertThat(Topic.REJECTS.keyOf(Samples.reject())).isEqualTo("f-20240301-billing");
        assertThat(Topic.GRANTS.keyOf(Samples.grant())).isEqualTo("g-7f3a91");
    }

    @Test
    void keyOfAcceptsClientAndPayloadDirectly() {
        assertThat(Topic.CUSTOMERS.keyOf("DEMO", Samples.customer())).isEqualTo("DEMO|4000001");
    }

    @Test
    void attributeSlicesOfOneIdAndKeyGetDistinctKeysSoCompactionKeepsBoth() {
        var first = new CustomerAttributePayload("CT", "123456789", "rate_code", "GS1",
                java.time.LocalDate.of(2021, 3, 14), java.time.LocalDate.of(2025, 2, 17));
        var second = new CustomerAttributePayload("CT", "123456789", "rate_code", "GS2",
                java.time.LocalDate.of(2025, 2, 17), null);
        assertThat(Topic.ATTRIBUTES.keyOf("DEMO", first)).isNotEqualTo(Topic.ATTRIBUTES.keyOf("DEMO", second));
    }

    @Test
    void meterSwapKeepsBothMetersOfAMeterAccount() {
        var oldMeter = Samples.meterAccountMeter();
        var newMeter = new MeterAccountMeterPayload("5000001", "M-9002", Samples.la(2024, 2, 1, 0, 0), null);
        assertThat(Topic.METERACCOUNT_METERS.keyOf("DEMO", oldMeter))
                .isNotEqualTo(Topic.METERACCOUNT_METERS.keyOf("DEMO", newMeter));
    }

    @Test
    void sameRowIdentityInTwoClientsGetsTwoKeys() {
        assertThat(Topic.CUSTOMERS.keyOf("DEMO", Samples.customer()))
                .isNotEqualTo(Topic.CUSTOMERS.keyOf("OTHER", Samples.customer()));
    }

    @Test
    void intervalWithoutMeterAccountIsKeyedByMeter() {
        IntervalPayload i = Samples.interval();
        IntervalPayload onlyMeter = new IntervalPayload(null, "M-9001", i.usageValue(), i.dateOfInterval(),
                i.datetimeOfInterval(), i.datetimeOfIntervalUtc(), i.channel(), i.timeZone(), 15, "A");
        assertThat(Topic.INTERVALS.keyOf("DEMO", onlyMeter)).isEqualTo("DEMO|m|M-9001");
    }

    @Test
    void intervalWithNeitherIdCannotBeKeyed() {
        IntervalPayload i = Samples.interval();
        IntervalPayload none = new IntervalPayload(null, "", i.usageValue(), i.dateOfInterval(),
                i.datetimeOfInterval(), i.datetimeOfIntervalUtc(), i.channel(), i.timeZone(), 15, "A");
        assertThatThrownBy(() -> Topic.INTERVALS.keyOf("DEMO", none)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyOfRefusesAValueOfAnotherTopic() {
        assertThatThrownBy(() -> Topic.BILLS.keyOf(Samples.row("CUSTOMER", 2, Samples.customer())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BillPayload");
        assertThatThrownBy(() -> Topic.GRANTS.keyOf(Samples.reject()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topicsAreFoundByNameAndPayload() {
        assertThat(Topic.fromTopicName("cds.grants.v1")).contains(Topic.GRANTS);
        assertThat(Topic.fromTopicName("gridx.unknown.v1")).isEmpty();
        assertThat(Topic.forPayload(IntervalPayload.class)).contains(Topic.INTERVALS);
        assertThat(Topic.CUSTOMERS.valueClass()).isEqualTo(RowEvent.class);
        assertThat(Topic.FILES.valueClass()).isEqualTo(org.lfenergy.cds.contracts.ingest.FileLifecycleEvent.class);
        assertThat(Topic.CUSTOMERS.schemaResource()).isEqualTo("schemas/gridx.customers.v1.schema.json");
    }

    @Test
    void everyRowTopicHasASample() {
        Map<Topic, RowEvent<?>> samples = Samples.rowEvents();
        Arrays.stream(Topic.values()).filter(Topic::isRowTopic)
                .forEach(t -> assertThat(samples).containsKey(t));
    }
}
