package dev.firstcome.model;

/** Latency of the answered requests of a rush, in milliseconds (HdrHistogram, 3 significant digits). */
public record LatencySummary(long count, double meanMs, double p50Ms, double p95Ms, double p99Ms, double maxMs) {

    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);
}
