package dev.firstcome.backend.event;

import dev.firstcome.backend.admission.AdmissionStateApi;
import dev.firstcome.backend.admission.AdmissionUnavailableException;
import dev.firstcome.backend.admission.EventNotFoundException;
import dev.firstcome.backend.admission.MetaWrite;
import dev.firstcome.backend.audit.AuditApi;
import dev.firstcome.model.EventView;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps an event's Redis meta hash and the cache in step with its row: the versioned meta write of an edit,
 * the repair of an edit whose outcome is uncertain (at once, then in the background until it succeeds) and
 * the publication of a committed event.
 */
@Component
class EventMetaSync {

    private static final Logger log = LoggerFactory.getLogger(EventMetaSync.class);
    private static final int STALE_ATTEMPTS = 3;

    private final EventRepository repository;
    private final EventCache cache;
    private final EventChangeBroadcaster broadcaster;
    private final AdmissionStateApi admission;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final AuditApi audit;
    private final Set<Long> unrepaired = ConcurrentHashMap.newKeySet();

    EventMetaSync(
            EventRepository repository,
            EventCache cache,
            EventChangeBroadcaster broadcaster,
            AdmissionStateApi admission,
            Clock clock,
            TransactionTemplate tx,
            AuditApi audit) {
        this.repository = repository;
        this.cache = cache;
        this.broadcaster = broadcaster;
        this.admission = admission;
        this.clock = clock;
        this.tx = tx;
        this.audit = audit;
    }

    /**
     * Flushes the entity under its version and writes it into Redis under the same version. When Redis
     * already holds that version (an earlier edit's uncertain write), the entity takes a later one.
     */
    MetaWrite writeMeta(EventEntity entity, MetaWrite.Limits limits) {
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
    RuntimeException unconfirmed(long eventId, RuntimeException cause) {
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

    /** The event's row, locked for the rest of the transaction. */
    EventEntity locked(long eventId) {
        return repository.findForUpdate(eventId).orElseThrow(() -> new EventNotFoundException(eventId));
    }

    /** The committed event into the cache, announced to the other servers. */
    EventView published(EventEntity entity) {
        cache.put(entity.toView(), entity.version());
        broadcaster.announce(entity.id());
        return entity.toView();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static AdmissionUnavailableException stateMissing(long eventId) {
        return new AdmissionUnavailableException("Event " + eventId
                + " is being restored after Redis lost its state; nothing was changed. Retry shortly.");
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
}
