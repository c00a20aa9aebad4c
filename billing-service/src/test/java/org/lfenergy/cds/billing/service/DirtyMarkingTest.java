package org.lfenergy.cds.billing.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.billing.repository.FactRepository;
import org.lfenergy.cds.testing.RealInfrastructure;

/**
 * A consumer that marks an already dirty account while a projector pass runs must keep the account dirty: the pass
 * cannot see the consumer's uncommitted facts, so it must not take the account away from the next pass.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "billing"))
class DirtyMarkingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @Inject
    Projector projector;

    @Test
    void aMarkMadeByAnOpenTransactionSurvivesAProjectorPass() {
        String client = "DIRTY" + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);
        Tuple key = Tuple.of(client, "E1");
        // The account is already dirty (an earlier batch committed its mark). A consumer stores new facts of the
        // account and marks it, with the repository's conflict clause; its transaction is still open when the
        // projector runs. The service's own projector may take the committed mark between the two statements; then
        // the consumer's mark is a new row rather than the update this test is about, and the setup is repeated.
        boolean established = false;
        for (int attempt = 0; attempt < 5 && !established; attempt++) {
            pool.preparedQuery("INSERT INTO dirty_account (client, entity_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                    .execute(key).await().atMost(WAIT);
            SqlConnection consumer = pool.getConnection().await().atMost(WAIT);
            try {
                Transaction tx = consumer.begin().await().atMost(WAIT);
                established = consumer.preparedQuery("INSERT INTO dirty_account (client, entity_id) SELECT $1::text,"
                        + " $2::text" + FactRepository.ON_CONFLICT + " RETURNING xmax <> 0").execute(key)
                        .await().atMost(WAIT).iterator().next().getBoolean(0);
                if (!established) {
                    tx.rollback().await().atMost(WAIT);
                    continue;
                }
                projector.drain().await().atMost(WAIT);
                long marks = pool.preparedQuery("SELECT count(*) FROM dirty_account WHERE client = $1 AND entity_id = $2")
                        .execute(key).await().atMost(WAIT).iterator().next().getLong(0);
                assertThat(marks).as("the account is still marked for the facts the pass could not see").isOne();
                tx.commit().await().atMost(WAIT);
            } finally {
                consumer.close().await().atMost(WAIT);
            }
        }
        assertThat(established).as("the consumer's mark met the committed one (in 5 attempts)").isTrue();
        // Once the consumer has committed, a pass takes the account.
        projector.drain().await().atMost(WAIT);
        long left = pool.preparedQuery("SELECT count(*) FROM dirty_account WHERE client = $1").execute(Tuple.of(client))
                .await().atMost(WAIT).iterator().next().getLong(0);
        assertThat(left).isZero();
    }
}
