package dev.firstcome.backend.lab;

import java.time.Duration;

/**
 * What the strategy lab tells a rush about its strategies: their own count of what they gave, to be
 * compared with the ISSUED answers the clients received.
 */
public interface LabApi {

    /**
     * The strategy's own count for the event (database counter, claims, Redis counter; capped at
     * {@code limit} where refused attempts keep counting), null for strategies that keep none here.
     */
    Long counted(String strategy, long eventId, int limit);

    /** How far a count may lag behind the admissions (the buffered strategies' flush interval). */
    Duration countLag();
}
