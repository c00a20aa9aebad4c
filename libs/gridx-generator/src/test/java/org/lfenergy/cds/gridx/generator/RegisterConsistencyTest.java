package org.lfenergy.cds.gridx.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.generator.plan.Scenario;

/** Register reads are cumulative (an odometer): consecutive reads differ by the intervals between them. */
class RegisterConsistencyTest {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    @Test
    void consecutiveRegisterReadsDifferByTheSumOfTheIntervalsBetweenThem() throws IOException {
        GeneratedFiles files = GeneratedFiles.shared();
        Map<String, BigDecimal> daily = new HashMap<>();
        files.forEach(GridxFileType.INTERVAL, r -> daily.merge(r.get("Meter_ID") + "/" + r.get("Channel") + "/"
                + r.get("Date_of_interval"), r.decimal("Usage_value"), BigDecimal::add));
        Map<String, List<Row>> reads = new LinkedHashMap<>();
        files.forEach(GridxFileType.REGISTER, r -> reads.computeIfAbsent(r.get("Meter_ID") + "/" + r.get("Channel"),
                k -> new ArrayList<>()).add(r));

        assertThat(reads).containsKeys(Scenario.SWAP_OLD_METER + "/KWH_DEL", Scenario.SWAP_NEW_METER + "/KWH_DEL",
                Scenario.NEM_METER + "/KWH_REC", Scenario.GAS_METER + "/THERM_DEL");
        int compared = 0;
        for (Map.Entry<String, List<Row>> series : reads.entrySet()) {
            List<Row> rows = series.getValue();
            for (int i = 1; i < rows.size(); i++) {
                Row previous = rows.get(i - 1);
                LocalDate from = LocalDate.parse(previous.get("Date_of_interval"), DAY);
                assertThat(rows.get(i).get("Date_of_interval")).isEqualTo(from.plusDays(1).format(DAY));
                BigDecimal usage = rows.get(i).decimal("Usage_value").subtract(previous.decimal("Usage_value"));
                BigDecimal intervals = daily.getOrDefault(series.getKey() + "/" + previous.get("Date_of_interval"),
                        BigDecimal.ZERO);
                assertThat(usage).as(series.getKey() + " " + from).isEqualByComparingTo(intervals);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(3000);
    }

    @Test
    void registersAreReadDailyAtLocalMidnight() throws IOException {
        List<Row> rows = GeneratedFiles.shared().rows(GridxFileType.REGISTER);

        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("Datetime_of_interval")).isEqualTo(r.get("Date_of_interval") + "0000");
            assertThat(r.get("Interval_frequency")).isEqualTo("1440");
            assertThat(r.get("Data_version")).isEqualTo("A");
        });
    }
}
