package dev.firstcome.backend.monitor;

import dev.firstcome.model.LagStatus;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Burrow-like evaluation of consumer lag over a sliding window of samples (one per second):
 *
 * <ul>
 *   <li>{@link LagStatus#STALLED}: some partition had lag in every sample of a full window and its
 *       committed offset did not move;
 *   <li>{@link LagStatus#LAGGING}: otherwise, the total lag grew from the window's first sample to its
 *       last (and is not 0 now);
 *   <li>{@link LagStatus#OK}: lag 0 or shrinking (also while the window is not full yet).
 * </ul>
 *
 * A window counts as full when its samples span at least {@code window} minus a tolerance of one
 * sample interval (10 %), so that a sampler firing every second fills a 10 s window.
 */
final class LagTrend {

    /** Committed offset and lag of one partition at one sample. */
    record Offsets(long committed, long lag) {}

    private record Sample(long nanos, Map<Integer, Offsets> partitions) {

        long totalLag() {
            return partitions.values().stream().mapToLong(Offsets::lag).sum();
        }
    }

    private final long windowNanos;
    private final long fullNanos;
    private final Deque<Sample> samples = new ArrayDeque<>();

    LagTrend(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.windowNanos = window.toNanos();
        this.fullNanos = windowNanos - windowNanos / 10;
    }

    synchronized void record(long nanos, Map<Integer, Offsets> partitions) {
        Sample last = samples.peekLast();
        if (last != null && nanos <= last.nanos()) {
            return;
        }
        samples.addLast(new Sample(nanos, Map.copyOf(partitions)));
        while (nanos - samples.peekFirst().nanos() > windowNanos) {
            samples.removeFirst();
        }
    }

    synchronized LagStatus status() {
        Sample last = samples.peekLast();
        if (last == null || last.totalLag() == 0) {
            return LagStatus.OK;
        }
        Sample first = samples.peekFirst();
        boolean full = last.nanos() - first.nanos() >= fullNanos;
        if (full && anyPartitionStalled()) {
            return LagStatus.STALLED;
        }
        if (samples.size() >= 2 && last.totalLag() > first.totalLag()) {
            return LagStatus.LAGGING;
        }
        return LagStatus.OK;
    }

    /**
     * How long the backlog has been waiting, as far as the window saw it: from the first of the latest
     * run of samples with lag to {@code nowNanos}; 0 without lag. Never negative.
     */
    synchronized double backlogSeconds(long nowNanos) {
        Sample last = samples.peekLast();
        if (last == null || last.totalLag() == 0) {
            return 0;
        }
        long since = last.nanos();
        var it = samples.descendingIterator();
        while (it.hasNext()) {
            Sample sample = it.next();
            if (sample.totalLag() == 0) {
                break;
            }
            since = sample.nanos();
        }
        return Math.max(0, (nowNanos - since) / 1e9);
    }

    private boolean anyPartitionStalled() {
        Sample first = samples.peekFirst();
        for (Integer partition : samples.peekLast().partitions().keySet()) {
            Offsets start = first.partitions().get(partition);
            if (start == null) {
                continue;
            }
            boolean stalled = true;
            for (Sample sample : samples) {
                Offsets offsets = sample.partitions().get(partition);
                if (offsets == null || offsets.lag() == 0 || offsets.committed() != start.committed()) {
                    stalled = false;
                    break;
                }
            }
            if (stalled) {
                return true;
            }
        }
        return false;
    }
}
