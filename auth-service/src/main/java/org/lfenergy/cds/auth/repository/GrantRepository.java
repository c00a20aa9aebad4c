package org.lfenergy.cds.auth.repository;

import static org.lfenergy.cds.auth.repository.JsonColumns.instant;
import static org.lfenergy.cds.auth.repository.JsonColumns.ts;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.lfenergy.cds.auth.service.model.Grant;
import org.lfenergy.cds.auth.service.model.GrantState;

/** Grants in PostgreSQL, with the publication bookkeeping of cds.grants.v1. */
@ApplicationScoped
public class GrantRepository {

    /** Filters of the Grants API (WG1-02 §8.4); empty lists and null bounds mean "any". */
    public record Filter(List<String> grantIds, List<String> parents, List<String> statuses, List<String> clientIds,
            List<String> scopes, List<String> receiptConfirmations, Instant after, Instant before) {
    }

    private static final String COLUMNS = "grant_id, registrant_id, client_id, status, scope, parent_id,"
            + " target_grant_id, fingerprint, keycloak_scope, created, modified, version, document::text as document";

    private final Pool pool;
    private final JsonColumns json;

    public GrantRepository(Pool pool, JsonColumns json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<Void> insert(SqlClient sql, Grant g) {
        return sql.preparedQuery("insert into cds_grant (grant_id, registrant_id, client_id, status, scope, parent_id,"
                + " target_grant_id, fingerprint, keycloak_scope, created, modified, version, document)"
                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::text::jsonb)")
                .execute(Tuple.from(Arrays.asList(g.grantId(), g.registrantId(), g.clientId(), g.status().wire(),
                        g.scope(), g.parentId(), g.targetGrantId(), g.fingerprint(), g.keycloakScope(),
                        ts(g.created()), ts(g.modified()), g.version(), json.write(g.document()))))
                .replaceWithVoid();
    }

    /** Writes a changed Grant; fails (returns false) when another writer changed it first (optimistic lock). */
    public Uni<Boolean> update(SqlClient sql, Grant g) {
        return sql.preparedQuery("update cds_grant set status = $2, scope = $3, modified = $4, version = $5,"
                + " document = $6::text::jsonb, keycloak_scope = $7 where grant_id = $1 and version = $5 - 1")
                .execute(Tuple.from(Arrays.asList(g.grantId(), g.status().wire(), g.scope(), ts(g.modified()),
                        g.version(), json.write(g.document()), g.keycloakScope())))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<Grant>> find(String grantId) {
        return pool.preparedQuery("select " + COLUMNS + " from cds_grant where grant_id = $1")
                .execute(Tuple.of(grantId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
    }

    /** The newest Grant of this client with this fingerprint that still gives access, if any. */
    public Uni<Optional<Grant>> findReusable(String clientId, String fingerprint) {
        return findReusable(pool, clientId, fingerprint);
    }

    /** {@link #findReusable(String, String)} inside the caller's transaction. */
    public Uni<Optional<Grant>> findReusable(SqlClient sql, String clientId, String fingerprint) {
        return sql.preparedQuery("select " + COLUMNS + " from cds_grant where client_id = $1 and fingerprint = $2"
                + " and status = 'active' order by created desc limit 1")
                .execute(Tuple.of(clientId, fingerprint))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
    }

    /**
     * Holds, until the caller's transaction ends, the lock of one (client, fingerprint): concurrent creations of the
     * same reusable Grant (two token requests, two approvals of one Grant request; on any replica, since the lock is
     * PostgreSQL's) run one after the other, and the second finds the first's Grant.
     */
    public Uni<Void> lockFingerprint(SqlClient sql, String clientId, String fingerprint) {
        return sql.preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))")
                .execute(Tuple.of(clientId + "|" + fingerprint)).replaceWithVoid();
    }

    public Uni<List<String>> childIds(String parentId) {
        return pool.preparedQuery("select grant_id from cds_grant where parent_id = $1 order by created")
                .execute(Tuple.of(parentId))
                .map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getString(0)));
                    return out;
                });
    }

    /** Grant-admin Grants that proxy this Grant (republished whenever it changes). */
    public Uni<List<Grant>> proxiesOf(String targetGrantId) {
        return list("select " + COLUMNS + " from cds_grant where target_grant_id = $1", Tuple.of(targetGrantId));
    }

    public Uni<Page<Grant>> page(String registrantId, Filter f, int offset, int limit) {
        String sql = "select " + COLUMNS + " from cds_grant where registrant_id = $1"
                + " and (cardinality($2::text[]) = 0 or grant_id = any($2::text[]))"
                + " and (cardinality($3::text[]) = 0 or parent_id = any($3::text[]))"
                + " and (cardinality($4::text[]) = 0 or status = any($4::text[]))"
                + " and (cardinality($5::text[]) = 0 or client_id = any($5::text[]))"
                + " and (cardinality($6::text[]) = 0 or string_to_array(scope, ' ') && $6::text[]"
                + "      or exists (select 1 from jsonb_array_elements(document->'authorization_details') e"
                + "                 where e->>'type' = any($6::text[])))"
                + " and (cardinality($7::text[]) = 0 or document->'receipt_confirmations' ?| $7::text[])"
                + " and ($8::timestamptz is null or created >= $8) and ($9::timestamptz is null or created <= $9)"
                + " order by modified desc, grant_id offset $10 limit $11";
        return list(sql, Tuple.from(Arrays.asList(registrantId, arr(f.grantIds()), arr(f.parents()),
                arr(f.statuses()), arr(f.clientIds()), arr(f.scopes()), arr(f.receiptConfirmations()), ts(f.after()),
                ts(f.before()), offset, limit + 1)))
                .map(out -> {
                    boolean more = out.size() > limit;
                    return new Page<>(more ? out.subList(0, limit) : out, offset, limit, more);
                });
    }

    /** Grants whose latest version has not been acknowledged by Kafka yet. */
    public Uni<List<Grant>> unpublished(int limit) {
        return list("select " + COLUMNS + " from cds_grant where version > published_version order by modified limit $1",
                Tuple.of(limit));
    }

    public Uni<Void> markPublished(String grantId, long version) {
        return pool.preparedQuery("update cds_grant set published_version = greatest(published_version, $2)"
                + " where grant_id = $1")
                .execute(Tuple.of(grantId, version))
                .replaceWithVoid();
    }

    /** Grants of no-access-free statuses whose not_after or expires has passed. */
    public Uni<List<Grant>> dueToExpire(Instant now) {
        return list("select " + COLUMNS + " from cds_grant where status not in ('expired', 'closed', 'revoked', 'disabled')"
                + " and (((document->>'not_after') is not null and (document->>'not_after')::timestamptz <= $1)"
                + "   or ((document->>'expires') is not null and (document->>'expires')::timestamptz <= $1))"
                + " limit 500", Tuple.of(ts(now)));
    }

    /** The Keycloak session of a customer-consent Grant's tokens, or null. */
    public Uni<String> keycloakSession(String grantId) {
        return pool.preparedQuery("select keycloak_session from cds_grant where grant_id = $1")
                .execute(Tuple.of(grantId))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getString(0));
    }

    /** The Keycloak user who approved a customer-consent Grant, or null. */
    public Uni<String> customerUser(String grantId) {
        return pool.preparedQuery("select customer_user_id from cds_grant where grant_id = $1")
                .execute(Tuple.of(grantId))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getString(0));
    }

    private Uni<List<Grant>> list(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).map(this::mapAll);
    }

    private List<Grant> mapAll(RowSet<Row> rows) {
        List<Grant> out = new ArrayList<>();
        rows.forEach(r -> out.add(map(r)));
        return out;
    }

    private static String[] arr(List<String> values) {
        return values == null ? new String[0] : values.toArray(String[]::new);
    }

    private Grant map(Row r) {
        return new Grant(r.getString("grant_id"), r.getString("registrant_id"), r.getString("client_id"),
                GrantState.fromWire(r.getString("status")).orElseThrow(), r.getString("scope"),
                r.getString("parent_id"), r.getString("target_grant_id"), r.getString("fingerprint"),
                r.getString("keycloak_scope"), instant(r.getOffsetDateTime("created")),
                instant(r.getOffsetDateTime("modified")), r.getLong("version"), json.read(r.getString("document")));
    }
}
