package org.lfenergy.cds.gridx.generator;

import java.math.BigDecimal;
import java.util.Map;

/** One data row of a generated file, read back by column name. */
record Row(Map<String, Integer> columns, String[] values) {

    String get(String column) {
        Integer i = columns.get(column);
        if (i == null) {
            throw new IllegalArgumentException("No column " + column + " in " + columns.keySet());
        }
        return i < values.length ? values[i] : "";
    }

    BigDecimal decimal(String column) {
        return new BigDecimal(get(column));
    }
}
