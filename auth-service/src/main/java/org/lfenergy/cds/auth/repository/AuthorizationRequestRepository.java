package org.lfenergy.cds.auth.repository;

import static org.lfenergy.cds.auth.repository.JsonColumns.instant;
import static org.lfenergy.cds.auth.repository.JsonColumns.ts;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.lfenergy.cds.auth.service.model.AuthorizationRequest;

/** Customer authorization requests in PostgreSQL; status changes are compare-and-set so each step runs once. */
@ApplicationScoped
public class AuthorizationRequestRepository {

    private static final String COLUMNS = "request_id, request_uri, client_id, redirect_uri, state, code_challenge,"
            + " scope, status, browser_hash, csrf_token, customer_user_id, person_id, grant_id, created, expires_at,"
            + " document::text as document";

    private final Pool pool;
    private final JsonColumns json;

    public AuthorizationRequestRepository(Pool pool, JsonColumns json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<Void> insert(AuthorizationRequest r) {
        return pool.preparedQuery("insert into authorization_request (request_id, request_uri, client_id, redirect_uri,"
                + " state, code_challenge, scope, status, browser_hash, csrf_token, customer_user_id, person_id,"
                + " grant_id, created, expires_at, document)"
                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::text::jsonb)")
                .execute(Tuple.from(Arrays.asList(r.requestId(), r.requestUri(), r.clientId(), r.redirectUri(),
                        r.state(), r.codeChallenge(), r.scope(), r.status(), r.browserHash(), r.csrfToken(),
                        r.customerUserId(), r.personId(), r.grantId(), ts(r.created()), ts(r.expiresAt()),
                        json.write(r.document()))))
                .replaceWithVoid();
    }

    public Uni<Optional<AuthorizationRequest>> find(String requestId) {
        return one("select " + COLUMNS + " from authorization_request where request_id = $1", Tuple.of(requestId));
    }

    public Uni<Optional<AuthorizationRequest>> findByRequestUri(String requestUri) {
        return one("select " + COLUMNS + " from authorization_request where request_uri = $1", Tuple.of(requestUri));
    }

    /** Moves a pushed request to started for this browser; false when it was used already (one-time request_uri). */
    public Uni<Boolean> start(String requestId, String browserHash, Instant expiresAt) {
        return pool.preparedQuery("update authorization_request set status = 'started', browser_hash = $2,"
                + " expires_at = $3 where request_id = $1 and status = 'pushed'")
                .execute(Tuple.of(requestId, browserHash, ts(expiresAt)))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Records the logged-in customer, the Keycloak session of the login ({@code login_session} in the document,
     * ended by the re-login link) and the form's CSRF token.
     */
    public Uni<Boolean> authenticated(String requestId, String userId, String personId, String csrfToken,
            Instant expiresAt, String loginSession) {
        return pool.preparedQuery("update authorization_request set status = 'authenticated', customer_user_id = $2,"
                + " person_id = $3, csrf_token = $4, expires_at = $5, document = case when $6::text is null"
                + " then document else jsonb_set(document, '{login_session}', to_jsonb($6::text)) end"
                + " where request_id = $1 and status = 'started'")
                .execute(Tuple.from(Arrays.asList(requestId, userId, personId, csrfToken, ts(expiresAt),
                        loginSession)))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Sends an authenticated request back to the login (the form's re-login link: another customer may log in);
     * false when it was decided already.
     */
    public Uni<Boolean> restart(String requestId) {
        return pool.preparedQuery("update authorization_request set status = 'started', customer_user_id = null,"
                + " person_id = null, csrf_token = null where request_id = $1 and status = 'authenticated'")
                .execute(Tuple.of(requestId))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Ends a request with the customer's decision; false when it was decided already (double submission). */
    public Uni<Boolean> decide(String requestId, String status, String grantId) {
        return pool.preparedQuery("update authorization_request set status = $2, grant_id = $3"
                + " where request_id = $1 and status = 'authenticated'")
                .execute(Tuple.from(Arrays.asList(requestId, status, grantId)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Links an approved request to the Grant it created. */
    public Uni<Void> recordGrant(String requestId, String grantId) {
        return pool.preparedQuery("update authorization_request set grant_id = $2 where request_id = $1")
                .execute(Tuple.of(requestId, grantId)).replaceWithVoid();
    }

    /** Deletes requests that expired more than a day ago. */
    public Uni<Integer> purge(Instant now) {
        return pool.preparedQuery("delete from authorization_request where expires_at < $1")
                .execute(Tuple.of(ts(now.minusSeconds(86_400)))).map(rows -> rows.rowCount());
    }

    private Uni<Optional<AuthorizationRequest>> one(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args)
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
    }

    private AuthorizationRequest map(Row r) {
        return new AuthorizationRequest(r.getString("request_id"), r.getString("request_uri"), r.getString("client_id"),
                r.getString("redirect_uri"), r.getString("state"), r.getString("code_challenge"), r.getString("scope"),
                r.getString("status"), r.getString("browser_hash"), r.getString("csrf_token"),
                r.getString("customer_user_id"), r.getString("person_id"), r.getString("grant_id"),
                instant(r.getOffsetDateTime("created")), instant(r.getOffsetDateTime("expires_at")),
                json.read(r.getString("document")));
    }
}
