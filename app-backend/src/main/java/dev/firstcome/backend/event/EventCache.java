package dev.firstcome.backend.event;

import dev.firstcome.backend.admission.EventLookup;
import dev.firstcome.model.EventView;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * The local cache of event metadata the apply path reads. Filled at start, updated by this instance's
 * changes, refreshed when another instance announces a change (Redis pub/sub) and periodically. A miss
 * (an event this instance has not seen yet) costs one primary-key lookup, remembered briefly when absent.
 */
@Component
class EventCache implements EventLookup {

    private static final long NEGATIVE_TTL_NANOS = 1_000_000_000L;

    private final EventRepository repository;
    private final ConcurrentMap<Long, EventView> events = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, Long> absentUntil = new ConcurrentHashMap<>();

    EventCache(EventRepository repository) {
        this.repository = repository;
    }

    @Override
    public Optional<EventView> find(long eventId) {
        EventView cached = events.get(eventId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Long until = absentUntil.get(eventId);
        if (until != null && until - System.nanoTime() > 0) {
            return Optional.empty();
        }
        return reload(eventId);
    }

    Optional<EventView> reload(long eventId) {
        Optional<EventView> fresh = repository.findById(eventId).map(EventEntity::toView);
        fresh.ifPresentOrElse(
                view -> {
                    events.put(eventId, view);
                    absentUntil.remove(eventId);
                },
                () -> {
                    events.remove(eventId);
                    absentUntil.put(eventId, System.nanoTime() + NEGATIVE_TTL_NANOS);
                });
        return fresh;
    }

    void put(EventView view) {
        events.put(view.id(), view);
        absentUntil.remove(view.id());
    }

    void reloadAll() {
        var all = repository.findAll();
        for (EventEntity entity : all) {
            events.put(entity.id(), entity.toView());
        }
    }
}
