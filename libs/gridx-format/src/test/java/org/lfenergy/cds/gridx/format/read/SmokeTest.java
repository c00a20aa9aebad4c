package org.lfenergy.cds.gridx.format.read;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void readsIntervalRows() {
        Fixture f = Fixture.read("GRIDX_ACME_INTERVAL_20240101000000.csv",
                "MeterAccount_ID,Meter_ID,Usage_value,Date_of_interval,Datetime_of_interval,Channel,Time_zone,Interval_frequency,Data_version\n"
                        + "MA1,M1,1.25000,20240101,202401010000,1,America/Los_Angeles,15,A\n"
                        + "MA1,M1,x,20240101,202401010015,1,America/Los_Angeles,15,A\n"
                        + "MA1,M1,1.5,20240101,202401010030,1,America/Los_Angeles,15,A\n");
        System.out.println(f);
        assertThat(f.rows()).hasSize(3);
    }
}
