package dev.firstcome.backend.rush.warmup;

/** Starts the rush a warm-up becomes (the rush feature does; this package only schedules). */
@FunctionalInterface
public interface WarmupLauncher {

    /** Starts a warm-up rush of {@code users} users on behalf of {@code actor}; returns the rush's id. */
    String launch(int users, String actor);
}
