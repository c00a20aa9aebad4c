package org.lfenergy.cds.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseUnavailableTest {

    private static PgException pg(String sqlState, String message) {
        return new PgException(message, "FATAL", sqlState, null);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                // the server went away or does not take work yet: transient
                Arguments.of("connection refused", new ConnectException("Connection refused"), true),
                Arguments.of("connection reset", new SocketException("Connection reset"), true),
                Arguments.of("connection closed under a query", ClosedConnectionException.INSTANCE, true),
                Arguments.of("08006 connection failure", pg("08006", "connection failure"), true),
                Arguments.of("08001 cannot establish", pg("08001", "could not connect"), true),
                Arguments.of("57P01 admin shutdown", pg("57P01", "terminating connection due to administrator command"), true),
                Arguments.of("57P02 crash shutdown", pg("57P02", "terminating connection because of crash"), true),
                Arguments.of("57P03 starting up", pg("57P03", "the database system is starting up"), true),
                Arguments.of("53300 too many connections", pg("53300", "sorry, too many clients already"), true),
                Arguments.of("55000 closed database", pg("55000", "database \"ingest\" is not currently accepting connections"), true),
                Arguments.of("wrapped twice", new CompletionException(new RuntimeException(new ConnectException("refused"))), true),
                // an error in what was asked: permanent, the file fails as before
                Arguments.of("23505 unique violation", pg("23505", "duplicate key value violates unique constraint"), false),
                Arguments.of("22P02 bad text", pg("22P02", "invalid input syntax for type uuid"), false),
                Arguments.of("42P01 missing table", pg("42P01", "relation \"ingest_file\" does not exist"), false),
                Arguments.of("55000 for another reason", pg("55000", "lock is not available"), false),
                Arguments.of("no SQLSTATE", pg(null, "?"), false),
                Arguments.of("a wrapped data error", new CompletionException(new RuntimeException("insert failed",
                        pg("23505", "duplicate key value violates unique constraint"))), false),
                Arguments.of("a file-system error", new UncheckedIOException(new IOException("No space left on device")), false),
                Arguments.of("a plain bug", new IllegalStateException("boom"), false),
                Arguments.of("null", null, false));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("failures")
    void tellsADatabaseThatWentAwayFromAnErrorInTheRequest(String what, Throwable failure, boolean unavailable) {
        assertThat(DatabaseUnavailable.causedBy(failure)).isEqualTo(unavailable);
    }

    @Test
    void aCauseCycleEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(DatabaseUnavailable.causedBy(a)).isFalse();
    }
}
