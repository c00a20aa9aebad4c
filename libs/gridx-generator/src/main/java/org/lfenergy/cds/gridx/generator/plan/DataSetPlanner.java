package org.lfenergy.cds.gridx.generator.plan;

import java.util.ArrayList;
import java.util.List;

import org.lfenergy.cds.gridx.generator.GeneratorConfig;
import org.lfenergy.cds.gridx.generator.model.DataSetPlan;
import org.lfenergy.cds.gridx.generator.model.Person;
import org.lfenergy.cds.gridx.generator.time.ReadCycleCalendar;

/** Builds the plan of a data set: the scenario's persons, then the configured number of random ones. */
public final class DataSetPlanner {

    private DataSetPlanner() {
    }

    /** The plan for a configuration. */
    public static DataSetPlan plan(GeneratorConfig config) {
        Scenario scenario = new Scenario(config.startDate(), config.days(), config.intervalMinutes(),
                new ReadCycleCalendar());
        List<Person> persons = new ArrayList<>(scenario.persons(config.seed()));
        RandomCustomers random = new RandomCustomers(config.seed(), config.startDate());
        for (int i = 0; i < config.persons(); i++) {
            persons.add(random.next(i));
        }
        return new DataSetPlan(persons, List.of(scenario.network()), scenario.events());
    }
}
