package dev.firstcome.backend.rush;

import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.backend.audit.AuditApi;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.rush.warmup.WarmupLauncher;
import dev.firstcome.backend.rush.warmup.WarmupScheduler;
import dev.firstcome.model.EventView;
import dev.firstcome.model.RushHistoryEntry;
import dev.firstcome.model.RushRequest;
import dev.firstcome.model.RushResult;
import dev.firstcome.model.WarmupPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * {@link RushApi}: the rushes this server started (the last few finished ones are kept, {@link RushRegistry})
 * and their execution ({@link RushExecution}), on virtual threads, one run at a time per rush, several rushes
 * may overlap. Requests are checked by {@link RushRequestValidator}; scheduled warm-ups are
 * {@link WarmupScheduler}'s, which starts them here.
 */
@Service
class RushService implements RushApi, WarmupLauncher, DisposableBean {

    private final RushRequestValidator validator;
    private final WarmupScheduler warmups;
    private final AuditApi audit;
    private final Clock clock;
    private final FirstComeProperties.Rush settings;
    private final RushRegistry rushes;
    private final RushExecution execution;
    private final RushHistory history;

    RushService(
            RushRequestValidator validator,
            WarmupScheduler warmups,
            AuditApi audit,
            Clock clock,
            FirstComeProperties properties,
            RushRegistry rushes,
            RushExecution execution,
            RushHistory history) {
        this.history = history;
        this.rushes = rushes;
        this.execution = execution;
        this.validator = validator;
        this.warmups = warmups;
        this.audit = audit;
        this.clock = clock;
        this.settings = properties.rush();
    }

    @Override
    public Set<String> strategies() {
        return validator.strategies();
    }

    @Override
    public RushHandle start(RushRequest request) {
        return start(request, audit.currentActor(), RushHistoryEntry.RUSH);
    }

    private RushHandle start(RushRequest request, String actor, String kind) {
        RushTarget target = validator.validate(request);
        String id = UUID.randomUUID().toString().substring(0, 8);
        RushRun run = new RushRun(id, request, target.runs(), target.requestsPerRun(), clock.instant());
        rushes.remember(run);
        run.result().thenAccept(result -> history.record(kind, actor, result));
        audit.record(actor, "rush.start", "rush:" + id, null, request);
        Thread.ofVirtual().name("rush-" + id).start(() -> execution.execute(run, target));
        return run;
    }

    @Override
    public RushResult run(RushRequest request, Duration timeout) {
        RushHandle handle = start(request);
        try {
            return handle.result().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            handle.cancel();
            return handle.result().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.cancel();
            throw new IllegalStateException("interrupted while waiting for rush " + handle.id(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("rush " + handle.id() + " failed", e.getCause());
        }
    }

    @Override
    public Optional<RushHandle> find(String rushId) {
        return rushes.find(rushId);
    }

    @Override
    public List<RushHandle> recent() {
        return rushes.recent();
    }

    @Override
    public List<RushHistoryEntry> history(int limit) {
        return history.recent(limit);
    }

    @Override
    public Optional<RushHistoryEntry> finished(String rushId) {
        return history.find(rushId);
    }

    /** Forgets a finished rush's handle, as a restart would (its history stays). */
    void forget(String rushId) {
        rushes.forget(rushId);
    }

    /** Cancels a running rush (recorded in the audit log); empty when there is no such rush. */
    Optional<RushHandle> cancel(String rushId) {
        Optional<RushHandle> handle = find(rushId);
        handle.ifPresent(h -> {
            h.cancel();
            audit.record("rush.cancel", "rush:" + rushId, null, null);
        });
        return handle;
    }

    // ---------------------------------------------------------------- warm-up

    @Override
    public RushHandle warmUp(int users) {
        RushHandle handle = warmUp(users, audit.currentActor());
        // "Warm up now" is listed with the planned warm-ups, already started as this rush
        warmups.recordStarted(handle.request().users(), settings.warmupConcurrency(), handle.id());
        return handle;
    }

    @Override
    public String launch(int users, String actor) {
        return warmUp(users, actor).id();
    }

    private RushHandle warmUp(int users, String actor) {
        int count = validator.warmupUsers(users);
        // half of the users win (Kafka hand-off on the path), the rest see SOLD_OUT; 10 % repeat (ALREADY_APPLIED)
        return start(
                new RushRequest(
                        null,
                        List.of(AdmissionStrategy.LUA),
                        Math.max(1, count / 2),
                        null,
                        count,
                        settings.warmupConcurrency(),
                        0.1,
                        0,
                        0,
                        null),
                actor,
                RushHistoryEntry.WARMUP);
    }

    @Override
    public WarmupPlan scheduleWarmUp(Long forEventId, Instant runAt, int users) {
        Instant at = validator.warmupRunAt(runAt);
        int count = validator.warmupUsers(users);
        return warmups.schedule(forEventId, at, count, settings.warmupConcurrency());
    }

    /** As the default, with "now" from the injected clock. */
    @Override
    public WarmupPlan scheduleWarmUpBefore(EventView event, Duration lead, int users) {
        Instant runAt = event.startsAt().minus(lead);
        Instant now = clock.instant();
        return scheduleWarmUp(event.id(), runAt.isBefore(now) ? now : runAt, users);
    }

    @Override
    public List<WarmupPlan> warmUps() {
        return warmups.plans();
    }

    @Override
    public boolean cancelWarmUp(String warmupId) {
        return warmups.cancel(warmupId);
    }

    @Override
    public void destroy() {
        rushes.cancelAll();
    }
}
