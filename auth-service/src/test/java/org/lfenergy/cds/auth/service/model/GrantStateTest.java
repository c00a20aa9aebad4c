package org.lfenergy.cds.auth.service.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GrantStateTest {

    @ParameterizedTest
    @EnumSource(value = GrantState.class, names = {"DISABLED", "REVOKED", "CLOSED", "EXPIRED"})
    void finalStatusesNeverChangeAgain(GrantState state) {
        Arrays.stream(GrantState.values()).forEach(next -> assertThat(state.canBecome(next)).as(next.wire()).isFalse());
    }

    @ParameterizedTest
    @EnumSource(value = GrantState.class, names = {"ACTIVE", "FUTURE", "PENDING", "PARTIAL", "NEEDS_AUTHORIZATION",
            "NEEDS_SUB_GRANTS", "SUSPENDED", "DELAYED", "STOPPED", "ERRORED"})
    void nonFinalStatusesMayMoveToEveryOtherStatus(GrantState state) {
        Arrays.stream(GrantState.values()).filter(n -> n != state)
                .forEach(next -> assertThat(state.canBecome(next)).as(next.wire()).isTrue());
    }

    @Test
    void exactlyTheSixNoAccessStatusesDenyAccess() {
        assertThat(Arrays.stream(GrantState.values()).filter(s -> !s.allowsAccess()))
                .containsExactlyInAnyOrder(GrantState.FUTURE, GrantState.DISABLED, GrantState.SUSPENDED,
                        GrantState.REVOKED, GrantState.CLOSED, GrantState.EXPIRED);
    }

    @Test
    void wireNamesRoundTrip() {
        for (GrantState s : GrantState.values()) {
            assertThat(GrantState.fromWire(s.wire())).contains(s);
        }
        assertThat(GrantState.NEEDS_AUTHORIZATION.wire()).isEqualTo("needs_authorization");
        assertThat(GrantState.fromWire("nope")).isEmpty();
    }
}
