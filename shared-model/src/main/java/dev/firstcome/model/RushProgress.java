package dev.firstcome.model;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of a running rush, for a progress bar: requests {@code sent} and {@code completed} out
 * of {@code total} (over every strategy run of the rush), answers so far by kind, and which run
 * ({@code run} of {@code runs}, 1-based, with its {@code strategy} and {@code eventId}) is going on.
 */
public record RushProgress(
        String rushId,
        RushState state,
        int run,
        int runs,
        String strategy,
        Long eventId,
        long sent,
        long completed,
        long total,
        List<OutcomeCount> outcomes,
        Instant startedAt) {

    /** completed / total, 0..1. */
    public double fraction() {
        return total == 0 ? 0 : Math.min(1.0, (double) completed / total);
    }
}
