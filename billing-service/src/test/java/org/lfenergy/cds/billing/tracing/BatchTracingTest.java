package org.lfenergy.cds.billing.tracing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.lfenergy.cds.testing.BatchTracingContract;
import org.lfenergy.cds.testing.RealInfrastructure;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "billing"))
class BatchTracingTest extends BatchTracingContract {

    @Inject
    InMemorySpanExporter spans;

    @Override
    protected InMemorySpanExporter spans() {
        return spans;
    }
}
