package org.lfenergy.cds.usage.repository;

import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** A SQL text with positional parameters ({@code $1, $2, …}) for the reactive PostgreSQL client. */
public final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    /** Appends SQL text. */
    public Sql append(String s) {
        text.append(s);
        return this;
    }

    /** Adds a parameter and returns its placeholder, e.g. {@code $3}. */
    public String param(Object value) {
        params.add(value);
        return "$" + params.size();
    }

    /** Appends a parameter placeholder. */
    public Sql appendParam(Object value) {
        text.append(param(value));
        return this;
    }

    /** The SQL text. */
    public String text() {
        return text.toString();
    }

    /** The parameters. */
    public Tuple tuple() {
        return Tuple.from(params);
    }

    @Override
    public String toString() {
        return text + " " + params;
    }
}
