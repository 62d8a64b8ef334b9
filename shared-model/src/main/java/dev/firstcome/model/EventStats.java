package dev.firstcome.model;

/**
 * Live figures for one event: admission counts from Redis, persisted and failed counts from the
 * database, consumer lag from Kafka. {@code remainingToday} and {@code dailyQuantity} are null
 * without a daily limit.
 */
public record EventStats(
        long eventId,
        long admitted,
        long admittedToday,
        long remaining,
        Long remainingToday,
        long persisted,
        long failedOpen,
        long consumerLag,
        double lagSeconds,
        double persistRatePerSecond) {}
