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
    /** Settings handed to the script (a private stack's CDS_HOME and ports); empty for the shared one. */
    private final Map<String, String> overrides;

    private LocalStack(Map<String, String> env, Map<String, String> overrides) {
        this.env = Map.copyOf(env);
        this.overrides = Map.copyOf(overrides);
    }

    /** Starts PostgreSQL, Kafka and Keycloak unless they run already; idempotent within and across JVMs. */
    public static synchronized LocalStack infrastructure() {
        if (instance == null) {
            Path script = repositoryRoot().resolve("deploy/local/stack");
            run(script, List.of("up", "infra"), true, Map.of());
            instance = new LocalStack(parseEnv(run(script, List.of("env"), false, Map.of())), Map.of());
            instance.provisionTopics();
        }
        return instance;
    }

    /**
     * A private PostgreSQL, Kafka and Keycloak of {@code deploy/local/stack} under {@code home} on the given ports
     * ({@code CDS_PG_PORT}, {@code CDS_KAFKA_PORT}, ...), started (or found running) with the same recipe as the
     * shared servers — for tests that crash and restart servers, which must never hit servers other runs share.
     * {@code home}'s {@code dist} is filled from the shared stack's distributions when they are present (Kafka's jars
     * linked, Keycloak's tree hard-linked without its {@code data}), so no download is repeated.
     */
    public static LocalStack privateInfrastructure(Path home, Map<String, String> ports) {
        Map<String, String> overrides = new LinkedHashMap<>(ports);
        overrides.put("CDS_HOME", home.toAbsolutePath().toString());
        try {
            Files.createDirectories(home.resolve("dist"));
            String shared = System.getenv("CDS_HOME");
            Path sharedDist = (shared == null || shared.isBlank() ? repositoryRoot().resolve(".local") : Path.of(shared))
                    .resolve("dist");
            if (Files.isDirectory(sharedDist)) {
                try (var dists = Files.list(sharedDist)) {
                    for (Path d : dists.toList()) {
                        Path target = home.resolve("dist").resolve(d.getFileName());
                        String name = d.getFileName().toString();
                        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                            continue;
                        }
                        if (name.startsWith("kafka-")) {
                            Files.createSymbolicLink(target, d.toAbsolutePath());
                        } else if (name.startsWith("keycloak-")) {
                            // its data/ (import, transaction logs, caches) is per instance: a tree of its own
                            Process cp = new ProcessBuilder("cp", "-al", d.toString(), target.toString())
                                    .inheritIO().start();
                            if (cp.waitFor() != 0) {
                                throw new IllegalStateException("cannot link " + d + " to " + target);
                            }
                            deleteTree(target.resolve("data"));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Path script = repositoryRoot().resolve("deploy/local/stack");
        run(script, List.of("up", "infra"), true, overrides);
        LocalStack stack = new LocalStack(parseEnv(run(script, List.of("env"), false, overrides)), overrides);
        stack.provisionTopics();
        return stack;
    }

    /** {@code deploy/local/stack up infra} for this stack again: starts whichever server is down, waits until all are up. */
    public void upInfrastructure() {
        run(repositoryRoot().resolve("deploy/local/stack"), List.of("up", "infra"), true, overrides);
    }

    /** Whether this is a private stack ({@link #privateInfrastructure}), whose servers a test may crash. */
    public boolean isPrivate() {
        return !overrides.isEmpty();
    }

    /**
     * The process of one server of a private stack ({@code postgres}, {@code kafka}, {@code keycloak}) from the PID
     * file the script keeps under its CDS_HOME, if it runs (for Keycloak the {@code kc.sh} that forwards signals).
     */
    public java.util.Optional<ProcessHandle> serverProcess(String server) {
        if (!isPrivate()) {
            throw new IllegalStateException("the servers of the shared stack are not the tests' to stop");
        }
        Path home = Path.of(get("CDS_HOME"));
        Path file = server.equals("postgres") ? home.resolve("data/postgres/postmaster.pid")
                : home.resolve("run").resolve(server + ".pid");
        try {
            if (!Files.isRegularFile(file)) {
                return java.util.Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(file, StandardCharsets.UTF_8).get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
            return java.util.Optional.empty();
        }
    }

    /** Stops the servers of a private stack (SIGTERM, then SIGKILL after 30 s), Keycloak and Kafka first. */
    public void stopPrivateInfrastructure() {
        for (String server : List.of("keycloak", "kafka", "postgres")) {
            serverProcess(server).ifPresent(p -> {
                List<ProcessHandle> tree = new java.util.ArrayList<>(p.descendants().toList());
                tree.add(0, p);
                tree.forEach(ProcessHandle::destroy);
                for (ProcessHandle h : tree) {
                    try {
                        h.onExit().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        h.destroyForcibly();
                    }
                }
            });
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
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

    private static String run(Path script, List<String> args, boolean echo, Map<String, String> overrides) {
        List<String> command = new java.util.ArrayList<>();
        command.add("bash");
        command.add(script.toString());
        command.addAll(args);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(overrides);
            Process process = builder.start();
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
