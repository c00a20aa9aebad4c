package org.lfenergy.cds.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lfenergy.cds.gateway.service.CircuitBreaker.State;

/** The upstream circuit breaker: MicroProfile Fault Tolerance semantics (rolling window, delay, trial calls). */
class CircuitBreakerTest {

    private static final long DELAY = 5_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000);

    private CircuitBreaker breaker(int volume, double ratio, int successThreshold) {
        return new CircuitBreaker(volume, ratio, DELAY, successThreshold, now::get);
    }

    /** Runs one call per character: 'S' success, 'F' failure; each must be let through. */
    private static void calls(CircuitBreaker b, String outcomes) {
        for (char c : outcomes.toCharArray()) {
            long permit = b.tryAcquire();
            assertThat(permit).as("call %s of %s let through", c, outcomes).isNotEqualTo(CircuitBreaker.REFUSED);
            if (c == 'S') {
                b.succeeded(permit);
            } else {
                b.failed(permit);
            }
        }
    }

    @ParameterizedTest(name = "window {0}, ratio {1}: {2} -> {3}")
    @CsvSource({
            // the window must be full before the ratio counts
            "4, 0.5, FFF, CLOSED",
            "4, 0.5, FFFF, OPEN",
            "4, 0.5, SSFF, OPEN",
            "4, 0.5, FSFS, OPEN",
            "4, 0.5, SSSF, CLOSED",
            "4, 0.5, FSSS, CLOSED",
            // rolling: old outcomes leave the window
            "4, 0.5, FSSSSF, CLOSED",
            "4, 0.5, SSSSSSFF, OPEN",
            "20, 0.5, FFFFFFFFFSSSSSSSSSSS, CLOSED",
            "20, 0.5, FFFFFFFFFFSSSSSSSSSS, OPEN",
            // ratio rounds up: 0.3 of 4 = 1.2 -> 2 failures
            "4, 0.3, SSSF, CLOSED",
            "4, 0.3, SSFF, OPEN",
            "1, 1.0, S, CLOSED",
            "1, 1.0, F, OPEN",
            "3, 1.0, FFS, CLOSED",
            "3, 1.0, FFF, OPEN",
    })
    void opensWhenTheFullWindowHasEnoughFailures(int volume, double ratio, String outcomes, State expected) {
        CircuitBreaker b = breaker(volume, ratio, 2);
        calls(b, outcomes);
        assertThat(b.state()).isEqualTo(expected);
    }

    @Test
    void refusesEveryCallWhileOpenAndLetsTrialsThroughAfterTheDelay() {
        CircuitBreaker b = breaker(4, 0.5, 2);
        calls(b, "FFFF");
        assertThat(b.tryAcquire()).isEqualTo(CircuitBreaker.REFUSED);
        now.addAndGet(DELAY - 1);
        assertThat(b.tryAcquire()).isEqualTo(CircuitBreaker.REFUSED);
        assertThat(b.state()).isEqualTo(State.OPEN);
        now.addAndGet(1);
        assertThat(b.state()).isEqualTo(State.HALF_OPEN);
        long first = b.tryAcquire();
        long second = b.tryAcquire();
        assertThat(List.of(first, second)).doesNotContain(CircuitBreaker.REFUSED);
        // no more trials than the success threshold at once
        assertThat(b.tryAcquire()).isEqualTo(CircuitBreaker.REFUSED);
        b.succeeded(first);
        assertThat(b.state()).isEqualTo(State.HALF_OPEN);
        b.succeeded(second);
        assertThat(b.state()).isEqualTo(State.CLOSED);
        // closed with an empty window: three failures do not reopen a window of four
        calls(b, "FFF");
        assertThat(b.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void aFailedTrialOpensItAgainForTheWholeDelay() {
        CircuitBreaker b = breaker(4, 0.5, 2);
        calls(b, "FFFF");
        now.addAndGet(DELAY);
        long trial = b.tryAcquire();
        long other = b.tryAcquire();
        b.failed(trial);
        assertThat(b.state()).isEqualTo(State.OPEN);
        // the other trial's late success belongs to the closed half-open period
        b.succeeded(other);
        assertThat(b.state()).isEqualTo(State.OPEN);
        now.addAndGet(DELAY - 1);
        assertThat(b.tryAcquire()).isEqualTo(CircuitBreaker.REFUSED);
        now.addAndGet(1);
        calls(b, "SS");
        assertThat(b.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void ignoresOutcomesOfCallsLetThroughBeforeTheLastTransition() {
        CircuitBreaker b = breaker(4, 0.5, 1);
        long slow = b.tryAcquire();
        calls(b, "FFFF");
        assertThat(b.state()).isEqualTo(State.OPEN);
        now.addAndGet(DELAY);
        long trial = b.tryAcquire();
        // the slow call started while closed: its success does not close the half-open breaker
        b.succeeded(slow);
        assertThat(b.state()).isEqualTo(State.HALF_OPEN);
        assertThat(b.tryAcquire()).isEqualTo(CircuitBreaker.REFUSED);
        b.succeeded(trial);
        assertThat(b.state()).isEqualTo(State.CLOSED);
        // nor does a failure reported late for it count in the new window
        b.failed(slow);
        calls(b, "FSS");
        assertThat(b.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void resetClosesItWithAnEmptyWindow() {
        CircuitBreaker b = breaker(4, 0.5, 2);
        calls(b, "FFFF");
        b.reset();
        assertThat(b.state()).isEqualTo(State.CLOSED);
        calls(b, "FFS");
        assertThat(b.state()).isEqualTo(State.CLOSED);
        calls(b, "F");
        assertThat(b.state()).isEqualTo(State.OPEN);
    }

    @Test
    void aZeroDelayLetsTheNextCallTryAtOnce() {
        CircuitBreaker b = new CircuitBreaker(2, 0.5, 0, 1, now::get);
        calls(b, "FF");
        assertThat(b.state()).isEqualTo(State.HALF_OPEN);
        calls(b, "S");
        assertThat(b.state()).isEqualTo(State.CLOSED);
    }

    @ParameterizedTest(name = "volume {0}, ratio {1}, delay {2}, successes {3}")
    @CsvSource({
            "0, 0.5, 1, 1",
            "-1, 0.5, 1, 1",
            "4, 0, 1, 1",
            "4, -0.5, 1, 1",
            "4, 1.01, 1, 1",
            "4, NaN, 1, 1",
            "4, 0.5, -1, 1",
            "4, 0.5, 1, 0",
    })
    void refusesSettingsThatCannotWork(int volume, double ratio, long delay, int successes) {
        assertThatThrownBy(() -> new CircuitBreaker(volume, ratio, delay, successes, now::get))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
