package org.lfenergy.cds.e2e.drills;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.lfenergy.cds.e2e.support.E2eStack;
import org.lfenergy.cds.testing.LocalStack;

/**
 * The load run of record (issue 10, item 4; {@code e2e/load-drill}, 600 s at 200 requests/s by default): the
 * {@link LoadDrill} on the drills' private stack ({@link DrillStack}: own PostgreSQL, Kafka, Keycloak and five
 * service processes), so it neither disturbs nor is disturbed by other test runs' servers. It runs only when
 * {@code cds.load.seconds} is given; the short variant that runs in the build is
 * {@link FaultDrillsTest#mixedApiTrafficAtTheTargetRateWhileAFileIngestsLosesNothingWithoutAnError}.
 */
@EnabledIfSystemProperty(named = "cds.load.seconds", matches = "\\d+")
class LoadDrillTest {

    @Test
    void mixedApiTrafficAtTheTargetRateWhileAFileIngestsHasNoErrorAndP99WithinTarget() throws Exception {
        int seconds = Integer.getInteger("cds.load.seconds");
        int rate = Integer.getInteger("cds.load.rate", 200);
        long p99Target = Long.getLong("cds.load.p99-ms", 500);
        LocalStack infra = DrillStack.infrastructure();
        E2eStack stack = null;
        try {
            stack = E2eStack.startOn(infra, "load-run", true, 0); // C2 as in production: CPU per request
            Path work = Path.of("target/load");
            Files.createDirectories(work);
            // 66 days of 15-minute values (a whole billing period of every read cycle, so every contract has bills),
            // a customer per 16 s of traffic (the reconciliation holds every row in the test JVM's 384 MB); first the
            // warm-up at the same rate (default 60 s, not counted) while the first 22 days ingest: the services warm,
            // as deployed; the other 44 days are the file that ingests under the measured traffic
            LoadDrill.Result r = LoadDrill.run(stack, work, seconds, rate, Math.max(10, seconds / 16),
                    LoadDrill.BILL_DAYS, Integer.getInteger("cds.load.warmup-seconds", 60),
                    Integer.getInteger("cds.load.cpu-calls", 200));
            LoadDrill.assertWithin(r, rate, p99Target);
        } finally {
            if (stack != null) {
                stack.close();
            }
            DrillStack.stop(infra);
        }
    }
}
