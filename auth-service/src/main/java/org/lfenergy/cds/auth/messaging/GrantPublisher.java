package org.lfenergy.cds.auth.messaging;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.lfenergy.cds.auth.config.CdsConfig;
import org.lfenergy.cds.auth.mapping.GrantEventMapper;
import org.lfenergy.cds.auth.repository.GrantRepository;
import org.lfenergy.cds.auth.service.model.Grant;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.Topic;

/**
 * Publishes every Grant change on {@code cds.grants.v1} (compacted, key = grant id, value = the contracts
 * {@code GrantEvent}). A Grant row counts as published once Kafka acknowledged its version; a periodic sweep sends
 * whatever is left (broker down, crash between commit and send), so the topic converges on the database.
 */
@ApplicationScoped
public class GrantPublisher {

    private static final Logger LOG = Logger.getLogger(GrantPublisher.class);

    private final MutinyEmitter<String> emitter;
    private final GrantRepository grants;
    private final GrantEventMapper mapper;
    private final Vertx vertx;
    private final CdsConfig config;
    private final String bootstrapServers;

    public GrantPublisher(@Channel("grants") MutinyEmitter<String> emitter, GrantRepository grants,
            GrantEventMapper mapper, Vertx vertx, CdsConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") Optional<String> bootstrapServers) {
        this.emitter = emitter;
        this.grants = grants;
        this.mapper = mapper;
        this.vertx = vertx;
        this.config = config;
        this.bootstrapServers = bootstrapServers.orElse(null);
    }

    void onStart(@Observes StartupEvent event) {
        createTopic();
        vertx.setPeriodic(config.grants().republishInterval().toMillis(), id -> sweep().subscribe().with(
                n -> {
                }, e -> LOG.warnf("grant publication sweep failed: %s", e.getMessage())));
    }

    /** Creates the compacted topic with the catalogue's settings if it does not exist. */
    void createTopic() {
        if (bootstrapServers == null) {
            return;
        }
        Topic topic = Topic.GRANTS;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000))) {
            admin.createTopics(List.of(new NewTopic(topic.topicName(), topic.defaultPartitions(), (short) 1)
                    .configs(topic.configs()))).all().get();
            LOG.infof("created topic %s", topic.topicName());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warnf("could not create topic %s: %s", topic.topicName(), e.getCause().getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Publishes the Grant's current version (and marks it published when Kafka acknowledges). */
    public Uni<Void> publish(Grant grant) {
        Uni<Grant> target = grant.targetGrantId() == null ? Uni.createFrom().nullItem()
                : grants.find(grant.targetGrantId()).map(o -> o.orElse(null));
        return target.chain(t -> {
            String json = EventCodec.shared().encodeToString(mapper.toEvent(grant, t));
            Message<String> message = Message.of(json).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(grant.grantId()).build());
            return emitter.sendMessage(message);
        }).chain(() -> grants.markPublished(grant.grantId(), grant.version()));
    }

    /** Publishes a Grant and every grant-admin Grant proxying it; failures are left to the sweep. */
    public Uni<Void> publishWithProxies(Grant grant) {
        return publish(grant)
                .chain(() -> grants.proxiesOf(grant.grantId()))
                .chain(proxies -> Multi.createFrom().iterable(proxies)
                        .onItem().transformToUniAndConcatenate(this::republishProxy)
                        .collect().last().replaceWithVoid())
                .onFailure().invoke(e -> LOG.warnf("grant %s not yet on Kafka (%s); the sweep retries",
                        grant.grantId(), e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> republishProxy(Grant proxy) {
        return publish(proxy);
    }

    /** Sends every Grant whose latest version Kafka has not acknowledged. */
    public Uni<Integer> sweep() {
        return grants.unpublished(200).chain(list -> Multi.createFrom().iterable(list)
                .onItem().transformToUniAndConcatenate(g -> publish(g).onFailure().recoverWithNull())
                .collect().asList().map(List::size));
    }
}
