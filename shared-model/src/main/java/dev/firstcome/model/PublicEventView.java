package dev.firstcome.model;

import java.time.Instant;
import java.time.LocalTime;

/**
 * What a customer may see of an event, with live remaining counts from Redis and its true state
 * ({@code state}: OPENS_IN with the opening, OPEN, SOLD_OUT, ...).
 */
public record PublicEventView(
        long id,
        String name,
        EventStatus status,
        Instant startsAt,
        Instant endsAt,
        LocalTime dailyOpenTime,
        LocalTime dailyCloseTime,
        String zoneId,
        long remaining,
        Long remainingToday,
        EventState state) {}
