package dev.firstcome.backend.event;

import dev.firstcome.backend.admission.AdmissionStateApi;
import dev.firstcome.backend.admission.AdmissionStrategy;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class EventService implements EventApi {

    private static final Logger log = LoggerFactory.getLogger(EventService.class);

    private final EventRepository repository;
    private final EventCache cache;
    private final EventMetaSync sync;
    private final AdmissionStateApi admission;
    private final Set<String> strategies;
    private final Clock clock;
    private final TransactionTemplate tx;

    private final AuditApi audit;
    private final VendorApi vendors;

    EventService(
            EventRepository repository,
            EventCache cache,
            EventMetaSync sync,
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
        this.sync = sync;
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
        EventView created = sync.published(saved);
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
                EventEntity entity = sync.locked(eventId);
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
                switch (sync.writeMeta(entity, limits)) {
                    case MetaWrite.Written written -> {}
                    case MetaWrite.BelowIssued refused -> {
                        redisMayHoldIt.set(false);
                        throw new EventValidationException(refused.field(), refused.reason());
                    }
                    case MetaWrite.StateMissing missing -> {
                        redisMayHoldIt.set(false);
                        throw EventMetaSync.stateMissing(eventId);
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
                throw sync.unconfirmed(eventId, e);
            }
            throw new EventEditConflictException(eventId, e);
        } catch (RuntimeException e) {
            if (redisMayHoldIt.get()) {
                throw sync.unconfirmed(eventId, e);
            }
            throw e;
        }
        EventView after = sync.published(saved);
        if (before.get() != null) {
            audit.record(action, "event:" + eventId, before.get(), after);
        }
        return after;
    }

    @Override
    public void restoreAdmissionMeta(long eventId) {
        tx.executeWithoutResult(status -> {
            EventEntity entity = sync.locked(eventId);
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

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static boolean sameLimits(EventView a, EventView b) {
        return a.totalQuantity() == b.totalQuantity() && Objects.equals(a.dailyQuantity(), b.dailyQuantity());
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
                e.updatedAt(),
                e.benefit(),
                e.validity(),
                e.vendorId(),
                e.waitingRoom());
    }
}
