package org.lfenergy.cds.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

    private static final Instant RECEIVED = Instant.parse("2024-03-01T20:00:05Z");

    private static String text(Map<String, byte[]> headers, String name) {
        return new String(headers.get(name), StandardCharsets.UTF_8);
    }

    @Test
    void rowHeadersCarryTheCloudEventsAttributesAsUtf8Bytes() {
        Map<String, byte[]> h = CloudEventHeaders.forRow(Topic.CUSTOMERS, Samples.row("CUSTOMER", 12,
                Samples.customer()), RECEIVED);
        assertThat(h.keySet()).containsExactly("ce_specversion", "ce_type", "ce_source", "ce_id", "ce_time",
                "content-type");
        assertThat(text(h, "ce_specversion")).isEqualTo("1.0");
        assertThat(text(h, "ce_type")).isEqualTo("org.lfenergy.cds.gridx.customer.v1");
        assertThat(text(h, "ce_source")).isEqualTo("/gridx/DEMO/GRIDX_DEMO_CUSTOMER_20240301120000.csv");
        assertThat(text(h, "ce_id")).isEqualTo("f-20240301-customer:12");
        assertThat(text(h, "ce_time")).isEqualTo("2024-03-01T20:00:05Z");
        assertThat(text(h, "content-type")).isEqualTo("application/json");
    }

    @Test
    void replayingTheSameRowGivesTheSameId() {
        var first = CloudEventHeaders.forRow(Topic.BILLS, Samples.row("BILLING", 5, Samples.bill()), RECEIVED);
        var replay = CloudEventHeaders.forRow(Topic.BILLS, Samples.row("BILLING", 5, Samples.bill()),
                RECEIVED.plusSeconds(3600));
        assertThat(text(replay, "ce_id")).isEqualTo(text(first, "ce_id"));
        assertThat(text(replay, "ce_source")).isEqualTo(text(first, "ce_source"));
    }

    @Test
    void fileTemplateProducesPerLineIds() {
        var template = CloudEventHeaders.forRows(Topic.INTERVALS, "DEMO", "f-9", "GRIDX_DEMO_INTERVAL_1.csv",
                RECEIVED);
        Map<String, byte[]> sink = new LinkedHashMap<>();
        template.forLine(42, sink::put);
        assertThat(text(sink, "ce_id")).isEqualTo("f-9:42");
        assertThat(text(template.forLine(43), "ce_id")).isEqualTo("f-9:43");
        assertThat(text(sink, "ce_type")).isEqualTo("org.lfenergy.cds.gridx.interval.v1");
    }

    @Test
    void rejectIdsAreDistinctPerRuleAndColumnOfOneRow() {
        var h = CloudEventHeaders.forReject(Samples.reject());
        assertThat(text(h, "ce_id")).isEqualTo("f-20240301-billing:17:GX-ROW-DATE:Bill_start_date");
        assertThat(text(h, "ce_type")).isEqualTo("org.lfenergy.cds.gridx.reject.v1");
        assertThat(text(h, "ce_time")).isEqualTo("2024-03-01T20:00:07.125Z");
    }

    @Test
    void fileAndGrantHeaders() {
        var file = CloudEventHeaders.forFile(Samples.fileCompleted());
        assertThat(text(file, "ce_id")).isEqualTo("f-20240301-dailydigest:completed");
        assertThat(text(file, "ce_source")).isEqualTo("/gridx/DEMO/GRIDX_DEMO_DAILYDIGEST_20240301120000.csv");
        var grant = CloudEventHeaders.forGrant(Samples.grant());
        assertThat(text(grant, "ce_source")).isEqualTo("/cds/auth-service/grants");
        assertThat(text(grant, "ce_id")).isEqualTo("g-7f3a91:2024-03-02T10:00:00Z");
        var deletion = CloudEventHeaders.forGrantDeletion("g-7f3a91", RECEIVED);
        assertThat(text(deletion, "ce_id")).isEqualTo("g-7f3a91:deleted");
    }

    @Test
    void forValueDispatchesOnTheTopic() {
        assertThat(text(CloudEventHeaders.forValue(Topic.REJECTS, Samples.reject(), RECEIVED), "ce_type"))
                .isEqualTo(Topic.REJECTS.ceType());
        assertThat(text(CloudEventHeaders.forValue(Topic.EVENTS, Samples.rowEvents().get(Topic.EVENTS), RECEIVED),
                "ce_type")).isEqualTo("org.lfenergy.cds.gridx.event.v1");
    }

    @Test
    void sourceSegmentsArePercentEncoded() {
        assertThat(CloudEventHeaders.gridxSource("DE MO", "a/b.csv")).isEqualTo("/gridx/DE%20MO/a%2Fb.csv");
        assertThat(CloudEventHeaders.gridxSource(null, "x.csv")).isEqualTo("/gridx/_/x.csv");
    }

    @Test
    void parsedHeadersGiveBackTheAttributes() {
        var h = CloudEventHeaders.forRow(Topic.CUSTOMERS, Samples.row("CUSTOMER", 12, Samples.customer()), RECEIVED);
        CloudEventAttributes a = CloudEventHeaders.parse(h);
        assertThat(a).isEqualTo(new CloudEventAttributes("1.0", "org.lfenergy.cds.gridx.customer.v1",
                "/gridx/DEMO/GRIDX_DEMO_CUSTOMER_20240301120000.csv", "f-20240301-customer:12", RECEIVED,
                "application/json"));
    }

    @Test
    void parsingRefusesMissingIdAndUnknownVersion() {
        var h = new HashMap<>(CloudEventHeaders.forRow(Topic.CUSTOMERS, Samples.row("CUSTOMER", 12,
                Samples.customer()), RECEIVED));
        h.remove("ce_id");
        assertThatThrownBy(() -> CloudEventHeaders.parse(h)).hasMessageContaining("ce_id");
        var v2 = new HashMap<>(CloudEventHeaders.forFile(Samples.fileCompleted()));
        v2.put("ce_specversion", "0.3".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CloudEventHeaders.parse(v2)).hasMessageContaining("0.3");
    }

    @Test
    void rowHeadersAreRefusedForNonRowTopics() {
        assertThatThrownBy(() -> CloudEventHeaders.forRows(Topic.GRANTS, "DEMO", "f", "n", RECEIVED))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
