package org.lfenergy.cds.billing.messaging;

import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.lfenergy.cds.contracts.tracing.RecordTracing;

/** The billing-service's tracer: one span per polled batch, in the trace of the file the rows came from. */
public class TracingProducer {

    @Produces
    @Singleton
    RecordTracing recordTracing(OpenTelemetry openTelemetry) {
        return new RecordTracing(openTelemetry, "org.lfenergy.cds.billing");
    }
}
