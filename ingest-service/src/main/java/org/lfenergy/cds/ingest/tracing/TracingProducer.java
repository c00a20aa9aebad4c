package org.lfenergy.cds.ingest.tracing;

import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.lfenergy.cds.contracts.tracing.RecordTracing;

/** The ingest-service's tracer: one span per file, whose context every published row carries. */
public class TracingProducer {

    @Produces
    @Singleton
    RecordTracing recordTracing(OpenTelemetry openTelemetry) {
        return new RecordTracing(openTelemetry, "org.lfenergy.cds.ingest");
    }
}
