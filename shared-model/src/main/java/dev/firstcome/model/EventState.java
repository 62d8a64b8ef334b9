package dev.firstcome.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * An event's true state at {@code at}, from the rule the apply path uses. {@code next} is the moment
 * it changes by itself: the opening (OPENS_IN), the reopening (DAILY_SOLD_OUT), the end of today's
 * window or of the event (OPEN); null when nothing is scheduled.
 */
public record EventState(long eventId, EventPhase phase, Instant next, String zoneId, Instant at) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("zzz", Locale.US);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ROOT);

    /** What is left until {@link #next} at {@code now}, never negative; null without a next moment. */
    public Duration countdown(Instant now) {
        if (next == null) {
            return null;
        }
        Duration left = Duration.between(now, next);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * The state in words at {@code now}: "OPENS IN 3h12m (10:00 KST)", "DAILY SOLD OUT (reopens 10:00
     * tomorrow)", "OPEN", "SOLD OUT".
     */
    public String label(Instant now) {
        ZoneId zone = ZoneId.of(zoneId);
        return switch (phase) {
            case OPENS_IN ->
                next == null
                        ? "OPENS IN ?"
                        : "OPENS IN " + countdownText(countdown(now)) + " (" + when(next, now, zone, true) + ")";
            case DAILY_SOLD_OUT ->
                next == null ? "DAILY SOLD OUT" : "DAILY SOLD OUT (reopens " + when(next, now, zone, false) + ")";
            default -> phase.words();
        };
    }

    /** "3h12m", "2d 4h", "45s": a countdown for a table cell. */
    public static String countdownText(Duration left) {
        if (left == null) {
            return "";
        }
        long seconds = left.toSeconds();
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h" + String.format(Locale.ROOT, "%02d", minutes) + "m";
        }
        if (minutes > 0) {
            return minutes + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s";
        }
        return seconds + "s";
    }

    /** "10:00 KST" today, "10:00 tomorrow", else "Mon 3 Mar 10:00" in the event's zone. */
    private static String when(Instant moment, Instant now, ZoneId zone, boolean withZone) {
        ZonedDateTime at = moment.atZone(zone);
        LocalDate today = now.atZone(zone).toLocalDate();
        String time = TIME.format(at) + (withZone ? " " + ZONE.format(at) : "");
        if (at.toLocalDate().equals(today)) {
            return withZone ? time : time + " today";
        }
        if (at.toLocalDate().equals(today.plusDays(1))) {
            return time + " tomorrow";
        }
        return DAY.format(at) + " " + time;
    }
}
