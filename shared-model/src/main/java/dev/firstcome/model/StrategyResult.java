package dev.firstcome.model;

/** One row of a strategy comparison table. {@code persisted} is null when it was not measured. */
public record StrategyResult(
        String strategy,
        long eventId,
        int limit,
        long winners,
        long oversold,
        long duplicates,
        double throughputPerSecond,
        double p99Ms,
        Long persisted) {

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
                report.persisted());
    }
}
