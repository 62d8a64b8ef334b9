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
 * Each entry keeps the version it was read under and is never replaced by an older one (two edits or a
 * reload that finish out of order leave the latest committed event).
 */
@Component
class EventCache implements EventLookup {

    private static final long NEGATIVE_TTL_NANOS = 1_000_000_000L;

    private record Cached(EventView view, long version) {}

    private final EventRepository repository;
    private final ConcurrentMap<Long, Cached> events = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, Long> absentUntil = new ConcurrentHashMap<>();

    EventCache(EventRepository repository) {
        this.repository = repository;
    }

    @Override
    public Optional<EventView> find(long eventId) {
        Cached cached = events.get(eventId);
        if (cached != null) {
            return Optional.of(cached.view());
        }
        Long until = absentUntil.get(eventId);
        if (until != null && until - System.nanoTime() > 0) {
            return Optional.empty();
        }
        return reload(eventId);
    }

    Optional<EventView> reload(long eventId) {
        Optional<EventEntity> fresh = repository.findById(eventId);
        if (fresh.isEmpty()) {
            events.remove(eventId);
            absentUntil.put(eventId, System.nanoTime() + NEGATIVE_TTL_NANOS);
            return Optional.empty();
        }
        return Optional.of(put(fresh.get().toView(), fresh.get().version()));
    }

    /** Remembers the event as committed under {@code version}, unless a later version is cached; returns the cached view. */
    EventView put(EventView view, long version) {
        absentUntil.remove(view.id());
        return events.merge(
                        view.id(),
                        new Cached(view, version),
                        (cached, offered) -> offered.version() >= cached.version() ? offered : cached)
                .view();
    }

    void reloadAll() {
        var all = repository.findAll();
        for (EventEntity entity : all) {
            put(entity.toView(), entity.version());
        }
    }
}
