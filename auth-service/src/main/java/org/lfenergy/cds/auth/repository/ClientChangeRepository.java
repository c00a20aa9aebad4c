package org.lfenergy.cds.auth.repository;

import static org.lfenergy.cds.auth.repository.JsonColumns.instant;
import static org.lfenergy.cds.auth.repository.JsonColumns.ts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Clients API PUT bodies waiting for the server's review (one per Client Object at most). */
@ApplicationScoped
public class ClientChangeRepository {

    /** A held change: the PUT body and the {@code field_changes} Message that describes it. */
    public record ClientChange(String clientId, String messageId, String registrantId, Instant requested,
            ObjectNode body) {
    }

    private static final String COLUMNS = "client_id, message_id, registrant_id, requested, body::text as body";

    private final Pool pool;
    private final JsonColumns json;

    public ClientChangeRepository(Pool pool, JsonColumns json) {
        this.pool = pool;
        this.json = json;
    }

    /** Stores the change, replacing the object's earlier one. */
    public Uni<Void> upsert(SqlClient sql, ClientChange c) {
        return sql.preparedQuery("insert into client_change (client_id, message_id, registrant_id, requested, body)"
                + " values ($1, $2, $3, $4, $5::text::jsonb) on conflict (client_id) do update set"
                + " message_id = excluded.message_id, requested = excluded.requested, body = excluded.body")
                .execute(Tuple.of(c.clientId(), c.messageId(), c.registrantId(), ts(c.requested()),
                        json.write(c.body())))
                .replaceWithVoid();
    }

    /** The object's held change (call inside the transaction that locked the Client Object). */
    public Uni<Optional<ClientChange>> ofClient(SqlClient sql, String clientId) {
        return sql.preparedQuery("select " + COLUMNS + " from client_change where client_id = $1")
                .execute(Tuple.of(clientId)).map(rows -> rows.rowCount() == 0 ? Optional.empty()
                        : Optional.of(map(rows.iterator().next())));
    }

    public Uni<Optional<ClientChange>> ofMessage(String messageId) {
        return pool.preparedQuery("select " + COLUMNS + " from client_change where message_id = $1")
                .execute(Tuple.of(messageId)).map(rows -> rows.rowCount() == 0 ? Optional.empty()
                        : Optional.of(map(rows.iterator().next())));
    }

    public Uni<Void> delete(SqlClient sql, String clientId) {
        return sql.preparedQuery("delete from client_change where client_id = $1").execute(Tuple.of(clientId))
                .replaceWithVoid();
    }

    /** Every held change, oldest first; {@code clientId} null for all objects. */
    public Uni<List<ClientChange>> list(String clientId, int limit) {
        return pool.preparedQuery("select " + COLUMNS + " from client_change where ($1::text is null or client_id = $1)"
                + " order by requested, client_id limit $2")
                .execute(Tuple.of(clientId, limit)).map(rows -> {
                    List<ClientChange> out = new ArrayList<>();
                    rows.forEach(r -> out.add(map(r)));
                    return out;
                });
    }

    private ClientChange map(Row r) {
        return new ClientChange(r.getString("client_id"), r.getString("message_id"), r.getString("registrant_id"),
                instant(r.getOffsetDateTime("requested")), json.read(r.getString("body")));
    }
}
