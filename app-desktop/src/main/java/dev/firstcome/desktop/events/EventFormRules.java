package dev.firstcome.desktop.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event rules of the HTTP API, applied to the form's text: name required and at most 200
 * characters, total &gt; 0, daily 1..total (optional), a valid zone, start before end, close time
 * different from the open time (a close before the open is an overnight window that ends the next day).
 * Times are {@code HH:mm}; instants are {@code yyyy-MM-dd HH:mm} in the event's zone.
 */
public final class EventFormRules {

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_QUANTITY = 100_000_000;
    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private EventFormRules() {}

    /** The form's raw text. Empty daily quantity or times mean "none" / "the whole day". */
    public record Input(
            String name,
            String totalQuantity,
            String dailyQuantity,
            String dailyOpenTime,
            String dailyCloseTime,
            String startsAt,
            String endsAt,
            String zoneId) {}

    /** Every error, in form order; empty when the input is valid. */
    public static Map<EventField, String> validate(Input input) {
        Map<EventField, String> errors = new LinkedHashMap<>();
        String name = trim(input.name());
        if (name.isEmpty()) {
            errors.put(EventField.NAME, "Name is required");
        } else if (name.length() > MAX_NAME_LENGTH) {
            errors.put(EventField.NAME, "Name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        Integer total = parseInt(input.totalQuantity());
        if (total == null || total <= 0 || total > MAX_QUANTITY) {
            errors.put(EventField.TOTAL_QUANTITY, "Total quantity must be a whole number from 1 to 100,000,000");
        }
        if (!trim(input.dailyQuantity()).isEmpty()) {
            Integer daily = parseInt(input.dailyQuantity());
            if (daily == null || daily < 1) {
                errors.put(EventField.DAILY_QUANTITY, "Daily quantity must be a whole number of at least 1");
            } else if (total != null && total > 0 && daily > total) {
                errors.put(EventField.DAILY_QUANTITY, "Daily quantity must not exceed the total quantity");
            }
        }
        LocalTime open = null;
        if (!trim(input.dailyOpenTime()).isEmpty()) {
            open = parseTime(input.dailyOpenTime());
            if (open == null) {
                errors.put(EventField.DAILY_OPEN_TIME, "Open time must look like 09:00");
            }
        }
        if (!trim(input.dailyCloseTime()).isEmpty()) {
            LocalTime close = parseTime(input.dailyCloseTime());
            if (close == null) {
                errors.put(EventField.DAILY_CLOSE_TIME, "Close time must look like 18:00");
            } else if (open != null && close.equals(open)) {
                errors.put(
                        EventField.DAILY_CLOSE_TIME,
                        "Close time must differ from the open time (leave both empty for the whole day)");
            }
        }
        ZoneId zone = parseZone(input.zoneId());
        if (zone == null) {
            errors.put(EventField.ZONE_ID, "Zone must be a valid IANA zone, e.g. Europe/Berlin");
        }
        ZoneId parseZone = zone == null ? ZoneId.systemDefault() : zone;
        Instant start = parseInstant(input.startsAt(), parseZone);
        if (start == null) {
            errors.put(EventField.STARTS_AT, "Start must look like 2026-06-01 10:00");
        }
        Instant end = parseInstant(input.endsAt(), parseZone);
        if (end == null) {
            errors.put(EventField.ENDS_AT, "End must look like 2026-06-30 18:00");
        } else if (start != null && !start.isBefore(end)) {
            errors.put(EventField.ENDS_AT, "End must be after the start");
        }
        return errors;
    }

    /** "= 2026-06-01 01:00 UTC" for a valid time in a valid zone, else empty. */
    public static String utc(String dateTime, String zoneId) {
        ZoneId zone = parseZone(zoneId);
        Instant instant = zone == null ? null : parseInstant(dateTime, zone);
        return instant == null ? "" : "= " + DATE_TIME.format(instant.atZone(ZoneId.of("UTC"))) + " UTC";
    }

    /** "overnight: closes 02:00 the next day" when the close time is before the open time, else empty. */
    public static String windowHint(String openText, String closeText) {
        LocalTime open = parseTime(openText);
        LocalTime close = parseTime(closeText);
        if (open != null && close != null && close.isBefore(open)) {
            return "overnight: closes " + TIME.format(close) + " the next day";
        }
        return "";
    }

    static String trim(String text) {
        return text == null ? "" : text.strip();
    }

    static Integer parseInt(String text) {
        try {
            return Integer.valueOf(trim(text));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static LocalTime parseTime(String text) {
        try {
            return LocalTime.parse(trim(text), TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static ZoneId parseZone(String text) {
        try {
            return trim(text).isEmpty() ? null : ZoneId.of(trim(text));
        } catch (DateTimeException e) {
            return null;
        }
    }

    static Instant parseInstant(String text, ZoneId zone) {
        try {
            return LocalDateTime.parse(trim(text), DATE_TIME).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String format(Instant instant, ZoneId zone) {
        return instant == null ? "" : DATE_TIME.format(instant.atZone(zone));
    }

    static String format(LocalTime time) {
        return time == null ? "" : TIME.format(time);
    }
}
