package org.lfenergy.cds.contracts.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CdsIdsTest {

    private static final byte[] KEY = "an-id-derivation-key-of-32-bytes!!".getBytes(StandardCharsets.UTF_8);
    private final CdsIds ids = new CdsIds(KEY);

    @Test
    void sameInputGivesTheSameIdAcrossInstances() {
        assertThat(ids.id(CdsIdKind.ACCOUNT, "DEMO", "2000001"))
                .isEqualTo(new CdsIds(KEY.clone()).id(CdsIdKind.ACCOUNT, "DEMO", "2000001"));
    }

    @Test
    void idIsShortLowerCaseBase32WithAKindPrefixAndAtLeast96Bits() {
        String id = ids.id(CdsIdKind.SERVICE_CONTRACT, "DEMO", "4000001");
        assertThat(id).matches("sc_[a-z2-7]{24}"); // 24 × 5 = 120 bits
    }

    @Test
    void differentKindsGiveDifferentIdsEvenWithoutPrefix() {
        String account = ids.id(CdsIdKind.ACCOUNT, "DEMO", "12345");
        String contract = ids.id(CdsIdKind.SERVICE_CONTRACT, "DEMO", "12345");
        assertThat(suffix(account)).isNotEqualTo(suffix(contract));
    }

    @Test
    void differentClientsGiveDifferentIds() {
        assertThat(ids.id(CdsIdKind.ACCOUNT, "DEMO", "1")).isNotEqualTo(ids.id(CdsIdKind.ACCOUNT, "OTHER", "1"));
    }

    @Test
    void differentKeysGiveDifferentIds() {
        byte[] other = Arrays.copyOf(KEY, KEY.length);
        other[5] ^= 1;
        assertThat(new CdsIds(other).id(CdsIdKind.ACCOUNT, "DEMO", "1")).isNotEqualTo(ids.id(CdsIdKind.ACCOUNT,
                "DEMO", "1"));
    }

    @Test
    void idNeverContainsTheSourceId() {
        // Source ids written in the id alphabet itself are the worst case for leaking by accident.
        for (String source : new String[] {"2000001", "4000001", "abcd", "meter7", "zz2345"}) {
            for (CdsIdKind kind : CdsIdKind.values()) {
                assertThat(ids.id(kind, "DEMO", source)).doesNotContain(source);
            }
        }
    }

    @Test
    void sequentialAccountNumbersGiveUnrelatedIds() {
        // A plain encoding of account numbers would share a long common prefix; HMAC output must not.
        String a = suffix(ids.id(CdsIdKind.ACCOUNT, "DEMO", "2000001"));
        String b = suffix(ids.id(CdsIdKind.ACCOUNT, "DEMO", "2000002"));
        int common = 0;
        while (common < a.length() && a.charAt(common) == b.charAt(common)) {
            common++;
        }
        assertThat(common).isLessThan(6);
    }

    @Test
    void noCollisionsAcrossManySourceIds() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            seen.add(ids.id(CdsIdKind.METER_DEVICE, "DEMO", Integer.toString(i)));
        }
        assertThat(seen).hasSize(50_000);
    }

    @Test
    void compositePartsAreLengthPrefixedSoShiftingASeparatorChangesTheId() {
        assertThat(ids.compositeId(CdsIdKind.USAGE_SEGMENT, "DEMO", "ab", "c"))
                .isNotEqualTo(ids.compositeId(CdsIdKind.USAGE_SEGMENT, "DEMO", "a", "bc"));
        assertThat(ids.compositeId(CdsIdKind.ACCOUNT, "DEMO", "1")).isEqualTo(ids.id(CdsIdKind.ACCOUNT, "DEMO", "1"));
    }

    @Test
    void shortKeysAreRejected() {
        assertThatThrownBy(() -> new CdsIds(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }

    private static String suffix(String id) {
        return id.substring(id.indexOf('_') + 1);
    }
}
