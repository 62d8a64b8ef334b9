package dev.firstcome.desktop.testing;

import dev.firstcome.backend.admission.EventNotFoundException;
import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.event.EventValidationException;
import dev.firstcome.model.EventChanges;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import dev.firstcome.model.PublicEventView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** In-memory events for ViewModel and view tests (never on the apply path). */
public final class FakeEventApi implements EventApi {

    private final Map<Long, EventView> events = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile String rejectField;

    /** The next create/update fails with a validation error on this field. */
    public void rejectNext(String field) {
        rejectField = field;
    }

    @Override
    public EventView create(EventDraft draft) {
        checkReject();
        long id = ids.incrementAndGet();
        Instant now = Instant.now();
        EventView view = new EventView(
                id,
                draft.name(),
                draft.totalQuantity(),
                draft.dailyQuantity(),
                draft.dailyOpenTime(),
                draft.dailyCloseTime(),
                draft.startsAt(),
                draft.endsAt(),
                draft.zoneId(),
                EventStatus.ACTIVE,
                draft.isLab(),
                draft.strategy(),
                now,
                now,
                draft.benefit(),
                draft.validity(),
                draft.vendorId(),
                draft.waitingRoom() == null ? dev.firstcome.model.WaitingRoom.OFF : draft.waitingRoom());
        events.put(id, view);
        return view;
    }

    private void checkReject() {
        String field = rejectField;
        if (field != null) {
            rejectField = null;
            throw new EventValidationException(field, field + " rejected by the backend");
        }
    }

    @Override
    public EventView update(long eventId, EventChanges changes) {
        checkReject();
        EventView old = get(eventId);
        EventView view = new EventView(
                eventId,
                changes.name() == null ? old.name() : changes.name(),
                changes.totalQuantity() == null ? old.totalQuantity() : changes.totalQuantity(),
                Boolean.TRUE.equals(changes.clearDailyQuantity())
                        ? null
                        : changes.dailyQuantity() == null ? old.dailyQuantity() : changes.dailyQuantity(),
                Boolean.TRUE.equals(changes.clearDailyWindow()) ? null : changes.dailyOpenTime(),
                Boolean.TRUE.equals(changes.clearDailyWindow()) ? null : changes.dailyCloseTime(),
                changes.startsAt() == null ? old.startsAt() : changes.startsAt(),
                changes.endsAt() == null ? old.endsAt() : changes.endsAt(),
                old.zoneId(),
                old.status(),
                old.lab(),
                old.strategy(),
                old.createdAt(),
                Instant.now());
        events.put(eventId, view);
        return view;
    }

    private EventView withStatus(long eventId, EventStatus status) {
        EventView old = get(eventId);
        EventView view = new EventView(
                old.id(),
                old.name(),
                old.totalQuantity(),
                old.dailyQuantity(),
                old.dailyOpenTime(),
                old.dailyCloseTime(),
                old.startsAt(),
                old.endsAt(),
                old.zoneId(),
                status,
                old.lab(),
                old.strategy(),
                old.createdAt(),
                Instant.now());
        events.put(eventId, view);
        return view;
    }

    private EventView get(long eventId) {
        EventView view = events.get(eventId);
        if (view == null) {
            throw new EventNotFoundException(eventId);
        }
        return view;
    }

    @Override
    public EventView pause(long eventId) {
        return withStatus(eventId, EventStatus.PAUSED);
    }

    @Override
    public EventView resume(long eventId) {
        return withStatus(eventId, EventStatus.ACTIVE);
    }

    @Override
    public EventView close(long eventId) {
        return withStatus(eventId, EventStatus.CLOSED);
    }

    @Override
    public Optional<EventView> find(long eventId) {
        return Optional.ofNullable(events.get(eventId));
    }

    @Override
    public List<EventView> list(boolean includeLab) {
        List<EventView> list = new ArrayList<>(
                events.values().stream().filter(e -> includeLab || !e.lab()).toList());
        list.sort(Comparator.comparingLong(EventView::id).reversed());
        return list;
    }

    @Override
    public PublicEventView publicView(long eventId) {
        EventView e = get(eventId);
        return new PublicEventView(
                e.id(),
                e.name(),
                e.status(),
                e.startsAt(),
                e.endsAt(),
                e.dailyOpenTime(),
                e.dailyCloseTime(),
                e.zoneId(),
                e.totalQuantity(),
                null,
                null);
    }

    @Override
    public void restoreAdmissionMeta(long eventId) {}
}
