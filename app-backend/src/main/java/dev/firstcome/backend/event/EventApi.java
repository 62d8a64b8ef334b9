package dev.firstcome.backend.event;

import dev.firstcome.model.EventChanges;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventView;
import dev.firstcome.model.PublicEventView;
import java.util.List;
import java.util.Optional;

/**
 * Operator side of events: create, edit, pause/resume (kill switch), close. Every change is written
 * to the database, pushed into the event's Redis meta hash (so the very next apply sees it) and
 * broadcast so every instance refreshes its local event cache.
 *
 * <p>Failures: {@link EventValidationException} (bad field, names it), {@link EventNotFoundException}.
 */
public interface EventApi {

    EventView create(EventDraft draft);

    EventView update(long eventId, EventChanges changes);

    EventView pause(long eventId);

    EventView resume(long eventId);

    EventView close(long eventId);

    Optional<EventView> find(long eventId);

    /** All events, newest first; lab events included when {@code includeLab}. */
    List<EventView> list(boolean includeLab);

    /** The customer's view with live remaining counts. */
    PublicEventView publicView(long eventId);
}
