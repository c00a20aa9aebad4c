package org.lfenergy.cds.auth.repository;

import static org.lfenergy.cds.auth.repository.JsonColumns.instant;
import static org.lfenergy.cds.auth.repository.JsonColumns.ts;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.lfenergy.cds.auth.service.model.Credential;

/** Credentials in PostgreSQL (no secrets: those are Keycloak's). */
@ApplicationScoped
public class CredentialRepository {

    private static final String COLUMNS = "credential_id, registrant_id, client_id, created, modified, secret_hash, expires_at";

    private final Pool pool;

    public CredentialRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(SqlClient sql, Credential c) {
        return sql.preparedQuery("insert into credential (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(Arrays.asList(c.credentialId(), c.registrantId(), c.clientId(), ts(c.created()),
                        ts(c.modified()), c.secretHash(), c.expiresAt())))
                .replaceWithVoid();
    }

    public Uni<Void> updateExpiry(SqlClient sql, Credential c) {
        return sql.preparedQuery("update credential set expires_at = $2, modified = $3 where credential_id = $1")
                .execute(Tuple.of(c.credentialId(), c.expiresAt(), ts(c.modified())))
                .replaceWithVoid();
    }

    /** Records that this Credential obtained a token of this Grant (in this Keycloak session, '' for none). */
    public Uni<Void> recordUse(String credentialId, String grantId, String session, Instant now) {
        return pool.preparedQuery("insert into credential_use (credential_id, grant_id, keycloak_session, used_at)"
                + " values ($1, $2, $3, $4) on conflict (credential_id, grant_id, keycloak_session)"
                + " do update set used_at = excluded.used_at")
                .execute(Tuple.of(credentialId, grantId, session == null ? "" : session, ts(now))).replaceWithVoid();
    }

    /** The (grant id, Keycloak session) pairs this Credential obtained tokens for. */
    public Uni<List<String[]>> uses(String credentialId) {
        return pool.preparedQuery("select grant_id, keycloak_session from credential_use where credential_id = $1")
                .execute(Tuple.of(credentialId)).map(rows -> {
                    List<String[]> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new String[] {r.getString("grant_id"), r.getString("keycloak_session")}));
                    return out;
                });
    }

    /** Credentials past their expiry whose tokens were not revoked yet. */
    public Uni<List<Credential>> expiredNotRevoked(Instant now) {
        return pool.preparedQuery("select " + COLUMNS + " from credential where expires_at > 0 and expires_at <= $1"
                + " and tokens_revoked_at is null limit 100")
                .execute(Tuple.of(now.getEpochSecond())).map(rows -> {
                    List<Credential> out = new ArrayList<>();
                    rows.forEach(r -> out.add(map(r)));
                    return out;
                });
    }

    public Uni<Void> markTokensRevoked(String credentialId, Instant now) {
        return pool.preparedQuery("update credential set tokens_revoked_at = $2 where credential_id = $1")
                .execute(Tuple.of(credentialId, ts(now))).replaceWithVoid();
    }

    public Uni<Optional<Credential>> find(String credentialId) {
        return pool.preparedQuery("select " + COLUMNS + " from credential where credential_id = $1")
                .execute(Tuple.of(credentialId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
    }

    public Uni<List<Credential>> ofClient(String clientId) {
        return pool.preparedQuery("select " + COLUMNS + " from credential where client_id = $1 order by created desc")
                .execute(Tuple.of(clientId))
                .map(rows -> {
                    List<Credential> out = new ArrayList<>();
                    rows.forEach(r -> out.add(map(r)));
                    return out;
                });
    }

    public Uni<Page<Credential>> page(String registrantId, List<String> credentialIds, List<String> clientIds,
            Instant after, Instant before, int offset, int limit) {
        return pool.preparedQuery("select " + COLUMNS + " from credential where registrant_id = $1"
                + " and (cardinality($2::text[]) = 0 or credential_id = any($2::text[]))"
                + " and (cardinality($3::text[]) = 0 or client_id = any($3::text[]))"
                + " and ($4::timestamptz is null or created >= $4) and ($5::timestamptz is null or created <= $5)"
                + " order by modified desc, credential_id offset $6 limit $7")
                .execute(Tuple.from(Arrays.asList(registrantId, credentialIds.toArray(String[]::new),
                        clientIds.toArray(String[]::new), ts(after), ts(before), offset, limit + 1)))
                .map(rows -> {
                    List<Credential> out = new ArrayList<>();
                    rows.forEach(r -> out.add(map(r)));
                    boolean more = out.size() > limit;
                    return new Page<>(more ? out.subList(0, limit) : out, offset, limit, more);
                });
    }

    private static Credential map(Row r) {
        return new Credential(r.getString("credential_id"), r.getString("registrant_id"), r.getString("client_id"),
                instant(r.getOffsetDateTime("created")), instant(r.getOffsetDateTime("modified")),
                r.getString("secret_hash"), r.getLong("expires_at"));
    }
}
