package dev.firstcome.model;

import java.util.List;

/**
 * A simulated rush: {@code users} virtual users sending applies over real HTTP with {@code
 * concurrency} requests in flight.
 *
 * <p>Target: either an existing lab event ({@code eventId}), or, when {@code eventId} is null, one
 * fresh lab event per entry of {@code strategies} (default {@code ["lua"]}), each with {@code
 * quantity} coupons (and {@code dailyQuantity} when set): several strategies give a comparison table.
 *
 * <p>{@code repeatShare} (0..1): extra requests, as a share of {@code users}, sent again for users
 * already in the rush (to show dedupe). {@code bursts} (0 or 1 = one continuous stream): the
 * requests are sent in that many waves, each as fast as the concurrency allows, the next one
 * starting {@code burstPauseMillis} after the previous one was fully answered.
 * {@code baseUrl}: where to send (default: this server's own HTTP API). Nullable fields take the
 * defaults described in {@link #defaults(int, int)}.
 *
 * <p>{@code workers} (null or 0: the strategy runs inside this server; 1 or 2): the strategy runs in
 * that many worker JVMs started for the rush from the server's own class path, sharing its Redis,
 * Kafka and database; the applies are spread over them. {@code fault} (with workers only): a {@link
 * RushFault} done to one worker during each run.
 *
 * <p>{@code room} (null or mode OFF: straight to the apply path): see {@link #withRoom(WaitingRoom)}. A
 * rush on an existing event goes through the event's own waiting room when it has one.
 */
public record RushRequest(
        Long eventId,
        List<String> strategies,
        Integer quantity,
        Integer dailyQuantity,
        int users,
        Integer concurrency,
        Double repeatShare,
        Integer bursts,
        Integer burstPauseMillis,
        String baseUrl,
        Integer workers,
        RushFault fault,
        WaitingRoom room) {

    public RushRequest {
        strategies = strategies == null ? List.of() : List.copyOf(strategies);
    }

    /** A rush straight to the apply path (no waiting room for fresh lab events). */
    public RushRequest(
            Long eventId,
            List<String> strategies,
            Integer quantity,
            Integer dailyQuantity,
            int users,
            Integer concurrency,
            Double repeatShare,
            Integer bursts,
            Integer burstPauseMillis,
            String baseUrl,
            Integer workers,
            RushFault fault) {
        this(
                eventId,
                strategies,
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

    /**
     * The same rush through a waiting room: each fresh lab event gets {@code value} ({@code mode} FIFO or
     * SHUFFLED_PREQUEUE, {@code outflowPerSecond}, {@code entryTokenSeconds}); each virtual user joins the
     * queue, polls at the advised interval and applies with its entry token once its turn came.
     */
    public RushRequest withRoom(WaitingRoom value) {
        return new RushRequest(
                eventId,
                strategies,
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
                value);
    }

    /** A rush inside this server (no worker JVMs, no fault). */
    public RushRequest(
            Long eventId,
            List<String> strategies,
            Integer quantity,
            Integer dailyQuantity,
            int users,
            Integer concurrency,
            Double repeatShare,
            Integer bursts,
            Integer burstPauseMillis,
            String baseUrl) {
        this(
                eventId,
                strategies,
                quantity,
                dailyQuantity,
                users,
                concurrency,
                repeatShare,
                bursts,
                burstPauseMillis,
                baseUrl,
                null,
                null);
    }

    /**
     * The same rush with the strategy hosted in {@code count} worker JVMs (1 or 2; 0 = in this server)
     * and {@code value} done to one of them (lab rushes on fresh events only).
     */
    public RushRequest withWorkers(int count, RushFault value) {
        return new RushRequest(
                eventId,
                strategies,
                quantity,
                dailyQuantity,
                users,
                concurrency,
                repeatShare,
                bursts,
                burstPauseMillis,
                baseUrl,
                count,
                value,
                room);
    }

    /** A rush of {@code users} users for {@code quantity} coupons on a fresh lab event with the lua strategy. */
    public static RushRequest defaults(int users, int quantity) {
        return new RushRequest(null, List.of("lua"), quantity, null, users, null, 0.0, 0, 0, null);
    }

    /** The same rush on one fresh lab event per strategy, to compare them. */
    public static RushRequest comparing(int users, int quantity, int concurrency, List<String> strategies) {
        return new RushRequest(null, strategies, quantity, null, users, concurrency, 0.0, 0, 0, null);
    }

    /** The same rush against an existing lab event. */
    public static RushRequest onEvent(long eventId, int users, int concurrency) {
        return new RushRequest(eventId, List.of(), null, null, users, concurrency, 0.0, 0, 0, null);
    }

    public RushRequest withConcurrency(int value) {
        return new RushRequest(
                eventId,
                strategies,
                quantity,
                dailyQuantity,
                users,
                value,
                repeatShare,
                bursts,
                burstPauseMillis,
                baseUrl,
                workers,
                fault,
                room);
    }

    public RushRequest withRepeatShare(double value) {
        return new RushRequest(
                eventId,
                strategies,
                quantity,
                dailyQuantity,
                users,
                concurrency,
                value,
                bursts,
                burstPauseMillis,
                baseUrl,
                workers,
                fault,
                room);
    }

    public RushRequest withBursts(int count, int pauseMillis) {
        return new RushRequest(
                eventId,
                strategies,
                quantity,
                dailyQuantity,
                users,
                concurrency,
                repeatShare,
                count,
                pauseMillis,
                baseUrl,
                workers,
                fault,
                room);
    }

    public RushRequest withBaseUrl(String value) {
        return new RushRequest(
                eventId,
                strategies,
                quantity,
                dailyQuantity,
                users,
                concurrency,
                repeatShare,
                bursts,
                burstPauseMillis,
                value,
                workers,
                fault,
                room);
    }
}
