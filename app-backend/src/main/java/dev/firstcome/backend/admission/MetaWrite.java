package dev.firstcome.backend.admission;

/**
 * The answer of a versioned write of an event's limits and status into its Redis meta hash
 * ({@link AdmissionApi#writeMeta}). Only {@link Written} changed the hash.
 */
public sealed interface MetaWrite {

    /** How the write treats the limits against what Redis already admitted. */
    enum Limits {
        /** The edit changed the limits: refuse a total below the coupons issued, a daily below today's. */
        CHECK,
        /** The edit left the limits alone: write them as they are. */
        KEEP,
        /** Repair: raise the total and daily quantity to what was admitted (never break a promise). */
        CLAMP
    }

    /** Written under the given version; the limits Redis now enforces (raised by {@link Limits#CLAMP}). */
    record Written(int totalQuantity, Integer dailyQuantity) implements MetaWrite {}

    /** Refused: the hash holds {@code storedVersion}, the given version or a later one. Nothing written. */
    record Stale(long storedVersion) implements MetaWrite {}

    /** Refused: a limit would fall below what was already admitted. Nothing written. */
    record BelowIssued(String field, String reason) implements MetaWrite {}

    /** Redis lost the event's state (a rebuild was requested); nothing was written. */
    record StateMissing() implements MetaWrite {}
}
