package dev.firstcome.backend.rush;

import java.util.List;

/**
 * What a valid rush request resolves to: the runs (one per strategy on fresh lab events, or one on the
 * existing event {@code eventId}), their sizes and settings.
 */
record RushTarget(
        List<String> strategies,
        Long eventId,
        Integer quantity,
        Integer dailyQuantity,
        int users,
        int concurrency,
        double repeatShare,
        int bursts,
        int burstPauseMillis,
        String baseUrl) {

    int runs() {
        return eventId != null ? 1 : strategies.size();
    }

    long requestsPerRun() {
        return users + Math.round(users * repeatShare);
    }
}
