package dev.firstcome.model;

/** Admission counters from Redis. {@code remainingToday} is null without a daily limit. */
public record AdmissionCounts(long eventId, long admitted, long admittedToday, long remaining, Long remainingToday) {}
