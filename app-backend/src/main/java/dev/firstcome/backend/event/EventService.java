package dev.firstcome.backend.event;

import dev.firstcome.backend.admission.AdmissionApi;
import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.model.AdmissionCounts;
import dev.firstcome.model.EventChanges;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import dev.firstcome.model.PublicEventView;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class EventService implements EventApi {

    private final EventRepository repository;
    private final EventCache cache;
    private final EventChangeBroadcaster broadcaster;
    private final AdmissionApi admission;
    private final Set<String> strategies;
    private final Clock clock;
    private final TransactionTemplate tx;

    EventService(
            EventRepository repository,
            EventCache cache,
            EventChangeBroadcaster broadcaster,
            AdmissionApi admission,
            List<AdmissionStrategy> strategies,
            Clock clock,
            TransactionTemplate tx) {
        this.repository = repository;
        this.cache = cache;
        this.broadcaster = broadcaster;
        this.admission = admission;
        this.strategies = strategies.stream().map(AdmissionStrategy::name).collect(Collectors.toUnmodifiableSet());
        this.clock = clock;
        this.tx = tx;
    }

    @Override
    public EventView create(EventDraft draft) {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        EventView valid = EventRules.fromDraft(draft, clock.getZone(), strategies, now);
        // the meta hash is written inside the transaction: if Redis refuses, no event row is committed
        EventView saved = tx.execute(status -> {
            EventView view = repository
                    .save(new EventEntity(
                            valid.name(),
                            valid.totalQuantity(),
                            valid.dailyQuantity(),
                            valid.dailyOpenTime(),
                            valid.dailyCloseTime(),
                            valid.startsAt(),
                            valid.endsAt(),
                            valid.zoneId(),
                            valid.lab(),
                            valid.strategy(),
                            now))
                    .toView();
            admission.initializeMeta(view);
            return view;
        });
        return published(saved);
    }

    @Override
    public EventView update(long eventId, EventChanges changes) {
        EventView current = load(eventId);
        requireNotClosed(current, "edited");
        EventView merged = EventRules.merge(current, changes);
        boolean limitsChanged = merged.totalQuantity() != current.totalQuantity()
                || !java.util.Objects.equals(merged.dailyQuantity(), current.dailyQuantity());
        if (limitsChanged) {
            admission
                    .changeLimits(merged, merged.totalQuantity(), merged.dailyQuantity())
                    .ifPresent(reason -> {
                        String field = reason.startsWith("daily") ? "dailyQuantity" : "totalQuantity";
                        throw new EventValidationException(field, reason);
                    });
        }
        try {
            return published(save(merged));
        } catch (RuntimeException e) {
            if (limitsChanged) {
                admission.changeLimits(current, current.totalQuantity(), current.dailyQuantity());
            }
            throw e;
        }
    }

    @Override
    public EventView pause(long eventId) {
        return changeStatus(eventId, EventStatus.PAUSED);
    }

    @Override
    public EventView resume(long eventId) {
        return changeStatus(eventId, EventStatus.ACTIVE);
    }

    @Override
    public EventView close(long eventId) {
        return changeStatus(eventId, EventStatus.CLOSED);
    }

    private EventView changeStatus(long eventId, EventStatus target) {
        EventView current = load(eventId);
        if (current.status() == target) {
            return current;
        }
        requireNotClosed(current, target == EventStatus.ACTIVE ? "resumed" : "paused");
        EventView changed = withStatus(current, target);
        // Redis first: the kill switch must refuse the very next apply, on every instance
        admission.writeMeta(changed);
        try {
            return published(save(changed));
        } catch (RuntimeException e) {
            admission.writeMeta(current);
            throw e;
        }
    }

    @Override
    public Optional<EventView> find(long eventId) {
        return cache.find(eventId);
    }

    @Override
    public List<EventView> list(boolean includeLab) {
        return repository.findAll().stream()
                .map(EventEntity::toView)
                .filter(e -> includeLab || !e.lab())
                .sorted(Comparator.comparingLong(EventView::id).reversed())
                .toList();
    }

    @Override
    public PublicEventView publicView(long eventId) {
        EventView e = cache.find(eventId).orElseThrow(() -> new EventNotFoundException(eventId));
        AdmissionCounts counts = admission.counts(eventId);
        return new PublicEventView(
                e.id(),
                e.name(),
                e.status(),
                e.startsAt(),
                e.endsAt(),
                e.dailyOpenTime(),
                e.dailyCloseTime(),
                e.zoneId(),
                counts.remaining(),
                counts.remainingToday());
    }

    private EventView load(long eventId) {
        return cache.reload(eventId).orElseThrow(() -> new EventNotFoundException(eventId));
    }

    private EventView save(EventView view) {
        return tx.execute(status -> {
            EventEntity entity =
                    repository.findById(view.id()).orElseThrow(() -> new EventNotFoundException(view.id()));
            entity.apply(view, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
            return repository.saveAndFlush(entity).toView();
        });
    }

    private EventView published(EventView view) {
        cache.put(view);
        broadcaster.announce(view.id());
        return view;
    }

    private static void requireNotClosed(EventView e, String action) {
        if (e.status() == EventStatus.CLOSED) {
            throw new EventStateConflictException("Event " + e.id() + " is closed and cannot be " + action);
        }
    }

    private static EventView withStatus(EventView e, EventStatus status) {
        return new EventView(
                e.id(),
                e.name(),
                e.totalQuantity(),
                e.dailyQuantity(),
                e.dailyOpenTime(),
                e.dailyCloseTime(),
                e.startsAt(),
                e.endsAt(),
                e.zoneId(),
                status,
                e.lab(),
                e.strategy(),
                e.createdAt(),
                e.updatedAt());
    }
}
