package dev.firstcome.model;

import java.time.Instant;
import java.time.LocalTime;

/**
 * A partial edit: every null field is left as it is. {@code clearDailyQuantity} removes the daily
 * limit; {@code clearDailyWindow} resets the daily open and close times to the whole day.
 */
public record EventChanges(
        String name,
        Integer totalQuantity,
        Integer dailyQuantity,
        Boolean clearDailyQuantity,
        LocalTime dailyOpenTime,
        LocalTime dailyCloseTime,
        Boolean clearDailyWindow,
        Instant startsAt,
        Instant endsAt,
        WaitingRoom waitingRoom) {

    /** A change that leaves the waiting room as it is. */
    public EventChanges(
            String name,
            Integer totalQuantity,
            Integer dailyQuantity,
            Boolean clearDailyQuantity,
            LocalTime dailyOpenTime,
            LocalTime dailyCloseTime,
            Boolean clearDailyWindow,
            Instant startsAt,
            Instant endsAt) {
        this(
                name,
                totalQuantity,
                dailyQuantity,
                clearDailyQuantity,
                dailyOpenTime,
                dailyCloseTime,
                clearDailyWindow,
                startsAt,
                endsAt,
                null);
    }

    /** Only the waiting room's given fields. */
    public static EventChanges waitingRoom(WaitingRoom waitingRoom) {
        return new EventChanges(null, null, null, null, null, null, null, null, null, waitingRoom);
    }

    public static EventChanges limits(Integer totalQuantity, Integer dailyQuantity) {
        return new EventChanges(null, totalQuantity, dailyQuantity, null, null, null, null, null, null);
    }
}
