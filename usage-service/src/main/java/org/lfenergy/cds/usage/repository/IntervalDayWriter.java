package org.lfenergy.cds.usage.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lfenergy.cds.usage.mapping.IntervalDayBatch.Day;

/**
 * Writes interval day rows: one {@code INSERT … SELECT FROM unnest(…) ON CONFLICT … DO UPDATE} per batch that
 * merges slot arrays (a new non-null slot replaces the stored one, missing slots are kept) and skips rows a replay
 * would not change. Creates the monthly partitions on first use.
 */
@ApplicationScoped
public class IntervalDayWriter {

    private static final String UPSERT = """
            INSERT INTO interval_day AS t (client, series_key, channel, interval_s, local_day, meter_account_id,
                series_meter_id, meter_ids, time_zone, day_start, slot_count, vals, quality, segment_id)
            SELECT u.client, u.series_key, u.channel, u.interval_s::int, u.local_day::date, u.ma, u.mid,
                   u.meters::text[], u.tz, u.day_start::timestamptz, u.slots::int, u.vals::numeric[], u.quality::text[], u.seg
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 AS u(client, series_key, channel, interval_s, local_day, ma, mid, meters, tz, day_start, slots, vals, quality, seg)
            ON CONFLICT (client, series_key, local_day, interval_s, channel) DO UPDATE SET
                vals = merge_slots(t.vals, EXCLUDED.vals),
                quality = merge_slots(t.quality, EXCLUDED.quality),
                meter_ids = ARRAY(SELECT DISTINCT m FROM unnest(t.meter_ids || EXCLUDED.meter_ids) AS m ORDER BY m),
                meter_account_id = coalesce(EXCLUDED.meter_account_id, t.meter_account_id),
                modified = now()
            WHERE slots_change(t.vals, EXCLUDED.vals, t.quality, EXCLUDED.quality)
               OR NOT (EXCLUDED.meter_ids <@ t.meter_ids)
            """;

    private final AgroalDataSource dataSource;
    private final Set<YearMonth> partitions = ConcurrentHashMap.newKeySet();

    private final SegmentIds segmentIds;

    public IntervalDayWriter(AgroalDataSource dataSource, SegmentIds segmentIds) {
        this.dataSource = dataSource;
        this.segmentIds = segmentIds;
    }

    /** Upserts the day rows in one statement and returns how many rows were inserted or changed. */
    public int write(Collection<Day> days) throws SQLException {
        if (days.isEmpty()) {
            return 0;
        }
        int n = days.size();
        String[][] cols = new String[14][n];
        int i = 0;
        for (Day d : days) {
            cols[0][i] = d.key.client();
            cols[1][i] = d.key.seriesKey();
            cols[2][i] = d.key.channel();
            cols[3][i] = Integer.toString(d.key.intervalS());
            cols[4][i] = d.key.day().toString();
            cols[5][i] = d.meterAccountId;
            cols[6][i] = d.seriesMeterId;
            cols[7][i] = SqlArrays.textLiteral(d.meters);
            cols[8][i] = d.frame.zone().getId();
            cols[9][i] = d.frame.start().toString();
            cols[10][i] = Integer.toString(d.frame.slots());
            cols[11][i] = SqlArrays.numericLiteral(d.values);
            cols[12][i] = SqlArrays.textLiteral(d.quality);
            cols[13][i] = segmentIds.interval(d.key.client(), d.key.seriesKey(), d.key.day(), d.key.intervalS());
            i++;
        }
        try (Connection c = dataSource.getConnection()) {
            ensurePartitions(c, days);
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                for (int k = 0; k < cols.length; k++) {
                    Array a = c.createArrayOf("text", cols[k]);
                    ps.setArray(k + 1, a);
                }
                return ps.executeUpdate();
            }
        }
    }

    private void ensurePartitions(Connection c, Collection<Day> days) throws SQLException {
        for (Day d : days) {
            YearMonth month = YearMonth.from(d.key.day());
            if (partitions.contains(month)) {
                continue;
            }
            LocalDate from = month.atDay(1);
            String name = String.format("interval_day_y%04dm%02d", month.getYear(), month.getMonthValue());
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF interval_day FOR VALUES FROM ('"
                        + from + "') TO ('" + from.plusMonths(1) + "')");
            } catch (SQLException e) {
                // Another writer may have created it between our check and ours (duplicate table): fine.
                if (!"42P07".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                    throw e;
                }
            }
            partitions.add(month);
        }
    }
}
