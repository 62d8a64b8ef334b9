package dev.firstcome.desktop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The phases of the console's start, in order, each waiting, running or done with its time: what the
 * splash lists ("✓ Redis 1.2 s", "▶ Kafka 3.4 s…", "· database"). Fed from the backend's start events;
 * no JavaFX here.
 */
public final class StartupPhases {

    /** The phases, as the splash names them. */
    public static final List<String> NAMES = List.of("Redis", "Kafka", "database", "migrations", "context", "window");

    private record Phase(long startedNanos, long endedNanos) {}

    private final LongSupplier nanoTime;
    private final Map<String, Phase> phases = new LinkedHashMap<>();

    public StartupPhases(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** A backend component name ("redis", "kafka", "database") as a phase name. */
    public static String phaseOf(String component) {
        return switch (component) {
            case "redis" -> "Redis";
            case "kafka" -> "Kafka";
            default -> component;
        };
    }

    public synchronized void start(String phase) {
        phases.put(phase, new Phase(nanoTime.getAsLong(), -1));
    }

    /** Ends a phase (started now if it never was: an external server that needed no start). */
    public synchronized void finish(String phase) {
        long now = nanoTime.getAsLong();
        Phase started = phases.get(phase);
        phases.put(phase, new Phase(started == null ? now : started.startedNanos(), now));
    }

    /** Marks a phase as done in {@code took} (measured elsewhere). */
    public synchronized void done(String phase, Duration took) {
        long now = nanoTime.getAsLong();
        phases.put(phase, new Phase(now - took.toNanos(), now));
    }

    /** Done phases / all, 0..1. */
    public synchronized double fraction() {
        long done = phases.values().stream().filter(p -> p.endedNanos() >= 0).count();
        return (double) done / NAMES.size();
    }

    /** One line per phase, in order: "✓ Redis 1.2 s", "▶ Kafka 3.4 s…", "· database". */
    public synchronized List<String> lines() {
        long now = nanoTime.getAsLong();
        List<String> lines = new ArrayList<>();
        for (String name : NAMES) {
            Phase phase = phases.get(name);
            if (phase == null) {
                lines.add("· " + name);
            } else if (phase.endedNanos() < 0) {
                lines.add("▶ " + name + " " + seconds(now - phase.startedNanos()) + "…");
            } else {
                lines.add("✓ " + name + " " + seconds(phase.endedNanos() - phase.startedNanos()));
            }
        }
        return lines;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", Math.max(0, nanos) / 1e9);
    }
}
