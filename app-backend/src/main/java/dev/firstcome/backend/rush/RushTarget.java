package dev.firstcome.backend.rush;

import dev.firstcome.model.RushFault;
import dev.firstcome.model.WaitingRoom;
import java.util.List;

/**
 * What a valid rush request resolves to: the runs (one per strategy on fresh lab events, or one on the
 * existing event {@code eventId}), their sizes and settings; {@code workers} (0: inside this server)
 * and the {@code fault} done to one of them; {@code room}: the waiting room of each fresh lab event (null:
 * none; a rush on an existing event uses the event's own).
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
        RushFault fault,
        WaitingRoom room) {

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
            String baseUrl,
            int workers,
            RushFault fault) {
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
                workers,
                fault,
                null);
    }

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
