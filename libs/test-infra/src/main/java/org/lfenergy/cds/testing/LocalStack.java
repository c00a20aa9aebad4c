package org.lfenergy.cds.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real servers of {@code deploy/local/stack}: brought up once (a no-op when they already run)
 * and described by the script's {@code env} output, so tests and the local stack share one recipe.
 */
public final class LocalStack {

    private static final long UP_TIMEOUT_MINUTES = 15;
    private static LocalStack instance;

    private final Map<String, String> env;

    private LocalStack(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Starts PostgreSQL, Kafka and Keycloak unless they run already; idempotent within and across JVMs. */
    public static synchronized LocalStack infrastructure() {
        if (instance == null) {
            Path script = repositoryRoot().resolve("deploy/local/stack");
            run(script, List.of("up", "infra"), true);
            instance = new LocalStack(parseEnv(run(script, List.of("env"), false)));
            instance.provisionTopics();
        }
        return instance;
    }

    /** The repository root: {@code cds.repo.root} (set by the parent pom) or the nearest folder up that holds the stack script. */
    static Path repositoryRoot() {
        String configured = System.getProperty("cds.repo.root");
        if (configured != null && Files.isRegularFile(Path.of(configured, "deploy/local/stack"))) {
            return Path.of(configured).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("deploy/local/stack"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("deploy/local/stack not found above " + Path.of("").toAbsolutePath());
    }

    static Map<String, String> parseEnv(String output) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[A-Z0-9_]+")) {
                values.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return values;
    }

    private static String run(Path script, List<String> args, boolean echo) {
        List<String> command = new java.util.ArrayList<>();
        command.add("bash");
        command.add(script.toString());
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            StringBuilder output = new StringBuilder();
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    output.append(line).append('\n');
                    if (echo) {
                        System.out.println(line);
                    }
                }
            }
            if (!process.waitFor(UP_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + UP_TIMEOUT_MINUTES + " min");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed (exit " + process.exitValue() + "):\n" + output);
            }
            return output.toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** The catalogue's topics with their real settings, before any test producer or consumer could auto-create one. */
    private void provisionTopics() {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", kafkaBootstrapServers()))) {
            org.lfenergy.cds.contracts.TopicProvisioner.ensureTopics(admin, (short) 1, 30);
        }
    }

    /** One value of the stack's resolved settings, e.g. {@code CDS_KAFKA_BOOTSTRAP}. */
    public String get(String key) {
        String value = env.get(key);
        if (value == null) {
            throw new IllegalStateException("deploy/local/stack env has no " + key);
        }
        return value;
    }

    public String kafkaBootstrapServers() {
        return get("CDS_KAFKA_BOOTSTRAP");
    }

    public String keycloakUrl() {
        return get("CDS_KEYCLOAK_URL");
    }

    public String keycloakAdminPassword() {
        return get("CDS_KEYCLOAK_ADMIN_PASSWORD");
    }

    public String databaseUser() {
        return get("CDS_DB_USER");
    }

    public String databasePassword() {
        return get("CDS_DB_PASSWORD");
    }

    /** {@code host:port} of PostgreSQL. */
    public String postgresAddress() {
        return get("CDS_PG_HOST") + ":" + get("CDS_PG_PORT");
    }

    /** Drops and recreates {@code name}, owned by the services' role, so every test run starts from an empty schema. */
    public synchronized String freshDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        String url = "jdbc:postgresql://" + postgresAddress() + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, "postgres", get("CDS_PG_ADMIN_PASSWORD"));
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name + " OWNER " + databaseUser());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot recreate database " + name + " at " + url, e);
        }
        return name;
    }
}
