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
        Instant updatedAt,
        WaitingRoom waitingRoom) {

    /** An event without a waiting room. */
    public EventView(
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
            Instant updatedAt) {
        this(
                id,
                name,
                totalQuantity,
                dailyQuantity,
                dailyOpenTime,
                dailyCloseTime,
                startsAt,
                endsAt,
                zoneId,
                status,
                lab,
                strategy,
                createdAt,
                updatedAt,
                WaitingRoom.OFF);
    }

    /** The waiting room (never null: {@link WaitingRoom#OFF} when there is none). */
    public WaitingRoom room() {
        return waitingRoom == null ? WaitingRoom.OFF : waitingRoom;
    }
}
