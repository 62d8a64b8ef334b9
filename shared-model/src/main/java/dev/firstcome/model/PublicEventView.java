package dev.firstcome.model;

import java.time.Instant;
import java.time.LocalTime;

/** What a customer may see of an event, with live remaining counts from Redis. */
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
        Long remainingToday) {}
