package org.lfenergy.cds.auth.repository;

import static org.lfenergy.cds.auth.repository.JsonColumns.instant;
import static org.lfenergy.cds.auth.repository.JsonColumns.ts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/** Authorization Receipts. */
@ApplicationScoped
public class ReceiptRepository {

    /** A stored receipt. */
    public record Receipt(String token, String confirmation, String grantId, Instant created, ObjectNode document) {
    }

    private final Pool pool;
    private final JsonColumns json;

    public ReceiptRepository(Pool pool, JsonColumns json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<Void> insert(Receipt r) {
        return pool.preparedQuery("insert into receipt (receipt_token, confirmation, grant_id, created, document)"
                + " values ($1, $2, $3, $4, $5::text::jsonb)")
                .execute(Tuple.of(r.token(), r.confirmation(), r.grantId(), ts(r.created()), json.write(r.document())))
                .replaceWithVoid();
    }

    /** One receipt of a Grant, for the version links. */
    public record Version(String token, String confirmation, Instant created) {
    }

    /** Every receipt of a Grant, oldest first. */
    public Uni<java.util.List<Version>> ofGrant(String grantId) {
        return pool.preparedQuery("select receipt_token, confirmation, created from receipt where grant_id = $1"
                + " order by created, confirmation").execute(Tuple.of(grantId))
                .map(rows -> {
                    java.util.List<Version> out = new java.util.ArrayList<>();
                    rows.forEach(r -> out.add(new Version(r.getString(0), r.getString(1),
                            instant(r.getOffsetDateTime(2)))));
                    return out;
                });
    }

    public Uni<Optional<Receipt>> find(String token) {
        return pool.preparedQuery("select receipt_token, confirmation, grant_id, created, document::text"
                + " from receipt where receipt_token = $1").execute(Tuple.of(token))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return Optional.empty();
                    }
                    var r = rows.iterator().next();
                    return Optional.of(new Receipt(r.getString(0), r.getString(1), r.getString(2),
                            instant(r.getOffsetDateTime(3)), json.read(r.getString(4))));
                });
    }
}
