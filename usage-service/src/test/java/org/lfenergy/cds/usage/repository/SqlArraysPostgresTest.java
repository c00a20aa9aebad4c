package org.lfenergy.cds.usage.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.testing.RealInfrastructure;

/**
 * {@link SqlArrays#decimalTexts(byte[])} and {@link SqlArrays#texts(byte[])} against the real PostgreSQL: for every
 * element, the text read from {@code array_send} is exactly what PostgreSQL prints for the element
 * ({@code numeric::text}, the text itself) and, for decimals, what the writer's literal held
 * ({@code BigDecimal.toPlainString()}): the JSON of a usage segment is the same as when the service read
 * {@code vals::text} and {@code quality::text}.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "usage"))
class SqlArraysPostgresTest {

    private static final String READ = "SELECT array_send(a) AS bin,"
            + " ARRAY(SELECT x::text FROM unnest(a) WITH ORDINALITY AS u(x, i) ORDER BY i) AS texts"
            + " FROM (SELECT $1::text::numeric[] AS a) s";

    @Inject
    Pool pool;

    private Row read(String literal) {
        return pool.preparedQuery(READ).execute(Tuple.of(literal)).await().atMost(Duration.ofSeconds(60)).iterator().next();
    }

    @Test
    void everyValueReadsBackAsPostgresqlPrintsItAndAsItWasWritten() {
        Random r = new Random(20261123);
        List<BigDecimal> values = new ArrayList<>();
        for (String s : new String[] {"0", "0.000", "-0.000", "1", "-1", "0.0000001", "0.00000000000000000001", "10000",
                "9999.9999", "99999999", "100000000", "0.0001", "-0.0001", "1.5000", "123456789012345678901234567890.123456789",
                "-20000000.5", "0.140", "5000.5", "0.00", "12.3456789012"}) {
            values.add(new BigDecimal(s));
        }
        for (int i = 0; i < 3000; i++) {
            int kind = r.nextInt(10);
            if (kind == 0) {
                values.add(null);
            } else {
                BigInteger unscaled = new BigInteger(1 + r.nextInt(kind < 8 ? 40 : 120), r);
                values.add(new BigDecimal(r.nextBoolean() ? unscaled : unscaled.negate(), r.nextInt(kind < 8 ? 6 : 30)));
            }
        }
        BigDecimal[] array = values.toArray(BigDecimal[]::new);
        Row row = read(SqlArrays.numericLiteral(array));
        String[] read = SqlArrays.decimalTexts(row.getBuffer("bin").getBytes());
        assertThat(read).containsExactly(row.getArrayOfStrings("texts"));
        for (int i = 0; i < array.length; i++) {
            assertThat(read[i]).as("value %d", i).isEqualTo(array[i] == null ? null : array[i].toPlainString());
        }
    }

    @Test
    void emptyAndAllNullArraysAndADimensionDecorationReadBack() {
        assertThat(SqlArrays.decimalTexts(read("{}").getBuffer("bin").getBytes())).isEmpty();
        assertThat(SqlArrays.decimalTexts(read("{NULL,NULL}").getBuffer("bin").getBytes())).containsExactly(null, null);
        assertThat(SqlArrays.decimalTexts(read("[0:1]={2.5,NULL}").getBuffer("bin").getBytes())).containsExactly("2.5", null);
    }

    @Test
    void aNotANumberValueIsRefusedNotWritten() {
        byte[] nan = read("{1,NaN}").getBuffer("bin").getBytes();
        assertThatThrownBy(() -> SqlArrays.decimalTexts(nan)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("element 1").hasMessageContaining("NaN");
    }

    @Test
    void textElementsReadBackAsStoredIncludingQuotesBackslashesNullsAndNonAscii() {
        String[] values = {"A", "E", null, "", "NULL", "a b", "x\"y", "back\\slash", "{,}", "é ü", "estimated", "A"};
        Row row = pool.preparedQuery("SELECT array_send(a) AS bin,"
                        + " ARRAY(SELECT x FROM unnest(a) WITH ORDINALITY AS u(x, i) ORDER BY i) AS texts"
                        + " FROM (SELECT $1::text::text[] AS a) s")
                .execute(Tuple.of(SqlArrays.textLiteral(values))).await().atMost(Duration.ofSeconds(60)).iterator().next();
        assertThat(SqlArrays.texts(row.getBuffer("bin").getBytes())).containsExactly(values)
                .containsExactly(row.getArrayOfStrings("texts"));
    }
}
