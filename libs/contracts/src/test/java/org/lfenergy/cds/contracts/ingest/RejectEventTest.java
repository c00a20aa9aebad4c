package org.lfenergy.cds.contracts.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.EventSource;

class RejectEventTest {

    private static RejectEvent reject(String raw) {
        return new RejectEvent("ACME", new EventSource("f-1", "GRIDX_ACME_CUSTOMER_20240101000000.csv", 3), "CUSTOMER",
                null, null, "GX-ROW-TOO-LONG", RejectSeverity.REJECT_ROW, "too long", raw, Instant.EPOCH);
    }

    @Test
    void aMegabyteRawRowIsCutSoTheEventFitsInAKafkaMessage() {
        String raw = "é".repeat(1 << 20); // the reader's cap: 1 Mi characters, 2 MiB in UTF-8

        RejectEvent event = reject(raw);

        assertThat(event.rawRow()).hasSize(RejectEvent.MAX_RAW_ROW_CHARS + 1).startsWith("éé").endsWith("…");
        assertThat(EventCodec.shared().encode(event).length).isLessThan(512 * 1024);
    }

    @Test
    void aRawRowUpToTheCapIsKeptAsItIs() {
        String raw = "x".repeat(RejectEvent.MAX_RAW_ROW_CHARS);

        assertThat(reject(raw).rawRow()).isEqualTo(raw);
        assertThat(reject("P1,E1").rawRow()).isEqualTo("P1,E1");
        assertThat(reject(null).rawRow()).isNull();
    }
}
