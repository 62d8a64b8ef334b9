package dev.firstcome.model;

import java.time.Instant;
import java.time.LocalTime;

/**
 * An event as operators see it. {@code dailyQuantity} is null when there is no daily limit;
 * {@code dailyOpenTime}/{@code dailyCloseTime} are null for "the whole day". {@code lab} marks
 * rehearsal events of the rush simulator and strategy lab.
 */
public record EventView(
        long id,
        String name,
        int totalQuantity,
        Integer dailyQuantity,
        LocalTime dailyOpenTime,
        LocalTime dailyCloseTime,
        Instant startsAt,
        Instant endsAt,
        String zoneId,
        EventStatus status,
        boolean lab,
        String strategy,
        Instant createdAt,
        Instant updatedAt) {}
