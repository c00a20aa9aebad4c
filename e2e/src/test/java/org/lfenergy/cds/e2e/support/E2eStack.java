package org.lfenergy.cds.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.testing.LocalStack;
import org.lfenergy.cds.testing.RealInfrastructure;

/**
 * The five packaged services ({@code <service>/target/quarkus-app/quarkus-run.jar}, built earlier in the same
 * reactor) running as separate processes against the real Kafka, PostgreSQL and Keycloak of libs/test-infra, with
 * the generated demo data set ingested — started once for every test class of the module (JUnit root store) and
 * stopped when the run ends.
 *
 * <p>Each service is configured the way {@code deploy/local/stack} configures it (the same environment variables),
 * plus what a shared test environment needs: free ports, a fresh database {@code <db>_e2e<CDS_TEST_DB_SUFFIX>}, keys
 * generated for the run, own Kafka consumer groups that start at the end of the topics (the shared topics carry
 * other test runs' copies of the same generated customers under other client codes), and an own Keycloak login
 * client for the customer pages. Use it with {@code @ExtendWith(E2eStack.Extension.class)} and {@link #get()}.
 */
public final class E2eStack implements ExtensionContext.Store.CloseableResource {

    /** The services in the order the stack script starts them. */
    public static final List<String> SERVICES = List.of("ingest-service", "billing-service", "usage-service",
            "auth-service", "api-gateway");
    private static final Map<String, String> DATABASES = Map.of("ingest-service", "ingest",
            "billing-service", "billing", "usage-service", "usage", "auth-service", "auth");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static volatile E2eStack instance;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    /** The run's GridX client code: the demo data's, and the deployment's CDS_GRIDX_CLIENT (filters name it). */
    private final String gridxClient = "E2E" + run.substring(0, 5).toUpperCase();
    private final Path root;
    private final Path work;
    private final LocalStack infra;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, String> consumerGroups = new LinkedHashMap<>();
    /** Database of each service with one, created empty once at start (a restarted service finds its data). */
    private final Map<String, String> databases = new LinkedHashMap<>();
    private final boolean demoData;
    private final String accessFilterKey = randomKey();
    private final String idsKey = randomKey();
    private final String demoPassword;
    private final OtlpReceiver traces = new OtlpReceiver();
    private DemoData data;
    private boolean fullJit;
    private int ingestChunkRows;

    private E2eStack() {
        this(LocalStack.infrastructure(), "e2e-run", true);
    }

    private E2eStack(LocalStack infra, String name, boolean demoData) {
        root = repositoryRoot();
        work = root.resolve("e2e/target").resolve(name);
        this.infra = infra;
        this.demoData = demoData;
        demoPassword = stackSecret("demo-customer");
        for (String s : SERVICES) {
            ports.put(s, freePort());
        }
        consumerGroups.put("billing-service", "billing-service-e2e-" + run);
        consumerGroups.put("usage-service", "usage-service-e2e-" + run);
        consumerGroups.put("auth-service", "auth-service-e2e-" + run);
    }

    /** The running stack with its data ingested (started by the {@link Extension} before the first test class). */
    public static E2eStack get() {
        if (instance == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(E2eStack.Extension.class)");
        }
        return instance;
    }

    /**
     * A stack of its own, apart from the module's shared one, on the given (usually private) infrastructure and
     * without the demo data: for drills that kill and restart things. The caller closes it.
     */
    public static E2eStack startOn(LocalStack infra, String name) {
        return startOn(infra, name, false, 0);
    }

    /**
     * The same; with {@code fullJit} the services run with the JVM's full tiered compilation (C2), as
     * deploy/local/stack runs them, instead of the test stack's C1-only start-up setting: for load measurements,
     * where C1-compiled code costs more CPU per request than production would. {@code ingestChunkRows > 0} sets
     * ingest-service's rows per Kafka transaction ({@code cds.ingest.chunk-rows}, default 50,000): a fault drill with
     * small chunks lands between many checkpoints with a file a fraction of the size.
     */
    public static E2eStack startOn(LocalStack infra, String name, boolean fullJit, int ingestChunkRows) {
        E2eStack stack = new E2eStack(infra, name, false);
        stack.fullJit = fullJit;
        stack.ingestChunkRows = ingestChunkRows;
        return stack.startOrClose();
    }

    /** Starts this stack; if that fails, stops whatever had started and rethrows. */
    private E2eStack startOrClose() {
        try {
            start();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
        return this;
    }

    /** Starts the stack once per test run; JUnit closes it after the last test class. */
    public static final class Extension implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(E2eStack.class,
                    k -> {
                        E2eStack stack = new E2eStack();
                        instance = stack;
                        return stack.startOrClose();
                    }, E2eStack.class);
        }
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    private void start() {
        long t0 = System.nanoTime();
        for (String s : SERVICES) {
            Path jar = jar(s);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " missing: build the reactor (mvn verify -pl e2e -am) first");
            }
        }
        try {
            deleteTree(work);
            Files.createDirectories(work.resolve("logs"));
            Files.createDirectories(work.resolve("inbox"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopProcesses, "e2e-stack-stop"));
        String suffix = System.getenv().getOrDefault(RealInfrastructure.DB_SUFFIX_ENV, "");
        DATABASES.forEach((service, db) -> databases.put(service, infra.freshDatabase(db + "_e2e" + suffix)));
        startGroupsAtTheEnd();
        // All five at once: their start-up is mostly waiting (Flyway, Kafka, Keycloak), which overlaps well.
        for (String s : SERVICES) {
            processes.put(s, launch(s));
        }
        for (String s : SERVICES) {
            try {
                awaitReady(s);
            } catch (ServiceExited e) {
                // On a loaded machine a start can time out (database, Kafka); one more try, as an operator would.
                log("%s exited during start-up; starting it once more:%n%s", s, e.getMessage());
                appendLog(s, "---- e2e: second start ----");
                processes.put(s, launch(s));
                awaitReady(s);
            }
        }
        awaitConsumersAssigned();
        log("services ready in %d s (%s)", seconds(t0), ports);
        if (!demoData) {
            return;
        }
        long t1 = System.nanoTime();
        data = DemoData.generate(work.resolve("data"), gridxClient, idsKey);
        Map<TopicPartition, Long> before = endOffsets();
        data.deliver(url("ingest-service"));
        awaitConsumersCaughtUp(before, endOffsets());
        log("demo data %s ingested and consumed in %d s", data.client(), seconds(t1));
    }

    @Override
    public void close() {
        stopProcesses();
        traces.close();
        instance = null;
    }

    private synchronized void stopProcesses() {
        List<String> reverse = new ArrayList<>(processes.keySet());
        java.util.Collections.reverse(reverse);
        for (String s : reverse) {
            processes.get(s).destroy(); // SIGTERM: Quarkus shuts down gracefully
        }
        for (String s : reverse) {
            Process p = processes.get(s);
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        processes.clear();
    }

    private Process launch(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        String bind = infra.get("CDS_BIND");
        // What deploy/local/stack's start_service passes, with this run's ports, databases and keys.
        env.put("QUARKUS_HTTP_HOST", bind);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(ports.get(service)));
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
        env.put("CDS_KEYCLOAK_URL", infra.keycloakUrl());
        env.put("CDS_KEYCLOAK_ADMIN_PASSWORD", infra.keycloakAdminPassword());
        env.put("CDS_SERVICES_BILLING_URL", url("billing-service"));
        env.put("CDS_SERVICES_USAGE_URL", url("usage-service"));
        env.put("CDS_SERVICES_AUTH_URL", url("auth-service"));
        env.put("CDS_SERVICES_INGEST_URL", url("ingest-service"));
        env.put("CDS_INBOX_DIR", work.resolve("inbox").toString());
        env.put("CDS_ACCESS_FILTER_KEY", accessFilterKey);
        env.put("CDS_IDS_KEY", idsKey);
        // The one GridX client this deployment serves (api-gateway's access filters, auth-service's form).
        env.put("CDS_GRIDX_CLIENT", gridxClient);
        // Spans go to the run's collector; only traces a caller asks for (a sampled traceparent) are recorded.
        env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", traces.endpoint());
        env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");
        env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        env.put("CDS_AUTH_DEMO_USERS", "true");
        env.put("CDS_AUTH_DEMO_PASSWORD", demoPassword);
        if (service.equals("ingest-service")) {
            // Its transactional producer ids default to the host name: another ingest-service on this host (a
            // developer's stack, another test run) would fence this one's transactions. (As a system property the key
            // fails the cds.ingest config mapping's validation; the environment variable is read.)
            env.put("CDS_INGEST_KAFKA_INSTANCE_ID", "e2e-" + run);
            if (ingestChunkRows > 0) {
                env.put("CDS_INGEST_CHUNK_ROWS", String.valueOf(ingestChunkRows));
            }
        }
        String name = databases.get(service);
        if (name != null) {
            env.put("QUARKUS_DATASOURCE_USERNAME", infra.databaseUser());
            env.put("QUARKUS_DATASOURCE_PASSWORD", infra.databasePassword());
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + infra.postgresAddress() + "/" + name);
            env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + infra.postgresAddress() + "/" + name);
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Dcds.stack.component=e2e-" + service,
                "-Xms" + initialHeap(service), "-Xmx" + heap(service), "-XX:+UseSerialGC",
                // five JVMs start at once on a small CI machine: slack for the first database connections
                "-Dquarkus.datasource.jdbc.acquisition-timeout=60S"));
        if (!fullJit) {
            command.add("-XX:TieredStopAtLevel=1"); // C1 only: faster start-up of five JVMs on a small machine
        }
        // The public base URL every service writes into links and metadata: this run's gateway.
        command.add("-Dcds.public-base-url=" + url("api-gateway"));
        command.add("-Dcds.billing.public-base-url=" + url("api-gateway"));
        command.addAll(consumerSettings(service));
        if (service.equals("auth-service")) {
            // Its own Keycloak login client: auth-service rewrites the redirect URIs of the one it uses.
            command.add("-Dcds.auth.login-client=cds-authorization-form-e2e");
        }
        command.add("-jar");
        command.add(jar(service).toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log(service).toFile()));
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service, e);
        }
    }

    /**
     * SIGKILL to one service's process, as a crash or the kernel's OOM killer would end it: no shutdown hook, no
     * offset commit, no transaction completed. Returns once the process is gone.
     */
    public synchronized void kill(String service) {
        Process p = processes.get(service);
        if (p == null) {
            throw new IllegalArgumentException("no process for " + service);
        }
        p.destroyForcibly(); // SIGKILL on Linux
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(service + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        appendLog(service, "---- e2e: killed (SIGKILL) ----");
        log("%s killed", service);
    }

    /**
     * Starts a stopped or killed service again with the same configuration (port, database, consumer group) and waits
     * until it is ready.
     */
    public void start(String service) {
        synchronized (this) {
            Process p = processes.get(service);
            if (p != null && p.isAlive()) {
                throw new IllegalStateException(service + " is running");
            }
            appendLog(service, "---- e2e: started again ----");
            processes.put(service, launch(service));
        }
        long t0 = System.nanoTime();
        awaitReady(service);
        log("%s ready again in %d s", service, seconds(t0));
    }

    /** The process id of a running service (CPU time per request: {@code /proc/<pid>/stat}). */
    public synchronized long pid(String service) {
        Process p = processes.get(service);
        if (p == null || !p.isAlive()) {
            throw new IllegalStateException(service + " is not running");
        }
        return p.pid();
    }

    /** The database of a service ({@code ingest-service}, {@code billing-service}, ...) in this stack's PostgreSQL. */
    public String database(String service) {
        String name = databases.get(service);
        if (name == null) {
            throw new IllegalArgumentException(service + " has no database");
        }
        return name;
    }

    /**
     * A service's heap: 256 MB, usage-service 512 MB. While an interval file is projected, usage-service holds two
     * consumers' batches (5,000 records each, decoded) and their Kafka fetch buffers next to the API's pages; at 256 MB
     * its old generation stayed 95–99 % full and full collections of about a second each stalled the API (load drill,
     * docs/reliability.md). Production gives every service 75 % of 1 GiB (deploy/k8s JAVA_TOOL_OPTIONS).
     */
    static String heap(String service) {
        return "usage-service".equals(service) ? "512m" : "256m";
    }

    /**
     * usage-service starts with its whole heap: the serial collector grows a heap that starts at 64 MB only after full
     * collections, and the first projection under API traffic made 15 of them (about 9 s) with the heap at 170 MB.
     */
    static String initialHeap(String service) {
        return "usage-service".equals(service) ? heap(service) : "64m";
    }

    private List<String> consumerSettings(String service) {
        String group = consumerGroups.get(service);
        return switch (service) {
            case "billing-service" -> List.of("-Dmp.messaging.connector.smallrye-kafka.group.id=" + group,
                    "-Dmp.messaging.connector.smallrye-kafka.auto.offset.reset=latest");
            case "usage-service" -> List.of("-Dkafka.group.id=" + group, "-Dkafka.auto.offset.reset=latest");
            case "auth-service" -> List.of("-Dmp.messaging.incoming.customers.group.id=" + group,
                    "-Dmp.messaging.incoming.customers.auto.offset.reset=latest");
            default -> List.of();
        };
    }

    private void awaitReady(String service) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            Process p = processes.get(service);
            if (!p.isAlive()) {
                throw new ServiceExited(service + " exited with " + p.exitValue() + ":\n" + logTail(service));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(service) + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(service + " not ready in " + START_TIMEOUT + ":\n" + logTail(service));
            }
            sleep(500);
        }
    }

    private static final class ServiceExited extends IllegalStateException {
        ServiceExited(String message) {
            super(message);
        }
    }

    private void appendLog(String service, String line) {
        try {
            Files.writeString(log(service), line + System.lineSeparator(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Topics each consumer group of this run reads (the services' application.properties). */
    private static Map<String, List<Topic>> consumedTopics() {
        return Map.of(
                "billing-service", List.of(Topic.CUSTOMERS, Topic.ATTRIBUTES, Topic.BILLS, Topic.BILL_DETAILS,
                        Topic.BILLING_CYCLES, Topic.RATE_VALUES, Topic.NETWORKS, Topic.EVENTS,
                        Topic.METERACCOUNT_METERS),
                "usage-service", List.of(Topic.INTERVALS, Topic.REGISTERS, Topic.CUSTOMERS, Topic.METERACCOUNT_METERS,
                        Topic.ATTRIBUTES, Topic.BILL_DETERMINANTS, Topic.NETWORKS, Topic.EVENTS),
                "auth-service", List.of(Topic.CUSTOMERS));
    }

    /**
     * With {@code auto.offset.reset=latest} a consumer must hold its partitions before the data is produced: wait
     * until every partition of every consumed topic is assigned to a member of the service's group.
     */
    private void awaitConsumersAssigned() {
        try (Admin admin = admin()) {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            for (var entry : consumerGroups.entrySet()) {
                Set<TopicPartition> wanted = partitions(admin, consumedTopics().get(entry.getKey()));
                while (true) {
                    ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(entry.getValue()))
                            .describedGroups().get(entry.getValue()).get(10, TimeUnit.SECONDS);
                    Set<TopicPartition> assigned = new HashSet<>();
                    for (MemberDescription m : group.members()) {
                        assigned.addAll(m.assignment().topicPartitions());
                    }
                    if (assigned.containsAll(wanted) && group.groupState().toString().equalsIgnoreCase("stable")) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("consumer group " + entry.getValue() + " of " + entry.getKey()
                                + " holds " + assigned + ", not all of " + wanted);
                    }
                    sleep(300);
                }
            }
            sleep(1000); // the members look up their start offsets right after the assignment
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /**
     * Commits, for each of this run's (new, still empty) consumer groups, the current end of every partition it will
     * read: the services start there (not at the other runs' records before), and a service killed before its
     * first own commit resumes there too instead of jumping to the then-latest offset and skipping what came between.
     */
    private void startGroupsAtTheEnd() {
        Map<TopicPartition, Long> end = endOffsets();
        try (Admin admin = admin()) {
            for (var entry : consumerGroups.entrySet()) {
                Set<String> topics = new HashSet<>();
                consumedTopics().get(entry.getKey()).forEach(t -> topics.add(t.topicName()));
                Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
                end.forEach((tp, offset) -> {
                    if (topics.contains(tp.topic())) {
                        offsets.put(tp, new OffsetAndMetadata(offset));
                    }
                });
                admin.alterConsumerGroupOffsets(entry.getValue(), offsets).all().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** End offsets of every topic a consumer group of this run reads. */
    private Map<TopicPartition, Long> endOffsets() {
        Set<Topic> topics = new HashSet<>();
        consumedTopics().values().forEach(topics::addAll);
        try (Admin admin = admin()) {
            Set<TopicPartition> all = partitions(admin, topics);
            Map<TopicPartition, Long> end = new LinkedHashMap<>();
            admin.listOffsets(all.stream().collect(java.util.stream.Collectors.toMap(tp -> tp,
                    tp -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> end.put(tp, info.offset()));
            return end;
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /**
     * Every consumer group of this run has committed (so stored) everything produced on its topics between
     * {@code before} and {@code after} — the demo data set, and whatever else arrived meanwhile.
     */
    private void awaitConsumersCaughtUp(Map<TopicPartition, Long> before, Map<TopicPartition, Long> after) {
        try (Admin admin = admin()) {
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            for (var entry : consumerGroups.entrySet()) {
                Set<String> topics = new HashSet<>();
                consumedTopics().get(entry.getKey()).forEach(t -> topics.add(t.topicName()));
                while (true) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(entry.getValue())
                            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                    List<String> behind = new ArrayList<>();
                    for (var e : after.entrySet()) {
                        TopicPartition tp = e.getKey();
                        // ingest-service publishes in transactions: the last offset of a partition is the commit
                        // marker, which consumers step over but never commit past (their lag stays 1), and a
                        // partition that only got a marker received no record at all.
                        if (!topics.contains(tp.topic()) || e.getValue() - before.getOrDefault(tp, 0L) <= 1) {
                            continue;
                        }
                        OffsetAndMetadata c = committed.get(tp);
                        if (c == null || c.offset() < e.getValue() - 1) {
                            behind.add(tp + " at " + (c == null ? "-" : c.offset()) + "/" + e.getValue());
                        }
                    }
                    if (behind.isEmpty()) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(entry.getKey() + " did not consume the demo data: " + behind);
                    }
                    sleep(500);
                }
            }
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    private static Set<TopicPartition> partitions(Admin admin, Collection<Topic> topics) throws Exception {
        Set<TopicPartition> out = new HashSet<>();
        var described = admin.describeTopics(topics.stream().map(Topic::topicName).toList()).allTopicNames()
                .get(30, TimeUnit.SECONDS);
        described.forEach((name, d) -> d.partitions().forEach(p -> out.add(new TopicPartition(name, p.partition()))));
        return out;
    }

    private Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", infra.kafkaBootstrapServers()));
    }

    // ------------------------------------------------------------------------------------------------ accessors

    /** Base URL of a service, e.g. {@code http://127.0.0.1:41234}. */
    public String url(String service) {
        return "http://" + infra.get("CDS_BIND") + ":" + ports.get(service);
    }

    /** The GridX client code this deployment serves (CDS_GRIDX_CLIENT): the data the data APIs answer with. */
    public String gridxClient() {
        return gridxClient;
    }

    /** The public base URL: the api-gateway. */
    public String gateway() {
        return url("api-gateway");
    }

    /** The run's trace collector, which every service exports its spans to. */
    public OtlpReceiver traces() {
        return traces;
    }

    /** The ingested data set with its expected CDS objects. */
    public DemoData data() {
        return data;
    }

    /** Password of the sandbox customer users {@code customer-<person id>} (the stack's demo-customer secret). */
    public String demoPassword() {
        return demoPassword;
    }

    /** HMAC key of the access filter this run's services share. */
    public String accessFilterKey() {
        return accessFilterKey;
    }

    public LocalStack infrastructure() {
        return infra;
    }

    public Path log(String service) {
        return work.resolve("logs").resolve(service + ".log");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Path jar(String service) {
        return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private String logTail(String service) {
        try {
            List<String> lines = Files.readAllLines(log(service), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * A secret of deploy/local/stack ({@code $CDS_HOME/secrets/<name>}), created the way the script creates it when
     * missing, so the stack and this module give the sandbox customers one password (Keycloak users outlive runs).
     */
    private String stackSecret(String name) {
        Path dir = Path.of(infra.get("CDS_HOME")).resolve("secrets");
        Path file = dir.resolve(name);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                Files.createDirectories(dir);
                byte[] bytes = new byte[18];
                new SecureRandom().nextBytes(bytes);
                String value = Base64.getEncoder().encodeToString(bytes).replaceAll("[/+=]", "");
                Path tmp = Files.createTempFile(dir, name, ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(tmp, value);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stack secret " + file, e);
        }
    }

    private static String randomKey() {
        byte[] bytes = new byte[36];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Path repositoryRoot() {
        String configured = System.getProperty("cds.repo.root");
        if (configured != null && Files.isRegularFile(Path.of(configured, "deploy/local/stack"))) {
            return Path.of(configured).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("deploy/local/stack"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("repository root not found");
        }
        return dir;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static long seconds(long t0) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void log(String format, Object... args) {
        System.out.println("[e2e] " + String.format(format, args));
    }
}
