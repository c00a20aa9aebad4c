package org.lfenergy.cds.auth.messaging;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.lfenergy.cds.auth.config.CdsConfig;
import org.lfenergy.cds.auth.repository.CustomerObjectRepository;
import org.lfenergy.cds.auth.repository.CustomerObjectRepository.CustomerMeter;
import org.lfenergy.cds.auth.repository.CustomerObjectRepository.CustomerObject;
import org.lfenergy.cds.auth.service.keycloak.KeycloakRealm;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.contracts.RowEvent;
import org.lfenergy.cds.contracts.gridx.CustomerPayload;
import org.lfenergy.cds.contracts.gridx.MeterAccountMeterPayload;

/**
 * Keeps auth-service's own copy of who holds what ({@code gridx.customers.v1} and {@code gridx.meteraccount-meters.v1},
 * read_committed, in batches): the authorization form lists a customer's accounts, contracts, service points and
 * meters from it. With
 * {@code cds.auth.demo-users=true} every new person also gets a Keycloak demo user {@code customer-<Person_ID>}.
 */
@ApplicationScoped
public class CustomerConsumer {

    private static final Logger LOG = Logger.getLogger(CustomerConsumer.class);

    private final CustomerObjectRepository repository;
    private final KeycloakRealm keycloak;
    private final CdsConfig config;

    public CustomerConsumer(CustomerObjectRepository repository, KeycloakRealm keycloak, CdsConfig config) {
        this.repository = repository;
        this.keycloak = keycloak;
        this.config = config;
    }

    // The Keycloak admin client is request scoped; a Kafka batch has no request context of its own (without one every
    // demo user failed with "RequestScoped context was not active" in the packaged service).
    @Incoming("customers")
    @ActivateRequestContext
    public Uni<Void> customers(ConsumerRecords<String, byte[]> records) {
        Map<List<String>, CustomerObject> rows = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() == null) {
                continue;
            }
            try {
                RowEvent<CustomerPayload> event = EventCodec.shared().decodeRow(record.value(), CustomerPayload.class);
                CustomerObject row = toRow(event);
                if (row != null) {
                    // the last row of a key in the batch wins, as it would in a compacted topic
                    rows.put(List.of(row.gridxClient(), row.personId(), row.entityId(), row.contractId(),
                            row.meterAccountId()), row);
                }
            } catch (RuntimeException e) {
                LOG.warnf("skipping unreadable customer event at %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        List<CustomerObject> batch = new ArrayList<>(rows.values());
        List<String> persons = batch.stream().map(CustomerObject::personId).distinct().toList();
        Uni<List<String>> newPersons = config.auth().demoUsers() && config.auth().demoPassword().isPresent()
                ? repository.unknownPersons(persons) : Uni.createFrom().item(List.of());
        return newPersons.call(() -> repository.upsert(batch))
                .call(created -> Multi.createFrom().iterable(created)
                        .onItem().transformToUniAndConcatenate(this::demoUser)
                        .collect().last())
                .replaceWithVoid();
    }

    /** Meter installations ({@code gridx.meteraccount-meters.v1}): the form lists a customer's meters from them. */
    @Incoming("meters")
    public Uni<Void> meters(ConsumerRecords<String, byte[]> records) {
        Map<List<Object>, CustomerMeter> rows = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() == null) {
                continue;
            }
            try {
                CustomerMeter row = toMeter(EventCodec.shared().decodeRow(record.value(),
                        MeterAccountMeterPayload.class));
                if (row != null) {
                    rows.put(List.of(row.gridxClient(), row.meterAccountId(), row.meterId(), row.installed()), row);
                } else {
                    LOG.warnf("skipping meter event without meter account, meter or install date at %s-%d@%d",
                            record.topic(), record.partition(), record.offset());
                }
            } catch (RuntimeException e) {
                LOG.warnf("skipping unreadable meter event at %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        return repository.upsertMeters(new ArrayList<>(rows.values()));
    }

    static CustomerMeter toMeter(RowEvent<MeterAccountMeterPayload> event) {
        MeterAccountMeterPayload m = event.data();
        if (m.meterAccountId() == null || m.meterId() == null || m.meterInstallDate() == null) {
            return null;
        }
        return new CustomerMeter(event.client(), m.meterAccountId(), m.meterId(), m.meterInstallDate(),
                m.meterRemovalDate());
    }

    static CustomerObject toRow(RowEvent<CustomerPayload> event) {
        CustomerPayload c = event.data();
        if (c.personId() == null || c.entityId() == null || c.contractId() == null) {
            return null;
        }
        String meterAccount = c.meterAccountId() == null ? "" : c.meterAccountId();
        // GridX sends no service point for some meter accounts; the meter account then stands for it (CdsIdKind).
        String servicePoint = c.servicePointId() != null ? c.servicePointId() : meterAccount;
        return new CustomerObject(event.client(), c.personId(), c.entityId(), c.contractId(),
                c.premiseId() == null ? "" : c.premiseId(), servicePoint, meterAccount, c.serviceStatus(),
                c.contractStartDate(), c.contractEndDate());
    }

    private Uni<Void> demoUser(String personId) {
        return keycloak.ensureCustomer("customer-" + personId.toLowerCase(java.util.Locale.ROOT), personId,
                        config.auth().demoPassword().orElseThrow())
                .invoke(id -> LOG.infof("demo customer user customer-%s ready", personId))
                .onFailure().invoke(e -> LOG.warnf("demo user for person %s not created: %s", personId, e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
