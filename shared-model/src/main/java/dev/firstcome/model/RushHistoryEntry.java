package dev.firstcome.model;

/**
 * A finished rush or warm-up as the server recorded it: {@code kind} RUSH or WARMUP, who started it
 * ({@code actor}: an operator, {@code console}, or {@code scheduler} for a planned warm-up) and its whole
 * result (reports, comparison, state). Kept across restarts, newest first.
 */
public record RushHistoryEntry(String rushId, String kind, String actor, RushResult result) {

    public static final String RUSH = "RUSH";
    public static final String WARMUP = "WARMUP";
}
