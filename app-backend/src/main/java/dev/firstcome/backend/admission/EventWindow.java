package dev.firstcome.backend.admission;

import dev.firstcome.model.ApplyOutcome;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.Optional;
import java.util.TreeSet;

/**
 * When an event admits, by its times alone: the one window rule of the apply path (checked before Redis
 * is asked), the daily counter's day, and the moments the window opens and closes, which
 * {@link EventStates} turns into the state operators and customers see.
 *
 * <p>Daily times are wall-clock times in the event's zone. A close time before the open time is an
 * overnight window: 22:00-02:00 admits from 22:00 until 02:00 the next morning, and those four hours
 * are one day for the daily limit (the day the window opened). A time that does not exist on a day (a
 * DST gap) opens or closes the window when the clock jumps past it.
 */
public final class EventWindow {

    private EventWindow() {}

    /** CLOSED, NOT_OPEN (before startsAt, or outside the daily window), ENDED (from endsAt), or none. */
    public static Optional<ApplyOutcome> refusal(EventView event, Instant now) {
        if (event.status() == EventStatus.CLOSED) {
            return Optional.of(ApplyOutcome.CLOSED);
        }
        if (now.isBefore(event.startsAt())) {
            return Optional.of(ApplyOutcome.NOT_OPEN);
        }
        if (!now.isBefore(event.endsAt())) {
            return Optional.of(ApplyOutcome.ENDED);
        }
        if (!inDailyWindow(event, now)) {
            return Optional.of(ApplyOutcome.NOT_OPEN);
        }
        return Optional.empty();
    }

    /** Whether the event's close time is before its open time (the window ends the next day). */
    public static boolean overnight(EventView event) {
        return event.dailyOpenTime() != null
                && event.dailyCloseTime() != null
                && event.dailyCloseTime().isBefore(event.dailyOpenTime());
    }

    /** Whether {@code now}'s wall-clock time in the event's zone is inside the daily open/close times. */
    public static boolean inDailyWindow(EventView event, Instant now) {
        LocalTime local = now.atZone(zone(event)).toLocalTime();
        LocalTime open = event.dailyOpenTime();
        LocalTime close = event.dailyCloseTime();
        if (overnight(event)) {
            return !local.isBefore(open) || local.isBefore(close);
        }
        return (open == null || !local.isBefore(open)) && (close == null || local.isBefore(close));
    }

    /**
     * The day whose daily limit an apply at {@code now} counts against: the calendar day in the event's
     * zone, or for an overnight window after midnight, the day before (when the window opened).
     */
    public static LocalDate day(EventView event, Instant now) {
        var local = now.atZone(zone(event));
        if (overnight(event) && local.toLocalTime().isBefore(event.dailyCloseTime())) {
            return local.toLocalDate().minusDays(1);
        }
        return local.toLocalDate();
    }

    public static ZoneId zone(EventView event) {
        return ZoneId.of(event.zoneId());
    }

    /**
     * The first moment at or after {@code from} at which the event's times admit (from startsAt on, before
     * endsAt, inside the daily window), or empty when there is none before endsAt.
     */
    public static Optional<Instant> nextOpening(EventView event, Instant from) {
        Instant t = from.isBefore(event.startsAt()) ? event.startsAt() : from;
        if (!t.isBefore(event.endsAt())) {
            return Optional.empty();
        }
        if (inDailyWindow(event, t)) {
            return Optional.of(t);
        }
        for (Instant b : boundariesAfter(event, t)) {
            if (!b.isBefore(event.endsAt())) {
                return Optional.empty();
            }
            if (inDailyWindow(event, b)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /**
     * The end of the window {@code now} is in: the first later moment at which the daily window closes or
     * a new day for the daily limit begins, or endsAt if that comes first.
     */
    public static Instant windowEnd(EventView event, Instant now) {
        LocalDate day = day(event, now);
        for (Instant b : boundariesAfter(event, now)) {
            if (!b.isBefore(event.endsAt())) {
                break;
            }
            if (!inDailyWindow(event, b) || !day(event, b).equals(day)) {
                return b;
            }
        }
        return event.endsAt();
    }

    /** The moments the window may change after {@code t}: open, close and midnight of the days around it. */
    private static TreeSet<Instant> boundariesAfter(EventView event, Instant t) {
        ZoneId zone = zone(event);
        LocalDate date = t.atZone(zone).toLocalDate();
        TreeSet<Instant> boundaries = new TreeSet<>();
        for (int d = -1; d <= 3; d++) {
            LocalDate day = date.plusDays(d);
            boundaries.add(at(day, LocalTime.MIDNIGHT, zone));
            if (event.dailyOpenTime() != null) {
                boundaries.add(at(day, event.dailyOpenTime(), zone));
            }
            if (event.dailyCloseTime() != null) {
                boundaries.add(at(day, event.dailyCloseTime(), zone));
            }
        }
        return new TreeSet<>(boundaries.tailSet(t, false));
    }

    /** The instant a wall-clock time happens on a day; in a DST gap, the moment the clock jumps past it. */
    static Instant at(LocalDate day, LocalTime time, ZoneId zone) {
        LocalDateTime local = day.atTime(time);
        ZoneRules rules = zone.getRules();
        var offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        return local.atOffset(offsets.getFirst()).toInstant();
    }
}
