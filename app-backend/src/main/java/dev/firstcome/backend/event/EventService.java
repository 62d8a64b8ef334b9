package dev.firstcome.backend.event;

import dev.firstcome.backend.admission.AdmissionStateApi;
import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.backend.admission.AdmissionUnavailableException;
import dev.firstcome.backend.admission.EventNotFoundException;
import dev.firstcome.backend.admission.MetaWrite;
import dev.firstcome.backend.audit.AuditApi;
import dev.firstcome.backend.vendor.VendorApi;
import dev.firstcome.model.AdmissionCounts;
import dev.firstcome.model.EventChanges;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import dev.firstcome.model.PublicEventView;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class EventService implements EventApi {

    private static final Logger log = LoggerFactory.getLogger(EventService.class);
    private static final int STALE_ATTEMPTS = 3;

    private final EventRepository repository;
    private final EventCache cache;
    private final EventChangeBroadcaster broadcaster;
    private final AdmissionStateApi admission;
    private final Set<String> strategies;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final Set<Long> unrepaired = ConcurrentHashMap.newKeySet();

    private final AuditApi audit;
    private final VendorApi vendors;

    EventService(
            EventRepository repository,
            EventCache cache,
            EventChangeBroadcaster broadcaster,
            AdmissionStateApi admission,
            List<AdmissionStrategy> strategies,
            Clock clock,
            TransactionTemplate tx,
            AuditApi audit,
            VendorApi vendors) {
        this.audit = audit;
        this.vendors = vendors;
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
        Instant now = now();
        EventView valid = EventRules.fromDraft(draft, clock.getZone(), strategies, now);
        requireVendor(valid.vendorId());
        // the meta hash is written inside the transaction: if Redis refuses, no event row is committed
        EventEntity saved = tx.execute(status -> {
            EventEntity fresh = new EventEntity(
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
                    now);
            fresh.applyWaitingRoom(valid.room());
            fresh.terms(valid.benefit(), valid.validity(), valid.vendorId());
            EventEntity entity = repository.saveAndFlush(fresh);
            admission.initializeMeta(entity.toView(), entity.version());
            return entity;
        });
        EventView created = published(saved);
        audit.record("event.create", "event:" + created.id(), null, created);
        return created;
    }

    @Override
    public EventView update(long eventId, EventChanges changes) {
        return edit(eventId, "event.update", current -> {
            requireNotClosed(current, "edited");
            EventView merged = EventRules.merge(current, changes);
            if (!java.util.Objects.equals(merged.vendorId(), current.vendorId())) {
                requireVendor(merged.vendorId());
            }
            return merged;
        });
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
        String action = switch (target) {
            case PAUSED -> "event.pause";
            case CLOSED -> "event.close";
            default -> "event.resume";
        };
        return edit(eventId, action, current -> {
            if (current.status() == target) {
                return current;
            }
            requireNotClosed(current, target == EventStatus.ACTIVE ? "resumed" : "paused");
            return withStatus(current, target);
        });
    }

    /**
     * One edit of an event, atomic across the database and Redis. In one transaction: lock the event's
     * row (edits of one event run one at a time, on every server), read it as committed, apply the
     * change, flush it under a new version, write the Redis meta hash under that version (the very next
     * apply sees it; a refusal rolls everything back), commit. When the outcome is uncertain (Redis did
     * not answer, or the commit failed after Redis was written) the event is repaired before answering.
     */
    private EventView edit(long eventId, String action, UnaryOperator<EventView> change) {
        var redisMayHoldIt = new AtomicBoolean();
        var before = new java.util.concurrent.atomic.AtomicReference<EventView>();
        EventEntity saved;
        try {
            saved = tx.execute(status -> {
                EventEntity entity = locked(eventId);
                EventView current = entity.toView();
                EventView changed = change.apply(current);
                if (changed.equals(current)) {
                    return entity;
                }
                before.set(current);
                MetaWrite.Limits limits = sameLimits(current, changed) ? MetaWrite.Limits.KEEP : MetaWrite.Limits.CHECK;
                entity.apply(changed, now(), entity.version() + 1);
                repository.flush(); // a database refusal here leaves Redis untouched
                redisMayHoldIt.set(true);
                switch (writeMeta(entity, limits)) {
                    case MetaWrite.Written written -> {}
                    case MetaWrite.BelowIssued refused -> {
                        redisMayHoldIt.set(false);
                        throw new EventValidationException(refused.field(), refused.reason());
                    }
                    case MetaWrite.StateMissing missing -> {
                        redisMayHoldIt.set(false);
                        throw stateMissing(eventId);
                    }
                    case MetaWrite.Stale stale -> {
                        redisMayHoldIt.set(false);
                        throw new EventEditConflictException(eventId, null);
                    }
                }
                return entity;
            });
        } catch (PessimisticLockingFailureException e) {
            if (redisMayHoldIt.get()) {
                throw unconfirmed(eventId, e);
            }
            throw new EventEditConflictException(eventId, e);
        } catch (RuntimeException e) {
            if (redisMayHoldIt.get()) {
                throw unconfirmed(eventId, e);
            }
            throw e;
        }
        EventView after = published(saved);
        if (before.get() != null) {
            audit.record(action, "event:" + eventId, before.get(), after);
        }
        return after;
    }

    /**
     * Flushes the entity under its version and writes it into Redis under the same version. When Redis
     * already holds that version (an earlier edit's uncertain write), the entity takes a later one.
     */
    private MetaWrite writeMeta(EventEntity entity, MetaWrite.Limits limits) {
        for (int attempt = 1; ; attempt++) {
            repository.flush();
            MetaWrite written = admission.writeMeta(entity.toView(), entity.version(), limits);
            if (!(written instanceof MetaWrite.Stale stale) || attempt == STALE_ATTEMPTS) {
                return written;
            }
            entity.moveTo(Math.max(entity.version(), stale.storedVersion()) + 1);
        }
    }

    /**
     * The edit may or may not have reached Redis and was not (or not surely) committed: under the row
     * lock again, Redis is given the database's committed event under a fresh, later version, so a late
     * write of the edit is refused. Admissions Redis made meanwhile under a higher total are kept: the
     * database's total is raised to them. If that fails too it is retried in the background.
     */
    private RuntimeException unconfirmed(long eventId, RuntimeException cause) {
        log.warn("The edit of event {} was not confirmed ({}); repairing its Redis limits", eventId, cause.toString());
        try {
            EventView repaired = repair(eventId);
            return new AdmissionUnavailableException(
                    "The change of event " + eventId + " could not be confirmed. The event stands as saved, and"
                            + " Redis enforces the same: total " + repaired.totalQuantity() + ", daily "
                            + (repaired.dailyQuantity() == null ? "none" : repaired.dailyQuantity()) + ", status "
                            + repaired.status() + ". Read the event before retrying.",
                    cause);
        } catch (RuntimeException e) {
            unrepaired.add(eventId);
            log.warn("Event {}: Redis limits not repaired yet ({}); retried in the background", eventId, e.toString());
            return new AdmissionUnavailableException(
                    "The change of event " + eventId + " could not be confirmed, and its limits in Redis are not yet"
                            + " back to the saved ones (retried in the background). Read the event before retrying.",
                    cause);
        }
    }

    private EventView repair(long eventId) {
        EventEntity repaired = tx.execute(status -> {
            EventEntity entity = locked(eventId);
            EventView saved = entity.toView();
            entity.moveTo(entity.version() + 1);
            switch (writeMeta(entity, MetaWrite.Limits.CLAMP)) {
                case MetaWrite.Written written -> {
                    if (written.totalQuantity() != saved.totalQuantity()
                            || !Objects.equals(written.dailyQuantity(), saved.dailyQuantity())) {
                        log.warn(
                                "Event {}: Redis admitted beyond the saved limits while an edit was unconfirmed;"
                                        + " total {} -> {}, daily {} -> {}",
                                eventId,
                                saved.totalQuantity(),
                                written.totalQuantity(),
                                saved.dailyQuantity(),
                                written.dailyQuantity());
                        entity.apply(
                                withLimits(saved, written.totalQuantity(), written.dailyQuantity()),
                                now(),
                                entity.version());
                    }
                }
                case MetaWrite.StateMissing missing -> throw stateMissing(eventId);
                default -> throw new IllegalStateException("Redis refused the repair of event " + eventId);
            }
            return entity;
        });
        unrepaired.remove(eventId);
        log.info("Event {}: Redis and the database agree again (version {})", eventId, repaired.version());
        EventView view = published(repaired);
        audit.record("system", "event.repair", "event:" + eventId, null, view);
        return view;
    }

    /** Retries the repairs that failed (Redis or the database still down when the edit was answered). */
    @Scheduled(fixedDelay = 5000)
    void repairUnconfirmed() {
        for (Long eventId : List.copyOf(unrepaired)) {
            try {
                repair(eventId);
            } catch (EventNotFoundException e) {
                unrepaired.remove(eventId);
            } catch (RuntimeException e) {
                log.debug("Event {}: repair failed again: {}", eventId, e.getMessage());
            }
        }
    }

    @Override
    public void restoreAdmissionMeta(long eventId) {
        tx.executeWithoutResult(status -> {
            EventEntity entity = locked(eventId);
            // a later version than any an unconfirmed edit may have sent: its late write is refused
            entity.moveTo(entity.version() + 1);
            repository.flush();
            if (!admission.restoreMeta(entity.toView(), entity.version())) {
                log.info("Event {}: the meta hash was restored meanwhile", eventId);
            }
        });
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
                counts.remainingToday(),
                admission.state(eventId));
    }

    /** A funding vendor must exist (vendors are never deleted, so it keeps existing). */
    private void requireVendor(Long vendorId) {
        if (vendorId != null && vendors.find(vendorId).isEmpty()) {
            throw new EventValidationException("vendorId", "vendorId " + vendorId + " is not a vendor");
        }
    }

    private EventEntity locked(long eventId) {
        return repository.findForUpdate(eventId).orElseThrow(() -> new EventNotFoundException(eventId));
    }

    private EventView published(EventEntity entity) {
        cache.put(entity.toView(), entity.version());
        broadcaster.announce(entity.id());
        return entity.toView();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static AdmissionUnavailableException stateMissing(long eventId) {
        return new AdmissionUnavailableException("Event " + eventId
                + " is being restored after Redis lost its state; nothing was changed. Retry shortly.");
    }

    private static boolean sameLimits(EventView a, EventView b) {
        return a.totalQuantity() == b.totalQuantity() && Objects.equals(a.dailyQuantity(), b.dailyQuantity());
    }

    private static void requireNotClosed(EventView e, String action) {
        if (e.status() == EventStatus.CLOSED) {
            throw new EventStateConflictException("Event " + e.id() + " is closed and cannot be " + action);
        }
    }

    private static EventView withLimits(EventView e, int total, Integer daily) {
        return new EventView(
                e.id(),
                e.name(),
                total,
                daily,
                e.dailyOpenTime(),
                e.dailyCloseTime(),
                e.startsAt(),
                e.endsAt(),
                e.zoneId(),
                e.status(),
                e.lab(),
                e.strategy(),
                e.createdAt(),
                e.updatedAt(),
                e.benefit(),
                e.validity(),
                e.vendorId(),
                e.waitingRoom());
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
                e.updatedAt(),
                e.benefit(),
                e.validity(),
                e.vendorId(),
                e.waitingRoom());
    }
}
