package org.lfenergy.cds.usage.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.lfenergy.cds.usage.config.UsageConfig;

/**
 * The documented, configurable GridX channel → CDS value format table ({@code usage.channels.*}), and the parsing
 * of billing-determinant channels ({@code <channel>[_<season>][_<time of use>]}, e.g. {@code KWH_DEL_SUMMER_ON_PEAK}).
 */
@ApplicationScoped
public class ChannelFormats {

    private final Map<String, ValueFormatSpec> byChannel = new LinkedHashMap<>();
    private final List<String> channelsLongestFirst;
    private final String netFormatId;

    @jakarta.inject.Inject
    public ChannelFormats(UsageConfig config) {
        this(config.channels(), config.netFormatId());
    }

    /** For tests and tools: a table without CDI. */
    public ChannelFormats(Map<String, UsageConfig.ChannelFormat> channels, String netFormatId) {
        for (Map.Entry<String, UsageConfig.ChannelFormat> e : channels.entrySet()) {
            UsageConfig.ChannelFormat f = e.getValue();
            String key = ValueFormatSpec.valueKeyOf(f.type());
            if (key == null) {
                throw new IllegalArgumentException("usage.channels." + e.getKey() + ".type: unsupported value type "
                        + f.type());
            }
            String direction = f.direction().orElse(null);
            byChannel.put(e.getKey().toUpperCase(Locale.ROOT), new ValueFormatSpec(f.id(), f.type(), f.units(), direction,
                    f.demandType().orElse(null), key, "reverse".equals(direction)));
        }
        channelsLongestFirst = new ArrayList<>(byChannel.keySet());
        channelsLongestFirst.sort(Comparator.comparingInt(String::length).reversed());
        this.netFormatId = netFormatId;
    }

    /** The format of an interval channel, if the table maps it. */
    public Optional<ValueFormatSpec> forChannel(String channel) {
        return channel == null ? Optional.empty() : Optional.ofNullable(byChannel.get(channel.toUpperCase(Locale.ROOT)));
    }

    /** The derived net format for a forward/reverse pair of electric_usage formats with the same units. */
    public ValueFormatSpec netOf(ValueFormatSpec forward) {
        return new ValueFormatSpec(netFormatId, "electric_usage", forward.units(), "net", null, "eu", false);
    }

    /** Every format the table can produce (for documentation and metadata). */
    public List<ValueFormatSpec> all() {
        List<ValueFormatSpec> out = new ArrayList<>(byChannel.values());
        byChannel.values().stream().filter(f -> "forward".equals(f.direction())).findFirst()
                .ifPresent(f -> out.add(netOf(f)));
        return out;
    }

    /**
     * A billing-determinant channel: the base channel of the table, then optional season and time-of-use tokens,
     * or the {@code CPP_EVENT} marker; empty when the base channel is unknown or a token is not understood.
     */
    public Optional<DeterminantChannel> parseDeterminant(String channel) {
        if (channel == null) {
            return Optional.empty();
        }
        String c = channel.toUpperCase(Locale.ROOT);
        for (String base : channelsLongestFirst) {
            if (!c.equals(base) && !c.startsWith(base + "_")) {
                continue;
            }
            String rest = c.length() == base.length() ? "" : c.substring(base.length() + 1);
            String season = null;
            String tou = null;
            String event = null;
            if (rest.equals("CPP_EVENT")) {
                event = "cpp";
                rest = "";
            }
            for (String[] s : SEASONS) {
                if (rest.equals(s[0]) || rest.startsWith(s[0] + "_")) {
                    season = s[1];
                    rest = rest.length() == s[0].length() ? "" : rest.substring(s[0].length() + 1);
                    break;
                }
            }
            for (String[] t : TOU) {
                if (rest.equals(t[0])) {
                    tou = t[1];
                    rest = "";
                    break;
                }
            }
            if (!rest.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new DeterminantChannel(channel, byChannel.get(base), season, tou, event));
        }
        return Optional.empty();
    }

    private static final String[][] SEASONS = {
            {"SUMMER", "summer"}, {"WINTER", "winter"}, {"SPRING", "spring"}, {"FALL", "fall"},
            {"SUM", "summer"}, {"WIN", "winter"}};
    // Longest tokens first so SUPER_OFF_PEAK is not read as OFF_PEAK.
    private static final String[][] TOU = {
            {"SUPER_OFF_PEAK", "super_off_peak"}, {"SUPER_PEAK", "super_peak"}, {"PARTIAL_PEAK", "partial_peak"},
            {"MID_PEAK", "partial_peak"}, {"SHOULDER", "partial_peak"}, {"OFF_PEAK", "off_peak"},
            {"ON_PEAK", "peak"}, {"PEAK", "peak"}};

    /**
     * A parsed billing-determinant channel.
     *
     * @param channel the channel as sent
     * @param base    the base channel's format
     * @param season  CDS season or null when the channel names none
     * @param tou     CDS time-of-use or null when the channel names none
     * @param event   {@code cpp} for event-period determinants, else null
     */
    public record DeterminantChannel(String channel, ValueFormatSpec base, String season, String tou, String event) {

        /** The Value Format id: base id plus the qualifiers, e.g. {@code electric_usage_forward.summer.peak}. */
        public String formatId() {
            StringBuilder sb = new StringBuilder(base.id());
            if (season != null) {
                sb.append('.').append(season);
            }
            if (tou != null) {
                sb.append('.').append(tou);
            }
            if (event != null) {
                sb.append('.').append(event);
            }
            return sb.toString();
        }
    }
}
