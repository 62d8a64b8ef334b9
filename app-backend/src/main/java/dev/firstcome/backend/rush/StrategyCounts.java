package dev.firstcome.backend.rush;

import java.time.Duration;

/**
 * The port through which a rush asks a strategy's own count of what it gave (the strategy lab
 * implements it), to compare with the ISSUED answers its clients received: lost counts, phantom counts.
 */
public interface StrategyCounts {

    /**
     * The strategy's own count for the event (database counter, claims, Redis counter; capped at
     * {@code limit} where refused attempts keep counting), null for strategies that keep none.
     */
    Long counted(String strategy, long eventId, int limit);

    /** How far a count may lag behind the admissions (the buffered strategies' flush interval). */
    Duration countLag();
}
