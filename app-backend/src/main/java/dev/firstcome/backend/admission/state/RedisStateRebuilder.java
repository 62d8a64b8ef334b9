package dev.firstcome.backend.admission.state;

import dev.firstcome.backend.admission.AdmissionHistory;
import dev.firstcome.backend.admission.AdmissionStateMissingEvent;
import dev.firstcome.backend.admission.EventCatalog;
import dev.firstcome.backend.admission.EventNotFoundException;
import dev.firstcome.backend.admission.PipelineDrain;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Rebuilds an event's Redis admission state from the database after Redis lost it (restarted empty).
 *
 * <p>Triggered by {@link AdmissionStateMissingEvent} (an apply found the state gone and answered 503)
 * and, at startup, for every non-closed event whose state is not loaded. Rebuilds run one at a time
 * on one background thread; a request for an event already queued or rebuilding is dropped. A
 * rebuild first waits (bounded by {@code firstcome.monitor.drain-wait}) until the issuance consumer
 * and the dead-letter listener have drained, so that every admission Kafka still held is a row or a
 * failed issue; if they do not drain it is tried again after {@code rebuild-retry}. Until the rebuild
 * is done the event's applies keep answering 503 (the apply path sees the state missing).
 */
@Component
class RedisStateRebuilder implements SmartLifecycle, DisposableBean {

    /**
     * A rebuilt event's admission ids continue from the next multiple of 2^32 above every id it had: far more
     * than the admissions one state can hand out unpersisted, and room for 23,000 rebuilds of one event
     * below 10^14, up to which admit.lua's numbers (Lua doubles, written with 14 digits) stay exact.
     */
    static final long ID_EPOCH = 1L << 32;

    private static final Logger log = LoggerFactory.getLogger(RedisStateRebuilder.class);

    private final RedisAdmissionState admission;
    private final AdmissionHistory issuance;
    private final EventCatalog events;
    private final PipelineDrain lagProbe;
    private final RebuildLock lock;
    private final Duration drainWait;
    private final Duration retry;
    private final Set<Long> pending = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("firstcome-redis-rebuild").daemon().factory());

    RedisStateRebuilder(
            RedisAdmissionState admission,
            AdmissionHistory issuance,
            EventCatalog events,
            PipelineDrain lagProbe,
            RebuildLock lock,
            FirstComeProperties properties) {
        this.admission = admission;
        this.issuance = issuance;
        this.events = events;
        this.lagProbe = lagProbe;
        this.lock = lock;
        this.drainWait = properties.monitor().drainWait();
        this.retry = properties.monitor().rebuildRetry();
    }

    private volatile boolean running;
    private volatile boolean startedBefore;

    @EventListener
    void onStateMissing(AdmissionStateMissingEvent event) {
        request(event.eventId());
    }

    /**
     * Rebuilds only run while the context runs. When a stopped context starts again (a paused test
     * context, for instance), Redis may have lost state meanwhile: every event is checked again.
     */
    @Override
    public void start() {
        running = true;
        if (startedBefore) {
            checkAllEvents();
        }
        startedBefore = true;
    }

    /** Drops queued rebuilds; an apply that finds the state missing asks again once running. */
    @Override
    public void stop() {
        running = false;
        pending.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        checkAllEvents();
    }

    /** Queues a rebuild of every non-closed event whose state is not loaded (done at startup). */
    void checkAllEvents() {
        executor.execute(this::checkAll);
    }

    /** Queues a rebuild of the event unless one is queued or running. */
    void request(long eventId) {
        if (pending.add(eventId)) {
            log.warn("Redis state of event {} is missing: rebuilding it from the database once drained", eventId);
            executor.execute(() -> attempt(eventId));
        }
    }

    /**
     * Restores the event's state now, on the rebuild thread (so never concurrently with a queued
     * rebuild), unless it is loaded by then. The caller guarantees the pipeline has drained. Returns
     * the number of admissions restored (0 when the state was loaded meanwhile).
     */
    int restoreNow(long eventId, Duration timeout) {
        Future<Integer> restored =
                executor.submit(() -> restoreUnderLock(eventId).orElseGet(() -> {
                    log.info("Event {} is being rebuilt by another instance", eventId);
                    return 0;
                }));
        try {
            return restored.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while restoring event " + eventId, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException("Restoring event " + eventId + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Restoring event " + eventId + " did not finish within " + timeout, e);
        }
    }

    /**
     * Restores the state unless it is loaded, holding the event's database lock; empty when another
     * instance holds it (and is rebuilding).
     */
    private Optional<Integer> restoreUnderLock(long eventId) {
        return lock.tryWithLock(eventId, () -> admission.stateLoaded(eventId) ? 0 : restoreFromDatabase(eventId));
    }

    /** Restores the event's Redis state from its coupon rows and OPEN failed issues (drained pipeline). */
    private int restoreFromDatabase(long eventId) {
        List<CouponAdmitted> admissions = new ArrayList<>(issuance.persistedAdmissions(eventId));
        Set<String> users = new HashSet<>();
        admissions.forEach(a -> users.add(a.userId()));
        for (CouponAdmitted failed : issuance.failedOpenAdmissions(eventId)) {
            if (users.add(failed.userId())) {
                admissions.add(failed);
            }
        }
        // New admission ids start a whole epoch above every id this event can have handed out: the lost
        // state may have issued ids above the highest persisted one (admissions never acknowledged, or
        // whose hand-off failed), and an undo of one of those, still queued, must not match the new
        // admission of the same user that a reused id would give (it would free a slot the user keeps:
        // an oversell, seen in the chaos test when the undo of admission 112 ran after a failover had
        // handed 112 out again)
        long highest = Math.max(
                admissions.stream().mapToLong(CouponAdmitted::admissionId).max().orElse(0),
                admission.sequence(eventId));
        long seqFloor = (highest / ID_EPOCH + 1) * ID_EPOCH;
        admission.restoreState(eventId, admissions, seqFloor);
        events.restoreAdmissionMeta(eventId);
        log.info(
                "Rebuilt Redis state of event {} from the database: {} admission(s), sequence floor {}",
                eventId,
                admissions.size(),
                seqFloor);
        return admissions.size();
    }

    private void checkAll() {
        if (!running) {
            return;
        }
        try {
            for (EventView event : events.list(true)) {
                if (event.status() != EventStatus.CLOSED && !admission.stateLoaded(event.id())) {
                    request(event.id());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not check the events' Redis state at startup: {}", e.getMessage());
        }
    }

    private void attempt(long eventId) {
        if (!running) {
            pending.remove(eventId);
            return;
        }
        try {
            if (admission.stateLoaded(eventId)) {
                pending.remove(eventId);
                return;
            }
            long backlog = lagProbe.awaitDrained(drainWait);
            if (backlog > 0) {
                log.warn(
                        "Event {}: the pipeline has not drained ({} record(s) left); Redis rebuild retried in {}",
                        eventId,
                        backlog,
                        retry);
                retryLater(eventId);
                return;
            }
            if (restoreUnderLock(eventId).isEmpty()) {
                log.info("Event {} is being rebuilt by another instance; checked again in {}", eventId, retry);
                retryLater(eventId);
                return;
            }
            pending.remove(eventId);
        } catch (EventNotFoundException e) {
            pending.remove(eventId);
            log.warn("Event {} no longer exists: no Redis rebuild", eventId);
        } catch (RuntimeException e) {
            log.warn("Redis rebuild of event {} failed ({}); retried in {}", eventId, e.getMessage(), retry);
            retryLater(eventId);
        }
    }

    private void retryLater(long eventId) {
        try {
            executor.schedule(() -> attempt(eventId), retry.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            pending.remove(eventId); // shutting down
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
