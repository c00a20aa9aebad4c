package org.lfenergy.cds.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lfenergy.cds.contracts.gridx.BillPayload;
import org.lfenergy.cds.contracts.gridx.CustomerPayload;
import org.lfenergy.cds.contracts.gridx.IntervalPayload;
import org.lfenergy.cds.contracts.grant.GrantEvent;
import org.lfenergy.cds.contracts.grant.GrantStatus;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.contracts.ingest.FileLifecycleEvent;
import org.lfenergy.cds.contracts.ingest.FileStatus;
import org.lfenergy.cds.contracts.ingest.RejectEvent;

class EventCodecTest {

    private final EventCodec codec = EventCodec.shared();

    private JsonNode tree(Object value) throws Exception {
        return codec.mapper().readTree(codec.encode(value));
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void everyTopicValueSurvivesARoundTripUnchanged(Topic topic) {
        Object value = switch (topic) {
            case FILES -> Samples.fileCompleted();
            case REJECTS -> Samples.reject();
            case GRANTS -> Samples.grant();
            default -> Samples.rowEvents().get(topic);
        };
        Object decoded = codec.decode(topic, codec.encode(value));
        assertThat(decoded).isEqualTo(value);
    }

    @Test
    void decimalsAreJsonStringsInPlainNotationWithTheirScale() throws Exception {
        BillPayload bill = new BillPayload("B1", null, "C1", "MA1", null, null, 2024, 2, null, null,
                new BigDecimal("1E+3"), new BigDecimal("187.50"), null, false);
        JsonNode data = tree(Samples.row("BILLING", 2, bill)).get("data");
        assertThat(data.get("total_bill_amount").isTextual()).isTrue();
        assertThat(data.get("total_bill_amount").asText()).isEqualTo("187.50");
        assertThat(data.get("total_bill_usage_value").asText()).isEqualTo("1000");
    }

    @Test
    void decimalScaleIsPreservedOnDecoding() {
        RowEvent<BillPayload> decoded = codec.decodeRow(codec.encode(Samples.row("BILLING", 5, Samples.bill())),
                BillPayload.class);
        assertThat(decoded.data().totalBillAmount()).isEqualTo(new BigDecimal("187.50"));
        assertThat(decoded.data().totalBillAmount().scale()).isEqualTo(2);
        assertThat(decoded.data().totalBillUsageValue().scale()).isEqualTo(3);
    }

    @Test
    void decimalsSentAsJsonNumbersAreReadExactly() {
        String json = "{\"bill_id\":\"B1\",\"contract_id\":\"C1\",\"total_bill_amount\":0.1000000000000000055511}";
        BillPayload bill = codec.decode(json.getBytes(StandardCharsets.UTF_8), BillPayload.class);
        assertThat(bill.totalBillAmount()).isEqualTo(new BigDecimal("0.1000000000000000055511"));
    }

    @Test
    void dateTimesKeepTheirOffsetAndAlwaysCarrySeconds() throws Exception {
        JsonNode data = tree(Samples.row("CUSTOMER", 2, Samples.customer())).get("data");
        assertThat(data.get("contract_start_date").asText()).isEqualTo("2021-03-14T00:00:00-08:00");
        RowEvent<CustomerPayload> decoded = codec.decodeRow(codec.encode(Samples.row("CUSTOMER", 2,
                Samples.customer())), CustomerPayload.class);
        assertThat(decoded.data().contractStartDate().getOffset()).isEqualTo(ZoneOffset.ofHours(-8));
    }

    @Test
    void intervalTimestampIsAlsoPublishedInUtc() throws Exception {
        JsonNode data = tree(Samples.row("INTERVAL", 7, Samples.interval())).get("data");
        assertThat(data.get("datetime_of_interval").asText()).isEqualTo("2024-03-10T01:45:00-08:00");
        assertThat(data.get("datetime_of_interval_utc").asText()).isEqualTo("2024-03-10T09:45:00Z");
        assertThat(data.get("date_of_interval").asText()).isEqualTo("2024-03-10");
        assertThat(data.get("interval_frequency").asInt()).isEqualTo(15);
    }

    @Test
    void fractionalSecondsAreWrittenInMillisecondGroups() {
        String text = IsoFormats.offsetDateTime(OffsetDateTime.parse("2024-03-01T08:00:00.5Z"));
        assertThat(text).isEqualTo("2024-03-01T08:00:00.500Z");
        assertThat(IsoFormats.offsetDateTime(OffsetDateTime.parse("2024-03-01T08:00:00.000123+05:30")))
                .isEqualTo("2024-03-01T08:00:00.000123+05:30");
    }

    @Test
    void envelopeHasClientSourceAndData() throws Exception {
        JsonNode node = tree(Samples.row("CUSTOMER", 12, Samples.customer()));
        assertThat(node.fieldNames()).toIterable().containsExactly("client", "source", "data");
        assertThat(node.get("client").asText()).isEqualTo("DEMO");
        assertThat(node.get("source").get("file_id").asText()).isEqualTo("f-20240301-customer");
        assertThat(node.get("source").get("file_name").asText()).isEqualTo("GRIDX_DEMO_CUSTOMER_20240301120000.csv");
        assertThat(node.get("source").get("line").asLong()).isEqualTo(12);
    }

    @Test
    void columnNamesBecomeLowerCasedJsonNames() throws Exception {
        JsonNode data = tree(Samples.row("CUSTOMER", 2, Samples.customer())).get("data");
        assertThat(data.fieldNames()).toIterable().containsExactly("person_id", "entity_id", "contract_id",
                "premise_id", "servicepoint_id", "meteraccount_id", "contract_start_date", "contract_end_date",
                "service_status");
        JsonNode detail = tree(Samples.row("BILLINGDETAIL", 2, Samples.billDetail())).get("data");
        assertThat(detail.has("bill_line_item_field_1")).isTrue();
    }

    @Test
    void openEndsAreWrittenAsNull() throws Exception {
        JsonNode data = tree(Samples.row("CUSTOMER", 2, Samples.customer())).get("data");
        assertThat(data.has("contract_end_date")).isTrue();
        assertThat(data.get("contract_end_date").isNull()).isTrue();
    }

    @Test
    void flagsAreBooleans() throws Exception {
        JsonNode data = tree(Samples.row("BILLING", 2, Samples.bill())).get("data");
        assertThat(data.get("is_cancellation").isBoolean()).isTrue();
        assertThat(data.get("is_estimate").isBoolean()).isTrue();
    }

    @Test
    void unknownPropertiesAreIgnoredForForwardCompatibility() {
        String json = "{\"client\":\"DEMO\",\"source\":{\"file_id\":\"f\",\"file_name\":\"n\",\"line\":3,\"x\":1},"
                + "\"data\":{\"contract_id\":\"C1\",\"new_column\":\"later\"},\"added_later\":true}";
        RowEvent<CustomerPayload> e = codec.decodeRow(json.getBytes(StandardCharsets.UTF_8), CustomerPayload.class);
        assertThat(e.data().contractId()).isEqualTo("C1");
    }

    @Test
    void unknownGrantStatusDecodesAsUnknownAndGivesNoAccess() {
        String json = new String(codec.encode(Samples.grant()), StandardCharsets.UTF_8)
                .replace("\"active\"", "\"quarantined\"");
        GrantEvent grant = codec.decode(json.getBytes(StandardCharsets.UTF_8), GrantEvent.class);
        assertThat(grant.status()).isEqualTo(GrantStatus.UNKNOWN);
        assertThat(grant.status().allowsAccess()).isFalse();
    }

    @Test
    void enumsUseLowerCaseWireNames() throws Exception {
        assertThat(tree(Samples.fileCompleted()).get("status").asText()).isEqualTo("completed");
        assertThat(tree(Samples.reject()).get("severity").asText()).isEqualTo("reject_row");
        JsonNode scope = tree(Samples.grant()).get("scopes").get(0);
        assertThat(scope.get("include")).extracting(JsonNode::asText)
                .containsExactly("include_meter_devices", "include_usage_segments",
                        "include_usage_segment_value_types");
        assertThat(IncludeField.fromWireName("include_account_numbers")).contains(IncludeField.ACCOUNT_NUMBERS);
    }

    @Test
    void tombstoneDecodesToNull() {
        assertThat(codec.decode(Topic.GRANTS, null)).isNull();
    }

    @Test
    void unreadableJsonGivesACodecException() {
        assertThatThrownBy(() -> codec.decode("{not json".getBytes(StandardCharsets.UTF_8), FileLifecycleEvent.class))
                .isInstanceOf(EventCodecException.class)
                .hasMessageContaining("FileLifecycleEvent");
    }

    @Test
    void fileAndRejectEventsDecodeToTheirTypes() {
        Object file = codec.decode(Topic.FILES, codec.encode(Samples.fileCompleted()));
        assertThat(file).isInstanceOf(FileLifecycleEvent.class);
        assertThat(((FileLifecycleEvent) file).status()).isEqualTo(FileStatus.COMPLETED);
        assertThat(codec.decode(Topic.REJECTS, codec.encode(Samples.reject()))).isInstanceOf(RejectEvent.class);
    }

    @Test
    void configuredForeignMapperWritesTheSameJson() throws Exception {
        var foreign = EventCodec.configure(new com.fasterxml.jackson.databind.ObjectMapper());
        RowEvent<IntervalPayload> e = Samples.row("INTERVAL", 7, Samples.interval());
        assertThat(foreign.writeValueAsString(e)).isEqualTo(codec.encodeToString(e));
    }
}
