package dev.firstcome.model;

/**
 * Where a lab run's strategy ran and what a crash did to it. {@code workers}: 0 = inside the server,
 * else the number of worker JVMs; {@code fault}: {@link RushFault#describe()}. {@code counted}: what
 * the strategy's own bookkeeping says it gave once it settled (its database or Redis counter, its
 * claims), null for strategies that keep none; {@code lostCounts}: ISSUED answers the clients hold
 * that the count misses; {@code phantomCounts}: counted admissions no client got an answer for. {@code
 * lostInFlight}: requests that were sent and never answered (connection reset, timeout); {@code
 * unreachable}: requests that found no worker listening. {@code recoveryMillis}: from the fault until
 * the restarted worker answered HTTP again (null: no fault, or no restart).
 */
public record CrashReport(
        int workers,
        String fault,
        Long counted,
        long lostCounts,
        long phantomCounts,
        long lostInFlight,
        long unreachable,
        Long recoveryMillis) {

    public static final CrashReport IN_SERVER = new CrashReport(0, RushFault.NONE, null, 0, 0, 0, 0, null);
}
