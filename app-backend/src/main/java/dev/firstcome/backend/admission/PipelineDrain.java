package dev.firstcome.backend.admission;

import java.time.Duration;

/**
 * Whether the admissions handed to Kafka have all been consumed (a row or a failed issue each): a
 * rebuild of Redis state from the database waits for it. Implemented by the monitor feature.
 */
public interface PipelineDrain {

    /** Waits up to {@code wait} for the backlog to reach zero; returns the records left (0 when drained). */
    long awaitDrained(Duration wait);
}
