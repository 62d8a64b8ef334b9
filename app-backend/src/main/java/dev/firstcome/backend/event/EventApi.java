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
 * <p>Edits of one event (update, pause, resume, close) run one at a time on every server: each locks the
 * event's row, commits a new version and writes the Redis meta hash under that version before the
 * commit, so Redis never enforces a limit the database does not have.
 *
 * <p>Failures: {@link EventValidationException} (bad field, names it), {@link EventNotFoundException},
 * {@link EventStateConflictException} (closed event, or {@link EventEditConflictException}: another edit
 * held the event too long; retry), {@code AdmissionUnavailableException} (Redis lost the event's state,
 * or the change could not be confirmed: the message says where the event stands).
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

    /**
     * After a rebuild of the event's Redis admission state: writes its meta hash (limits, paused,
     * closed) from the event as the database holds it, under the event's row lock and a new version
     * (so no edit interleaves and no earlier edit's late write applies). Then the event admits again.
     */
    void restoreAdmissionMeta(long eventId);
}
