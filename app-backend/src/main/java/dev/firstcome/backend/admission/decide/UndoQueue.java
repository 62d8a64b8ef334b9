package dev.firstcome.backend.admission.decide;

import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.backend.admission.AdmissionStrategy.Decision;
import dev.firstcome.backend.admission.AdmissionStrategy.EventLimits;
import dev.firstcome.backend.infra.FirstComeProperties;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Undoes ISSUED decisions whose Kafka hand-off failed. An undo is tried at once, then twice more after
 * 50 and 100 ms; one that still fails (Redis down as well) is queued and tried again every {@code
 * firstcome.admission.undo-retry-interval} until it succeeds. Undos block on Redis: they run on virtual
 * threads, the scheduler only times them.
 */
@Component
class UndoQueue implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UndoQueue.class);
    static final int ATTEMPTS = 3;

    private final TaskScheduler scheduler;
    private final Duration interval;
    private final ConcurrentLinkedQueue<PendingUndo> pending = new ConcurrentLinkedQueue<>();
    /** Every undo from its first attempt until it succeeded (in progress or queued), as event -> admission ids. */
    private final Map<Long, Set<Long>> undoing = new ConcurrentHashMap<>();

    private final Executor blockingWork = Executors.newVirtualThreadPerTaskExecutor();
    private volatile ScheduledFuture<?> retries;

    UndoQueue(TaskScheduler scheduler, FirstComeProperties properties) {
        this.scheduler = scheduler;
        this.interval = properties.admission().undoRetryInterval();
    }

    /** One admission to undo. */
    record PendingUndo(
            AdmissionStrategy strategy, EventLimits limits, String userId, LocalDate day, Decision decision) {

        void run() {
            strategy.undo(limits, userId, day, decision);
        }

        long eventId() {
            return limits.eventId();
        }

        long admissionId() {
            return decision.admissionId();
        }
    }

    /**
     * Undoes the admission (off the caller's thread); completes once it is undone, or once its attempts
     * failed and it is queued for the background retry. Never completes exceptionally.
     */
    CompletableFuture<Void> undo(PendingUndo undo) {
        var done = new CompletableFuture<Void>();
        undoing.computeIfAbsent(undo.eventId(), e -> ConcurrentHashMap.newKeySet())
                .add(undo.admissionId());
        blockingWork.execute(() -> attempt(undo, 1, done));
        return done;
    }

    private void attempt(PendingUndo undo, int attempt, CompletableFuture<Void> done) {
        try {
            undo.run();
            undone(undo);
            done.complete(null);
            return;
        } catch (RuntimeException e) {
            log.warn(
                    "Undo of admission {} (event {}, user {}) failed, attempt {}: {}",
                    undo.decision().admissionId(),
                    undo.limits().eventId(),
                    undo.userId(),
                    attempt,
                    e.getMessage());
        }
        if (attempt < ATTEMPTS) {
            scheduler.schedule(
                    () -> blockingWork.execute(() -> attempt(undo, attempt + 1, done)),
                    scheduler.getClock().instant().plusMillis(50L * attempt));
            return;
        }
        log.error(
                "Admission {} of event {} for user {} could not be undone yet; retrying in the background",
                undo.decision().admissionId(),
                undo.limits().eventId(),
                undo.userId());
        pending.add(undo);
        done.complete(null);
    }

    /** Tries every queued undo once; the ones that fail again stay queued. */
    void retryPending() {
        int n = pending.size();
        for (int i = 0; i < n; i++) {
            PendingUndo undo = pending.poll();
            if (undo == null) {
                return;
            }
            try {
                undo.run();
                undone(undo);
                log.info(
                        "Admission {} of event {} undone after a delay",
                        undo.decision().admissionId(),
                        undo.limits().eventId());
            } catch (RuntimeException e) {
                pending.add(undo);
            }
        }
    }

    private void undone(PendingUndo undo) {
        undoing.computeIfPresent(undo.eventId(), (event, ids) -> {
            ids.remove(undo.admissionId());
            return ids.isEmpty() ? null : ids;
        });
    }

    /**
     * The admission ids of the event whose undo this server has started and not finished (being tried,
     * or queued for the background retry): their send failed, so they are neither lost nor to republish.
     */
    Set<Long> undoing(long eventId) {
        Set<Long> ids = undoing.get(eventId);
        return ids == null ? Set.of() : Set.copyOf(ids);
    }

    /** Undos waiting for the background retry: for tests. */
    int pending() {
        return pending.size();
    }

    @Override
    public void afterPropertiesSet() {
        retries = scheduler.scheduleWithFixedDelay(
                () -> blockingWork.execute(this::retryPending),
                scheduler.getClock().instant().plus(interval),
                interval);
    }

    @Override
    public void destroy() {
        ScheduledFuture<?> current = retries;
        if (current != null) {
            current.cancel(false);
        }
    }
}
