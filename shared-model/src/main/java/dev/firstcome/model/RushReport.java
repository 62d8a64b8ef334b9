package dev.firstcome.model;

import java.time.Instant;
import java.util.List;

/**
 * The result of one rush run on one event. {@code limit} is the number of coupons the event may give
 * (the total, or the daily quantity when smaller). {@code issuedAnswers} counts 201 ISSUED answers,
 * {@code winners} the distinct users among them; {@code oversold} = issued answers beyond the limit;
 * {@code duplicates} = users with more than one ISSUED answer. {@code persisted} is the number of
 * coupon rows of the event after waiting (bounded) for the consumer to drain, null when not measured;
 * {@code persistedMatches} when it equals {@code winners}. {@code crash}: worker JVMs, the fault and
 * its damage (lost and phantom counts, answers lost in flight, recovery time); see {@link CrashReport}.
 * {@code queue}: what the virtual users saw in the event's waiting room when the rush went through it
 * (null: straight to the apply path).
 */
public record RushReport(
        String rushId,
        long eventId,
        String strategy,
        RushState state,
        int limit,
        long requests,
        long completed,
        List<OutcomeCount> outcomes,
        long issuedAnswers,
        long winners,
        long oversold,
        long duplicates,
        double throughputPerSecond,
        LatencySummary latency,
        Long persisted,
        boolean persistedMatches,
        long elapsedMillis,
        Instant startedAt,
        Instant finishedAt,
        CrashReport crash,
        RushQueueSummary queue) {

    public RushReport {
        crash = crash == null ? CrashReport.IN_SERVER : crash;
    }

    /** A run straight to the apply path (no waiting room). */
    public RushReport(
            String rushId,
            long eventId,
            String strategy,
            RushState state,
            int limit,
            long requests,
            long completed,
            List<OutcomeCount> outcomes,
            long issuedAnswers,
            long winners,
            long oversold,
            long duplicates,
            double throughputPerSecond,
            LatencySummary latency,
            Long persisted,
            boolean persistedMatches,
            long elapsedMillis,
            Instant startedAt,
            Instant finishedAt,
            CrashReport crash) {
        this(
                rushId,
                eventId,
                strategy,
                state,
                limit,
                requests,
                completed,
                outcomes,
                issuedAnswers,
                winners,
                oversold,
                duplicates,
                throughputPerSecond,
                latency,
                persisted,
                persistedMatches,
                elapsedMillis,
                startedAt,
                finishedAt,
                crash,
                null);
    }

    /** A run inside the server, nothing crashed. */
    public RushReport(
            String rushId,
            long eventId,
            String strategy,
            RushState state,
            int limit,
            long requests,
            long completed,
            List<OutcomeCount> outcomes,
            long issuedAnswers,
            long winners,
            long oversold,
            long duplicates,
            double throughputPerSecond,
            LatencySummary latency,
            Long persisted,
            boolean persistedMatches,
            long elapsedMillis,
            Instant startedAt,
            Instant finishedAt) {
        this(
                rushId,
                eventId,
                strategy,
                state,
                limit,
                requests,
                completed,
                outcomes,
                issuedAnswers,
                winners,
                oversold,
                duplicates,
                throughputPerSecond,
                latency,
                persisted,
                persistedMatches,
                elapsedMillis,
                startedAt,
                finishedAt,
                CrashReport.IN_SERVER);
    }

    public long count(String outcome) {
        return outcomes.stream()
                .filter(o -> o.outcome().equals(outcome))
                .mapToLong(OutcomeCount::count)
                .sum();
    }

    /** No oversell and no duplicate winner. */
    public boolean safe() {
        return oversold == 0 && duplicates == 0;
    }
}
