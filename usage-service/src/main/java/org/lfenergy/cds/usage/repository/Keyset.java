package org.lfenergy.cds.usage.repository;

import java.util.List;

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
}
