package dev.firstcome.backend.admission;

import dev.firstcome.model.AdmissionCounts;
import dev.firstcome.model.ApplyOutcome;
import dev.firstcome.model.EventPhase;
import dev.firstcome.model.EventState;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import java.time.Instant;
import java.util.Optional;

/**
 * The true state of an event: the apply path's decision order, told before anyone applies. An apply
 * at {@code now} would answer what the state says: CLOSED; NOT_OPEN as OPENS_IN (with the opening) or
 * as ENDED when no opening is left; ENDED; 503 while the state is REBUILDING; PAUSED; SOLD_OUT;
 * DAILY_SOLD_OUT (with the reopening); otherwise OPEN (with the end of the window).
 */
public final class EventStates {

    private EventStates() {}

    /**
     * @param counts the event's counters, or null when they cannot be read (then the counters are not
     *     judged)
     * @param stateLoaded whether Redis holds the event's admission state (false: being rebuilt)
     */
    public static EventState of(EventView event, Instant now, AdmissionCounts counts, boolean stateLoaded) {
        Optional<ApplyOutcome> refusal = EventWindow.refusal(event, now);
        if (refusal.isPresent()) {
            return switch (refusal.get()) {
                case CLOSED -> state(event, EventPhase.CLOSED, null, now);
                case ENDED -> state(event, EventPhase.ENDED, null, now);
                default ->
                    EventWindow.nextOpening(event, now)
                            .map(opening -> state(event, EventPhase.OPENS_IN, opening, now))
                            .orElseGet(() -> state(event, EventPhase.ENDED, event.endsAt(), now));
            };
        }
        if (!stateLoaded) {
            return state(event, EventPhase.REBUILDING, null, now);
        }
        if (event.status() == EventStatus.PAUSED) {
            return state(event, EventPhase.PAUSED, null, now);
        }
        if (counts != null && counts.remaining() <= 0) {
            return state(event, EventPhase.SOLD_OUT, null, now);
        }
        Instant windowEnd = EventWindow.windowEnd(event, now);
        if (counts != null && counts.remainingToday() != null && counts.remainingToday() <= 0) {
            Instant reopens = EventWindow.nextOpening(event, windowEnd).orElse(null);
            return reopens == null
                    ? state(event, EventPhase.SOLD_OUT, null, now)
                    : state(event, EventPhase.DAILY_SOLD_OUT, reopens, now);
        }
        return state(event, EventPhase.OPEN, windowEnd, now);
    }

    private static EventState state(EventView event, EventPhase phase, Instant next, Instant now) {
        return new EventState(event.id(), phase, next, event.zoneId(), now);
    }
}
