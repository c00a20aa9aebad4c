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
import org.lfenergy.cds.auth.service.model.ClientKind;
import org.lfenergy.cds.auth.service.model.ClientObject;

/** Client Objects in PostgreSQL. */
@ApplicationScoped
public class ClientObjectRepository {

    private static final String COLUMNS = "client_id, registrant_id, kind, status, scope, issued_at, created, modified,"
            + " keycloak_id, document::text as document";

    private final Pool pool;
    private final JsonColumns json;

    public ClientObjectRepository(Pool pool, JsonColumns json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<Void> insert(SqlClient sql, ClientObject c) {
        return sql.preparedQuery("insert into client_object (client_id, registrant_id, kind, status, scope, issued_at,"
                + " created, modified, keycloak_id, document) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb)")
                .execute(Tuple.from(Arrays.asList(c.clientId(), c.registrantId(), c.kind().name(), c.status(), c.scope(),
                        ts(c.issuedAt()), ts(c.created()), ts(c.modified()), c.keycloakId(),
                        json.write(c.document()))))
                .replaceWithVoid();
    }

    public Uni<Void> update(SqlClient sql, ClientObject c) {
        return sql.preparedQuery("update client_object set status = $2, scope = $3, modified = $4, keycloak_id = $5,"
                + " document = $6::text::jsonb where client_id = $1")
                .execute(Tuple.from(Arrays.asList(c.clientId(), c.status(), c.scope(), ts(c.modified()),
                        c.keycloakId(), json.write(c.document()))))
                .replaceWithVoid();
    }

    /** Locks the object's row until the transaction ends (serialises concurrent changes of one object). */
    public Uni<Optional<ClientObject>> lock(SqlClient sql, String clientId) {
        return sql.preparedQuery("select " + COLUMNS + " from client_object where client_id = $1 for update")
                .execute(Tuple.of(clientId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
    }

    public Uni<Optional<ClientObject>> find(String clientId) {
        return pool.preparedQuery("select " + COLUMNS + " from client_object where client_id = $1")
                .execute(Tuple.of(clientId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
    }

    public Uni<List<ClientObject>> ofRegistrant(String registrantId) {
        return pool.preparedQuery("select " + COLUMNS + " from client_object where registrant_id = $1"
                + " order by modified desc, client_id")
                .execute(Tuple.of(registrantId))
                .map(rows -> {
                    List<ClientObject> out = new ArrayList<>();
                    rows.forEach(r -> out.add(map(r)));
                    return out;
                });
    }

    public Uni<Page<ClientObject>> page(String registrantId, List<String> clientIds, int offset, int limit) {
        return pool.preparedQuery("select " + COLUMNS + " from client_object where registrant_id = $1"
                + " and (cardinality($2::text[]) = 0 or client_id = any($2::text[]))"
                + " order by modified desc, client_id offset $3 limit $4")
                .execute(Tuple.of(registrantId, clientIds.toArray(String[]::new), offset, limit + 1))
                .map(rows -> {
                    List<ClientObject> out = new ArrayList<>();
                    rows.forEach(r -> out.add(map(r)));
                    boolean more = out.size() > limit;
                    return new Page<>(more ? out.subList(0, limit) : out, offset, limit, more);
                });
    }

    private ClientObject map(Row r) {
        return new ClientObject(r.getString("client_id"), r.getString("registrant_id"),
                ClientKind.valueOf(r.getString("kind")), r.getString("status"), r.getString("scope"),
                instant(r.getOffsetDateTime("issued_at")), instant(r.getOffsetDateTime("created")),
                instant(r.getOffsetDateTime("modified")), r.getString("keycloak_id"), json.read(r.getString("document")));
    }
}
