package org.lfenergy.cds.usage.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The throttled commit strategy looks up the group's committed offset when the first record of a newly assigned
 * partition arrives, and a lookup that times out ends the channel for good (readiness and liveness DOWN). The Kafka
 * fault drill (e2e FaultDrillsTest) found the intervals channel dead after a broker restart that took longer than the
 * client's 60 s default; the consumers wait for the coordinator long enough to ride such an outage out.
 */
class KafkaOutageConfigTest {

    @Test
    void consumersWaitForTheGroupCoordinatorLongerThanABrokerRestartTakes() throws Exception {
        Properties p = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        assertThat(Long.parseLong(p.getProperty("kafka.default.api.timeout.ms", "60000")))
                .as("kafka.default.api.timeout.ms").isGreaterThanOrEqualTo(600_000L);
    }
}
