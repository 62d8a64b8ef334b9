package dev.firstcome.backend.admission.decide;

import dev.firstcome.backend.admission.EventWindow;
import dev.firstcome.model.ApplyOutcome;
import dev.firstcome.model.EventView;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The time window of an event, decided from cached metadata and the injected clock before Redis is
 * asked: CLOSED, NOT_OPEN (before startsAt, or outside the daily open/close times, which may span
 * midnight), ENDED (after endsAt). The rule is {@link EventWindow}'s, which the event state shares.
 */
public final class AdmissionWindow {

    private AdmissionWindow() {}

    public static Optional<ApplyOutcome> refusal(EventView event, Instant now) {
        return EventWindow.refusal(event, now);
    }

    /** The day of the daily limit: the calendar day in the event's zone, or the opening day of an overnight window. */
    public static LocalDate day(EventView event, Instant now) {
        return EventWindow.day(event, now);
    }

    public static ZoneId zone(EventView event) {
        return EventWindow.zone(event);
    }
}
