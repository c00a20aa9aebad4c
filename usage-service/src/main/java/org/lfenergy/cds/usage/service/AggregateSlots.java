package org.lfenergy.cds.usage.service;

import io.vertx.mutiny.sqlclient.Row;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lfenergy.cds.usage.mapping.QualityMapping;
import org.lfenergy.cds.usage.service.SegmentData.ChannelDay;
import org.lfenergy.cds.usage.service.SegmentData.Header;

/**
 * Turns the summed slots of aggregation days into channel days, applying the anonymity rules per value: a slot is
 * served only when at least {@code minMembers} customers have a value in it and no customer's magnitude exceeds
 * {@code maxShare} of the sum of the customers' magnitudes; otherwise it is {@code null}. Quality: {@code estimated}
 * when an estimated value contributed, else {@code calculated} (a sum is derived from other measurements).
 */
final class AggregateSlots {

    private final int minMembers;
    private final BigDecimal maxShare;
    private final QualityMapping quality;

    AggregateSlots(int minMembers, BigDecimal maxShare, QualityMapping quality) {
        this.minMembers = minMembers;
        this.maxShare = maxShare;
        this.quality = quality;
    }

    /** The served value of one slot, or null when the anonymity rules suppress it. */
    BigDecimal served(BigDecimal total, int customers, BigDecimal largest, BigDecimal magnitude) {
        if (total == null || customers < minMembers) {
            return null;
        }
        if (magnitude.signum() > 0 && largest.compareTo(maxShare.multiply(magnitude)) > 0) {
            return null;
        }
        return total;
    }

    /** The CDS quality of a sum from the Data_versions that contributed (comma-separated). */
    String quality(String versions) {
        if (versions != null) {
            for (String v : versions.split(",")) {
                if ("estimated".equals(quality.toCds(v.isEmpty() ? null : v))) {
                    return "estimated";
                }
            }
        }
        return "calculated";
    }

    /** Channel days per aggregate-day key (client|kind|key|day|interval) of the given headers. */
    Map<String, List<ChannelDay>> days(List<Row> rows, Map<String, Header> headers) {
        Map<String, Map<String, ChannelDay>> out = new HashMap<>();
        for (Row r : rows) {
            String key = String.join("|", r.getString("client"), r.getString("kind"), r.getString("key"),
                    r.getLocalDate("local_day").toString(), Integer.toString(r.getInteger("interval_s")));
            Header h = headers.get(key);
            if (h == null) {
                continue;
            }
            int slots = (int) ((h.end().getEpochSecond() - h.start().getEpochSecond()) / h.intervalS());
            ChannelDay day = out.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(r.getString("channel"),
                    ch -> new ChannelDay(ch, List.of(), h.start(), h.intervalS(), new String[slots], new String[slots]));
            int i = r.getInteger("slot") - 1;
            if (i < 0 || i >= slots) {
                continue;
            }
            BigDecimal v = served(decimal(r, "total"), r.getInteger("customers"), decimal(r, "largest"),
                    decimal(r, "magnitude"));
            day.values()[i] = v == null ? null : v.toPlainString();
            day.quality()[i] = v == null ? null : quality(r.getString("versions"));
        }
        Map<String, List<ChannelDay>> result = new HashMap<>();
        out.forEach((k, v) -> result.put(k, new ArrayList<>(v.values())));
        return result;
    }

    private static BigDecimal decimal(Row r, String column) {
        io.vertx.sqlclient.data.Numeric n = r.getNumeric(column);
        return n == null ? null : n.bigDecimalValue();
    }
}
