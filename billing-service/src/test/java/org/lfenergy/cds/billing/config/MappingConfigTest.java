package org.lfenergy.cds.billing.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.billing.mapping.MappingSettings;
import org.lfenergy.cds.testing.RealInfrastructure;

/** The configurable tables of docs/billing-mapping.md as the running service reads them from its configuration. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = RealInfrastructure.DATABASE, value = "billing"))
class MappingConfigTest {

    @Inject
    BillingConfig config;

    @Test
    void serviceStatusKeysWithSpacesAreReadWhole() {
        MappingSettings settings = MappingSettings.from(config, Clock.systemUTC());
        // A space ends a .properties key unless escaped: "pending start" must not become the key "pending.
        assertThat(settings.serviceStatuses()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("active", "active"), Map.entry("pending start", "active"),
                Map.entry("pending stop", "active"), Map.entry("suspended", "paused"), Map.entry("paused", "paused"),
                Map.entry("stopped", "stopped"), Map.entry("closed", "closed"), Map.entry("cancelled", "closed"),
                Map.entry("canceled", "closed"), Map.entry("inactive", "closed")));
    }

    @Test
    void rateplanNamesAreKeyedByTheWholeCode() {
        MappingSettings settings = MappingSettings.from(config, Clock.systemUTC());
        assertThat(settings.rateplanNames()).containsEntry("E-1", "Residential tiered")
                .containsEntry("E-TOU-C", "Residential time-of-use")
                .containsEntry("B-19", "Medium general demand time-of-use").containsEntry("G-1", "Residential gas");
    }
}
