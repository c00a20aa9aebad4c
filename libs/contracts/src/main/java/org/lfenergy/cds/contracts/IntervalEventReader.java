package org.lfenergy.cds.contracts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import org.lfenergy.cds.contracts.gridx.IntervalPayload;

/**
 * Decodes {@code gridx.intervals.v1} values straight into a {@code RowEvent<IntervalPayload>}: no data binding, no
 * property buffering, dates and times by the hand-written {@link IsoFormats} parsers, decimals exact
 * ({@link BigDecimal} with the scale as written).
 *
 * <p>Three tiers, each handing what it does not read to the next: a hand-written scan of the bytes in the exact form
 * {@link EventCodec} writes for ASCII text ({@link Batch}: what the producers write, the volume); Jackson's streaming
 * parser for the canonical shape in any JSON spelling (escapes, whitespace, member order, non-ASCII text); and
 * {@link EventCodec#decodeRow} for everything else (other number or date forms, a duplicate key, a missing or null
 * required member, malformed JSON, …). So what is accepted, the values decoded and every error message are exactly
 * those of the data-binding path. Thread-safe ({@link Batch} is not: one per consumed batch and thread).
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
        return batch().read(json);
    }

    /**
     * A reader for the events of one consumed batch, read in order by one thread: equal strings of consecutive
     * events (client, file, ids, channel, zone, quality) are one {@code String} instance.
     */
    public Batch batch() {
        return new Batch();
    }

    /** Jackson streaming, then data binding: the canonical shape with any JSON spelling, then everything else. */
    private RowEvent<IntervalPayload> readParsed(byte[] json) {
        RowEvent<IntervalPayload> fast = null;
        try {
            fast = fast(json);
        } catch (IOException | RuntimeException e) {
            fast = null; // not the canonical shape: the data-binding path decides and words the error
        }
        return fast != null ? fast : codec.decodeRow(json, IntervalPayload.class);
    }

    /** The event when it is canonical ASCII without escapes or whitespace (what the producers write), else null. */
    RowEvent<IntervalPayload> scan(byte[] json) {
        try {
            return new Batch().scan(json);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The canonical event read by Jackson's streaming parser, or null when anything deviates from that shape. */
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

    /**
     * Reads events of one batch; not thread-safe. The event bytes are first scanned by hand in the exact form
     * {@link EventCodec} writes for ASCII text (no whitespace, no escapes, no non-ASCII byte, string ids, plain
     * decimal strings, unsigned integers without leading zeros, each member at most once, no unknown member); any
     * other byte sequence goes to Jackson's streaming parser and then to data binding, so what is accepted, the
     * values and every error message stay those of {@link EventCodec#decodeRow}.
     */
    public final class Batch {

        private static final RuntimeException NOT_CANONICAL = new IllegalStateException("not canonical", null) {
            @Override
            public synchronized Throwable fillInStackTrace() {
                return this;
            }
        };
        private static final byte[] CLIENT = ascii("client");
        private static final byte[] SOURCE = ascii("source");
        private static final byte[] DATA = ascii("data");
        private static final byte[] FILE_ID = ascii("file_id");
        private static final byte[] FILE_NAME = ascii("file_name");
        private static final byte[] LINE = ascii("line");
        private static final byte[] METERACCOUNT_ID = ascii("meteraccount_id");
        private static final byte[] METER_ID = ascii("meter_id");
        private static final byte[] USAGE_VALUE = ascii("usage_value");
        private static final byte[] DATE_OF_INTERVAL = ascii("date_of_interval");
        private static final byte[] DATETIME_OF_INTERVAL = ascii("datetime_of_interval");
        private static final byte[] DATETIME_OF_INTERVAL_UTC = ascii("datetime_of_interval_utc");
        private static final byte[] CHANNEL = ascii("channel");
        private static final byte[] TIME_ZONE = ascii("time_zone");
        private static final byte[] INTERVAL_FREQUENCY = ascii("interval_frequency");
        private static final byte[] DATA_VERSION = ascii("data_version");
        private static final int S_CLIENT = 0;
        private static final int S_FILE_ID = 1;
        private static final int S_FILE_NAME = 2;
        private static final int S_METERACCOUNT_ID = 3;
        private static final int S_METER_ID = 4;
        private static final int S_CHANNEL = 5;
        private static final int S_TIME_ZONE = 6;
        private static final int S_DATA_VERSION = 7;

        /** The last string read per member and its bytes: consecutive events mostly repeat them. */
        private final String[] last = new String[8];
        private final byte[][] lastBytes = new byte[8][];
        private byte[] b;
        private int pos;
        private int keyStart;

        private Batch() {
        }

        /**
         * Decodes one interval event.
         *
         * @throws EventCodecException as {@link EventCodec#decodeRow} does for the same bytes
         */
        public RowEvent<IntervalPayload> read(byte[] json) {
            RowEvent<IntervalPayload> e;
            try {
                e = scan(json);
            } catch (RuntimeException notCanonical) { // NOT_CANONICAL, or an index past the end of truncated bytes
                e = null;
            }
            return e != null ? e : readParsed(json);
        }

        RowEvent<IntervalPayload> scan(byte[] json) {
            b = json;
            pos = 0;
            expect('{');
            String client = null;
            EventSource source = null;
            IntervalPayload data = null;
            int seen = 0;
            do {
                int bit;
                switch (key()) {
                    case 6 -> {
                        if (isKey(CLIENT)) {
                            bit = 1;
                            client = text(S_CLIENT);
                        } else {
                            name(SOURCE);
                            bit = 2;
                            source = source();
                        }
                    }
                    case 4 -> {
                        name(DATA);
                        bit = 4;
                        data = data();
                    }
                    default -> throw NOT_CANONICAL;
                }
                seen = once(seen, bit);
            } while (next());
            if (seen != 7 || pos != json.length) {
                throw NOT_CANONICAL;
            }
            return new RowEvent<>(client, source, data);
        }

        private EventSource source() {
            expect('{');
            String fileId = null;
            String fileName = null;
            long line = 0;
            int seen = 0;
            do {
                int bit;
                switch (key()) {
                    case 7 -> {
                        name(FILE_ID);
                        bit = 1;
                        fileId = text(S_FILE_ID);
                    }
                    case 9 -> {
                        name(FILE_NAME);
                        bit = 2;
                        fileName = text(S_FILE_NAME);
                    }
                    case 4 -> {
                        name(LINE);
                        bit = 4;
                        line = unsigned(18);
                    }
                    default -> throw NOT_CANONICAL;
                }
                seen = once(seen, bit);
            } while (next());
            if (seen != 7) {
                throw NOT_CANONICAL;
            }
            return new EventSource(fileId, fileName, line);
        }

        private IntervalPayload data() {
            expect('{');
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
            do {
                int bit;
                // the ten member names have ten different lengths
                switch (key()) {
                    case 15 -> {
                        name(METERACCOUNT_ID);
                        bit = 1;
                        meterAccountId = textOrNull(S_METERACCOUNT_ID);
                    }
                    case 8 -> {
                        name(METER_ID);
                        bit = 1 << 1;
                        meterId = textOrNull(S_METER_ID);
                    }
                    case 11 -> {
                        name(USAGE_VALUE);
                        bit = 1 << 2;
                        usageValue = isNull() ? null : decimal();
                    }
                    case 16 -> {
                        name(DATE_OF_INTERVAL);
                        bit = 1 << 3;
                        dateOfInterval = isNull() ? null : checked(IsoFormats.parseLocalDate(latin1()));
                    }
                    case 20 -> {
                        name(DATETIME_OF_INTERVAL);
                        bit = 1 << 4;
                        datetimeOfInterval = isNull() ? null : checked(IsoFormats.parseOffsetDateTime(latin1()));
                    }
                    case 24 -> {
                        name(DATETIME_OF_INTERVAL_UTC);
                        bit = 1 << 5;
                        datetimeOfIntervalUtc = isNull() ? null : checked(IsoFormats.parseInstant(latin1()));
                    }
                    case 7 -> {
                        name(CHANNEL);
                        bit = 1 << 6;
                        channel = textOrNull(S_CHANNEL);
                    }
                    case 9 -> {
                        name(TIME_ZONE);
                        bit = 1 << 7;
                        timeZone = textOrNull(S_TIME_ZONE);
                    }
                    case 18 -> {
                        name(INTERVAL_FREQUENCY);
                        bit = 1 << 8;
                        frequency = (int) unsigned(9);
                    }
                    case 12 -> {
                        name(DATA_VERSION);
                        bit = 1 << 9;
                        dataVersion = textOrNull(S_DATA_VERSION);
                    }
                    default -> throw NOT_CANONICAL;
                }
                seen = once(seen, bit);
            } while (next());
            if ((seen & (1 << 8)) == 0) {
                throw NOT_CANONICAL; // no frequency: data binding decides what a missing primitive becomes
            }
            return new IntervalPayload(meterAccountId, meterId, usageValue, dateOfInterval, datetimeOfInterval,
                    datetimeOfIntervalUtc, channel, timeZone, frequency, dataVersion);
        }

        /** Reads {@code "name":} and returns the name's length (its bytes start at {@link #keyStart}). */
        private int key() {
            expect('"');
            keyStart = pos;
            int end = stringEnd();
            pos = end + 1;
            expect(':');
            return end - keyStart;
        }

        private boolean isKey(byte[] name) {
            for (int i = 0; i < name.length; i++) {
                if (b[keyStart + i] != name[i]) {
                    return false;
                }
            }
            return true;
        }

        /** The key read has the length of {@code name}: it must be that name (an unknown member is not canonical). */
        private void name(byte[] name) {
            if (!isKey(name)) {
                throw NOT_CANONICAL;
            }
        }

        /** After a member: true at a comma (another member follows), false at the closing brace. */
        private boolean next() {
            byte c = b[pos++];
            if (c == ',') {
                return true;
            }
            if (c != '}') {
                throw NOT_CANONICAL;
            }
            return false;
        }

        private int once(int seen, int bit) {
            if ((seen & bit) != 0) {
                throw NOT_CANONICAL; // duplicate member
            }
            return seen | bit;
        }

        private void expect(char c) {
            if (pos >= b.length || b[pos] != c) {
                throw NOT_CANONICAL;
            }
            pos++;
        }

        /** The index of the closing quote of the string whose text starts at {@link #pos}; ASCII, no escapes. */
        private int stringEnd() {
            for (int i = pos; i < b.length; i++) {
                byte c = b[i];
                if (c == '"') {
                    return i;
                }
                if (c == '\\' || c < 0x20) { // escape, control character, or a byte of a multi-byte character
                    throw NOT_CANONICAL;
                }
            }
            throw NOT_CANONICAL;
        }

        /** Consumes a {@code null} literal if one is next. */
        private boolean isNull() {
            if (pos + 4 <= b.length && b[pos] == 'n' && b[pos + 1] == 'u' && b[pos + 2] == 'l' && b[pos + 3] == 'l') {
                pos += 4;
                return true;
            }
            return false;
        }

        private String textOrNull(int slot) {
            return isNull() ? null : text(slot);
        }

        /** A string value; the previous value of the same member when the bytes are the same. */
        private String text(int slot) {
            expect('"');
            int start = pos;
            int end = stringEnd();
            pos = end + 1;
            byte[] previous = lastBytes[slot];
            if (previous != null && Arrays.equals(b, start, end, previous, 0, previous.length)) {
                return last[slot];
            }
            byte[] bytes = Arrays.copyOfRange(b, start, end);
            String s = new String(bytes, StandardCharsets.ISO_8859_1); // ASCII: the same as UTF-8
            last[slot] = s;
            lastBytes[slot] = bytes;
            return s;
        }

        /** A string value that is not kept (dates and times). */
        private String latin1() {
            expect('"');
            int start = pos;
            int end = stringEnd();
            pos = end + 1;
            return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        }

        private <T> T checked(T parsed) {
            if (parsed == null) {
                throw NOT_CANONICAL; // another ISO form or an impossible value: the JDK parser decides
            }
            return parsed;
        }

        /** An unsigned integer of 1 to {@code maxDigits} digits without a leading zero (other numbers: Jackson). */
        private long unsigned(int maxDigits) {
            int start = pos;
            long v = 0;
            while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
                v = v * 10 + (b[pos++] - '0');
            }
            int digits = pos - start;
            if (digits == 0 || digits > maxDigits || digits > 1 && b[start] == '0') {
                throw NOT_CANONICAL;
            }
            return v;
        }

        /**
         * A decimal string in plain notation ({@code -?digits[.digits]}, at most 64 characters): exact, with the
         * scale as written (equal to {@code new BigDecimal(text)}: same unscaled value, same scale).
         */
        private BigDecimal decimal() {
            expect('"');
            int start = pos;
            int end = stringEnd();
            pos = end + 1;
            int len = end - start;
            if (len == 0 || len > LONGEST_DECIMAL) {
                throw NOT_CANONICAL;
            }
            int i = start;
            boolean negative = b[i] == '-';
            if (negative) {
                i++;
            }
            long unscaled = 0;
            int intDigits = 0;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                unscaled = unscaled * 10 + (b[i++] - '0');
                intDigits++;
            }
            if (intDigits == 0) {
                throw NOT_CANONICAL;
            }
            int digits = intDigits;
            int scale = 0;
            if (i < end) {
                if (b[i++] != '.') {
                    throw NOT_CANONICAL;
                }
                while (i < end && b[i] >= '0' && b[i] <= '9') {
                    unscaled = unscaled * 10 + (b[i++] - '0');
                    scale++;
                }
                if (scale == 0 || i != end) {
                    throw NOT_CANONICAL;
                }
                digits += scale;
            }
            if (digits <= 18) { // fits a long: no overflow above
                return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
            }
            return new BigDecimal(new String(b, start, len, StandardCharsets.ISO_8859_1));
        }

        private static byte[] ascii(String s) {
            return s.getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static final class Holder {
        static final IntervalEventReader SHARED = new IntervalEventReader(EventCodec.shared());
    }
}
