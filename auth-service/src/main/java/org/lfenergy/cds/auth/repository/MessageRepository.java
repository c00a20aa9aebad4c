package org.lfenergy.cds.auth.repository;

import static org.lfenergy.cds.auth.repository.JsonColumns.instant;
import static org.lfenergy.cds.auth.repository.JsonColumns.ts;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.lfenergy.cds.auth.service.model.Message;

/** Messages in PostgreSQL. */
@ApplicationScoped
public class MessageRepository {

    /** The three listings of the Messages API. */
    public enum Box {
        OUTSTANDING("status in ('open', 'pending')"),
        UNREAD("not read"),
        READ("read");

        final String condition;

        Box(String condition) {
            this.condition = condition;
        }
    }

    private static final String COLUMNS = "message_id, registrant_id, previous_id, type, status, read, creator,"
            + " created, modified, document::text as document";

    private final Pool pool;
    private final JsonColumns json;

    public MessageRepository(Pool pool, JsonColumns json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<Void> insert(SqlClient sql, Message m) {
        return sql.preparedQuery("insert into message (message_id, registrant_id, previous_id, type, status, read,"
                + " creator, created, modified, document) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb)")
                .execute(Tuple.from(Arrays.asList(m.messageId(), m.registrantId(), m.previousId(), m.type(),
                        m.status(), m.read(), m.creator(), ts(m.created()), ts(m.modified()), json.write(m.document()))))
                .replaceWithVoid();
    }

    public Uni<Void> update(SqlClient sql, Message m) {
        return sql.preparedQuery("update message set status = $2, read = $3, modified = $4, document = $5::text::jsonb"
                + " where message_id = $1")
                .execute(Tuple.from(Arrays.asList(m.messageId(), m.status(), m.read(), ts(m.modified()),
                        json.write(m.document()))))
                .replaceWithVoid();
    }

    public Uni<Optional<Message>> find(String messageId) {
        return pool.preparedQuery("select " + COLUMNS + " from message where message_id = $1")
                .execute(Tuple.of(messageId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
    }

    /** The registrant's pending production_request naming this sandbox Client Object, newest first. */
    public Uni<Optional<Message>> pendingProductionRequest(String registrantId, String sandboxClientUri) {
        return pool.preparedQuery("select " + COLUMNS + " from message where registrant_id = $1"
                + " and type = 'production_request' and status = 'pending' and document->>'related_uri' = $2"
                + " order by modified desc limit 1")
                .execute(Tuple.of(registrantId, sandboxClientUri))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
    }

    /**
     * Updates a Message only while it still has {@code expectedStatus}; false when another decision changed it
     * meanwhile (the caller answers 409).
     */
    public Uni<Boolean> updateIfStatus(SqlClient sql, Message m, String expectedStatus) {
        return sql.preparedQuery("update message set status = $2, read = $3, modified = $4, document = $5::text::jsonb"
                + " where message_id = $1 and status = $6")
                .execute(Tuple.from(Arrays.asList(m.messageId(), m.status(), m.read(), ts(m.modified()),
                        json.write(m.document()), expectedStatus)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Pending Messages of one type (all registrants, or one), oldest first, at most {@code limit}. */
    public Uni<List<Message>> pendingOfType(String type, String registrantId, int limit) {
        return pool.preparedQuery("select " + COLUMNS + " from message where type = $1 and status = 'pending'"
                + " and ($2::text is null or registrant_id = $2) order by created, message_id limit $3")
                .execute(Tuple.of(type, registrantId, limit))
                .map(rows -> {
                    List<Message> out = new ArrayList<>();
                    rows.forEach(r -> out.add(map(r)));
                    return out;
                });
    }

    public Uni<Page<Message>> page(String registrantId, Box box, List<String> messageIds, int offset, int limit) {
        return pool.preparedQuery("select " + COLUMNS + " from message where registrant_id = $1 and " + box.condition
                + " and (cardinality($2::text[]) = 0 or message_id = any($2::text[]))"
                + " order by modified desc, message_id offset $3 limit $4")
                .execute(Tuple.of(registrantId, messageIds.toArray(String[]::new), offset, limit + 1))
                .map(rows -> {
                    List<Message> out = new ArrayList<>();
                    rows.forEach(r -> out.add(map(r)));
                    boolean more = out.size() > limit;
                    return new Page<>(more ? out.subList(0, limit) : out, offset, limit, more);
                });
    }

    private Message map(Row r) {
        return new Message(r.getString("message_id"), r.getString("registrant_id"), r.getString("previous_id"),
                r.getString("type"), r.getString("status"), r.getBoolean("read"), r.getString("creator"),
                instant(r.getOffsetDateTime("created")), instant(r.getOffsetDateTime("modified")),
                json.read(r.getString("document")));
    }
}
