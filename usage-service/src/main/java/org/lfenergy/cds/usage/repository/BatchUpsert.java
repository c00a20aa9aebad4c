package org.lfenergy.cds.usage.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Runs one set-based statement for a whole batch: each column travels as one {@code text[]} parameter (cast in
 * SQL), so a batch of any size is one round trip and one statement, never one per record.
 */
@ApplicationScoped
public class BatchUpsert {

    private final AgroalDataSource dataSource;

    public BatchUpsert(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Executes {@code sql} with the rows transposed into {@code columns} text arrays; returns the update count. */
    public int execute(String sql, int columns, Collection<String[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, columns, rows);
            return ps.executeUpdate();
        }
    }

    /** Executes a statement with a one-column {@code RETURNING} clause and gives the returned values. */
    public List<String> returning(String sql, int columns, Collection<String[]> rows) throws SQLException {
        List<String> out = new ArrayList<>();
        if (rows.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, columns, rows);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Executes a statement whose parameters are given text arrays. */
    public int executeArrays(String sql, List<String[]> arrays) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < arrays.size(); i++) {
                ps.setArray(i + 1, c.createArrayOf("text", arrays.get(i)));
            }
            return ps.executeUpdate();
        }
    }

    private static void bind(Connection c, PreparedStatement ps, int columns, Collection<String[]> rows)
            throws SQLException {
        String[][] cols = new String[columns][rows.size()];
        int r = 0;
        for (String[] row : rows) {
            if (row.length != columns) {
                throw new IllegalArgumentException("row has " + row.length + " values, expected " + columns);
            }
            for (int k = 0; k < columns; k++) {
                cols[k][r] = row[k];
            }
            r++;
        }
        for (int k = 0; k < columns; k++) {
            ps.setArray(k + 1, c.createArrayOf("text", cols[k]));
        }
    }
}
