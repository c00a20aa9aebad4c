package org.lfenergy.cds.ingest.registry;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Tells a failure that means "PostgreSQL could not be reached or dropped the connection" (a crash, a restart, a
 * fail-over, a database closed for maintenance) from an error in what was asked of it. The first kind is transient:
 * a file interrupted by it stays in processing and is resumed after its last committed line once the database
 * answers again (see {@code Intake}); the second fails the file as before.
 */
public final class DatabaseUnavailable {

    /**
     * SQLSTATEs of a server that is going away or not (yet) accepting work: class 08 (connection exception) is
     * matched by prefix; 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up, in
     * recovery), 53300 too_many_connections.
     */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");
    /** object_not_in_prerequisite_state: only as "database … is not currently accepting connections". */
    private static final String NOT_ACCEPTING = "55000";

    private DatabaseUnavailable() {
    }

    /** Whether {@code failure} or one of its causes says the database was unavailable. */
    public static boolean causedBy(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof PgException pg) {
                return unavailable(pg.getSqlState(), pg.getErrorMessage());
            }
            if (t instanceof ClosedConnectionException || t instanceof ConnectException
                    || t instanceof SocketException) {
                return true;
            }
            // Netty's native transport reports "Connection reset by peer" as its own IOException subclass.
            if (t instanceof IOException && t.getClass().getName().startsWith("io.netty.channel.")) {
                return true;
            }
        }
        return false;
    }

    static boolean unavailable(String sqlState, String message) {
        if (sqlState == null) {
            return false;
        }
        return sqlState.startsWith("08") || STATES.contains(sqlState)
                || NOT_ACCEPTING.equals(sqlState) && message != null
                        && message.contains("is not currently accepting connections");
    }
}
