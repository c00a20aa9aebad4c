package org.lfenergy.cds.usage.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import org.lfenergy.cds.usage.service.PageCursor;

/**
 * Keyset paging over a multi-column order: the ORDER BY clause for either direction, and the predicate that keeps
 * the rows strictly after (or before) a cursor row. Column values travel as text and are cast to the column type.
 */
public final class Keyset {

    /** One ordering column. */
    public record Column(String expression, String sqlType, boolean ascending) {
    }

    private final List<Column> columns;

    public Keyset(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    /**
     * The same order over other expressions (one per column, same types and directions): to repeat the cursor
     * predicate and the order inside a branch of a union whose output the outer query pages.
     */
    public Keyset on(List<String> expressions) {
        if (expressions.size() != columns.size()) {
            throw new IllegalArgumentException(expressions.size() + " expressions for " + columns.size() + " columns");
        }
        List<Column> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            out.add(new Column(expressions.get(i), columns.get(i).sqlType(), columns.get(i).ascending()));
        }
        return new Keyset(out);
    }

    /** Number of columns (and cursor values). */
    public int size() {
        return columns.size();
    }

    /** {@code ORDER BY …} in the API order, or reversed for a backward page. */
    public String orderBy(boolean backward) {
        StringBuilder sb = new StringBuilder(" ORDER BY ");
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            boolean asc = c.ascending() != backward;
            sb.append(i == 0 ? "" : ", ").append(c.expression()).append(asc ? " ASC" : " DESC");
        }
        return sb.toString();
    }

    /**
     * The predicate "row comes after the cursor row" in the API order (or before it when {@code backward}):
     * {@code (a > x) OR (a = x AND b > y) OR …} with each comparison flipped for descending columns.
     */
    public void appendAfter(Sql sql, List<String> values, boolean backward) {
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException("cursor has " + values.size() + " values, expected " + columns.size());
        }
        sql.append(" AND (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "(" : " OR (");
            for (int j = 0; j < i; j++) {
                Column c = columns.get(j);
                sql.append(c.expression()).append(" = ").append(sql.param(values.get(j))).append("::text::")
                        .append(c.sqlType()).append(" AND ");
            }
            Column c = columns.get(i);
            boolean greater = c.ascending() != backward;
            sql.append(c.expression()).append(greater ? " > " : " < ").append(sql.param(values.get(i))).append("::text::")
                    .append(c.sqlType()).append(")");
        }
        sql.append(")");
    }

    /**
     * Finishes a listing query with this order and runs it: the rows after {@code cursor} (all rows when null),
     * ordered for the cursor's direction, at most {@code limit + 1} so the caller can tell whether a next page exists.
     */
    public Uni<List<Row>> page(Pool pool, Sql sql, PageCursor cursor, int limit) {
        if (cursor != null) {
            appendAfter(sql, cursor.values(), cursor.backward());
        }
        sql.append(orderBy(cursor != null && cursor.backward()));
        sql.append(" LIMIT ").append(Integer.toString(limit + 1));
        return pool.preparedQuery(sql.text()).execute(sql.tuple()).map(rows -> {
            List<Row> out = new ArrayList<>();
            rows.forEach(out::add);
            return out;
        });
    }
}
