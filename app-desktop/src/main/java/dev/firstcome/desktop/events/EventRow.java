package dev.firstcome.desktop.events;

import dev.firstcome.model.AdmissionCounts;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import java.time.ZoneId;

/** One line of the events table: the event and its live counters ({@code counts} null if unavailable). */
public record EventRow(EventView event, AdmissionCounts counts) {

    public long id() {
        return event.id();
    }

    public String name() {
        return event.lab() ? event.name() + " (lab)" : event.name();
    }

    public EventStatus status() {
        return event.status();
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
        return open + " – " + close;
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
