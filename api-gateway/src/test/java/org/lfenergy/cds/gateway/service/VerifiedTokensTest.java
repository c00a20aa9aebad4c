package org.lfenergy.cds.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJhenAiOiJjbGllbnQtYSJ9.c2lnbmF0dXJlLWJ5dGVz";
    private static final TokenClaims CLAIMS = new TokenClaims("client-a", "grant-a", Set.of("cds_query_accounts"),
            Set.of("cds-api"), "Bearer", NOW.minusSeconds(10));

    /** A clock that tests move forward. */
    private static final class MovableClock extends Clock {
        private Instant now = NOW;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theVerySameTokenFindsItsClaimsUntilItExpires() {
        MovableClock clock = new MovableClock();
        VerifiedTokens cache = new VerifiedTokens(100, clock);
        cache.put(TOKEN, CLAIMS, NOW.plusSeconds(300));

        assertThat(cache.find(TOKEN)).contains(CLAIMS);
        assertThat(cache.find(new String(TOKEN.toCharArray()))).as("equal text, another String").contains(CLAIMS);
        clock.now = NOW.plusSeconds(299);
        assertThat(cache.find(TOKEN)).contains(CLAIMS);
        clock.now = NOW.plusSeconds(300);
        assertThat(cache.find(TOKEN)).as("at exp").isEmpty();
        assertThat(cache.size()).as("the expired entry is dropped").isZero();
        clock.now = NOW;
        assertThat(cache.find(TOKEN)).as("gone for good: verified again by quarkus-oidc").isEmpty();
    }

    static Stream<String> otherTokens() {
        int dot1 = TOKEN.indexOf('.');
        int dot2 = TOKEN.lastIndexOf('.');
        return Stream.of(
                TOKEN.substring(0, TOKEN.length() - 1) + "X", // last signature character
                TOKEN.substring(0, dot2) + ".", // signature removed
                TOKEN.substring(0, dot2), // two parts only
                TOKEN.substring(0, dot1 + 1) + "eyJhenAiOiJjbGllbnQtYiJ9" + TOKEN.substring(dot2), // other payload
                "eyJhbGciOiJub25lIn0" + TOKEN.substring(dot1), // alg=none header
                TOKEN + "A", // appended
                "A" + TOKEN, // prepended
                TOKEN.substring(1), // first character cut
                " " + TOKEN, // padded
                TOKEN.toLowerCase(java.util.Locale.ROOT),
                TOKEN.toUpperCase(java.util.Locale.ROOT),
                "",
                "not-a-jwt");
    }

    @ParameterizedTest
    @MethodSource("otherTokens")
    void aDifferentOrTamperedTokenNeverFindsAnotherTokensClaims(String other) {
        VerifiedTokens cache = new VerifiedTokens(100, Clock.fixed(NOW, ZoneOffset.UTC));
        cache.put(TOKEN, CLAIMS, NOW.plusSeconds(300));

        assertThat(cache.find(other)).isEmpty();
        assertThat(cache.find(TOKEN)).contains(CLAIMS);
    }

    @Test
    void aTokenWithoutExpiryOrAlreadyExpiredIsNotStored() {
        VerifiedTokens cache = new VerifiedTokens(100, Clock.fixed(NOW, ZoneOffset.UTC));
        cache.put("a", CLAIMS, null);
        cache.put("b", CLAIMS, NOW);
        cache.put("c", CLAIMS, NOW.minusSeconds(1));
        cache.put(null, CLAIMS, NOW.plusSeconds(1));
        cache.put("d", null, NOW.plusSeconds(1));

        assertThat(cache.size()).isZero();
        assertThat(cache.find("a")).isEmpty();
        assertThat(cache.find(null)).isEmpty();
    }

    @Test
    void capacityZeroCachesNothing() {
        VerifiedTokens cache = new VerifiedTokens(0, Clock.fixed(NOW, ZoneOffset.UTC));
        cache.put(TOKEN, CLAIMS, NOW.plusSeconds(300));
        assertThat(cache.find(TOKEN)).isEmpty();
    }

    @Test
    void whenFullExpiredEntriesMakeRoomAndOtherwiseNewTokensAreNotCached() {
        MovableClock clock = new MovableClock();
        VerifiedTokens cache = new VerifiedTokens(2, clock);
        cache.put("short", CLAIMS, NOW.plus(Duration.ofSeconds(5)));
        cache.put("long", CLAIMS, NOW.plusSeconds(300));
        cache.put("third", CLAIMS, NOW.plusSeconds(300));
        assertThat(cache.find("third")).as("full: not cached").isEmpty();
        assertThat(cache.find("long")).contains(CLAIMS);

        clock.now = NOW.plusSeconds(10);
        cache.put("third", CLAIMS, NOW.plusSeconds(300));
        assertThat(cache.find("third")).as("the expired entry made room").contains(CLAIMS);
        assertThat(cache.find("short")).isEmpty();
        assertThat(cache.size()).isEqualTo(2);
    }
}
