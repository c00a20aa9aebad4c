package org.lfenergy.cds.contracts;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.lfenergy.cds.contracts.gridx.GridxPayload;

/**
 * The one JSON configuration of every event, shared by all producers and consumers, with cached per-type writers
 * and readers (thread-safe; keep one instance, e.g. {@link #shared()}).
 *
 * <ul>
 *   <li>snake_case names;</li>
 *   <li>decimals ({@link BigDecimal}) as JSON strings in plain notation, scale kept ({@code "12.50"}): JavaScript
 *       and many Python JSON parsers turn JSON numbers into binary floats and silently lose cents and kWh
 *       fractions; a string cannot be mangled that way;</li>
 *   <li>dates {@code 2024-03-01}, times {@code 14:00:00}, date-times RFC 3339 with their offset and seconds
 *       ({@code 2024-03-01T00:00:00-08:00}), instants in UTC ({@code …Z}); offsets are kept on decoding;</li>
 *   <li>null fields are written (every event of a topic has the same keys);</li>
 *   <li>unknown properties and unknown enum values are tolerated on decoding (forward compatibility: a producer
 *       may add fields within a {@code v1} topic).</li>
 * </ul>
 */
public final class EventCodec {

    private static final EventCodec SHARED = new EventCodec();

    private final ObjectMapper mapper;
    private final Map<Class<?>, ObjectWriter> writers = new ConcurrentHashMap<>();
    private final Map<Class<?>, ObjectWriter> rowWriters = new ConcurrentHashMap<>();
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();
    private final Map<Class<?>, ObjectReader> rowReaders = new ConcurrentHashMap<>();
    private final Map<Topic, ObjectReader> topicReaders = new EnumMap<>(Topic.class);

    /** A codec with its own mapper, configured by {@link #configure(ObjectMapper)}. */
    public EventCodec() {
        this.mapper = configure(new ObjectMapper());
        for (Topic topic : Topic.values()) {
            topicReaders.put(topic, mapper.readerFor(valueType(topic)));
        }
    }

    /** The process-wide instance. */
    public static EventCodec shared() {
        return SHARED;
    }

    /**
     * Applies the event configuration to a mapper and returns it. Every producer and consumer of the topics must
     * use a mapper configured this way. Do not apply it to the mapper of the public CDS REST API: CDS decimals are
     * JSON numbers there, while events carry them as strings.
     */
    public static ObjectMapper configure(ObjectMapper mapper) {
        SimpleModule isoTimes = new SimpleModule("cds-iso-times");
        isoTimes.addSerializer(OffsetDateTime.class, new OffsetDateTimeText());
        isoTimes.addSerializer(Instant.class, new InstantText());
        isoTimes.addSerializer(LocalDate.class, stringSerializer(LocalDate.class, IsoFormats::localDate));
        isoTimes.addSerializer(LocalTime.class, stringSerializer(LocalTime.class, IsoFormats::localTime));
        // The forms written above are read by hand (the JDK's parser dominated decoding an interval event); any
        // other text goes to the JavaTimeModule deserializer, so what is accepted and every error stay the same.
        isoTimes.addDeserializer(OffsetDateTime.class, new FastIsoText<>(OffsetDateTime.class,
                IsoFormats::parseOffsetDateTime, InstantDeserializer.OFFSET_DATE_TIME));
        isoTimes.addDeserializer(Instant.class, new FastIsoText<>(Instant.class, IsoFormats::parseInstant,
                InstantDeserializer.INSTANT));
        isoTimes.addDeserializer(LocalDate.class, new FastIsoText<>(LocalDate.class, IsoFormats::parseLocalDate,
                LocalDateDeserializer.INSTANCE));
        mapper.registerModule(new JavaTimeModule()); // deserializers (and serializers for other java.time types)
        mapper.registerModule(isoTimes);             // registered later, so these serializers win
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        mapper.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        mapper.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN.mappedFeature());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE); // keep -08:00 as -08:00
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);
        mapper.disable(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
        return mapper;
    }

    /** The configured mapper (do not reconfigure it; cached writers and readers depend on it). */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** UTF-8 JSON of any event value (row event, file event, reject, grant, access filter…). */
    public byte[] encode(Object value) {
        try {
            ObjectWriter writer = value instanceof RowEvent<?> row
                    ? rowWriters.computeIfAbsent(row.data().getClass(), this::rowWriter)
                    : writerFor(value.getClass());
            return writer.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new EventCodecException("Cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** The same JSON as {@link #encode(Object)}, as text. */
    public String encodeToString(Object value) {
        return new String(encode(value), StandardCharsets.UTF_8);
    }

    /** Decodes a value of a non-generic type (FileLifecycleEvent, RejectEvent, GrantEvent, a payload…). */
    public <T> T decode(byte[] json, Class<T> type) {
        ObjectReader reader = readers.computeIfAbsent(type, mapper::readerFor);
        return read(reader, json, type.getSimpleName());
    }

    /** Decodes a row event whose {@code data} is of the given payload type. */
    public <T extends GridxPayload> RowEvent<T> decodeRow(byte[] json, Class<T> payloadType) {
        ObjectReader reader = rowReaders.computeIfAbsent(payloadType,
                t -> mapper.readerFor(mapper.getTypeFactory().constructParametricType(RowEvent.class, t)));
        return read(reader, json, "RowEvent<" + payloadType.getSimpleName() + ">");
    }

    /**
     * Decodes a value read from a topic: a {@link RowEvent} of the topic's payload, or the topic's value class.
     * A null value (tombstone on a compacted topic) gives null.
     */
    public Object decode(Topic topic, byte[] json) {
        if (json == null) {
            return null;
        }
        return read(topicReaders.get(topic), json, topic.topicName());
    }

    /** The cached writer for a value class. */
    public ObjectWriter writerFor(Class<?> type) {
        return writers.computeIfAbsent(type, mapper::writerFor);
    }

    /** The cached reader for a topic's values. */
    public ObjectReader readerFor(Topic topic) {
        return topicReaders.get(topic);
    }

    /** The Jackson type of a topic's values (e.g. {@code RowEvent<CustomerPayload>}). */
    public JavaType valueType(Topic topic) {
        if (topic.isRowTopic()) {
            return mapper.getTypeFactory().constructParametricType(RowEvent.class, topic.payloadClass());
        }
        return mapper.getTypeFactory().constructType(topic.payloadClass());
    }

    // Typed as RowEvent<Payload>: payload records are final, so Jackson binds their serializer once instead of
    // looking it up from the runtime type of every event.
    private ObjectWriter rowWriter(Class<?> payloadClass) {
        return mapper.writerFor(mapper.getTypeFactory().constructParametricType(RowEvent.class, payloadClass));
    }

    private static <T> T read(ObjectReader reader, byte[] json, String what) {
        try {
            return reader.readValue(json);
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new EventCodecException("Cannot decode " + what + ": " + detail, e);
        }
    }

    // Date-times are written straight from a char buffer: two of them per interval event, on the ingest hot path.
    private static final class OffsetDateTimeText extends StdSerializer<OffsetDateTime> {
        OffsetDateTimeText() {
            super(OffsetDateTime.class);
        }

        @Override
        public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            char[] buf = new char[IsoFormats.MAX_LENGTH];
            int len = IsoFormats.writeOffsetDateTime(value, buf);
            if (len < 0) {
                gen.writeString(value.toString());
            } else {
                gen.writeString(buf, 0, len);
            }
        }
    }

    /**
     * Reads a date or time string in the exact form {@link IsoFormats} writes; anything else (other ISO forms,
     * numbers, blanks, errors) and any property with its own format are handled by the JavaTimeModule deserializer.
     */
    private static final class FastIsoText<T> extends StdDeserializer<T> implements ContextualDeserializer {
        private final transient Function<String, T> fast;
        private final JsonDeserializer<T> fallback;

        FastIsoText(Class<T> type, Function<String, T> fast, JsonDeserializer<T> fallback) {
            super(type);
            this.fast = fast;
            this.fallback = fallback;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                T value = fast.apply(p.getText());
                if (value != null) {
                    return value;
                }
            }
            return fallback.deserialize(p, ctxt);
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
                throws JsonMappingException {
            @SuppressWarnings("unchecked")
            JsonDeserializer<T> contextual = fallback instanceof ContextualDeserializer c
                    ? (JsonDeserializer<T>) c.createContextual(ctxt, property) : fallback;
            JsonFormat.Value format = findFormatOverrides(ctxt, property, handledType());
            if (format != null && (format.hasPattern() || format.hasTimeZone()
                    || !JsonFormat.Features.empty().equals(format.getFeatures()))) {
                return contextual; // a format of its own (@JsonFormat): the text means something else here
            }
            @SuppressWarnings("unchecked")
            FastIsoText<T> fastText = new FastIsoText<>((Class<T>) handledType(), fast, contextual);
            return fastText;
        }
    }

    private static final class InstantText extends StdSerializer<Instant> {
        InstantText() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            char[] buf = new char[IsoFormats.MAX_LENGTH];
            int len = IsoFormats.writeOffsetDateTime(value.atOffset(ZoneOffset.UTC), buf);
            if (len < 0) {
                gen.writeString(value.toString());
            } else {
                gen.writeString(buf, 0, len);
            }
        }
    }

    private static <T> StdSerializer<T> stringSerializer(Class<T> type, Function<T, String> format) {
        return new StdSerializer<>(type) {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(format.apply(value));
            }
        };
    }
}
