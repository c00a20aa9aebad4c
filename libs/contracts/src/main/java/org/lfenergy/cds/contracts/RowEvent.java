package org.lfenergy.cds.contracts;

import java.util.Objects;
import org.lfenergy.cds.contracts.gridx.GridxPayload;

/**
 * The value of every {@code gridx.<type>.v1} row topic: one event per source row.
 *
 * <pre>{"client":"DEMO","source":{"file_id":"…","file_name":"GRIDX_DEMO_…","line":12},"data":{…}}</pre>
 *
 * @param client GridX client (tenant) code from the file name, e.g. {@code DEMO}
 * @param source file and line the row was read from
 * @param data   the typed row
 * @param <T>    the payload type of the topic
 */
public record RowEvent<T extends GridxPayload>(String client, EventSource source, T data) {

    public RowEvent {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(data, "data");
    }

    /** Shorthand for producers. */
    public static <T extends GridxPayload> RowEvent<T> of(String client, String fileId, String fileName, long line,
                                                          T data) {
        return new RowEvent<>(client, new EventSource(fileId, fileName, line), data);
    }
}
