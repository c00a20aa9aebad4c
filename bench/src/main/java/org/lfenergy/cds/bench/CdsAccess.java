package org.lfenergy.cds.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.access.AccessFilterCodec;
import org.lfenergy.cds.contracts.grant.GrantEvent;
import org.lfenergy.cds.contracts.grant.ScopeGrant;

/**
 * A third-party app's access as the README walk-through obtains it through the gateway (register, admin token,
 * credentials, client_credentials token carrying {@code cds_grant_id}), one token per direct-access scope so each
 * token stands for a grant with exactly that scope; plus, for calls on a domain service directly, the same signed
 * access filter the gateway builds from that grant ({@link AccessFilter#forScope}, grant read from cds.grants.v1).
 */
public final class CdsAccess {

    /**
     * The history each direct-access grant asks for: the deepest the scope allows (P3Y), because P3 adds data before
     * the demo's year, and a stack's demo year may itself lie further back than the defaults (P1Y, P13M) reach.
     */
    private static final Map<String, String> HISTORY = Map.of(
            "cds_query_bill_sections", "start_date",
            "cds_query_bill_statements", "statement_date_start",
            "cds_query_usage", "segment_start");

    /** Tokens live 300 s; renew well before. */
    private static final Duration RENEW_AFTER = Duration.ofSeconds(200);

    private final HttpClient http;
    private final String gateway;
    private final ObjectMapper json = EventCodec.shared().mapper();
    private final AccessFilterCodec filters;
    private final String clientId;
    private final String clientSecret;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, ScopeGrant> scopeGrants = new HashMap<>();
    private final Map<String, GrantEvent> grants = new HashMap<>();

    private record Token(String value, String grantId, Instant obtained) {
    }

    /**
     * Registers a client with these direct-access scopes and obtains one token per scope.
     *
     * @param filterKeyFile file holding the stack's CDS_ACCESS_FILTER_KEY (deploy/local: secrets/access-filter-key)
     * @param bootstrap     Kafka bootstrap servers (the grants topic)
     */
    public CdsAccess(HttpClient http, String gateway, List<String> scopes, Path filterKeyFile, String bootstrap)
            throws IOException, InterruptedException {
        this.http = http;
        this.gateway = gateway;
        this.filters = new AccessFilterCodec(Files.readString(filterKeyFile).trim().getBytes(StandardCharsets.UTF_8));
        JsonNode reg = send(HttpRequest.newBuilder(URI.create(gateway + "/oauth/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"client_name\":\"bench " + Instant.now()
                        + "\",\"scope\":\"cds_client_admin " + String.join(" ", scopes) + "\"}")), 201);
        String adminId = reg.get("client_id").asText();
        String adminSecret = reg.get("client_secret").asText();
        String adminToken = tokenRequest(adminId, adminSecret, "cds_client_admin", null).get("access_token").asText();
        JsonNode clients = send(HttpRequest.newBuilder(URI.create(gateway + "/cds-api/v1/clients"))
                .header("Authorization", "Bearer " + adminToken).GET(), 200);
        String queryId = null;
        for (JsonNode c : clients.get("clients")) {
            if (c.path("scope").asText().contains(scopes.get(0))) {
                queryId = c.get("client_id").asText();
            }
        }
        if (queryId == null) {
            throw new IllegalStateException("no client object with " + scopes.get(0) + ": " + clients);
        }
        JsonNode creds = send(HttpRequest.newBuilder(URI.create(gateway + "/cds-api/v1/credentials?client_ids=" + queryId))
                .header("Authorization", "Bearer " + adminToken).GET(), 200);
        this.clientId = queryId;
        this.clientSecret = creds.get("credentials").get(0).get("client_secret").asText();
        for (String scope : scopes) {
            tokens.put(scope, newToken(scope));
        }
        if (bootstrap != null) {
            readGrants(bootstrap);
        }
    }

    /** A valid access token for this scope (renewed before expiry; the grant stays the same). */
    public String token(String scope) throws IOException, InterruptedException {
        Token t = tokens.get(scope);
        if (Duration.between(t.obtained(), Instant.now()).compareTo(RENEW_AFTER) > 0) {
            synchronized (this) {
                t = tokens.get(scope);
                if (Duration.between(t.obtained(), Instant.now()).compareTo(RENEW_AFTER) > 0) {
                    t = newToken(scope);
                    tokens.put(scope, t);
                }
            }
        }
        return t.value();
    }

    /** The grant id behind this scope's token. */
    public String grantId(String scope) {
        return tokens.get(scope).grantId();
    }

    /** The X-CDS-Access-Filter value the gateway would forward for this scope's grant, signed now. */
    public String accessFilter(String scope) {
        GrantEvent grant = grants.get(scope);
        Instant now = Instant.now();
        // The same GridX client the gateway names in every filter (its CDS_GRIDX_CLIENT, default DEMO).
        String gridxClient = System.getenv().getOrDefault("CDS_GRIDX_CLIENT", "DEMO");
        return filters.encode(AccessFilter.forScope(grant, scopeGrants.get(scope), gridxClient, now,
                Duration.ofSeconds(Long.getLong("filter.ttl.s", 30))));
    }

    private Token newToken(String scope) throws IOException, InterruptedException {
        String field = HISTORY.get(scope);
        // An empty value-type list means every format; the scope's default list names formats usage-service does not
        // serve (see bench/README.md), which would give segments without values.
        String valueTypes = scope.equals("cds_query_usage") ? ",\"include_usage_segment_value_types\":[]" : "";
        JsonNode t = tokenRequest(clientId, clientSecret, scope, field == null ? null
                : "[{\"type\":\"" + scope + "\",\"" + field + "\":\"P3Y\"" + valueTypes + "}]");
        JsonNode ids = t.get("cds_grant_ids");
        if (ids == null || ids.size() != 1) {
            throw new IllegalStateException("token without exactly one cds_grant_id: " + t);
        }
        return new Token(t.get("access_token").asText(), ids.get(0).asText(), Instant.now());
    }

    private JsonNode tokenRequest(String id, String secret, String scope, String authorizationDetails)
            throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(id, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(gateway + "/oauth/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode(scope, StandardCharsets.UTF_8) + (authorizationDetails == null ? ""
                        : "&authorization_details=" + URLEncoder.encode(authorizationDetails, StandardCharsets.UTF_8)))),
                200);
    }

    private JsonNode send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": "
                    + r.body());
        }
        return json.readTree(r.body());
    }

    /** Reads cds.grants.v1 from the beginning until every token's grant is known (the outbox sweeps every 10 s). */
    private void readGrants(String bootstrap) {
        Map<String, String> scopeOfGrant = new HashMap<>();
        tokens.forEach((scope, t) -> scopeOfGrant.put(t.grantId(), scope));
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        EventCodec codec = EventCodec.shared();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = new ArrayList<>();
            consumer.partitionsFor(Topic.GRANTS.topicName()).forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Instant deadline = Instant.now().plusSeconds(90);
            while (grants.size() < scopeOfGrant.size() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    String scope = scopeOfGrant.get(r.key());
                    if (scope != null && r.value() != null) {
                        GrantEvent g = codec.decode(r.value(), GrantEvent.class);
                        for (ScopeGrant s : g.scopes()) {
                            if (s.scope().equals(scope) && s.enabled()) {
                                grants.put(scope, g);
                                scopeGrants.put(scope, s);
                            }
                        }
                    }
                }
            }
        }
        if (grants.size() < scopeOfGrant.size()) {
            Set<String> missing = new java.util.HashSet<>(scopeOfGrant.values());
            missing.removeAll(grants.keySet());
            throw new IllegalStateException("grants not found on " + Topic.GRANTS.topicName() + " for " + missing);
        }
    }
}
