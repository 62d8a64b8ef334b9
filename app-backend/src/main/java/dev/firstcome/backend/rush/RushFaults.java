package dev.firstcome.backend.rush;

import dev.firstcome.model.CrashReport;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The crash columns of a run: the strategy's own count once it settled, set against the ISSUED answers the
 * virtual users saw, with the fault the worker fleet injected.
 */
@Component
class RushFaults {

    /** How often the drain and the settling look at a count. */
    static final Duration DRAIN_POLL = Duration.ofMillis(100);

    private final ObjectProvider<StrategyCounts> lab;

    RushFaults(ObjectProvider<StrategyCounts> lab) {
        this.lab = lab;
    }

    /** The crash columns: where it ran, the fault, and counted against the ISSUED answers. */
    static CrashReport crash(RushTarget target, WorkerFleet fleet, RushTally tally, Long counted) {
        long issued = tally.issuedAnswers();
        return new CrashReport(
                target.workers(),
                target.fault().describe(),
                counted,
                counted == null ? 0 : Math.max(0, issued - counted),
                counted == null ? 0 : Math.max(0, counted - issued),
                tally.lostInFlight(),
                tally.count(RushTally.UNREACHABLE),
                fleet == null ? null : fleet.recoveryMillis());
    }

    /**
     * The strategy's own count once it stopped moving (the same value for two count lags, at least
     * half a second; at most 30 s); null when the strategy keeps none.
     */
    Long settledCount(String strategy, long eventId, int limit) throws InterruptedException {
        StrategyCounts api = lab.getIfAvailable();
        if (api == null) {
            return null;
        }
        Long counted = api.counted(strategy, eventId, limit);
        if (counted == null) {
            return null;
        }
        long quiet = Math.max(
                Duration.ofMillis(500).toNanos(), api.countLag().multipliedBy(2).toNanos());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long stableSince = System.nanoTime();
        while (System.nanoTime() - stableSince < quiet && System.nanoTime() < deadline) {
            LockSupport.parkNanos(DRAIN_POLL.toNanos());
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while settling the count of event " + eventId);
            }
            Long now = api.counted(strategy, eventId, limit);
            if (!counted.equals(now)) {
                counted = now;
                stableSince = System.nanoTime();
            }
        }
        return counted;
    }
}
