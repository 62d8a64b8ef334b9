package dev.firstcome.backend.rush.warmup;

import dev.firstcome.backend.audit.AuditApi;
import dev.firstcome.model.WarmupPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Service;

/**
 * Scheduled warm-ups of the deployment: plans are stored ({@link WarmupPlanStore}) so that they outlive a
 * restart and every server sees them; each server runs each plan once, on Spring's {@link TaskScheduler}
 * at the plan's time as read from the injected {@link Clock}. Firing hands the plan to the {@link
 * WarmupLauncher}; the caller has validated what it schedules.
 */
@Service
public class WarmupScheduler implements DisposableBean {

    /** How often a server looks for warm-ups scheduled on another one. */
    static final Duration WARMUP_SYNC = Duration.ofSeconds(30);
    /** A warm-up due longer ago than this when a server first sees it is dropped, not run. */
    static final Duration MISSED_AFTER = Duration.ofMinutes(10);
    /** How long warm-ups stay listed. */
    static final Duration KEEP_WARMUPS = Duration.ofDays(7);
    /** The actor the audit log names for a warm-up started at its time. */
    static final String ACTOR = "scheduler";

    private static final Logger log = LoggerFactory.getLogger(WarmupScheduler.class);

    private final WarmupPlanStore plans;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private final AuditApi audit;
    /** Resolved when a plan fires: the launcher (the rush service) schedules through this class. */
    private final ObjectProvider<WarmupLauncher> launcher;
    /** Warm-ups this server has scheduled (or run): each runs once here. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    private final Map<String, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();
    private final AtomicBoolean syncing = new AtomicBoolean();
    private volatile ScheduledFuture<?> sync;

    WarmupScheduler(
            WarmupPlanStore plans,
            TaskScheduler scheduler,
            Clock clock,
            AuditApi audit,
            ObjectProvider<WarmupLauncher> launcher) {
        this.plans = plans;
        this.scheduler = scheduler;
        this.clock = clock;
        this.audit = audit;
        this.launcher = launcher;
    }

    /** Stores a plan of {@code users} users at {@code runAt} and schedules it here (recorded in the audit log). */
    public WarmupPlan schedule(Long forEventId, Instant runAt, int users, int concurrency) {
        String id = "w-" + UUID.randomUUID().toString().substring(0, 8);
        WarmupPlan plan = new WarmupPlan(id, forEventId, runAt, users, concurrency, null);
        if (forEventId != null) {
            var existing = planFor(forEventId, runAt);
            if (existing.isPresent()) {
                return existing.get(); // one warm-up per opening: asking again returns the plan
            }
        }
        try {
            plans.save(plan, clock.instant());
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            // another operator or server planned the same opening at the same moment (unique index, V30)
            return planFor(forEventId, runAt).orElseThrow(() -> raced);
        }
        scheduleHere(plan);
        audit.record("warmup.schedule", "warmup:" + id, null, plan);
        return plan;
    }

    /** Lists a warm-up started by hand ("Warm up now") as started now as rush {@code rushId}. */
    public WarmupPlan recordStarted(int users, int concurrency, String rushId) {
        String id = "w-" + UUID.randomUUID().toString().substring(0, 8);
        WarmupPlan plan = new WarmupPlan(
                id,
                null,
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                users,
                concurrency,
                rushId);
        plans.save(plan, clock.instant());
        return plan;
    }

    /** The warm-up already planned for this event's opening at {@code runAt}, if any. */
    private java.util.Optional<WarmupPlan> planFor(Long forEventId, Instant runAt) {
        return plans().stream()
                // the databases keep microseconds: compare plans as stored
                .filter(p -> forEventId.equals(p.forEventId())
                        && p.runAt().equals(runAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS)))
                .findFirst();
    }

    /** Warm-ups scheduled or started in the last {@link #KEEP_WARMUPS}, newest first. */
    public List<WarmupPlan> plans() {
        return plans.since(clock.instant().minus(KEEP_WARMUPS));
    }

    /** Cancels a warm-up that has not started (recorded in the audit log); false when unknown or started. */
    public boolean cancel(String warmupId) {
        boolean cancelled = plans.cancel(warmupId);
        if (cancelled) {
            audit.record("warmup.cancel", "warmup:" + warmupId, null, null);
            ScheduledFuture<?> future = scheduled.remove(warmupId);
            if (future != null) {
                future.cancel(false);
            }
        }
        return cancelled;
    }

    /** Schedules the warm-up on this server once (every server of the deployment warms its own JVM). */
    private void scheduleHere(WarmupPlan plan) {
        if (!known.add(plan.id())) {
            return;
        }
        Duration delay = Duration.between(clock.instant(), plan.runAt());
        Instant at = scheduler.getClock().instant().plus(delay.isNegative() ? Duration.ZERO : delay);
        scheduled.put(plan.id(), scheduler.schedule(() -> fire(plan), at));
    }

    private void fire(WarmupPlan plan) {
        scheduled.remove(plan.id());
        try {
            if (!plans.exists(plan.id())) {
                log.info("Warm-up {} was cancelled", plan.id());
                return;
            }
        } catch (DataAccessException e) {
            log.warn("Warm-up {}: the database is unavailable, warming up anyway: {}", plan.id(), e.getMessage());
        }
        String rushId;
        try {
            rushId = launcher.getObject().launch(plan.users(), ACTOR);
        } catch (RuntimeException e) {
            log.warn("Warm-up {} could not start: {}", plan.id(), e.getMessage());
            return;
        }
        log.info("Warm-up {} started as rush {} ({} users)", plan.id(), rushId, plan.users());
        try {
            plans.started(plan.id(), rushId);
        } catch (DataAccessException e) {
            log.warn("Warm-up {} started, but its rush id could not be recorded: {}", plan.id(), e.getMessage());
        }
    }

    /**
     * Picks up the warm-ups of the deployment this server does not run yet: at start (those scheduled
     * before a restart) and every {@link #WARMUP_SYNC} (those scheduled on another server). One whose
     * time passed more than {@link #MISSED_AFTER} ago is dropped as missed; the others run, at once when
     * their time has come.
     */
    @EventListener(ApplicationReadyEvent.class)
    void syncWarmUps() {
        try {
            Instant now = clock.instant();
            plans.forgetBefore(now.minus(KEEP_WARMUPS));
            for (WarmupPlan plan : plans.pending()) {
                if (known.contains(plan.id())) {
                    continue;
                }
                if (plan.runAt().isBefore(now.minus(MISSED_AFTER))) {
                    if (plans.cancel(plan.id())) {
                        log.warn("Warm-up {} was due at {} while no server ran: dropped", plan.id(), plan.runAt());
                    }
                    continue;
                }
                scheduleHere(plan);
                log.info("Warm-up {} picked up: runs at {} ({} users)", plan.id(), plan.runAt(), plan.users());
            }
        } catch (DataAccessException e) {
            log.warn("Scheduled warm-ups not read, the database is unavailable: {}", e.getMessage());
        }
        if (syncing.compareAndSet(false, true)) {
            sync = scheduler.scheduleWithFixedDelay(
                    this::syncWarmUps, scheduler.getClock().instant().plus(WARMUP_SYNC), WARMUP_SYNC);
        }
    }

    /** Stops this server's timers; the plans stay stored for the other servers (and the next start). */
    @Override
    public void destroy() {
        ScheduledFuture<?> periodic = sync;
        if (periodic != null) {
            periodic.cancel(false);
        }
        scheduled.values().forEach(future -> future.cancel(false));
        scheduled.clear();
    }
}
