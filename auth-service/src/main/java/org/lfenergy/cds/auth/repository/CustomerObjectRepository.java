package org.lfenergy.cds.auth.repository;


import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The customers' objects from gridx.customers.v1: what the authorization form lists for a person. */
@ApplicationScoped
public class CustomerObjectRepository {

    /** One CUSTOMER row as stored ('' for absent ids). */
    public record CustomerObject(String gridxClient, String personId, String entityId, String contractId,
            String premiseId, String servicePointId, String meterAccountId, String serviceStatus,
            OffsetDateTime contractStart, OffsetDateTime contractEnd) {
    }

    /** One installation of a meter at a meter account (METERACCOUNTMETER); {@code removed} null = still there. */
    public record CustomerMeter(String gridxClient, String meterAccountId, String meterId, OffsetDateTime installed,
            OffsetDateTime removed) {

        /** Installed at this instant (installed inclusive, removed exclusive). */
        public boolean isCurrentAt(java.time.Instant now) {
            return !installed.toInstant().isAfter(now) && (removed == null || removed.toInstant().isAfter(now));
        }
    }

    private final Pool pool;
    private final String gridxClient;

    /**
     * @param gridxClient the deployment's GridX client code, {@code cds.gridx.client} (env CDS_GRIDX_CLIENT), the same
     *                    setting the api-gateway names in every access filter: a Person_ID is unique only within one
     *                    client, so a customer's form never lists another client's rows
     */
    public CustomerObjectRepository(Pool pool,
                                    @ConfigProperty(name = "cds.gridx.client", defaultValue = "DEMO") String gridxClient) {
        this.pool = pool;
        this.gridxClient = gridxClient;
    }

    /** Idempotent upsert of a batch (replays and redeliveries converge on the same rows). */
    public Uni<Void> upsert(List<CustomerObject> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> tuples = new ArrayList<>();
        for (CustomerObject r : rows) {
            tuples.add(Tuple.from(Arrays.asList(r.gridxClient(), r.personId(), r.entityId(), r.contractId(),
                    r.premiseId(), r.servicePointId(), r.meterAccountId(), r.serviceStatus(), r.contractStart(),
                    r.contractEnd())));
        }
        return pool.withTransaction(sql -> sql.preparedQuery("insert into customer_object (gridx_client, person_id,"
                + " entity_id, contract_id, premise_id, service_point_id, meter_account_id, service_status,"
                + " contract_start, contract_end) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
                + " on conflict (gridx_client, person_id, entity_id, contract_id, meter_account_id) do update set"
                + " premise_id = excluded.premise_id, service_point_id = excluded.service_point_id,"
                + " service_status = excluded.service_status, contract_start = excluded.contract_start,"
                + " contract_end = excluded.contract_end")
                .executeBatch(tuples)).replaceWithVoid();
    }

    public Uni<List<CustomerObject>> ofPerson(String personId) {
        return pool.preparedQuery("select gridx_client, person_id, entity_id, contract_id, premise_id,"
                + " service_point_id, meter_account_id, service_status, contract_start, contract_end"
                + " from customer_object where person_id = $1 and gridx_client = $2"
                + " order by entity_id, contract_id, meter_account_id")
                .execute(Tuple.of(personId, gridxClient))
                .map(rows -> {
                    List<CustomerObject> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new CustomerObject(r.getString(0), r.getString(1), r.getString(2),
                            r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getString(7),
                            r.getOffsetDateTime(8), r.getOffsetDateTime(9))));
                    return out;
                });
    }

    /** Idempotent upsert of a batch of meter installations. */
    public Uni<Void> upsertMeters(List<CustomerMeter> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> tuples = new ArrayList<>();
        for (CustomerMeter m : rows) {
            tuples.add(Tuple.from(Arrays.asList(m.gridxClient(), m.meterAccountId(), m.meterId(), m.installed(),
                    m.removed())));
        }
        return pool.withTransaction(sql -> sql.preparedQuery("insert into customer_meter (gridx_client,"
                + " meter_account_id, meter_id, installed, removed) values ($1, $2, $3, $4, $5)"
                + " on conflict (gridx_client, meter_account_id, meter_id, installed) do update set"
                + " removed = excluded.removed where customer_meter.removed is distinct from excluded.removed")
                .executeBatch(tuples)).replaceWithVoid();
    }

    /** The meter installations at the meter accounts of a person's contracts (current and past). */
    public Uni<List<CustomerMeter>> metersOfPerson(String personId) {
        return pool.preparedQuery("select distinct m.gridx_client, m.meter_account_id, m.meter_id, m.installed,"
                + " m.removed from customer_meter m join customer_object c on c.gridx_client = m.gridx_client"
                + " and c.meter_account_id = m.meter_account_id where c.person_id = $1 and c.gridx_client = $2"
                + " and c.meter_account_id <> '' order by m.meter_account_id, m.installed, m.meter_id")
                .execute(Tuple.of(personId, gridxClient))
                .map(rows -> {
                    List<CustomerMeter> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new CustomerMeter(r.getString(0), r.getString(1), r.getString(2),
                            r.getOffsetDateTime(3), r.getOffsetDateTime(4))));
                    return out;
                });
    }

    /** Person ids among these that have no row yet (new customers of a batch). */
    public Uni<List<String>> unknownPersons(List<String> personIds) {
        return pool.preparedQuery("select p from unnest($1::text[]) p where not exists"
                + " (select 1 from customer_object c where c.person_id = p)")
                .execute(Tuple.of(personIds.toArray(String[]::new)))
                .map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getString(0)));
                    return out;
                });
    }

}
