package org.lfenergy.cds.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.lfenergy.cds.contracts.grant.GrantEvent;
import org.lfenergy.cds.contracts.ingest.FileLifecycleEvent;
import org.lfenergy.cds.contracts.ingest.RejectEvent;

/**
 * Builds and parses the CloudEvents Kafka headers (binary mode) every record carries, as UTF-8 byte arrays, so data
 * teams can route and de-duplicate without reading values. No Kafka dependency: add the entries to the record's
 * headers yourself.
 *
 * <ul>
 *   <li>{@code ce_source}: {@code /gridx/{client}/{file_name}} for row, reject and file events;
 *       {@code /cds/auth-service/grants} for grants;</li>
 *   <li>{@code ce_id}: stable, so a replayed file produces the same ids: {@code {file_id}:{line}} for rows,
 *       {@code {file_id}:{line}:{rule_id}[:{column}]} for rejects, {@code {file_id}:{status}} for file events,
 *       {@code {grant_id}:{modified}} for grants ({@code {grant_id}:deleted} for tombstones).</li>
 * </ul>
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String ID = "ce_id";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";

    /** The only CloudEvents version produced and accepted. */
    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String APPLICATION_JSON = "application/json";
    /** {@code ce_source} of grant events. */
    public static final String GRANTS_SOURCE = "/cds/auth-service/grants";

    private static final byte[] SPEC_VERSION_BYTES = bytes(SPEC_VERSION_1_0);
    private static final byte[] APPLICATION_JSON_BYTES = bytes(APPLICATION_JSON);

    private CloudEventHeaders() {
    }

    /** {@code /gridx/{client}/{file_name}}, each segment percent-encoded where needed. */
    public static String gridxSource(String client, String fileName) {
        return "/gridx/" + encodeSegment(client == null ? "_" : client) + "/" + encodeSegment(fileName);
    }

    /**
     * Headers for all rows of one file: everything but {@code ce_id} is computed once, which matters when
     * publishing hundreds of thousands of rows per second.
     *
     * @param time the occurrence time written to every row's {@code ce_time} (e.g. when the file was received)
     */
    public static RowHeaders forRows(Topic topic, String client, String fileId, String fileName, Instant time) {
        if (!topic.isRowTopic()) {
            throw new IllegalArgumentException(topic.topicName() + " is not a row topic");
        }
        return new RowHeaders(topic, client, fileId, fileName, time);
    }

    /** Headers of one row event. */
    public static Map<String, byte[]> forRow(Topic topic, RowEvent<?> event, Instant time) {
        return forRows(topic, event.client(), event.source().fileId(), event.source().fileName(), time)
                .forLine(event.source().line());
    }

    /** Headers of a reject event; {@code ce_time} is its detection time (now if absent). */
    public static Map<String, byte[]> forReject(RejectEvent event) {
        StringBuilder id = new StringBuilder(event.source().fileId()).append(':').append(event.source().line())
                .append(':').append(event.ruleId());
        if (event.column() != null) {
            id.append(':').append(event.column());
        }
        return build(Topic.REJECTS.ceType(), gridxSource(event.client(), event.source().fileName()), id.toString(),
                event.detectedAt() == null ? Instant.now() : event.detectedAt());
    }

    /** Headers of a file lifecycle event; {@code ce_time} is when the status was reached. */
    public static Map<String, byte[]> forFile(FileLifecycleEvent event) {
        return build(Topic.FILES.ceType(), gridxSource(event.client(), event.fileName()),
                event.fileId() + ":" + event.status().name().toLowerCase(Locale.ROOT), event.occurredAt());
    }

    /** Headers of a grant event; {@code ce_time} is the grant's last modification. */
    public static Map<String, byte[]> forGrant(GrantEvent event) {
        Instant modified = event.modified() == null ? Instant.now() : event.modified().toInstant();
        return build(Topic.GRANTS.ceType(), GRANTS_SOURCE, event.grantId() + ":" + IsoFormats.instant(modified),
                modified);
    }

    /** Headers of a grant tombstone (null value). */
    public static Map<String, byte[]> forGrantDeletion(String grantId, Instant time) {
        return build(Topic.GRANTS.ceType(), GRANTS_SOURCE, grantId + ":deleted", time);
    }

    /** Headers for any topic value, dispatching on the topic ({@code time} is used for row events). */
    public static Map<String, byte[]> forValue(Topic topic, Object value, Instant time) {
        if (topic.isRowTopic()) {
            return forRow(topic, (RowEvent<?>) value, time);
        }
        return switch (topic) {
            case FILES -> forFile((FileLifecycleEvent) value);
            case REJECTS -> forReject((RejectEvent) value);
            case GRANTS -> forGrant((GrantEvent) value);
            default -> throw new IllegalArgumentException("No header rule for " + topic);
        };
    }

    /**
     * Reads the attributes back, given a lookup of the last header value by name (e.g.
     * {@code name -> { Header h = record.headers().lastHeader(name); return h == null ? null : h.value(); }}).
     *
     * @throws IllegalArgumentException when a required attribute is missing, the version is not 1.0 or the time
     *                                  is unreadable
     */
    public static CloudEventAttributes parse(Function<String, byte[]> lastHeader) {
        String version = required(lastHeader, SPEC_VERSION);
        if (!SPEC_VERSION_1_0.equals(version)) {
            throw new IllegalArgumentException("Unsupported " + SPEC_VERSION + " '" + version + "'");
        }
        String timeText = text(lastHeader.apply(TIME));
        Instant time;
        try {
            time = timeText == null ? null : OffsetDateTime.parse(timeText).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Unreadable " + TIME + " '" + timeText + "'", e);
        }
        return new CloudEventAttributes(version, required(lastHeader, TYPE), required(lastHeader, SOURCE),
                required(lastHeader, ID), time, text(lastHeader.apply(CONTENT_TYPE)));
    }

    /** {@link #parse(Function)} over a map of header name to value. */
    public static CloudEventAttributes parse(Map<String, byte[]> headers) {
        return parse(headers::get);
    }

    private static Map<String, byte[]> build(String type, String source, String id, Instant time) {
        Map<String, byte[]> headers = new LinkedHashMap<>(8);
        headers.put(SPEC_VERSION, SPEC_VERSION_BYTES);
        headers.put(TYPE, bytes(type));
        headers.put(SOURCE, bytes(source));
        headers.put(ID, bytes(id));
        headers.put(TIME, bytes(IsoFormats.instant(time)));
        headers.put(CONTENT_TYPE, APPLICATION_JSON_BYTES);
        return Collections.unmodifiableMap(headers);
    }

    private static String required(Function<String, byte[]> lastHeader, String name) {
        String value = text(lastHeader.apply(name));
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("Missing CloudEvents header " + name);
        }
        return value;
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // RFC 3986 path segment: keep unreserved characters, percent-encode the rest (UTF-8).
    private static String encodeSegment(String segment) {
        StringBuilder sb = null;
        byte[] utf8 = null;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (!isUnreserved(c)) {
                utf8 = bytes(segment);
                sb = new StringBuilder(segment.length() + 8);
                break;
            }
        }
        if (sb == null) {
            return segment;
        }
        for (byte b : utf8) {
            char c = (char) (b & 0xff);
            if (b >= 0 && isUnreserved(c)) {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** Precomputed headers of one file's rows; only {@code ce_id} varies per line. Thread-safe. */
    public static final class RowHeaders {
        private final byte[] type;
        private final byte[] source;
        private final byte[] time;
        private final String idPrefix;

        private RowHeaders(Topic topic, String client, String fileId, String fileName, Instant time) {
            Objects.requireNonNull(fileId, "fileId");
            this.type = bytes(topic.ceType());
            this.source = bytes(gridxSource(client, fileName));
            this.time = bytes(IsoFormats.instant(Objects.requireNonNull(time, "time")));
            this.idPrefix = fileId + ":";
        }

        /** {@code ce_id} of a line: {@code {file_id}:{line}}. */
        public String idOf(long line) {
            return idPrefix + line;
        }

        /** Hands each header to {@code sink}, e.g. {@code (k, v) -> record.headers().add(k, v)}. */
        public void forLine(long line, BiConsumer<String, byte[]> sink) {
            sink.accept(SPEC_VERSION, SPEC_VERSION_BYTES);
            sink.accept(TYPE, type);
            sink.accept(SOURCE, source);
            sink.accept(ID, bytes(idOf(line)));
            sink.accept(TIME, time);
            sink.accept(CONTENT_TYPE, APPLICATION_JSON_BYTES);
        }

        /** The headers of a line as an ordered map. */
        public Map<String, byte[]> forLine(long line) {
            Map<String, byte[]> headers = new LinkedHashMap<>(8);
            forLine(line, headers::put);
            return Collections.unmodifiableMap(headers);
        }
    }
}
