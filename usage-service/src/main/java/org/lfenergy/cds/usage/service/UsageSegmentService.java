package org.lfenergy.cds.usage.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.grant.DateWindows;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.contracts.id.CdsIdKind;
import org.lfenergy.cds.contracts.id.CdsIds;
import org.lfenergy.cds.usage.config.UsageConfig;
import org.lfenergy.cds.usage.mapping.ChannelFormats;
import org.lfenergy.cds.usage.mapping.QualityMapping;
import org.lfenergy.cds.usage.repository.AggregationQueries;
import org.lfenergy.cds.usage.repository.UsageSegmentQueries;
import org.lfenergy.cds.usage.service.SegmentData.ChannelDay;
import org.lfenergy.cds.usage.service.SegmentData.Determinant;
import org.lfenergy.cds.usage.service.SegmentData.Header;
import org.lfenergy.cds.usage.service.SegmentData.Kind;
import org.lfenergy.cds.usage.service.SegmentData.RegisterRead;

/** One page of usage segments: keys in CDS order, then their content, assembled under the grant's visibility. */
@ApplicationScoped
public class UsageSegmentService {

    private final UsageSegmentQueries queries;
    private final UsageSegmentAssembler assembler;
    private final CdsIds ids;

    private final AggregationQueries aggregations;
    private final AggregateSlots aggregateSlots;
    private final Map<String, List<String>> valueTypes;

    public UsageSegmentService(UsageSegmentQueries queries, AggregationQueries aggregations, ChannelFormats formats,
                               QualityMapping quality, CdsIds ids, UsageConfig config) {
        this.queries = queries;
        this.aggregations = aggregations;
        this.ids = ids;
        this.valueTypes = Map.copyOf(config.valueTypes());
        this.assembler = new UsageSegmentAssembler(formats, quality, ids, config.registerFormatId());
        this.aggregateSlots = new AggregateSlots(config.aggregations().minMembers(),
                config.aggregations().maxMemberShare(), quality);
    }

    /** The grant's segment window start (null = unbounded). */
    public static OffsetDateTime windowStart(DateWindows w) {
        return w.segmentStart();
    }

    /** The grant's segment window end: the earlier of segment_end and sync_until (null = unbounded). */
    public static OffsetDateTime windowEnd(DateWindows w) {
        if (w.segmentEnd() == null) {
            return w.syncUntil();
        }
        if (w.syncUntil() == null) {
            return w.segmentEnd();
        }
        return w.segmentEnd().isBefore(w.syncUntil()) ? w.segmentEnd() : w.syncUntil();
    }

    /**
     * Whether a Value Format id may be served under the grant's {@code include_usage_segment_value_types}: a chosen
     * Choice id that is one of the server's value types ({@code valueTypes}, see {@link UsageConfig#valueTypes()})
     * opens the formats it lists; any other chosen id opens the format of that id and its billed-period formats
     * ({@code <id>.<season>.<tou>}).
     */
    public static Predicate<String> formatsAllowed(AccessFilter filter, Map<String, List<String>> valueTypes) {
        if (!filter.includes(IncludeField.USAGE_SEGMENT_VALUE_TYPES) || filter.usageSegmentFormats() == null) {
            return id -> false;
        }
        List<String> chosen = filter.usageSegmentFormats();
        if (chosen.isEmpty()) {
            return id -> true;
        }
        List<String> patterns = new ArrayList<>();
        for (String c : chosen) {
            patterns.addAll(valueTypes.getOrDefault(c, List.of(c, c + ".*")));
        }
        return id -> {
            for (String p : patterns) {
                if (p.endsWith(".*") ? id.startsWith(p.substring(0, p.length() - 1)) : id.equals(p)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** One page (rows fetched = limit + 1 decide the links). */
    public Uni<Page<ObjectNode>> page(AccessScope scope, UsageSegmentQueries.Filters f, PageCursor cursor, int limit) {
        AccessFilter filter = scope.filter();
        OffsetDateTime ws = f.windowStart();
        OffsetDateTime we = f.windowEnd();
        UsageSegmentAssembler.Visibility visibility = new UsageSegmentAssembler.Visibility(formatsAllowed(filter, valueTypes),
                meterVisible(filter), ws == null ? null : ws.toInstant(), we == null ? null : we.toInstant());
        return queries.keys(scope, f, cursor, limit).flatMap(keyRows -> {
            Page<Row> page = Page.of(keyRows, limit, cursor, UsageSegmentService::sortKey);
            List<Header> headers = page.items().stream().map(UsageSegmentService::header).toList();
            return content(headers, scope).map(content -> {
                List<ObjectNode> segments = new ArrayList<>();
                for (Header h : headers) {
                    if (h.kind() == Kind.AGGREGATE_DAY) {
                        assembler.assemble(h, content.aggregateDays.getOrDefault(aggregateKey(h), List.of()), List.of(),
                                List.of(), visibility).ifPresent(segments::add);
                        continue;
                    }
                    String k = key(h.client(), h.seriesKey(), h.localDay());
                    if (h.kind() == Kind.BILLED_PERIOD) {
                        h = h.withBillSections(content.billSections.getOrDefault(billedKey(h), List.of()));
                    }
                    assembler.assemble(h, content.days.getOrDefault(k + "|" + h.intervalS(), List.of()),
                                    h.kind() == Kind.BILLED_PERIOD ? List.of() : content.reads.getOrDefault(k, List.of()),
                                    content.determinants.getOrDefault(billedKey(h), List.of()), visibility)
                            .ifPresent(segments::add);
                }
                return new Page<>(segments, page.next(), page.previous());
            });
        });
    }

    private java.util.function.BiPredicate<String, String> meterVisible(AccessFilter filter) {
        if (filter.includes(IncludeField.METER_DEVICES)) {
            return (c, m) -> true;
        }
        IdSelection s = filter.coverage().meterDevices();
        if (s.all()) {
            return (c, m) -> true;
        }
        return (c, m) -> s.numbers().contains(m) || s.ids().contains(ids.id(CdsIdKind.METER_DEVICE, c, m));
    }

    private record Content(Map<String, List<ChannelDay>> days, Map<String, List<RegisterRead>> reads,
                           Map<String, List<Determinant>> determinants, Map<String, List<ChannelDay>> aggregateDays,
                           Map<String, List<String>> billSections) {
    }

    private static String aggregateKey(Header h) {
        return String.join("|", h.client(), h.aggregate().kind(), h.aggregate().key(), h.localDay().toString(),
                Integer.toString(h.intervalS()));
    }

    private Uni<Content> content(List<Header> headers, AccessScope scope) {
        List<String> dc = new ArrayList<>(), ds = new ArrayList<>(), dd = new ArrayList<>(), di = new ArrayList<>();
        List<String> rc = new ArrayList<>(), rs = new ArrayList<>(), rd = new ArrayList<>();
        List<String> bc = new ArrayList<>(), bm = new ArrayList<>(), bs = new ArrayList<>(), be = new ArrayList<>();
        List<String> ac = new ArrayList<>(), ak = new ArrayList<>(), ay = new ArrayList<>(), ad = new ArrayList<>(),
                ai = new ArrayList<>();
        Map<String, Header> aggregateHeaders = new HashMap<>();
        for (Header h : headers) {
            switch (h.kind()) {
                case AGGREGATE_DAY -> {
                    ac.add(h.client());
                    ak.add(h.aggregate().kind());
                    ay.add(h.aggregate().key());
                    ad.add(h.localDay().toString());
                    ai.add(Integer.toString(h.intervalS()));
                    aggregateHeaders.put(aggregateKey(h), h);
                }
                case INTERVAL_DAY -> {
                    dc.add(h.client());
                    ds.add(h.seriesKey());
                    dd.add(h.localDay().toString());
                    di.add(Integer.toString(h.intervalS()));
                    rc.add(h.client());
                    rs.add(h.seriesKey());
                    rd.add(h.localDay().toString());
                }
                case REGISTER_DAY -> {
                    rc.add(h.client());
                    rs.add(h.seriesKey());
                    rd.add(h.localDay().toString());
                }
                case BILLED_PERIOD -> {
                    bc.add(h.client());
                    bm.add(h.seriesKey().substring(3));
                    bs.add(h.start().toString());
                    be.add(h.end().toString());
                }
            }
        }
        Uni<List<Row>> days = dc.isEmpty() ? Uni.createFrom().item(List.of())
                : queries.channelDays(arr(dc), arr(ds), arr(dd), arr(di));
        Uni<List<Row>> reads = rc.isEmpty() ? Uni.createFrom().item(List.of())
                : queries.registerReads(arr(rc), arr(rs), arr(rd));
        Uni<List<Row>> dets = bc.isEmpty() ? Uni.createFrom().item(List.of())
                : queries.determinants(arr(bc), arr(bm), arr(bs), arr(be));
        Uni<List<Row>> sums = ac.isEmpty() ? Uni.createFrom().item(List.of())
                : aggregations.slots(arr(ac), arr(ak), arr(ay), arr(ad), arr(ai));
        // related_billsections: only for a grant that includes bill sections, within its bill-section dates
        Uni<List<Row>> sections = bc.isEmpty() || !scope.includes(IncludeField.BILL_SECTIONS)
                ? Uni.createFrom().item(List.of()) : queries.billSections(arr(bc), arr(bm), arr(bs), arr(be));
        DateWindows windows = scope.filter().windows();
        return Uni.combine().all().unis(days, reads, dets, sums, sections).asTuple().map(t -> {
            Map<String, List<ChannelDay>> dayMap = new HashMap<>();
            for (Row r : t.getItem1()) {
                // the stored decimals as PostgreSQL prints them, from the array's binary form (no Numeric/BigDecimal)
                String[] values = org.lfenergy.cds.usage.repository.SqlArrays.decimalTexts(r.getBuffer("vals_bin").getBytes());
                String k = key(r.getString("client"), r.getString("series_key"), r.getLocalDate("local_day")) + "|"
                        + r.getInteger("interval_s");
                dayMap.computeIfAbsent(k, x -> new ArrayList<>()).add(new ChannelDay(r.getString("channel"),
                        Arrays.asList(r.getArrayOfStrings("meter_ids")), r.getOffsetDateTime("day_start").toInstant(),
                        r.getInteger("interval_s"), values,
                        org.lfenergy.cds.usage.repository.SqlArrays.texts(r.getBuffer("quality_bin").getBytes())));
            }
            Map<String, List<RegisterRead>> readMap = new HashMap<>();
            for (Row r : t.getItem2()) {
                String k = key(r.getString("client"), r.getString("series_key"), r.getLocalDate("local_day"));
                readMap.computeIfAbsent(k, x -> new ArrayList<>()).add(new RegisterRead(r.getString("channel"),
                        r.getString("meter_id"), r.getOffsetDateTime("read_at").toInstant(),
                        r.getNumeric("value").bigDecimalValue()));
            }
            Map<String, List<Determinant>> detMap = new HashMap<>();
            for (Row r : t.getItem3()) {
                String k = String.join("|", r.getString("client"), "ma:" + r.getString("meter_account_id"),
                        r.getOffsetDateTime("start_at").toInstant().toString(),
                        r.getOffsetDateTime("end_at").toInstant().toString());
                detMap.computeIfAbsent(k, x -> new ArrayList<>()).add(new Determinant(r.getString("channel"),
                        r.getNumeric("value").bigDecimalValue(), r.getString("quality")));
            }
            Map<String, List<ChannelDay>> aggregateMap = aggregateSlots.days(t.getItem4(), aggregateHeaders);
            Map<String, List<String>> sectionMap = new HashMap<>();
            for (Row r : t.getItem5()) {
                LocalDate from = r.getLocalDate("start_date");
                LocalDate to = r.getLocalDate("end_date");
                if ((windows.startDate() != null && from.isBefore(windows.startDate()))
                        || (windows.endDate() != null && to.isAfter(windows.endDate()))) {
                    continue;
                }
                String k = String.join("|", r.getString("client"), "ma:" + r.getString("meter_account_id"),
                        r.getOffsetDateTime("start_at").toInstant().toString(),
                        r.getOffsetDateTime("end_at").toInstant().toString());
                sectionMap.computeIfAbsent(k, x -> new ArrayList<>()).add(r.getString("cds_billsection_id"));
            }
            return new Content(dayMap, readMap, detMap, aggregateMap, sectionMap);
        });
    }

    private static String key(String client, String series, LocalDate day) {
        return client + "|" + series + "|" + day;
    }

    private static String billedKey(Header h) {
        return String.join("|", h.client(), h.seriesKey(), h.start().toString(), h.end().toString());
    }

    private static String[] arr(List<String> l) {
        return l.toArray(String[]::new);
    }

    private static List<String> sortKey(Row r) {
        return List.of(r.getString("agg_number"), r.getString("entity_id"), r.getString("contract_id"), r.getString("seg_start_text"),
                r.getString("modified_text"), r.getString("kind"), r.getString("series_key"),
                Integer.toString(r.getInteger("interval_s")), r.getString("seg_end_text"));
    }

    private static Header header(Row r) {
        Kind kind = switch (r.getString("kind")) {
            case "i" -> Kind.INTERVAL_DAY;
            case "r" -> Kind.REGISTER_DAY;
            case "a" -> Kind.AGGREGATE_DAY;
            default -> Kind.BILLED_PERIOD;
        };
        Instant start = r.getOffsetDateTime("seg_start").toInstant();
        Instant end = r.getOffsetDateTime("seg_end").toInstant();
        return new Header(kind, r.getString("segment_id"), r.getString("client"), r.getString("series_key"),
                r.getLocalDate("local_day"), r.getInteger("interval_s"), start, end, r.getOffsetDateTime("created"),
                r.getOffsetDateTime("modified"), r.getString("cds_account_id"), r.getString("cds_servicecontract_id"),
                r.getString("cds_servicepoint_id"), r.getString("meter_account_id"),
                Boolean.TRUE.equals(r.getBoolean("show_account")), Boolean.TRUE.equals(r.getBoolean("show_contract")),
                Boolean.TRUE.equals(r.getBoolean("show_service_point")),
                kind == Kind.AGGREGATE_DAY ? new SegmentData.AggregateRef(r.getString("cds_aggregation_id"),
                        r.getString("agg_kind"), r.getString("agg_key")) : null, List.of());
    }
}
