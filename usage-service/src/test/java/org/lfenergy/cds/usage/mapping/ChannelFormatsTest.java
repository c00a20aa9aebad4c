package org.lfenergy.cds.usage.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelFormatsTest {

    final ChannelFormats formats = TestConfigs.channels();

    @Test
    void mapsChannelsToValueFormatsWithReverseServedNegative() {
        assertThat(formats.forChannel("KWH_DEL")).get().satisfies(f -> {
            assertThat(f.id()).isEqualTo("electric_usage_forward");
            assertThat(f.valueKey()).isEqualTo("eu");
            assertThat(f.negate()).isFalse();
        });
        assertThat(formats.forChannel("kwh_rec")).get().satisfies(f -> assertThat(f.negate()).isTrue());
        assertThat(formats.forChannel("THERM_DEL")).get().satisfies(f -> assertThat(f.valueKey()).isEqualTo("gu"));
        assertThat(formats.forChannel("KW_MAX")).get().satisfies(f -> assertThat(f.demandType()).isEqualTo("peak"));
        assertThat(formats.forChannel("VARH")).isEmpty();
        assertThat(formats.forChannel(null)).isEmpty();
    }

    @Test
    void derivesTheNetFormatFromTheForwardOne() {
        ValueFormatSpec net = formats.netOf(formats.forChannel("KWH_DEL").orElseThrow());
        assertThat(net.id()).isEqualTo("electric_usage_net");
        assertThat(net.direction()).isEqualTo("net");
        assertThat(formats.all()).extracting(ValueFormatSpec::id).contains("electric_usage_net");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            "KWH_DEL_SUMMER_ON_PEAK, electric_usage_forward, summer, peak, -, electric_usage_forward.summer.peak",
            "KWH_DEL_WINTER_OFF_PEAK, electric_usage_forward, winter, off_peak, -, electric_usage_forward.winter.off_peak",
            "KWH_REC_SUMMER_SUPER_OFF_PEAK, electric_usage_reverse, summer, super_off_peak, -, electric_usage_reverse.summer.super_off_peak",
            "KWH_DEL_WINTER, electric_usage_forward, winter, -, -, electric_usage_forward.winter",
            "THERM_DEL_SUMMER, natural_gas_usage, summer, -, -, natural_gas_usage.summer",
            "KW_MAX_SUMMER, electric_demand_peak, summer, -, -, electric_demand_peak.summer",
            "KWH_DEL_CPP_EVENT, electric_usage_forward, -, -, cpp, electric_usage_forward.cpp",
            "KWH_DEL, electric_usage_forward, -, -, -, electric_usage_forward"})
    void parsesBillingDeterminantChannels(String channel, String base, String season, String tou, String event,
                                          String id) {
        ChannelFormats.DeterminantChannel d = formats.parseDeterminant(channel).orElseThrow();
        assertThat(d.base().id()).isEqualTo(base);
        assertThat(d.season()).isEqualTo(season);
        assertThat(d.tou()).isEqualTo(tou);
        assertThat(d.event()).isEqualTo(event);
        assertThat(d.formatId()).isEqualTo(id);
    }

    @ParameterizedTest
    @CsvSource({"KWH_DEL_SUMMER_TIER_2", "FOO_SUMMER", "KWH_DELX", "KWH_DEL_MONSOON"})
    void refusesDeterminantChannelsItCannotRead(String channel) {
        assertThat(formats.parseDeterminant(channel)).isEmpty();
    }
}
