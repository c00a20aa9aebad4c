package org.lfenergy.cds.gateway.service;

import java.util.function.LongSupplier;

/**
 * The circuit breaker in front of one upstream service, with the semantics of MicroProfile Fault Tolerance's
 * {@code @CircuitBreaker} (which the gateway used before, through SmallRye Fault Tolerance, at a cost of several
 * wrappers per proxied call):
 * <ul>
 *   <li>closed: every call may go; the outcomes of the last {@code requestVolumeThreshold} calls form a rolling
 *       window, and once the window is full and at least {@code ceil(failureRatio × requestVolumeThreshold)} of them
 *       failed, the breaker opens;</li>
 *   <li>open: every call is refused for {@code delay}, then the breaker is half-open;</li>
 *   <li>half-open: up to {@code successThreshold} trial calls may go; one failure opens it again for {@code delay},
 *       {@code successThreshold} successes close it with an empty window.</li>
 * </ul>
 * An outcome reported for a call that was let through in an earlier state (e.g. a slow call started while closed
 * that ends after the breaker opened) is ignored: every transition starts a new generation. Thread-safe; every method
 * is a few field updates under the object's lock.
 */
public final class CircuitBreaker {

    /** The breaker's state. */
    public enum State {
        CLOSED, OPEN, HALF_OPEN
    }

    /** Returned by {@link #tryAcquire()} when the call must not go. */
    public static final long REFUSED = -1;

    private final int volume;
    private final int failuresToOpen;
    private final long delayNanos;
    private final int successThreshold;
    private final LongSupplier nanoTime;

    private final boolean[] window;
    private int size;
    private int next;
    private int failures;

    private State state = State.CLOSED;
    private long generation;
    private long openedAt;
    private int trials;
    private int trialSuccesses;

    /**
     * @param requestVolumeThreshold size of the rolling window (≥ 1)
     * @param failureRatio           share of failures in a full window that opens the breaker (0 &lt; ratio ≤ 1)
     * @param delayNanos             how long it stays open (≥ 0)
     * @param successThreshold       successful trial calls that close it (≥ 1)
     * @param nanoTime               monotonic clock
     */
    public CircuitBreaker(int requestVolumeThreshold, double failureRatio, long delayNanos, int successThreshold,
                          LongSupplier nanoTime) {
        if (requestVolumeThreshold < 1) {
            throw new IllegalArgumentException("requestVolumeThreshold must be >= 1, got " + requestVolumeThreshold);
        }
        if (!(failureRatio > 0 && failureRatio <= 1)) {
            throw new IllegalArgumentException("failureRatio must be in (0, 1], got " + failureRatio);
        }
        if (delayNanos < 0) {
            throw new IllegalArgumentException("delay must be >= 0, got " + delayNanos + " ns");
        }
        if (successThreshold < 1) {
            throw new IllegalArgumentException("successThreshold must be >= 1, got " + successThreshold);
        }
        this.volume = requestVolumeThreshold;
        this.failuresToOpen = (int) Math.ceil(failureRatio * requestVolumeThreshold);
        this.delayNanos = delayNanos;
        this.successThreshold = successThreshold;
        this.nanoTime = nanoTime;
        this.window = new boolean[requestVolumeThreshold];
    }

    /**
     * Asks to let one call through: a permit (≥ 0) to hand to {@link #succeeded(long)} or {@link #failed(long)} when
     * the call is over, or {@link #REFUSED}.
     */
    public synchronized long tryAcquire() {
        if (state == State.OPEN) {
            if (nanoTime.getAsLong() - openedAt < delayNanos) {
                return REFUSED;
            }
            transition(State.HALF_OPEN);
        }
        if (state == State.HALF_OPEN) {
            if (trials >= successThreshold) {
                return REFUSED;
            }
            trials++;
        }
        return generation;
    }

    /** The call of {@code permit} got an answer. */
    public synchronized void succeeded(long permit) {
        if (permit != generation) {
            return;
        }
        if (state == State.HALF_OPEN) {
            if (++trialSuccesses >= successThreshold) {
                transition(State.CLOSED);
            }
        } else if (state == State.CLOSED) {
            record(false);
        }
    }

    /** The call of {@code permit} failed (connection failure, timeout). */
    public synchronized void failed(long permit) {
        if (permit != generation) {
            return;
        }
        if (state == State.HALF_OPEN) {
            transition(State.OPEN);
        } else if (state == State.CLOSED) {
            record(true);
        }
    }

    private void record(boolean failure) {
        if (size == volume && window[next]) {
            failures--;
        }
        window[next] = failure;
        next = (next + 1) % volume;
        if (size < volume) {
            size++;
        }
        if (failure) {
            failures++;
        }
        if (size == volume && failures >= failuresToOpen) {
            transition(State.OPEN);
        }
    }

    private void transition(State to) {
        state = to;
        generation++;
        trials = 0;
        trialSuccesses = 0;
        if (to == State.OPEN) {
            openedAt = nanoTime.getAsLong();
        }
        if (to == State.CLOSED) {
            java.util.Arrays.fill(window, false);
            size = 0;
            next = 0;
            failures = 0;
        }
    }

    /** The current state; an open breaker whose delay has passed reports half-open. */
    public synchronized State state() {
        if (state == State.OPEN && nanoTime.getAsLong() - openedAt >= delayNanos) {
            return State.HALF_OPEN;
        }
        return state;
    }

    /** Closes the breaker with an empty window (operations, tests). */
    public synchronized void reset() {
        transition(State.CLOSED);
    }
}
