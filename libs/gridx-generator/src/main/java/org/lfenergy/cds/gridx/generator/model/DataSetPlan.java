package org.lfenergy.cds.gridx.generator.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything that will be written, except the metered values (which are computed while writing): the customer
 * hierarchy, the networks and the demand-response events. Small: one object per contract, never per row.
 */
public final class DataSetPlan {

    private final List<Person> persons;
    private final List<Network> networks;
    private final List<DemandEvent> events;
    private final Map<String, NetworkMember> subscriptions = new HashMap<>();

    public DataSetPlan(List<Person> persons, List<Network> networks, List<DemandEvent> events) {
        this.persons = List.copyOf(persons);
        this.networks = List.copyOf(networks);
        this.events = List.copyOf(events);
        for (Network n : networks) {
            for (NetworkMember m : n.members()) {
                if (m.role() == MemberRole.SUBSCRIBER) {
                    subscriptions.put(m.contractId(), m);
                }
            }
        }
    }

    /** Scenario persons first, then the random ones. */
    public List<Person> persons() {
        return persons;
    }

    /** Networks (community solar). */
    public List<Network> networks() {
        return networks;
    }

    /** Demand-response events. */
    public List<DemandEvent> events() {
        return events;
    }

    /** Every contract, in writing order. */
    public Stream<Contract> contracts() {
        return persons.stream().flatMap(p -> p.accounts().stream()).flatMap(a -> a.contracts().stream());
    }

    /** A contract's community-solar subscription, or null. */
    public NetworkMember subscription(String contractId) {
        return subscriptions.get(contractId);
    }

    /** The network a subscriber belongs to. */
    public Network networkOf(NetworkMember member) {
        return networks.stream().filter(n -> n.members().contains(member)).findFirst().orElseThrow();
    }

    /** The contract with this id. */
    public Contract contract(String contractId) {
        return contracts().filter(c -> c.contractId().equals(contractId)).findFirst().orElseThrow();
    }
}
