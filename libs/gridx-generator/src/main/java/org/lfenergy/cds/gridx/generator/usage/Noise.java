package org.lfenergy.cds.gridx.generator.usage;

/**
 * Order-independent pseudo-randomness: a value is a pure function of (seed, key, position), so the interval pass,
 * the register reads, the bills and the history backfill all see the same number for the same interval without
 * storing any. Uses the SplitMix64 finaliser, the mixing function behind {@link java.util.SplittableRandom}.
 */
public final class Noise {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Noise() {
    }

    /** A well-mixed 64-bit hash of the inputs. */
    public static long mix(long a, long b, long c) {
        return finalise(finalise(a + GOLDEN) ^ (b * GOLDEN) ^ finalise(c ^ 0x632BE59BD9B4E019L));
    }

    /** A uniform double in [0, 1) from a hash. */
    public static double unit(long hash) {
        return (finalise(hash) >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64's finaliser. */
    public static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
