package org.lfenergy.cds.gateway.support;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.lfenergy.cds.contracts.CloudEventHeaders;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.Topic;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.DateWindows;
import org.lfenergy.cds.contracts.grant.GrantEvent;
import org.lfenergy.cds.contracts.grant.GrantStatus;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.contracts.grant.ScopeGrant;
import org.lfenergy.cds.testing.LocalStack;

/** Publishes grant events to the real {@code cds.grants.v1} topic, as auth-service does. */
public final class GrantEvents {

    private static GrantEvents instance;

    private final KafkaProducer<String, byte[]> producer;

    private GrantEvents(String bootstrap) {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(Topic.GRANTS.topicName(), Topic.GRANTS.defaultPartitions(), (short) 1)
                    .configs(Topic.GRANTS.configs()))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + Topic.GRANTS.topicName(), e);
            }
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** The publisher for the local stack's Kafka. */
    public static synchronized GrantEvents get() {
        if (instance == null) {
            instance = new GrantEvents(LocalStack.infrastructure().kafkaBootstrapServers());
        }
        return instance;
    }

    /** A grant id no other test uses. */
    public static String newGrantId() {
        return "gwtest-" + UUID.randomUUID();
    }

    /** Publishes {@code grant} (key = grant id) and waits for the broker's acknowledgement. */
    public void publish(GrantEvent grant) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topic.GRANTS.topicName(), grant.grantId(),
                EventCodec.shared().encode(grant));
        CloudEventHeaders.forGrant(grant).forEach((k, v) -> record.headers().add(k, v));
        send(record);
    }

    /** Publishes a tombstone for {@code grantId}. */
    public void delete(String grantId) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topic.GRANTS.topicName(), grantId, null);
        CloudEventHeaders.forGrantDeletion(grantId, java.time.Instant.now()).forEach((k, v) -> record.headers().add(k, v));
        send(record);
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + record.topic(), e);
        }
    }

    /** An active grant of {@code clientId} with these scopes. */
    public static GrantEvent grant(String grantId, String clientId, GrantStatus status, ScopeGrant... scopes) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return new GrantEvent(grantId, clientId, status, List.of(scopes), now, now, null, null, null);
    }

    /** The same grant with another status (modified now). */
    public static GrantEvent withStatus(GrantEvent grant, GrantStatus status) {
        return new GrantEvent(grant.grantId(), grant.clientId(), status, grant.scopes(), grant.created(),
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), grant.notBefore(), grant.notAfter(), grant.expires());
    }

    /** An enabled scope. */
    public static ScopeGrant scope(String scope, Coverage coverage, IncludeField... include) {
        return new ScopeGrant(scope, scope, true, coverage, include.length == 0 ? Set.of() : EnumSet.copyOf(List.of(include)),
                null, DateWindows.UNBOUNDED);
    }
}
