package dev.firstcome.model;

/**
 * One row of a strategy comparison table. {@code persisted} is null when it was not measured; {@code
 * crash}: where the strategy ran and what a fault did (see {@link CrashReport}).
 */
public record StrategyResult(
        String strategy,
        long eventId,
        int limit,
        long winners,
        long oversold,
        long duplicates,
        double throughputPerSecond,
        double p99Ms,
        Long persisted,
        CrashReport crash) {

    public StrategyResult {
        crash = crash == null ? CrashReport.IN_SERVER : crash;
    }

    /** A row without crash columns (a run inside the server). */
    public StrategyResult(
            String strategy,
            long eventId,
            int limit,
            long winners,
            long oversold,
            long duplicates,
            double throughputPerSecond,
            double p99Ms,
            Long persisted) {
        this(strategy, eventId, limit, winners, oversold, duplicates, throughputPerSecond, p99Ms, persisted, null);
    }

    public static StrategyResult of(RushReport report) {
        return new StrategyResult(
                report.strategy(),
                report.eventId(),
                report.limit(),
                report.winners(),
                report.oversold(),
                report.duplicates(),
                report.throughputPerSecond(),
                report.latency().p99Ms(),
                report.persisted(),
                report.crash());
    }
}
