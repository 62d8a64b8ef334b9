package dev.firstcome.backend.monitor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Sliding window over samples of a monotonically increasing counter (e.g. coupons persisted): the
 * rate per second between the oldest and the newest sample inside the window. Fewer than two samples
 * give 0. A counter that goes down (a meter was re-registered) starts the window afresh.
 */
final class RateWindow {

    private record Sample(long nanos, double count) {}

    private final long windowNanos;
    private final Deque<Sample> samples = new ArrayDeque<>();

    RateWindow(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.windowNanos = window.toNanos();
    }

    synchronized void record(long nanos, double count) {
        Sample last = samples.peekLast();
        if (last != null && (count < last.count() || nanos < last.nanos())) {
            samples.clear();
        }
        samples.addLast(new Sample(nanos, count));
        while (samples.size() > 1 && nanos - samples.peekFirst().nanos() > windowNanos) {
            samples.removeFirst();
        }
    }

    /** Units per second over the window; 0 without two samples. */
    synchronized double ratePerSecond() {
        if (samples.size() < 2) {
            return 0;
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        long elapsed = last.nanos() - first.nanos();
        if (elapsed <= 0) {
            return 0;
        }
        return (last.count() - first.count()) * 1_000_000_000d / elapsed;
    }

    /**
     * Seconds until a backlog is worked off at the recent rate: 0 without a backlog; {@code -1} when
     * there is a backlog but nothing is being persisted (no finite estimate exists).
     */
    static double secondsToDrain(long backlog, double ratePerSecond) {
        if (backlog <= 0) {
            return 0;
        }
        if (ratePerSecond <= 0) {
            return -1;
        }
        return backlog / ratePerSecond;
    }
}
