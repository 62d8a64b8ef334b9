package dev.firstcome.backend.rush;

import dev.firstcome.model.RushFault;
import java.util.List;

/**
 * What a valid rush request resolves to: the runs (one per strategy on fresh lab events, or one on the
 * existing event {@code eventId}), their sizes and settings; {@code workers} (0: inside this server)
 * and the {@code fault} done to one of them.
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
        String baseUrl,
        int workers,
        RushFault fault) {

    RushTarget(
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
        this(
                strategies,
                eventId,
                quantity,
                dailyQuantity,
                users,
                concurrency,
                repeatShare,
                bursts,
                burstPauseMillis,
                baseUrl,
                0,
                RushFault.none());
    }

    int runs() {
        return eventId != null ? 1 : strategies.size();
    }

    long requestsPerRun() {
        return users + Math.round(users * repeatShare);
    }
}
