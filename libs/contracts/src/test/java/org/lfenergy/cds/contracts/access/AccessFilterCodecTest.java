package org.lfenergy.cds.contracts.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.contracts.Samples;
import org.lfenergy.cds.contracts.access.AccessFilterException.Reason;
import org.lfenergy.cds.contracts.grant.IncludeField;

class AccessFilterCodecTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef-gateway".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2024-03-02T10:00:00Z");

    private final AccessFilterCodec codec = codecAt(NOW);

    private static AccessFilterCodec codecAt(Instant now) {
        return new AccessFilterCodec(KEY, Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(30));
    }

    private static AccessFilter filter() {
        return AccessFilter.forScope(Samples.grant(), Samples.usageScope(), "DEMO", NOW, Duration.ofSeconds(60));
    }

    private static void assertRefused(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AccessFilterException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void signedFilterVerifiesToTheSameFilter() {
        String header = codec.encode(filter());
        assertThat(header).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");
        AccessFilter verified = codec.verify(header);
        assertThat(verified).isEqualTo(filter());
        assertThat(verified.includes(IncludeField.USAGE_SEGMENTS)).isTrue();
        assertThat(verified.includes(IncludeField.ACCOUNT_NUMBERS)).isFalse();
        assertThat(verified.scopes()).containsExactly("cds_usage_1");
        assertThat(verified.gridxClient()).isEqualTo("DEMO");
        assertThat(verified.grantCreated()).isEqualTo(Instant.parse("2024-03-01T17:15:00Z"));
    }

    @Test
    void correctlySignedFilterWithoutGridxClientIsRefused() {
        String json = payloadJson(codec.encode(filter()));
        assertThat(json).contains("\"gridx_client\":\"DEMO\"");
        for (String without : new String[] {
                json.replace("\"gridx_client\":\"DEMO\",", ""),
                json.replace("\"gridx_client\":\"DEMO\"", "\"gridx_client\":null"),
                json.replace("\"gridx_client\":\"DEMO\"", "\"gridx_client\":\"\""),
                json.replace("\"gridx_client\":\"DEMO\"", "\"gridx_client\":\"  \"")}) {
            assertThat(without).isNotEqualTo(json);
            String payload = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(without.getBytes(StandardCharsets.UTF_8));
            String header = payload + "." + signature(codec, payload);
            assertThatThrownBy(() -> codec.verify(header)).isInstanceOfSatisfying(AccessFilterException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
                assertThat(e.getMessage()).contains("gridx_client");
            });
        }
    }

    @Test
    void filterCannotBeBuiltWithoutGridxClient() {
        for (String client : new String[] {null, "", " "}) {
            assertThatThrownBy(() -> AccessFilter.forScope(Samples.grant(), Samples.usageScope(), client, NOW,
                    Duration.ofSeconds(60))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("gridx_client");
        }
    }

    @Test
    void grantWithoutCreationTimeGivesFilterWithoutOne() {
        var g = Samples.grant();
        var noCreated = new org.lfenergy.cds.contracts.grant.GrantEvent(g.grantId(), g.clientId(), g.status(),
                g.scopes(), null, g.modified(), null, null, null);
        assertThat(AccessFilter.forScope(noCreated, Samples.usageScope(), "DEMO", NOW, Duration.ofSeconds(60))
                .grantCreated()).isNull();
    }

    @Test
    void duringAKeyRotationFiltersOfBothKeysVerifyAndOnlyTheCurrentKeySigns() {
        byte[] next = "fedcba9876543210fedcba9876543210-rotated".getBytes(StandardCharsets.UTF_8);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        // Step 1 of the rotation: the services accept the next key besides the current one.
        AccessFilterCodec service = new AccessFilterCodec(KEY, List.of(next), clock, Duration.ofSeconds(30));
        AccessFilterCodec oldGateway = codec;
        AccessFilterCodec newGateway = new AccessFilterCodec(next, clock, Duration.ofSeconds(30));
        assertThat(service.verify(oldGateway.encode(filter()))).isEqualTo(filter());
        assertThat(service.verify(newGateway.encode(filter()))).isEqualTo(filter());
        assertThat(service.encode(filter())).isEqualTo(oldGateway.encode(filter()));
        // A key in neither place is still refused, and a codec without the next key refuses its filters.
        byte[] stranger = "a-key-nobody-configured-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        assertRefused(() -> service.verify(new AccessFilterCodec(stranger, clock, Duration.ofSeconds(30))
                .encode(filter())), Reason.BAD_SIGNATURE);
        assertRefused(() -> oldGateway.verify(newGateway.encode(filter())), Reason.BAD_SIGNATURE);
    }

    @Test
    void oneCodecSignsAndVerifiesFromManyThreadsAtOnceWithTheSameSignatures() throws Exception {
        byte[] next = "fedcba9876543210fedcba9876543210-rotated".getBytes(StandardCharsets.UTF_8);
        AccessFilterCodec rotating = new AccessFilterCodec(next, List.of(KEY), Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofSeconds(30));
        String expected = rotating.encode(filter());
        String oldKeyHeader = codec.encode(filter());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        if (!rotating.encode(filter()).equals(expected)
                                || !rotating.verify(oldKeyHeader).equals(filter())) {
                            return false;
                        }
                    }
                    assertRefused(() -> rotating.verify(expected.substring(0, expected.length() - 2) + "AA"),
                            Reason.BAD_SIGNATURE);
                    return true;
                }));
            }
            for (var r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAcceptedKeyShorterThan32BytesIsRefusedAtStart() {
        assertThatThrownBy(() -> new AccessFilterCodec(KEY, List.of(new byte[31])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void tamperedPayloadIsRefused() {
        String header = codec.encode(filter());
        String payload = header.substring(0, header.indexOf('.'));
        String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        String widened = json.replace("\"all\":false", "\"all\":true");
        assertThat(widened).isNotEqualTo(json);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(widened.getBytes(StandardCharsets.UTF_8))
                + header.substring(header.indexOf('.'));
        assertRefused(() -> codec.verify(forged), Reason.BAD_SIGNATURE);
    }

    @Test
    void tamperedSignatureIsRefused() {
        String header = codec.encode(filter());
        char last = header.charAt(header.length() - 2);
        String forged = header.substring(0, header.length() - 2) + (last == 'A' ? 'B' : 'A')
                + header.charAt(header.length() - 1);
        assertRefused(() -> codec.verify(forged), Reason.BAD_SIGNATURE);
    }

    @Test
    void filterSignedWithAnotherKeyIsRefused() {
        byte[] other = Arrays.copyOf(KEY, KEY.length);
        other[0] ^= 1;
        String header = new AccessFilterCodec(other, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ZERO)
                .encode(filter());
        assertRefused(() -> codec.verify(header), Reason.BAD_SIGNATURE);
    }

    @Test
    void expiredFilterIsRefused() {
        String header = codec.encode(filter());
        assertRefused(() -> codecAt(NOW.plusSeconds(91)).verify(header), Reason.EXPIRED);
    }

    @Test
    void filterIsAcceptedWithinTheClockSkew() {
        String header = codec.encode(filter());
        assertThat(codecAt(NOW.plusSeconds(89)).verify(header)).isEqualTo(filter());
        assertThat(codecAt(NOW.minusSeconds(29)).verify(header)).isEqualTo(filter());
    }

    @Test
    void filterIssuedInTheFutureIsRefused() {
        String header = codec.encode(filter());
        assertRefused(() -> codecAt(NOW.minusSeconds(31)).verify(header), Reason.NOT_YET_VALID);
    }

    @Test
    void missingHeaderIsRefused() {
        assertRefused(() -> codec.verify(null), Reason.MISSING);
        assertRefused(() -> codec.verify("  "), Reason.MISSING);
    }

    @Test
    void malformedValuesAreRefused() {
        String valid = codec.encode(filter());
        assertRefused(() -> codec.verify("no-dot-here"), Reason.MALFORMED);
        assertRefused(() -> codec.verify("a.b.c"), Reason.MALFORMED);
        assertRefused(() -> codec.verify("." + valid.substring(valid.indexOf('.') + 1)), Reason.MALFORMED);
        assertRefused(() -> codec.verify(valid.substring(0, valid.indexOf('.') + 1)), Reason.MALFORMED);
        assertRefused(() -> codec.verify("abc.%%%"), Reason.MALFORMED);
        assertRefused(() -> codec.verify("x".repeat(AccessFilterCodec.MAX_ENCODED_LENGTH + 1)), Reason.MALFORMED);
    }

    @Test
    void correctlySignedGarbageIsMalformedNotAccepted() {
        AccessFilterCodec signer = codec;
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"grant_id\":null}".getBytes(StandardCharsets.UTF_8));
        String header = payload + "." + signature(signer, payload);
        assertRefused(() -> codec.verify(header), Reason.MALFORMED);
    }

    @Test
    void shortKeysAreRejectedAtConstruction() {
        assertThatThrownBy(() -> new AccessFilterCodec(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headerNameIsTheAgreedOne() {
        assertThat(AccessFilter.HEADER).isEqualTo("X-CDS-Access-Filter");
    }

    private static String payloadJson(String header) {
        return new String(Base64.getUrlDecoder().decode(header.substring(0, header.indexOf('.'))),
                StandardCharsets.UTF_8);
    }

    // Re-signs an arbitrary payload with the test key, to build values that pass the signature check.
    private static String signature(AccessFilterCodec codec, String payload) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
