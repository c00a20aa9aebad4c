package org.lfenergy.cds.contracts;

import java.time.Instant;

/**
 * The CloudEvents attributes carried in Kafka headers (binary content mode).
 *
 * @param specVersion always {@code 1.0}
 * @param type        e.g. {@code org.lfenergy.cds.gridx.customer.v1}
 * @param source      e.g. {@code /gridx/DEMO/GRIDX_DEMO_CUSTOMER_20240301120000.csv}
 * @param id          unique per source and stable across replays, e.g. {@code f-123:12}
 * @param time        when the occurrence happened, null if the header is absent
 * @param contentType {@code application/json}, null if absent
 */
public record CloudEventAttributes(String specVersion, String type, String source, String id, Instant time,
                                   String contentType) {
}
