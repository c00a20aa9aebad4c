package org.lfenergy.cds.billing.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FactRowTest {

    private static final Instant T1 = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2024-02-01T00:00:00Z");
    private static final Instant T3 = Instant.parse("2024-03-01T00:00:00Z");

    private static FactRow row(String value, Instant t) {
        return FactRow.of(FactTable.ATTRIBUTE, "{\"value\":\"" + value + "\"}", t, "C", "CT", "1", "rate_code",
                "2024-01-01", value);
    }

    private static FactRow merge(List<FactRow> rows) {
        FactRow m = rows.get(0);
        for (FactRow r : rows.subList(1, rows.size())) {
            m = m.mergedWith(r, m.data().equals(r.data()));
        }
        return m;
    }

    @Test
    void newestContentWinsWhateverTheArrivalOrder() {
        List<FactRow> rows = new ArrayList<>(List.of(row("A", T1), row("B", T2)));
        FactRow inOrder = merge(rows);
        Collections.reverse(rows);
        FactRow reversed = merge(rows);
        assertThat(inOrder).isEqualTo(reversed);
        assertThat(inOrder.value("value")).isEqualTo("B");
        assertThat(inOrder.firstTs()).isEqualTo(T1);
        assertThat(inOrder.contentTs()).isEqualTo(T2);
        assertThat(inOrder.seenTs()).isEqualTo(T2);
    }

    @Test
    void resentContentKeepsItsFirstTimeButMovesSeen() {
        FactRow a = merge(List.of(row("A", T1), row("A", T3)));
        FactRow b = merge(List.of(row("A", T3), row("A", T1)));
        assertThat(a).isEqualTo(b);
        assertThat(a.contentTs()).isEqualTo(T1);
        assertThat(a.seenTs()).isEqualTo(T3);
    }

    @Test
    void replayingTheSameFileChangesNothing() {
        FactRow once = row("A", T2);
        assertThat(merge(List.of(once, row("A", T2), row("A", T2)))).isEqualTo(once);
    }

    @Test
    void upsertIsOneStatementMergingByTheSameRule() {
        String sql = FactTable.ATTRIBUTE.upsertSql();
        assertThat(sql).startsWith("INSERT INTO attribute AS t").contains("FROM unnest(")
                .contains("ON CONFLICT (client, id_type, id, key, start_date) DO UPDATE")
                .contains("first_ts = LEAST(t.first_ts, EXCLUDED.first_ts)")
                .contains("seen_ts = GREATEST(t.seen_ts, EXCLUDED.seen_ts)");
    }
}
