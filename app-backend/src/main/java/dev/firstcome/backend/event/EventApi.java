package dev.firstcome.backend.event;

import dev.firstcome.backend.admission.EventCatalog;
import dev.firstcome.backend.admission.EventNotFoundException;
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
public interface EventApi extends EventCatalog {

    EventView create(EventDraft draft);

    EventView update(long eventId, EventChanges changes);

    EventView pause(long eventId);

    EventView resume(long eventId);

    EventView close(long eventId);

    Optional<EventView> find(long eventId);

    @Override
    List<EventView> list(boolean includeLab);

    /** The customer's view with live remaining counts. */
    PublicEventView publicView(long eventId);

    @Override
    void restoreAdmissionMeta(long eventId);
}
