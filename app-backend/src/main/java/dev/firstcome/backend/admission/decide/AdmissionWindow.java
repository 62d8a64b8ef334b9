package dev.firstcome.backend.admission.decide;

import dev.firstcome.model.ApplyOutcome;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The time window of an event, decided from cached metadata and the injected clock before Redis is
 * asked: CLOSED, NOT_OPEN (before startsAt, or outside today's open/close times), ENDED (after endsAt).
 * A day is the calendar day in the event's zone.
 */
public final class AdmissionWindow {

    private AdmissionWindow() {}

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
        LocalTime local = ZonedDateTime.ofInstant(now, zone(event)).toLocalTime();
        if (event.dailyOpenTime() != null && local.isBefore(event.dailyOpenTime())) {
            return Optional.of(ApplyOutcome.NOT_OPEN);
        }
        if (event.dailyCloseTime() != null && !local.isBefore(event.dailyCloseTime())) {
            return Optional.of(ApplyOutcome.NOT_OPEN);
        }
        return Optional.empty();
    }

    public static LocalDate day(EventView event, Instant now) {
        return LocalDate.ofInstant(now, zone(event));
    }

    public static ZoneId zone(EventView event) {
        return ZoneId.of(event.zoneId());
    }
}
