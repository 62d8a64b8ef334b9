package dev.firstcome.desktop.dashboard;

import dev.firstcome.model.EventStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What the dashboard keeps of one event while the console runs: the rate points of the last hour, the
 * samples of the ETA window and the moment it was seen selling out; the rate and ETA arithmetic.
 */
final class EventHistory {

    /** One hour of one-second points, per event. */
    static final int MAX_POINTS = 3600;
    /** The admission rate of the ETA is the average over this window. */
    static final Duration ETA_WINDOW = Duration.ofSeconds(10);

    private final Deque<RatePoint> points = new ArrayDeque<>();
    private final Deque<Sample> samples = new ArrayDeque<>();
    private Instant soldOutAt;

    private record Sample(Instant at, long admitted, long persisted) {}

    /**
     * Adds the counters seen now; returns the rates since the previous sample (kept, one hour), or null the
     * first time or when no time passed.
     */
    RatePoint record(Instant now, EventStats current, boolean soldOut) {
        RatePoint point = null;
        Sample previous = samples.peekLast();
        if (previous != null && now.isAfter(previous.at())) {
            double seconds = Duration.between(previous.at(), now).toNanos() / 1e9;
            point = new RatePoint(
                    now,
                    Math.max(0, current.admitted() - previous.admitted()) / seconds,
                    Math.max(0, current.persisted() - previous.persisted()) / seconds);
            points.addLast(point);
            while (points.size() > MAX_POINTS) {
                points.removeFirst();
            }
        }
        samples.addLast(new Sample(now, current.admitted(), current.persisted()));
        while (samples.size() > 2
                && Duration.between(samples.peekFirst().at(), now).compareTo(ETA_WINDOW) > 0) {
            samples.removeFirst();
        }
        if (soldOut && soldOutAt == null) {
            soldOutAt = now;
        }
        return point;
    }

    /** The rate points kept, oldest first. */
    List<RatePoint> points() {
        return List.copyOf(points);
    }

    /** The moment the event was seen selling out, or null. */
    Instant soldOutAt() {
        return soldOutAt;
    }

    /** Remaining / admissions per second over the ETA window; null without admissions in it. */
    Duration eta(EventStats current) {
        if (current.remaining() <= 0 || samples.size() < 2) {
            return null;
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        double seconds = Duration.between(first.at(), last.at()).toNanos() / 1e9;
        double rate = seconds <= 0 ? 0 : (last.admitted() - first.admitted()) / seconds;
        if (rate <= 0) {
            return null;
        }
        return Duration.ofMillis((long) Math.ceil(current.remaining() / rate * 1000));
    }
}
