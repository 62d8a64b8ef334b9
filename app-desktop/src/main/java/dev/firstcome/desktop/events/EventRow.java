package dev.firstcome.desktop.events;

import dev.firstcome.model.AdmissionCounts;
import dev.firstcome.model.EventPhase;
import dev.firstcome.model.EventState;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import java.time.ZoneId;

/**
 * One line of the events table: the event, its live counters and its true state (the backend's rule,
 * the one the apply path uses); {@code counts} and {@code eventState} are null when unavailable.
 */
public record EventRow(EventView event, AdmissionCounts counts, EventState eventState) {

    public EventRow(EventView event, AdmissionCounts counts) {
        this(event, counts, null);
    }

    public long id() {
        return event.id();
    }

    public String name() {
        return event.lab() ? event.name() + " (lab)" : event.name();
    }

    public EventStatus status() {
        return event.status();
    }

    /** "OPENS IN 3h12m (10:00 KST)", "SOLD OUT", ... as of when the state was read; the status without one. */
    public String state() {
        return eventState == null ? event.status().name() : eventState.label(eventState.at());
    }

    /** The phase, or null when the state could not be read. */
    public EventPhase phase() {
        return eventState == null ? null : eventState.phase();
    }

    public String window() {
        ZoneId zone = ZoneId.of(event.zoneId());
        return EventFormRules.format(event.startsAt(), zone) + " → " + EventFormRules.format(event.endsAt(), zone);
    }

    public String zone() {
        return event.zoneId();
    }

    public String dailyHours() {
        if (event.dailyOpenTime() == null && event.dailyCloseTime() == null) {
            return "all day";
        }
        String open = event.dailyOpenTime() == null ? "00:00" : EventFormRules.format(event.dailyOpenTime());
        String close = event.dailyCloseTime() == null ? "24:00" : EventFormRules.format(event.dailyCloseTime());
        boolean overnight = event.dailyOpenTime() != null
                && event.dailyCloseTime() != null
                && event.dailyCloseTime().isBefore(event.dailyOpenTime());
        return open + " – " + close + (overnight ? " (+1 day)" : "");
    }

    public String total() {
        return Integer.toString(event.totalQuantity());
    }

    public String daily() {
        return event.dailyQuantity() == null ? "—" : event.dailyQuantity().toString();
    }

    public String issuedTotal() {
        return counts == null ? "?" : Long.toString(counts.admitted());
    }

    public String issuedToday() {
        return counts == null ? "?" : Long.toString(counts.admittedToday());
    }

    public String remaining() {
        if (counts == null) {
            return "?";
        }
        return counts.remainingToday() == null
                ? Long.toString(counts.remaining())
                : counts.remaining() + " (today " + counts.remainingToday() + ")";
    }
}
