package dev.firstcome.desktop.dashboard;

import java.time.Instant;

/** One point of the rate chart, at a wall-clock moment. */
public record RatePoint(Instant at, double admissionsPerSecond, double persistsPerSecond) {}
