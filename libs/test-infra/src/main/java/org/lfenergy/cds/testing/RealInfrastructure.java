package org.lfenergy.cds.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at real Kafka, PostgreSQL and Keycloak.
 *
 * <p>Use it as {@code @WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
 * initArgs = @ResourceArg(name = "database", value = "ingest"))}. The servers come from
 * {@code deploy/local/stack up infra}: reused when running, otherwise started once for the test run and
 * left for the next module (the README's test command stops them at the end). Each module gets its own
 * freshly created database {@code <database>_test}, so tests never touch the demo stack's data. Setting
 * {@code CDS_TEST_DB_SUFFIX} (e.g. {@code _a}) names it {@code <database>_test_a}, so two checkouts can run the
 * same module's tests against one set of servers at the same time.
 * In {@link TestInfraMode#DEVSERVICES} mode it configures nothing and Quarkus Dev Services take over.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {

    /** Init argument: the service's database base name; omit it for services without a database. */
    public static final String DATABASE = "database";

    /** Environment variable appended to the test database's name (letters, digits and underscores). */
    public static final String DB_SUFFIX_ENV = "CDS_TEST_DB_SUFFIX";

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get(DATABASE);
    }

    @Override
    public Map<String, String> start() {
        if (TestInfraMode.current() == TestInfraMode.DEVSERVICES) {
            return Map.of();
        }
        LocalStack stack = LocalStack.infrastructure();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", stack.kafkaBootstrapServers());
        config.put("cds.keycloak.url", stack.keycloakUrl());
        config.put("cds.keycloak.admin-password", stack.keycloakAdminPassword());
        config.put("quarkus.oidc.auth-server-url", stack.keycloakUrl() + "/realms/cds");
        if (database != null) {
            String name = stack.freshDatabase(database + "_test" + System.getenv().getOrDefault(DB_SUFFIX_ENV, ""));
            config.put("quarkus.datasource.username", stack.databaseUser());
            config.put("quarkus.datasource.password", stack.databasePassword());
            config.put("quarkus.datasource.reactive.url", "postgresql://" + stack.postgresAddress() + "/" + name);
            config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + stack.postgresAddress() + "/" + name);
        }
        return config;
    }

    @Override
    public void stop() {
        // The servers outlive one module's tests on purpose: the next module reuses them.
    }
}
