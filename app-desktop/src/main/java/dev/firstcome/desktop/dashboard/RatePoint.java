package dev.firstcome.desktop.dashboard;

/** One point of the rate chart: seconds since the dashboard started watching the event. */
public record RatePoint(double second, double admissionsPerSecond, double persistsPerSecond) {}
