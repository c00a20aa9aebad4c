package org.lfenergy.cds.billing.repository;

import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Positional parameters of a query being built: {@code $n} placeholders in order. */
public final class SqlParams {

    private final List<Object> values = new ArrayList<>();

    /** Adds a value; returns its placeholder. */
    public String add(Object value) {
        values.add(value instanceof List<?> l ? l.stream().map(String::valueOf).toArray(String[]::new) : value);
        return "$" + values.size();
    }

    /** The tuple to execute with. */
    public Tuple tuple() {
        return Tuple.from(values);
    }
}
