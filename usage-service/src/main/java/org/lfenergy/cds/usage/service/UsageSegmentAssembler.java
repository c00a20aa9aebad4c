package org.lfenergy.cds.usage.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.lfenergy.cds.contracts.id.CdsIdKind;
import org.lfenergy.cds.contracts.id.CdsIds;
import org.lfenergy.cds.usage.mapping.ChannelFormats;
import org.lfenergy.cds.usage.mapping.Json;
import org.lfenergy.cds.usage.mapping.QualityMapping;
import org.lfenergy.cds.usage.mapping.ValueFormatSpec;
import org.lfenergy.cds.usage.service.SegmentData.ChannelDay;
import org.lfenergy.cds.usage.service.SegmentData.Determinant;
import org.lfenergy.cds.usage.service.SegmentData.Header;
import org.lfenergy.cds.usage.service.SegmentData.RegisterRead;

/**
 * Builds CDS Usage Segments (§10.8) from stored channel days, register reads and billing determinants.
 *
 * <ul>
 *   <li>An interval day becomes one segment: {@code segment_start} = local midnight in UTC, one Value Set per slot
 *       (92, 96 or 100 quarter-hours), {@code null} where a channel has no value.</li>
 *   <li>Each mapped channel is one Value Format; reverse energy is served negative (CDS sign convention); when a
 *       forward and a reverse electric_usage channel are both present a derived {@code net} format follows.</li>
 *   <li>Quality: the format's {@code quality} when every value shares one; otherwise each value object carries
 *       {@code gridx_quality} and the format leaves {@code quality} out.</li>
 *   <li>Register reads are {@code meter_readings} formats, the read placed in the slot it starts.</li>
 *   <li>A billed period becomes one segment with one Value Set, its formats qualified by season and time of use.</li>
 *   <li>A grant's segment window trims a segment to the slots inside it (a new segment id).</li>
 * </ul>
 */
public final class UsageSegmentAssembler {

    /** Value-object key of per-value quality when a format mixes qualities. */
    public static final String VALUE_QUALITY_KEY = "gridx_quality";

    private final ChannelFormats formats;
    private final QualityMapping quality;
    private final CdsIds ids;
    private final String registerFormatId;

    public UsageSegmentAssembler(ChannelFormats formats, QualityMapping quality, CdsIds ids, String registerFormatId) {
        this.formats = formats;
        this.quality = quality;
        this.ids = ids;
        this.registerFormatId = registerFormatId;
    }

    /** What the grant lets the assembler show. */
    public record Visibility(Predicate<String> formatAllowed, java.util.function.BiPredicate<String, String> meterVisible, Instant windowStart,
                             Instant windowEnd) {
    }

    /** The segment, or empty when nothing of it lies inside the grant's window. */
    public Optional<ObjectNode> assemble(Header h, List<ChannelDay> days, List<RegisterRead> reads,
                                         List<Determinant> determinants, Visibility v) {
        return switch (h.kind()) {
            case INTERVAL_DAY, REGISTER_DAY -> day(h, days, reads, v, quality::toCds);
            case AGGREGATE_DAY -> day(h, days, List.of(), v, q -> q); // sums carry CDS qualities already
            case BILLED_PERIOD -> billed(h, determinants, v);
        };
    }

    private Optional<ObjectNode> day(Header h, List<ChannelDay> days, List<RegisterRead> reads, Visibility v,
                                     java.util.function.UnaryOperator<String> qualityOf) {
        int slots;
        int intervalS;
        Instant start = h.start();
        if (h.kind() != SegmentData.Kind.REGISTER_DAY && !days.isEmpty()) {
            intervalS = days.get(0).intervalS();
            slots = days.get(0).values().length;
        } else {
            intervalS = (int) (h.end().getEpochSecond() - h.start().getEpochSecond());
            slots = 1;
        }
        // Trim to the grant's window: keep the slots lying wholly inside it.
        int from = 0;
        int to = slots;
        if (v.windowStart() != null) {
            long skip = ceilDiv(v.windowStart().getEpochSecond() - start.getEpochSecond(), intervalS);
            from = (int) Math.max(0, Math.min(slots, skip));
        }
        if (v.windowEnd() != null) {
            long keep = Math.floorDiv(v.windowEnd().getEpochSecond() - start.getEpochSecond(), intervalS);
            to = (int) Math.max(from, Math.min(slots, keep));
        }
        if (to <= from) {
            return Optional.empty();
        }
        boolean trimmed = from > 0 || to < slots;
        Instant segStart = start.plusSeconds((long) from * intervalS);
        Instant segEnd = start.plusSeconds((long) to * intervalS);

        List<Column> columns = new ArrayList<>();
        Set<String> segmentMeters = new LinkedHashSet<>();
        ChannelDay forward = null;
        ChannelDay reverse = null;
        ValueFormatSpec forwardSpec = null;
        List<ChannelDay> sorted = new ArrayList<>(days);
        sorted.sort(Comparator.comparing(ChannelDay::channel));
        for (ChannelDay d : sorted) {
            segmentMeters.addAll(d.meterIds());
            Optional<ValueFormatSpec> spec = formats.forChannel(d.channel());
            if (spec.isEmpty()) {
                continue; // unmapped channel: stored, not served (docs/usage-mapping.md)
            }
            ValueFormatSpec f = spec.get();
            if ("electric_usage".equals(f.type()) && "forward".equals(f.direction())) {
                forward = d;
                forwardSpec = f;
            } else if ("electric_usage".equals(f.type()) && "reverse".equals(f.direction())) {
                reverse = d;
            }
            if (v.formatAllowed().test(f.id())) {
                String[] q = cdsQuality(d, qualityOf);
                String[] values = d.values();
                if (f.negate()) {
                    values = negate(values);
                }
                columns.add(new Column(spec(f), f.valueKey(), values, q, meters(d.meterIds(), h.client(), v)));
            }
        }
        if (forward != null && reverse != null && forward.values().length == reverse.values().length) {
            ValueFormatSpec net = formats.netOf(forwardSpec);
            if (v.formatAllowed().test(net.id())) {
                String[] values = new String[slots];
                String[] q = new String[slots];
                String[] forwardQuality = cdsQuality(forward, qualityOf);
                String[] reverseQuality = cdsQuality(reverse, qualityOf);
                for (int i = 0; i < slots; i++) {
                    String a = forward.values()[i];
                    String b = reverse.values()[i];
                    if (a != null && b != null) {
                        values[i] = new BigDecimal(a).subtract(new BigDecimal(b)).toPlainString();
                        q[i] = netQuality(forwardQuality[i], reverseQuality[i]);
                    }
                }
                Set<String> m = new LinkedHashSet<>(forward.meterIds());
                m.addAll(reverse.meterIds());
                columns.add(new Column(spec(net), "eu", values, q, meters(m, h.client(), v)));
            }
        }
        // Register reads: one meter_readings format per (channel, meter), the read in the slot it starts.
        Map<String, List<RegisterRead>> byRegister = new TreeMap<>();
        for (RegisterRead r : reads) {
            segmentMeters.add(r.meterId());
            byRegister.computeIfAbsent(r.channel() + "\u0000" + r.meterId(), k -> new ArrayList<>()).add(r);
        }
        for (List<RegisterRead> rs : byRegister.values()) {
            RegisterRead first = rs.get(0);
            if (first.meterId() == null || first.meterId().isEmpty() || !v.meterVisible().test(h.client(), first.meterId())) {
                continue; // related_meterdevice is required: never name a meter the grant does not show
            }
            String meterCdsId = meterCdsId(h.client(), first.meterId());
            String id = registerFormatId + "." + first.channel() + "." + meterCdsId;
            if (!v.formatAllowed().test(id)) {
                continue;
            }
            ObjectNode f = Json.object();
            f.put("id", id);
            f.put("type", "meter_readings");
            f.put("related_meterdevice", meterCdsId);
            f.put("register", first.channel());
            f.put("units", formats.forChannel(first.channel()).map(ValueFormatSpec::units).orElse("count"));
            String[] readings = new String[slots];
            for (RegisterRead r : rs) {
                long offset = r.readAt().getEpochSecond() - start.getEpochSecond();
                if (offset >= 0 && offset % intervalS == 0 && offset / intervalS < slots) {
                    readings[(int) (offset / intervalS)] = r.value().toPlainString();
                }
            }
            columns.add(new Column(f, "r", null, null, null, readings));
        }

        ObjectNode seg = header(h, trimmed ? ids.compositeId(CdsIdKind.USAGE_SEGMENT, h.client(), h.seriesKey(),
                String.valueOf(h.localDay()), Integer.toString(intervalS), "trimmed", segStart.toString(),
                segEnd.toString()) : segmentId(h), segmentMeters, v, segStart, segEnd, intervalS);
        ArrayNode fmts = seg.putArray("formats");
        for (Column c : columns) {
            fmts.add(c.format(from, to));
        }
        // The value sets are written straight to the JSON output (no node per value): see ValueSets.
        seg.set("values", Json.NODES.pojoNode(new ValueSets(columns, from, to)));
        return Optional.of(seg);
    }

    private Optional<ObjectNode> billed(Header h, List<Determinant> determinants, Visibility v) {
        if ((v.windowStart() != null && h.start().isBefore(v.windowStart()))
                || (v.windowEnd() != null && h.end().isAfter(v.windowEnd()))) {
            return Optional.empty(); // a billed period cannot be cut: outside the window as a whole
        }
        int intervalS = (int) (h.end().getEpochSecond() - h.start().getEpochSecond());
        ObjectNode seg = header(h, segmentId(h), Set.of(), v, h.start(), h.end(), intervalS);
        ArrayNode fmts = seg.putArray("formats");
        ArrayNode values = seg.putArray("values");
        ArrayNode set = null;
        List<Determinant> sorted = new ArrayList<>(determinants);
        sorted.sort(Comparator.comparing(Determinant::channel));
        for (Determinant d : sorted) {
            Optional<ChannelFormats.DeterminantChannel> parsed = formats.parseDeterminant(d.channel());
            if (parsed.isEmpty() || !v.formatAllowed().test(parsed.get().formatId())) {
                continue;
            }
            ChannelFormats.DeterminantChannel dc = parsed.get();
            ValueFormatSpec base = dc.base();
            ObjectNode f = spec(base);
            f.put("id", dc.formatId());
            boolean electric = base.type().startsWith("electric_");
            if (electric) {
                if (dc.tou() != null) {
                    f.put("tou", dc.tou());
                } else if (dc.event() == null) {
                    f.putNull("tou");
                }
            }
            if (dc.season() != null) {
                f.put("season", dc.season());
            } else {
                f.putNull("season");
            }
            String q = quality.toCds(d.quality());
            if (q != null) {
                f.put("quality", q);
            }
            if (dc.event() != null) {
                f.put("gridx_event", dc.event());
            }
            fmts.add(f);
            if (set == null) {
                set = values.addArray();
            }
            ObjectNode value = Json.object();
            value.put(base.valueKey(), base.negate() ? d.value().negate() : d.value());
            set.add(value);
        }
        return Optional.of(seg);
    }

    private ObjectNode header(Header h, String id, Set<String> meterIds, Visibility v, Instant start, Instant end,
                              int intervalS) {
        ObjectNode o = Json.object();
        o.put("cds_usagesegment_id", id);
        o.put("cds_created", Json.utc(h.created()));
        o.put("cds_modified", Json.utc(h.modified()));
        o.put("cds_synced", Json.utc(h.modified()));
        o.set("related_aggregations", Json.strings(h.aggregate() == null ? List.of() : List.of(h.aggregate().id())));
        o.set("related_accounts", Json.strings(h.showAccount() ? List.of(h.accountId()) : List.of()));
        o.set("related_servicecontracts", Json.strings(h.showContract() ? List.of(h.contractId()) : List.of()));
        o.set("related_servicepoints", Json.strings(h.showServicePoint() ? List.of(h.servicePointId()) : List.of()));
        o.set("related_meterdevices", Json.strings(meters(meterIds, h.client(), v)));
        o.set("related_billsections", Json.strings(h.billSections()));
        o.put("segment_start", Json.utc(start));
        o.put("segment_end", Json.utc(end));
        o.put("interval", intervalS);
        return o;
    }

    /** The segment id of an untrimmed segment (stored with its rows). */
    public String segmentId(Header h) {
        return h.segmentId();
    }

    private List<String> meters(Iterable<String> meterIds, String client, Visibility v) {
        List<String> out = new ArrayList<>();
        for (String m : meterIds) {
            if (m != null && !m.isEmpty() && v.meterVisible().test(client, m)) {
                String id = meterCdsId(client, m);
                if (!out.contains(id)) {
                    out.add(id);
                }
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * The CDS id of a meter (an HMAC, see CdsIds), remembered: a meter-year names the same meter in every segment and
     * format. Bounded: cleared when it holds {@value #METER_ID_CACHE_SIZE} meters.
     */
    private String meterCdsId(String client, String meterId) {
        String k = client + "\u0000" + meterId;
        String id = meterIdCache.get(k);
        if (id == null) {
            if (meterIdCache.size() >= METER_ID_CACHE_SIZE) {
                meterIdCache.clear();
            }
            id = ids.id(CdsIdKind.METER_DEVICE, client, meterId);
            meterIdCache.put(k, id);
        }
        return id;
    }

    private static final int METER_ID_CACHE_SIZE = 100_000;
    private final java.util.concurrent.ConcurrentHashMap<String, String> meterIdCache =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static ObjectNode spec(ValueFormatSpec f) {
        ObjectNode o = Json.object();
        o.put("id", f.id());
        o.put("type", f.type());
        o.put("units", f.units());
        if (f.demandType() != null) {
            o.put("demand_type", f.demandType());
        }
        if (f.direction() != null) {
            o.put("direction", f.direction());
        }
        return o;
    }

    /**
     * The CDS quality of each present value of a channel day ({@code null} where the value is missing). The mapping
     * is asked once per run of equal codes, not per slot (a day's codes are nearly always one code).
     */
    private static String[] cdsQuality(ChannelDay d, java.util.function.UnaryOperator<String> qualityOf) {
        String[] out = new String[d.values().length];
        String code = null;
        String cds = null;
        boolean mapped = false;
        for (int i = 0; i < out.length; i++) {
            if (d.values()[i] == null) {
                continue;
            }
            String c = d.quality()[i];
            if (!mapped || !java.util.Objects.equals(c, code)) {
                code = c;
                cds = qualityOf.apply(c);
                mapped = true;
            }
            out[i] = cds;
        }
        return out;
    }

    static String netQuality(String a, String b) {
        if (a != null && a.equals(b)) {
            return a;
        }
        if ("estimated".equals(a) || "estimated".equals(b)) {
            return "estimated";
        }
        return "calculated";
    }

    private static String[] negate(String[] values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] == null ? null : negate(values[i]);
        }
        return out;
    }

    /**
     * The negated decimal text, as {@code new BigDecimal(v).negate().toPlainString()} would print it: the sign
     * flipped, zero (of any scale) unsigned.
     */
    static String negate(String v) {
        if (v.startsWith("-")) {
            return v.substring(1);
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != '0' && c != '.') {
                return "-" + v;
            }
        }
        return v;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** One Value Format and its values over the day's slots. */
    private static final class Column {
        final ObjectNode format;
        final String key;
        final String[] values;
        final String[] quality;
        final String[] readings;
        /** {@code {"<key>":}}: the start of each value object, UTF-8. */
        final byte[] open;

        Column(ObjectNode format, String key, String[] values, String[] quality, List<String> meters) {
            this(format, key, values, quality, meters, null);
        }

        Column(ObjectNode format, String key, String[] values, String[] quality, List<String> meters,
               String[] readings) {
            this.format = format;
            this.key = key;
            this.values = values;
            this.quality = quality;
            this.readings = readings;
            this.open = new JsonBytes(key.length() + 4).append('{').appendJsonString(key).append(':').toBytes();
            if (meters != null && !meters.isEmpty()) {
                format.set("related_meterdevices", Json.strings(meters));
            }
        }

        private String uniform;
        private boolean mixed;

        ObjectNode format(int from, int to) {
            if (quality != null) {
                Set<String> seen = new LinkedHashSet<>();
                boolean unknown = false;
                for (int i = from; i < to; i++) {
                    if (values[i] != null) {
                        if (quality[i] == null) {
                            unknown = true;
                        } else {
                            seen.add(quality[i]);
                        }
                    }
                }
                if (seen.size() == 1 && !unknown) {
                    uniform = seen.iterator().next();
                    format.put("quality", uniform);
                } else {
                    mixed = !seen.isEmpty();
                }
            }
            return format;
        }

        /** Appends the JSON of slot {@code i}'s value object (or {@code null}) of this format. */
        void appendValue(JsonBytes out, int i) {
            if (readings != null) {
                if (readings[i] == null) {
                    out.append(NULL);
                } else {
                    out.append(open).appendJsonString(readings[i]).append('}');
                }
                return;
            }
            if (values[i] == null) {
                out.append(NULL);
                return;
            }
            // the stored decimal text as is (plain notation, scale kept): never a double
            out.append(open).append(values[i]);
            if (mixed && quality[i] != null) {
                out.append(QUALITY_KEY).appendJsonString(quality[i]);
            }
            out.append('}');
        }

        private static final byte[] NULL = "null".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        private static final byte[] QUALITY_KEY = (",\"" + VALUE_QUALITY_KEY + "\":")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * A day's Value Sets ({@code values}: one array per slot, one value object or {@code null} per format), written
     * as one raw JSON value when the response is serialized: a meter-year page holds about 35,000 values, and a
     * tree node (or even a generator call) per value cost more than the rest of the page. The text is built as UTF-8
     * bytes that the generator copies as they are ({@link JsonBytes#raw()}). The decimals are the stored texts,
     * copied as they are. Reading it back as a tree ({@code ObjectMapper.valueToTree}) gives the same JSON.
     */
    static final class ValueSets implements JsonSerializable {
        private final List<Column> columns;
        private final int from;
        private final int to;

        ValueSets(List<Column> columns, int from, int to) {
            this.columns = List.copyOf(columns);
            this.from = from;
            this.to = to;
        }

        @Override
        public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeRawValue(json().raw());
        }

        /** The JSON text of the value sets, built in one buffer (one raw value for the generator). */
        JsonBytes json() {
            JsonBytes out = new JsonBytes(2 + (to - from) * (2 + columns.size() * 16));
            if (columns.isEmpty()) {
                return out.append('[').append(']');
            }
            out.append('[');
            for (int i = from; i < to; i++) {
                if (i > from) {
                    out.append(',');
                }
                out.append('[');
                for (int k = 0; k < columns.size(); k++) {
                    if (k > 0) {
                        out.append(',');
                    }
                    columns.get(k).appendValue(out, i);
                }
                out.append(']');
            }
            return out.append(']');
        }

        @Override
        public void serializeWithType(JsonGenerator g, SerializerProvider provider, TypeSerializer typeSer)
                throws IOException {
            serialize(g, provider);
        }
    }

}
