package org.lfenergy.cds.usage.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.usage.repository.Keyset;
import org.lfenergy.cds.usage.repository.Sql;
import org.lfenergy.cds.usage.repository.SqlArrays;
import org.lfenergy.cds.usage.rest.BadParameterException;

class PagingAndParamsTest {

    @Test
    void spaceSeparatedListsAreAnyOfAndBadValuesNameTheirParameter() {
        assertThat(ListParams.list("x", "a b  c")).containsExactly("a", "b", "c");
        assertThat(ListParams.list("x", null)).isEmpty();
        assertThatThrownBy(() -> ListParams.list("account_numbers", "  ")).isInstanceOf(BadParameterException.class)
                .extracting(e -> ((BadParameterException) e).parameter()).isEqualTo("account_numbers");
        assertThat(ListParams.dateTime("before", "2024-03-10T00:00:00-08:00").toInstant().toString())
                .isEqualTo("2024-03-10T08:00:00Z");
        assertThatThrownBy(() -> ListParams.dateTime("after", "2024-03-10")).isInstanceOf(BadParameterException.class);
        assertThat(ListParams.limit(null, 100)).isEqualTo(100);
        assertThat(ListParams.limit("7", 100)).isEqualTo(7);
        assertThatThrownBy(() -> ListParams.limit("101", 100)).isInstanceOf(BadParameterException.class);
        assertThatThrownBy(() -> ListParams.limit("x", 100)).isInstanceOf(BadParameterException.class);
        // usage segments: default 100, up to 400
        assertThat(ListParams.limit(null, 100, 400)).isEqualTo(100);
        assertThat(ListParams.limit("400", 100, 400)).isEqualTo(400);
        assertThat(ListParams.limit("366", 100, 400)).isEqualTo(366);
        assertThat(ListParams.limit("101", 100, 400)).isEqualTo(101);
        for (String bad : new String[] {"401", "0", "-1", "1.5", "", " ", "1e2", "99999999999"}) {
            assertThatThrownBy(() -> ListParams.limit(bad, 100, 400)).as(bad).isInstanceOf(BadParameterException.class)
                    .hasMessage("limit must be an integer from 1 to 400");
        }
    }

    @Test
    void cursorsRoundTripAndForeignCursorsAreRefused() {
        PageCursor c = new PageCursor(true, List.of("a|b", "2024-01-01 00:00:00+00"));
        assertThat(PageCursor.decode(c.encode(), 2)).isEqualTo(c);
        assertThatThrownBy(() -> PageCursor.decode(c.encode(), 3)).isInstanceOf(BadParameterException.class);
        assertThatThrownBy(() -> PageCursor.decode("%%%", 2)).isInstanceOf(BadParameterException.class);
        assertThat(PageCursor.decode(null, 2)).isNull();
    }

    @Test
    void pagesKnowTheirNeighbours() {
        List<String> rows = List.of("a", "b", "c");
        Page<String> first = Page.of(rows, 2, null, r -> List.of(r));
        assertThat(first.items()).containsExactly("a", "b");
        assertThat(first.next().values()).containsExactly("b");
        assertThat(first.previous()).isNull();
        Page<String> last = Page.of(List.of("c"), 2, new PageCursor(false, List.of("b")), r -> List.of(r));
        assertThat(last.next()).isNull();
        assertThat(last.previous().values()).containsExactly("c");
        // a backward page arrives reversed and is put back in API order
        Page<String> back = Page.of(List.of("b", "a"), 2, new PageCursor(true, List.of("c")), r -> List.of(r));
        assertThat(back.items()).containsExactly("a", "b");
        assertThat(back.previous()).isNull();
        assertThat(back.next().values()).containsExactly("b");
        assertThat(Page.of(List.<String>of(), 2, null, r -> List.of(r)).next()).isNull();
    }

    @Test
    void keysetPredicatesFollowEachColumnsDirection() {
        Keyset k = new Keyset(List.of(new Keyset.Column("m", "timestamptz", false), new Keyset.Column("id", "text", true)));
        assertThat(k.orderBy(false)).isEqualTo(" ORDER BY m DESC, id ASC");
        assertThat(k.orderBy(true)).isEqualTo(" ORDER BY m ASC, id DESC");
        Sql sql = new Sql();
        k.appendAfter(sql, List.of("t", "x"), false);
        assertThat(sql.text()).isEqualTo(" AND ((m < $1::text::timestamptz) OR (m = $2::text::timestamptz AND id > $3::text::text))");
        Sql back = new Sql();
        k.appendAfter(back, List.of("t", "x"), true);
        assertThat(back.text()).isEqualTo(" AND ((m > $1::text::timestamptz) OR (m = $2::text::timestamptz AND id < $3::text::text))");
    }

    @Test
    void arrayLiteralsKeepScaleAndEscapeText() {
        assertThat(SqlArrays.numericLiteral(new java.math.BigDecimal[]{new java.math.BigDecimal("2000.00"), null,
                new java.math.BigDecimal("1E+3")})).isEqualTo("{2000.00,NULL,1000}");
        assertThat(SqlArrays.textLiteral(new String[]{"A", null, "x\"y\\z", ""})).isEqualTo("{\"A\",NULL,\"x\\\"y\\\\z\",\"\"}");
    }
}
