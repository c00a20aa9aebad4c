package org.lfenergy.cds.contracts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.lfenergy.cds.contracts.gridx.IntervalPayload;

/**
 * Decodes {@code gridx.intervals.v1} values with Jackson's streaming parser straight into a
 * {@code RowEvent<IntervalPayload>}: no data binding, no property buffering, dates and times by the hand-written
 * {@link IsoFormats} parsers, decimals exact ({@link BigDecimal} from the string, scale kept).
 *
 * <p>It reads only the canonical shape {@link EventCodec} writes (string ids, decimal strings in plain notation,
 * the exact date and time forms, an integer frequency). Any other input (other number or date forms, a duplicate
 * key, a missing or null required member, malformed JSON, …) is handed to {@link EventCodec#decodeRow}, so what is
 * accepted, the values decoded and every error message are exactly those of the data-binding path. Thread-safe.
 */
public final class IntervalEventReader {

    private static final int LONGEST_DECIMAL = 64;

    private final EventCodec codec;
    private final JsonFactory factory;

    /** A reader that falls back to {@code codec}. */
    public IntervalEventReader(EventCodec codec) {
        this.codec = codec;
        this.factory = codec.mapper().getFactory();
    }

    /** The process-wide reader over {@link EventCodec#shared()}. */
    public static IntervalEventReader shared() {
        return Holder.SHARED;
    }

    /**
     * Decodes one interval event.
     *
     * @throws EventCodecException as {@link EventCodec#decodeRow} does for the same bytes
     */
    public RowEvent<IntervalPayload> read(byte[] json) {
        RowEvent<IntervalPayload> fast = null;
        try {
            fast = fast(json);
        } catch (IOException | RuntimeException e) {
            fast = null; // not the canonical shape: the data-binding path decides and words the error
        }
        return fast != null ? fast : codec.decodeRow(json, IntervalPayload.class);
    }

    /** The canonical event, or null when anything deviates from the canonical shape. */
    RowEvent<IntervalPayload> fast(byte[] json) throws IOException {
        try (JsonParser p = factory.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String client = null;
            EventSource source = null;
            IntervalPayload data = null;
            int seen = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t != JsonToken.FIELD_NAME) {
                    return null;
                }
                String name = p.currentName();
                JsonToken v = p.nextToken();
                int bit;
                switch (name) {
                    case "client" -> {
                        bit = 1;
                        if (v != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        client = p.getText();
                    }
                    case "source" -> {
                        bit = 2;
                        source = v == JsonToken.START_OBJECT ? source(p) : null;
                        if (source == null) {
                            return null;
                        }
                    }
                    case "data" -> {
                        bit = 4;
                        data = v == JsonToken.START_OBJECT ? data(p) : null;
                        if (data == null) {
                            return null;
                        }
                    }
                    default -> {
                        p.skipChildren(); // unknown members are ignored, as the data-binding path does
                        continue;
                    }
                }
                if ((seen & bit) != 0) {
                    return null; // duplicate member
                }
                seen |= bit;
            }
            return seen == 7 ? new RowEvent<>(client, source, data) : null;
        }
    }

    private static EventSource source(JsonParser p) throws IOException {
        String fileId = null;
        String fileName = null;
        long line = 0;
        int seen = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t != JsonToken.FIELD_NAME) {
                return null;
            }
            String name = p.currentName();
            JsonToken v = p.nextToken();
            int bit;
            switch (name) {
                case "file_id" -> {
                    bit = 1;
                    if (v != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    fileId = p.getText();
                }
                case "file_name" -> {
                    bit = 2;
                    if (v != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    fileName = p.getText();
                }
                case "line" -> {
                    bit = 4;
                    if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                            && p.getNumberType() != JsonParser.NumberType.LONG) {
                        return null;
                    }
                    line = p.getLongValue();
                }
                default -> {
                    p.skipChildren();
                    continue;
                }
            }
            if ((seen & bit) != 0) {
                return null;
            }
            seen |= bit;
        }
        return seen == 7 ? new EventSource(fileId, fileName, line) : null;
    }

    private static IntervalPayload data(JsonParser p) throws IOException {
        String meterAccountId = null;
        String meterId = null;
        BigDecimal usageValue = null;
        LocalDate dateOfInterval = null;
        OffsetDateTime datetimeOfInterval = null;
        Instant datetimeOfIntervalUtc = null;
        String channel = null;
        String timeZone = null;
        int frequency = 0;
        String dataVersion = null;
        int seen = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t != JsonToken.FIELD_NAME) {
                return null;
            }
            String name = p.currentName();
            JsonToken v = p.nextToken();
            boolean isNull = v == JsonToken.VALUE_NULL;
            if (!isNull && v != JsonToken.VALUE_STRING && !"interval_frequency".equals(name)) {
                if (isMember(name)) {
                    return null; // a number, boolean, object or array where a string belongs: data binding decides
                }
                p.skipChildren();
                continue;
            }
            int bit;
            switch (name) {
                case "meteraccount_id" -> {
                    bit = 1;
                    meterAccountId = isNull ? null : p.getText();
                }
                case "meter_id" -> {
                    bit = 1 << 1;
                    meterId = isNull ? null : p.getText();
                }
                case "usage_value" -> {
                    bit = 1 << 2;
                    if (!isNull) {
                        usageValue = decimal(p);
                        if (usageValue == null) {
                            return null;
                        }
                    }
                }
                case "date_of_interval" -> {
                    bit = 1 << 3;
                    if (!isNull) {
                        dateOfInterval = IsoFormats.parseLocalDate(p.getText());
                        if (dateOfInterval == null) {
                            return null;
                        }
                    }
                }
                case "datetime_of_interval" -> {
                    bit = 1 << 4;
                    if (!isNull) {
                        datetimeOfInterval = IsoFormats.parseOffsetDateTime(p.getText());
                        if (datetimeOfInterval == null) {
                            return null;
                        }
                    }
                }
                case "datetime_of_interval_utc" -> {
                    bit = 1 << 5;
                    if (!isNull) {
                        datetimeOfIntervalUtc = IsoFormats.parseInstant(p.getText());
                        if (datetimeOfIntervalUtc == null) {
                            return null;
                        }
                    }
                }
                case "channel" -> {
                    bit = 1 << 6;
                    channel = isNull ? null : p.getText();
                }
                case "time_zone" -> {
                    bit = 1 << 7;
                    timeZone = isNull ? null : p.getText();
                }
                case "interval_frequency" -> {
                    bit = 1 << 8;
                    if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                        return null; // null, strings, fractions and huge numbers: data binding decides
                    }
                    frequency = p.getIntValue();
                }
                case "data_version" -> {
                    bit = 1 << 9;
                    dataVersion = isNull ? null : p.getText();
                }
                default -> {
                    p.skipChildren(); // null or string of an unknown member
                    continue;
                }
            }
            if ((seen & bit) != 0) {
                return null;
            }
            seen |= bit;
        }
        if ((seen & (1 << 8)) == 0) {
            return null; // no frequency: data binding decides what a missing primitive becomes
        }
        return new IntervalPayload(meterAccountId, meterId, usageValue, dateOfInterval, datetimeOfInterval,
                datetimeOfIntervalUtc, channel, timeZone, frequency, dataVersion);
    }

    private static boolean isMember(String name) {
        return switch (name) {
            case "meteraccount_id", "meter_id", "usage_value", "date_of_interval", "datetime_of_interval",
                    "datetime_of_interval_utc", "channel", "time_zone", "data_version" -> true;
            default -> false;
        };
    }

    /**
     * A decimal string in plain notation ({@code -?digits[.digits]}, at most {@value #LONGEST_DECIMAL} characters),
     * else null (exponents, signs, blanks, long texts: left to data binding).
     */
    private static BigDecimal decimal(JsonParser p) throws IOException {
        char[] buf = p.getTextCharacters();
        int off = p.getTextOffset();
        int len = p.getTextLength();
        if (len == 0 || len > LONGEST_DECIMAL) {
            return null;
        }
        int i = off;
        int end = off + len;
        if (buf[i] == '-') {
            i++;
        }
        int intDigits = 0;
        while (i < end && buf[i] >= '0' && buf[i] <= '9') {
            i++;
            intDigits++;
        }
        if (intDigits == 0) {
            return null;
        }
        if (i < end) {
            if (buf[i] != '.') {
                return null;
            }
            i++;
            int fraction = 0;
            while (i < end && buf[i] >= '0' && buf[i] <= '9') {
                i++;
                fraction++;
            }
            if (fraction == 0 || i != end) {
                return null;
            }
        }
        return new BigDecimal(buf, off, len);
    }

    private static final class Holder {
        static final IntervalEventReader SHARED = new IntervalEventReader(EventCodec.shared());
    }
}
