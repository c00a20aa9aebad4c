package org.lfenergy.cds.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.testing.Readiness;
import org.lfenergy.cds.testing.RealInfrastructure;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "ingest"))
class ReadinessTest {

    @Test
    void isReadyWithItsRealDependenciesUp() {
        Readiness.assertReadyWithChecksUp("Kafka connection health check", "Reactive PostgreSQL connections health check");
    }

    @Inject
    Pool pool;

    /** The service's connections turn PostgreSQL's JIT off (application.properties), whatever the server's default. */
    @Test
    void itsDatabaseSessionsRunWithoutJit() {
        assertEquals("off", pool.query("SHOW jit").execute().await().indefinitely().iterator().next().getString(0));
    }
}
