package org.lfenergy.cds.billing;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.testing.Readiness;
import org.lfenergy.cds.testing.RealInfrastructure;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "billing"))
class ReadinessTest {

    @Test
    void isReadyWithItsRealDependenciesUp() {
        Readiness.assertReadyWithChecksUp("Kafka connection health check", "Reactive PostgreSQL connections health check");
    }
}
