package org.lfenergy.cds.testing;

import java.util.Locale;

/** How integration tests get their Kafka, PostgreSQL and Keycloak. */
public enum TestInfraMode {
    /** Reuse the running deploy/local stack, or start its real servers once for the whole test run. */
    LOCAL,
    /** Leave every URL unset so Quarkus Dev Services start containers (needs a Docker engine). */
    DEVSERVICES;

    /** System property {@code cds.test.infra} or environment variable {@code CDS_TEST_INFRA}; default {@link #LOCAL}. */
    public static TestInfraMode current() {
        String value = System.getProperty("cds.test.infra");
        if (value == null || value.isBlank()) {
            value = System.getenv("CDS_TEST_INFRA");
        }
        return parse(value);
    }

    static TestInfraMode parse(String value) {
        if (value == null || value.isBlank()) {
            return LOCAL;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "local" -> LOCAL;
            case "devservices", "dev-services" -> DEVSERVICES;
            default -> throw new IllegalArgumentException(
                    "cds.test.infra must be 'local' or 'devservices', was '" + value + "'");
        };
    }
}
