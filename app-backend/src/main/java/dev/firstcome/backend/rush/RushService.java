package dev.firstcome.backend.rush;

import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.backend.admission.EventNotFoundException;
import dev.firstcome.backend.audit.AuditApi;
import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.issuance.IssuanceApi;
import dev.firstcome.backend.rush.warmup.WarmupLauncher;
import dev.firstcome.backend.rush.warmup.WarmupScheduler;
import dev.firstcome.backend.security.CustomerIdentity;
import dev.firstcome.model.CrashReport;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventView;
import dev.firstcome.model.RushHistoryEntry;
import dev.firstcome.model.RushReport;
import dev.firstcome.model.RushRequest;
import dev.firstcome.model.RushResult;
import dev.firstcome.model.RushState;
import dev.firstcome.model.StrategyComparison;
import dev.firstcome.model.StrategyResult;
import dev.firstcome.model.WaitingRoom;
import dev.firstcome.model.WaitingRoomMode;
import dev.firstcome.model.WarmupPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * {@link RushApi}: the rushes this server started (the last few finished ones are kept) and their
 * execution, on virtual threads, one run at a time per rush, several rushes may overlap. Requests are
 * checked by {@link RushRequestValidator}; scheduled warm-ups are {@link WarmupScheduler}'s, which
 * starts them here.
 */
@Service
class RushService implements RushApi, WarmupLauncher, DisposableBean {

    private static final int KEEP_FINISHED = 20;
    /** How long before its opening a lab event with a shuffled pre-queue is created (users join meanwhile). */
    private static final Duration PREQUEUE_LEAD = Duration.ofSeconds(5);
    /** How often the drain looks at the persisted count. */
    private static final Duration DRAIN_POLL = Duration.ofMillis(100);

    private static final Logger log = LoggerFactory.getLogger(RushService.class);

    private final ObjectProvider<EventApi> events;
    private final ObjectProvider<IssuanceApi> issuance;
    private final RushRequestValidator validator;
    private final WarmupScheduler warmups;
    private final CustomerIdentity identity;
    private final AuditApi audit;
    private final Clock clock;
    private final FirstComeProperties.Rush settings;
    private final LabWorkerLauncher workers;
    private final ObjectProvider<StrategyCounts> lab;
    private final Map<String, RushRun> rushes = new LinkedHashMap<>();
    private final RushHistory history;

    RushService(
            ObjectProvider<EventApi> events,
            ObjectProvider<IssuanceApi> issuance,
            RushRequestValidator validator,
            WarmupScheduler warmups,
            CustomerIdentity identity,
            AuditApi audit,
            Clock clock,
            FirstComeProperties properties,
            LabWorkerLauncher workers,
            ObjectProvider<StrategyCounts> lab,
            RushHistory history) {
        this.history = history;
        this.workers = workers;
        this.lab = lab;
        this.events = events;
        this.issuance = issuance;
        this.validator = validator;
        this.warmups = warmups;
        this.identity = identity;
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
        remember(run);
        run.result().thenAccept(result -> history.record(kind, actor, result));
        audit.record(actor, "rush.start", "rush:" + id, null, request);
        Thread.ofVirtual().name("rush-" + id).start(() -> execute(run, target));
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
        synchronized (rushes) {
            return Optional.ofNullable(rushes.get(rushId));
        }
    }

    @Override
    public List<RushHandle> recent() {
        synchronized (rushes) {
            return rushes.values().stream()
                    .sorted(Comparator.comparing(RushRun::createdAt).reversed())
                    .map(RushHandle.class::cast)
                    .toList();
        }
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
        synchronized (rushes) {
            rushes.computeIfPresent(rushId, (id, run) -> run.state().finished() ? null : run);
        }
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
        synchronized (rushes) {
            rushes.values().forEach(RushRun::cancel);
        }
    }

    private void remember(RushRun run) {
        synchronized (rushes) {
            rushes.put(run.id(), run);
            if (rushes.size() > KEEP_FINISHED) {
                rushes.values().stream()
                        .filter(r -> r.state().finished())
                        .sorted(Comparator.comparing(RushRun::createdAt))
                        .limit(rushes.size() - KEEP_FINISHED)
                        .map(RushRun::id)
                        .toList()
                        .forEach(rushes::remove);
            }
        }
    }

    // ---------------------------------------------------------------- execution

    private void execute(RushRun run, RushTarget target) {
        Instant startedAt = clock.instant();
        run.state(RushState.RUNNING);
        try (var client = RushEngine.newClient()) {
            // with customer identity on (HS256) each virtual customer signs in, as real ones will
            RushEngine engine = new RushEngine(client, identity::authorizationFor);
            for (int i = 0; i < target.runs() && !run.cancelled(); i++) {
                String strategy = target.strategies().get(i);
                run.state(RushState.RUNNING);
                run.finishRun(runOne(run, target, engine, i + 1, strategy));
            }
            List<RushReport> reports = run.reports();
            RushState state = run.cancelled() ? RushState.CANCELLED : RushState.COMPLETED;
            run.complete(new RushResult(
                    run.id(),
                    state,
                    run.request(),
                    reports,
                    comparison(target, reports),
                    null,
                    startedAt,
                    clock.instant()));
        } catch (Exception e) {
            log.warn("Rush {} failed", run.id(), e);
            List<RushReport> reports = run.reports();
            run.complete(new RushResult(
                    run.id(),
                    RushState.FAILED,
                    run.request(),
                    reports,
                    comparison(target, reports),
                    String.valueOf(e.getMessage()),
                    startedAt,
                    clock.instant()));
        }
    }

    private RushReport runOne(RushRun run, RushTarget target, RushEngine engine, int number, String strategy)
            throws InterruptedException {
        boolean fresh = target.eventId() == null;
        EventView event = fresh
                ? createLabEvent(run.id(), strategy, target)
                : eventApi().find(target.eventId()).orElseThrow(() -> new EventNotFoundException(target.eventId()));
        int limit = event.dailyQuantity() == null
                ? event.totalQuantity()
                : Math.min(event.totalQuantity(), event.dailyQuantity());
        RushTally tally = new RushTally(target.requestsPerRun());
        run.startRun(number, strategy, event.id(), tally);
        List<String> users = RushEngine.schedule(
                "rush-" + run.id() + "-u",
                target.users(),
                target.repeatShare(),
                run.id().hashCode());
        WorkerFleet fleet = target.workers() > 0
                ? new WorkerFleet(
                        workers, run.id() + "-r" + number, target.workers(), target.fault(), target.requestsPerRun())
                : null;
        long elapsed;
        Instant startedAt;
        Instant finishedAt;
        CrashReport crash;
        try {
            if (fleet != null) {
                fleet.start();
            }
            startedAt = clock.instant();
            elapsed = engine.run(
                    new RushEngine.Plan(
                            target.baseUrl(),
                            event.id(),
                            users,
                            target.concurrency(),
                            target.bursts(),
                            target.burstPauseMillis(),
                            settings.requestTimeout(),
                            fleet,
                            event.room().on() ? validator.queueUrl() : null),
                    tally,
                    run.cancellation());
            finishedAt = clock.instant();
            run.state(RushState.DRAINING);
            if (fleet != null) {
                fleet.awaitFault();
            }
            crash = crash(target, fleet, tally, settledCount(strategy, event.id(), limit));
        } finally {
            if (fleet != null) {
                fleet.close();
            }
        }
        Long persisted = awaitPersisted(event.id(), tally.winners());
        if (fresh) {
            closeQuietly(event.id());
        }
        RushState state = run.cancelled() ? RushState.CANCELLED : RushState.COMPLETED;
        RushReport report = tally.report(
                run.id(), event.id(), strategy, state, limit, elapsed, persisted, startedAt, finishedAt, crash);
        log.info(
                "Rush {} run {} ({} on event {}): {} requests, {} winners for {}, oversold {}, duplicates {}, {}/s, p99 {} ms, persisted {}",
                run.id(),
                number,
                strategy,
                event.id(),
                report.completed(),
                report.winners(),
                limit,
                report.oversold(),
                report.duplicates(),
                report.throughputPerSecond(),
                report.latency().p99Ms(),
                persisted);
        if (crash.workers() > 0 || crash.counted() != null) {
            log.info(
                    "Rush {} run {} ({}): workers {}, fault {}, counted {}, lost counts {}, phantom {}, lost in flight {}, unreachable {}, back after {} ms",
                    run.id(),
                    number,
                    strategy,
                    crash.workers(),
                    crash.fault(),
                    crash.counted(),
                    crash.lostCounts(),
                    crash.phantomCounts(),
                    crash.lostInFlight(),
                    crash.unreachable(),
                    crash.recoveryMillis());
        }
        return report;
    }

    /** The crash columns: where it ran, the fault, and counted against the ISSUED answers. */
    private static CrashReport crash(RushTarget target, WorkerFleet fleet, RushTally tally, Long counted) {
        long issued = tally.issuedAnswers();
        return new CrashReport(
                target.workers(),
                target.fault().describe(),
                counted,
                counted == null ? 0 : Math.max(0, issued - counted),
                counted == null ? 0 : Math.max(0, counted - issued),
                tally.lostInFlight(),
                tally.count(RushTally.UNREACHABLE),
                fleet == null ? null : fleet.recoveryMillis());
    }

    /**
     * The strategy's own count once it stopped moving (the same value for two count lags, at least
     * half a second; at most 30 s); null when the strategy keeps none.
     */
    private Long settledCount(String strategy, long eventId, int limit) throws InterruptedException {
        StrategyCounts api = lab.getIfAvailable();
        if (api == null) {
            return null;
        }
        Long counted = api.counted(strategy, eventId, limit);
        if (counted == null) {
            return null;
        }
        long quiet = Math.max(
                Duration.ofMillis(500).toNanos(), api.countLag().multipliedBy(2).toNanos());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long stableSince = System.nanoTime();
        while (System.nanoTime() - stableSince < quiet && System.nanoTime() < deadline) {
            LockSupport.parkNanos(DRAIN_POLL.toNanos());
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while settling the count of event " + eventId);
            }
            Long now = api.counted(strategy, eventId, limit);
            if (!counted.equals(now)) {
                counted = now;
                stableSince = System.nanoTime();
            }
        }
        return counted;
    }

    /**
     * A fresh lab event, open now; with a shuffled pre-queue it opens {@link #PREQUEUE_LEAD} from now, so
     * the virtual users arrive in the pre-queue and are shuffled at the opening, as on a launch day.
     */
    private EventView createLabEvent(String rushId, String strategy, RushTarget target) {
        Instant now = clock.instant();
        WaitingRoom room = target.room();
        Instant startsAt = room != null && room.mode() == WaitingRoomMode.SHUFFLED_PREQUEUE
                ? now.plus(PREQUEUE_LEAD)
                : now.minusSeconds(60);
        return eventApi()
                .create(new EventDraft(
                        "rush " + rushId + " " + strategy,
                        target.quantity(),
                        target.dailyQuantity(),
                        null,
                        null,
                        startsAt,
                        now.plus(Duration.ofDays(1)),
                        ZoneOffset.UTC.getId(),
                        true,
                        strategy,
                        null,
                        null,
                        null,
                        room));
    }

    private void closeQuietly(long eventId) {
        try {
            eventApi().close(eventId);
        } catch (RuntimeException e) {
            log.debug("Could not close lab event {}: {}", eventId, e.getMessage());
        }
    }

    /** Rows persisted for the event once they reach {@code winners} or the drain timeout passed; null without issuance. */
    private Long awaitPersisted(long eventId, long winners) throws InterruptedException {
        IssuanceApi api = issuance.getIfAvailable();
        if (api == null) {
            return null;
        }
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        long persisted = api.persistedCount(eventId);
        while (persisted < winners && System.nanoTime() < deadline) {
            LockSupport.parkNanos(DRAIN_POLL.toNanos());
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while draining event " + eventId);
            }
            persisted = api.persistedCount(eventId);
        }
        return persisted;
    }

    private static StrategyComparison comparison(RushTarget target, List<RushReport> reports) {
        List<StrategyResult> rows = new ArrayList<>();
        reports.forEach(r -> rows.add(StrategyResult.of(r)));
        int quantity = target.quantity() != null
                ? target.quantity()
                : reports.isEmpty() ? 0 : reports.getFirst().limit();
        return new StrategyComparison(target.users(), quantity, target.concurrency(), rows);
    }

    private EventApi eventApi() {
        EventApi api = events.getIfAvailable();
        if (api == null) {
            throw new IllegalStateException("no EventApi in this context: rushes need events");
        }
        return api;
    }
}
