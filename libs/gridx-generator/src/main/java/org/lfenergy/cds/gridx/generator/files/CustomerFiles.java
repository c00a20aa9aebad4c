package org.lfenergy.cds.gridx.generator.files;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.lfenergy.cds.gridx.generator.io.GridxFileSink;
import org.lfenergy.cds.gridx.generator.model.Account;
import org.lfenergy.cds.gridx.generator.model.Commodity;
import org.lfenergy.cds.gridx.generator.model.Contract;
import org.lfenergy.cds.gridx.generator.model.MeterInstall;
import org.lfenergy.cds.gridx.generator.model.Person;
import org.lfenergy.cds.gridx.generator.model.Premise;
import org.lfenergy.cds.gridx.generator.model.RateSlice;
import org.lfenergy.cds.gridx.generator.model.ServicePoint;
import org.lfenergy.cds.gridx.generator.time.GridxText;

/**
 * Writes the customer hierarchy: Customer rows (one per contract), MeterAccount Meter rows (one per install) and
 * time-sliced Customer Attributes at contract (CT), service point (SP) and premise (PM) level, the ID types of the
 * specification's example. Customer details (names, contact) sit on the contract, whose holder they describe.
 *
 * <p>Attribute End_date is exclusive: a slice ends on the day the next one starts, as in the specification's
 * example ({@code GS1 2021-03-14..2025-02-17}, {@code GS2 2025-02-17..}); empty means still in force.
 */
public final class CustomerFiles {

    private static final String ACTIVE = "Active";
    private static final String CLOSED = "Closed";

    private final GridxFileSink customers;
    private final GridxFileSink meters;
    private final GridxFileSink attributes;

    public CustomerFiles(GridxFileSink customers, GridxFileSink meters, GridxFileSink attributes) {
        this.customers = customers;
        this.meters = meters;
        this.attributes = attributes;
    }

    /** All rows of one person. */
    public void write(Person person) {
        Set<String> premisesWritten = new HashSet<>();
        for (Account account : person.accounts()) {
            for (Contract contract : account.contracts()) {
                customerRow(person, account, contract);
                for (MeterInstall m : contract.meters()) {
                    meters.text(contract.meterAccountId()).text(m.meterId())
                            .text(GridxText.dateTime(m.installedAt()))
                            .text(m.removedAt() == null ? null : GridxText.dateTime(m.removedAt())).endRow();
                }
                contractAttributes(person, contract);
                servicePointAttributes(contract);
                Premise premise = contract.servicePoint().premise();
                if (premisesWritten.add(premise.id())) {
                    premiseAttributes(premise, earliestStartAt(person, premise));
                }
            }
        }
    }

    private void customerRow(Person person, Account account, Contract contract) {
        ServicePoint sp = contract.servicePoint();
        customers.text(person.personId()).text(account.entityId()).text(contract.contractId())
                .text(sp.premise().id()).text(sp.id()).text(contract.meterAccountId())
                .text(GridxText.date(contract.start()) + "0000")
                .text(contract.end() == null ? null : GridxText.date(contract.end()) + "2359")
                .text(contract.closed() ? CLOSED : ACTIVE).endRow();
    }

    private void contractAttributes(Person person, Contract c) {
        String id = c.contractId();
        LocalDate from = c.start();
        LocalDate until = c.end() == null ? null : c.end().plusDays(1);
        if (person.business()) {
            attribute("CT", id, "business_name", person.businessName(), from, until);
        } else {
            attribute("CT", id, "first_name", person.firstName(), from, until);
            attribute("CT", id, "last_name", person.lastName(), from, until);
        }
        attribute("CT", id, "email", person.email(), from, until);
        attribute("CT", id, "phone", person.phone(), from, until);
        attribute("CT", id, "customer_class", person.business() ? "commercial" : "residential", from, until);
        if (person.naics() != null) {
            attribute("CT", id, "naics", person.naics(), from, until);
        }
        attribute("CT", id, "service_type", c.commodity().attributeValue(), from, until);
        List<RateSlice> rates = c.rates();
        for (int i = 0; i < rates.size(); i++) {
            LocalDate next = i + 1 < rates.size() ? rates.get(i + 1).from() : until;
            attribute("CT", id, "rate_code", rates.get(i).rateCode(), rates.get(i).from(), next);
        }
        attribute("CT", id, "bill_cycle", c.readCycle(), from, until);
        if (c.programs().nemSince() != null) {
            attribute("CT", id, "nem", "Y", c.programs().nemSince(), until);
            attribute("CT", id, "nem_type", "NEM2", c.programs().nemSince(), until);
        }
        if (c.programs().careSince() != null) {
            attribute("CT", id, "care", "Y", c.programs().careSince(), until);
        }
        if (c.programs().cpp()) {
            attribute("CT", id, "cpp", "Y", from, until);
        }
        if (c.commodity() == Commodity.ELECTRIC) {
            boolean thirdParty = c.programs().supplier() != null;
            attribute("CT", id, "third_party_supply", thirdParty ? "Y" : "N", from, until);
            if (thirdParty) {
                attribute("CT", id, "third_party_supplier", c.programs().supplier(), from, until);
            }
        }
    }

    private void servicePointAttributes(Contract c) {
        ServicePoint sp = c.servicePoint();
        attribute("SP", sp.id(), "latitude", sp.latitude(), c.start(), null);
        attribute("SP", sp.id(), "longitude", sp.longitude(), c.start(), null);
        if (sp.voltage() != null) {
            attribute("SP", sp.id(), "voltage", sp.voltage(), c.start(), null);
            attribute("SP", sp.id(), "phase", sp.phase(), c.start(), null);
        }
    }

    private void premiseAttributes(Premise p, LocalDate from) {
        attribute("PM", p.id(), "service_address", p.address(), from, null);
        attribute("PM", p.id(), "city", p.city(), from, null);
        attribute("PM", p.id(), "state", p.state(), from, null);
        attribute("PM", p.id(), "zip", p.zip(), from, null);
    }

    private static LocalDate earliestStartAt(Person person, Premise premise) {
        return person.accounts().stream().flatMap(a -> a.contracts().stream())
                .filter(c -> c.servicePoint().premise().id().equals(premise.id()))
                .map(Contract::start).min(LocalDate::compareTo).orElseThrow();
    }

    private void attribute(String idType, String id, String key, String value, LocalDate from, LocalDate until) {
        attributes.text(idType).text(id).text(key).text(value).text(GridxText.date(from))
                .text(until == null ? null : GridxText.date(until)).endRow();
    }
}
