package dev.firstcome.backend.rush;

import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.backend.audit.AuditApi;
import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.event.EventNotFoundException;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.infra.InfrastructureApi;
import dev.firstcome.backend.infra.web.Ids;
import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.backend.issuance.IssuanceApi;
import dev.firstcome.backend.security.CustomerIdentity;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventView;
import dev.firstcome.model.RushReport;
import dev.firstcome.model.RushRequest;
import dev.firstcome.model.RushResult;
import dev.firstcome.model.RushState;
import dev.firstcome.model.StrategyComparison;
import dev.firstcome.model.StrategyResult;
import dev.firstcome.model.WarmupPlan;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
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
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/** {@link RushApi}: rushes run on virtual threads, one at a time per rush, several rushes may overlap. */
@Service
class RushService implements RushApi, DisposableBean {

    static final String LUA = "lua";
    private static final int KEEP_FINISHED = 20;
    private static final int MAX_STRATEGIES = 16;
    /** An event's largest quantity (the event rules' limit): a rush's lab events get no more. */
    private static final int MAX_QUANTITY = 100_000_000;
    /** How often a server looks for warm-ups scheduled on another one. */
    static final Duration WARMUP_SYNC = Duration.ofSeconds(30);
    /** A warm-up due longer ago than this when a server first sees it is dropped, not run. */
    static final Duration MISSED_AFTER = Duration.ofMinutes(10);
    /** How long warm-ups stay listed. */
    static final Duration KEEP_WARMUPS = Duration.ofDays(7);

    private static final Logger log = LoggerFactory.getLogger(RushService.class);

    private final ObjectProvider<EventApi> events;
    private final ObjectProvider<IssuanceApi> issuance;
    private final InfrastructureApi infrastructure;
    private final ObjectProvider<AdmissionStrategy> strategyBeans;
    private final FirstComeProperties.Rush settings;
    private final Map<String, RushRun> rushes = new LinkedHashMap<>();
    private final WarmupPlanStore plans;
    /** Warm-ups this server has scheduled (or run): each runs once here. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    private final Map<String, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();
    private final AtomicBoolean syncing = new AtomicBoolean();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("rush-warmup-scheduler").daemon(true).factory());

    private final CustomerIdentity identity;
    private final AuditApi audit;

    RushService(
            ObjectProvider<EventApi> events,
            ObjectProvider<IssuanceApi> issuance,
            InfrastructureApi infrastructure,
            ObjectProvider<AdmissionStrategy> strategyBeans,
            FirstComeProperties properties,
            WarmupPlanStore plans,
            CustomerIdentity identity,
            AuditApi audit) {
        this.plans = plans;
        this.identity = identity;
        this.audit = audit;
        this.events = events;
        this.issuance = issuance;
        this.infrastructure = infrastructure;
        this.strategyBeans = strategyBeans;
        this.settings = properties.rush();
    }

    @Override
    public Set<String> strategies() {
        Set<String> names = new TreeSet<>();
        names.add(LUA);
        strategyBeans.orderedStream().forEach(s -> names.add(s.name()));
        return names;
    }

    @Override
    public RushHandle start(RushRequest request) {
        return start(request, audit.currentActor());
    }

    private RushHandle start(RushRequest request, String actor) {
        Target target = validate(request);
        String id = UUID.randomUUID().toString().substring(0, 8);
        RushRun run = new RushRun(id, request, target.runs(), target.requestsPerRun());
        remember(run);
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

    // ---------------------------------------------------------------- warm-up

    /** Cancels a running rush (recorded in the audit log); empty when there is no such rush. */
    Optional<RushHandle> cancel(String rushId) {
        Optional<RushHandle> handle = find(rushId);
        handle.ifPresent(h -> {
            h.cancel();
            audit.record("rush.cancel", "rush:" + rushId, null, null);
        });
        return handle;
    }

    @Override
    public RushHandle warmUp(int users) {
        return warmUp(users, audit.currentActor());
    }

    private RushHandle warmUp(int users, String actor) {
        int count = users > 0 ? users : settings.warmupUsers();
        if (count > settings.maxUsers()) {
            throw new InvalidRequestException("users", "users must be at most " + settings.maxUsers());
        }
        // half of the users win (Kafka hand-off on the path), the rest see SOLD_OUT; 10 % repeat (ALREADY_APPLIED)
        return start(
                new RushRequest(
                        null,
                        List.of(LUA),
                        Math.max(1, count / 2),
                        null,
                        count,
                        settings.warmupConcurrency(),
                        0.1,
                        0,
                        0,
                        null),
                actor);
    }

    @Override
    public WarmupPlan scheduleWarmUp(Long forEventId, Instant runAt, int users) {
        if (runAt == null) {
            throw new InvalidRequestException("runAt", "runAt is required");
        }
        int count = users > 0 ? users : settings.warmupUsers();
        if (count > settings.maxUsers()) {
            throw new InvalidRequestException("users", "users must be at most " + settings.maxUsers());
        }
        String id = "w-" + UUID.randomUUID().toString().substring(0, 8);
        WarmupPlan plan = new WarmupPlan(id, forEventId, runAt, count, settings.warmupConcurrency(), null);
        plans.save(plan, Instant.now());
        scheduleHere(plan);
        audit.record("warmup.schedule", "warmup:" + id, null, plan);
        return plan;
    }

    /** Schedules the warm-up on this server once (every server of the deployment warms its own JVM). */
    private void scheduleHere(WarmupPlan plan) {
        if (!known.add(plan.id())) {
            return;
        }
        long delay = Math.max(0, Duration.between(Instant.now(), plan.runAt()).toMillis());
        scheduled.put(plan.id(), scheduler.schedule(() -> fire(plan), delay, TimeUnit.MILLISECONDS));
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
        RushHandle handle;
        try {
            handle = warmUp(plan.users(), "scheduler");
        } catch (RuntimeException e) {
            log.warn("Warm-up {} could not start: {}", plan.id(), e.getMessage());
            return;
        }
        log.info("Warm-up {} started as rush {} ({} users)", plan.id(), handle.id(), plan.users());
        try {
            plans.started(plan.id(), handle.id());
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
            Instant now = Instant.now();
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
            scheduler.scheduleWithFixedDelay(
                    this::syncWarmUps, WARMUP_SYNC.toMillis(), WARMUP_SYNC.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public List<WarmupPlan> warmUps() {
        return plans.since(Instant.now().minus(KEEP_WARMUPS));
    }

    @Override
    public boolean cancelWarmUp(String warmupId) {
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

    @Override
    public void destroy() {
        scheduler.shutdownNow();
        synchronized (rushes) {
            rushes.values().forEach(RushRun::cancel);
        }
    }

    // ---------------------------------------------------------------- validation

    /** What a valid request resolves to: the runs (strategy, existing event or null), sizes and settings. */
    record Target(
            List<String> strategies,
            Long eventId,
            Integer quantity,
            Integer dailyQuantity,
            int users,
            int concurrency,
            double repeatShare,
            int bursts,
            int burstPauseMillis,
            String baseUrl) {

        int runs() {
            return eventId != null ? 1 : strategies.size();
        }

        long requestsPerRun() {
            return users + Math.round(users * repeatShare);
        }
    }

    Target validate(RushRequest request) {
        if (request == null) {
            throw new InvalidRequestException("body", "a rush request body is required");
        }
        if (request.users() <= 0 || request.users() > settings.maxUsers()) {
            throw new InvalidRequestException("users", "users must be between 1 and " + settings.maxUsers());
        }
        int concurrency = request.concurrency() == null ? settings.defaultConcurrency() : request.concurrency();
        if (concurrency < 1 || concurrency > settings.maxConcurrency()) {
            throw new InvalidRequestException(
                    "concurrency", "concurrency must be between 1 and " + settings.maxConcurrency());
        }
        double repeatShare = request.repeatShare() == null ? 0 : request.repeatShare();
        if (!(repeatShare >= 0 && repeatShare <= 1)) {
            throw new InvalidRequestException("repeatShare", "repeatShare must be between 0 and 1");
        }
        int bursts = request.bursts() == null ? 0 : request.bursts();
        if (bursts < 0 || bursts > 1000 || bursts > request.users()) {
            throw new InvalidRequestException("bursts", "bursts must be between 0 and min(1000, users)");
        }
        int burstPause = request.burstPauseMillis() == null ? 0 : request.burstPauseMillis();
        if (burstPause < 0 || burstPause > 60_000) {
            throw new InvalidRequestException("burstPauseMillis", "burstPauseMillis must be between 0 and 60000");
        }
        String baseUrl = baseUrl(request.baseUrl());
        if (request.eventId() != null) {
            if (!request.strategies().isEmpty()) {
                throw new InvalidRequestException(
                        "strategies",
                        "strategies must be empty when eventId is given: the event's own strategy is used");
            }
            EventView event =
                    eventApi().find(request.eventId()).orElseThrow(() -> new EventNotFoundException(request.eventId()));
            if (!event.lab()) {
                throw new InvalidRequestException(
                        "eventId", "event " + event.id() + " is not a lab event: rushes only run on lab events");
            }
            return new Target(
                    List.of(event.strategy() == null ? LUA : event.strategy()),
                    event.id(),
                    null,
                    null,
                    request.users(),
                    concurrency,
                    repeatShare,
                    bursts,
                    burstPause,
                    baseUrl);
        }
        if (request.quantity() == null || request.quantity() < 1 || request.quantity() > MAX_QUANTITY) {
            throw new InvalidRequestException(
                    "quantity", "quantity must be between 1 and " + MAX_QUANTITY + " when no eventId is given");
        }
        if (request.dailyQuantity() != null
                && (request.dailyQuantity() < 1 || request.dailyQuantity() > request.quantity())) {
            throw new InvalidRequestException(
                    "dailyQuantity", "dailyQuantity must be between 1 and quantity when given");
        }
        List<String> strategies = request.strategies().isEmpty() ? List.of(LUA) : request.strategies();
        if (strategies.size() > MAX_STRATEGIES) {
            throw new InvalidRequestException("strategies", "at most " + MAX_STRATEGIES + " strategies per rush");
        }
        Set<String> known = strategies();
        for (String name : strategies) {
            if (name == null || !known.contains(name)) {
                throw new InvalidRequestException(
                        "strategies", "unknown strategy '" + Ids.echo(name) + "'; known: " + String.join(", ", known));
            }
        }
        return new Target(
                strategies,
                null,
                request.quantity(),
                request.dailyQuantity(),
                request.users(),
                concurrency,
                repeatShare,
                bursts,
                burstPause,
                baseUrl);
    }

    /**
     * Where the rush sends: this server's own HTTP API or apply server, and nowhere else (a rush is a
     * load generator; it must not be pointed at someone else's server). The host is a loopback
     * address, {@code localhost}, an address of this machine or its host name; the port is the main
     * port or the apply server's; no path, query, fragment or user info.
     */
    private String baseUrl(String given) {
        String own = infrastructure.applyApiUrl();
        if (given == null) {
            if (own == null || own.isBlank()) {
                throw new InvalidRequestException(
                        "baseUrl", "this server does not serve HTTP (yet): give the baseUrl of a FirstCome server");
            }
            return own;
        }
        Set<Integer> ports = new TreeSet<>();
        portOf(infrastructure.httpApiUrl()).ifPresent(ports::add);
        portOf(own).ifPresent(ports::add);
        URI uri;
        try {
            uri = URI.create(given.trim());
        } catch (IllegalArgumentException e) {
            throw notOwnUrl(ports);
        }
        boolean plain = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                && uri.getHost() != null
                && uri.getRawUserInfo() == null
                && uri.getRawQuery() == null
                && uri.getRawFragment() == null
                && (uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath()));
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        if (!plain || !ports.contains(port) || !isThisMachine(uri.getHost())) {
            throw notOwnUrl(ports);
        }
        return given.trim();
    }

    private static InvalidRequestException notOwnUrl(Set<Integer> ports) {
        return new InvalidRequestException(
                "baseUrl",
                "baseUrl must be this server's own HTTP API or apply server, e.g. http://127.0.0.1:"
                        + (ports.isEmpty() ? "8081" : ports.iterator().next())
                        + " (host: loopback, localhost or this machine; port: one of " + ports
                        + "; no path), or absent for the apply server");
    }

    private static Optional<Integer> portOf(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        int port = URI.create(url).getPort();
        return port > 0 ? Optional.of(port) : Optional.empty();
    }

    /** A loopback or local address literal, {@code localhost}, or this machine's name; never resolves other names. */
    static boolean isThisMachine(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if ("localhost".equalsIgnoreCase(name)) {
            return true;
        }
        try {
            InetAddress address = InetAddress.ofLiteral(name);
            return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (IllegalArgumentException notALiteral) {
            try {
                return name.equalsIgnoreCase(InetAddress.getLocalHost().getHostName());
            } catch (UnknownHostException e) {
                return false;
            }
        } catch (SocketException e) {
            return false;
        }
    }

    private EventApi eventApi() {
        EventApi api = events.getIfAvailable();
        if (api == null) {
            throw new IllegalStateException("no EventApi in this context: rushes need events");
        }
        return api;
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

    private void execute(RushRun run, Target target) {
        Instant startedAt = Instant.now();
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
                    Instant.now()));
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
                    Instant.now()));
        }
    }

    private RushReport runOne(RushRun run, Target target, RushEngine engine, int number, String strategy)
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
        Instant startedAt = Instant.now();
        long elapsed = engine.run(
                new RushEngine.Plan(
                        target.baseUrl(),
                        event.id(),
                        users,
                        target.concurrency(),
                        target.bursts(),
                        target.burstPauseMillis(),
                        settings.requestTimeout()),
                tally,
                run::cancelled);
        Instant finishedAt = Instant.now();
        run.state(RushState.DRAINING);
        Long persisted = awaitPersisted(event.id(), tally.winners());
        if (fresh) {
            closeQuietly(event.id());
        }
        RushState state = run.cancelled() ? RushState.CANCELLED : RushState.COMPLETED;
        RushReport report =
                tally.report(run.id(), event.id(), strategy, state, limit, elapsed, persisted, startedAt, finishedAt);
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
        return report;
    }

    private EventView createLabEvent(String rushId, String strategy, Target target) {
        Instant now = Instant.now();
        return eventApi()
                .create(new EventDraft(
                        "rush " + rushId + " " + strategy,
                        target.quantity(),
                        target.dailyQuantity(),
                        null,
                        null,
                        now.minusSeconds(60),
                        now.plus(Duration.ofDays(1)),
                        ZoneOffset.UTC.getId(),
                        true,
                        strategy));
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
            Thread.sleep(100);
            persisted = api.persistedCount(eventId);
        }
        return persisted;
    }

    private static StrategyComparison comparison(Target target, List<RushReport> reports) {
        List<StrategyResult> rows = new ArrayList<>();
        reports.forEach(r -> rows.add(StrategyResult.of(r)));
        int quantity = target.quantity() != null
                ? target.quantity()
                : reports.isEmpty() ? 0 : reports.getFirst().limit();
        return new StrategyComparison(target.users(), quantity, target.concurrency(), rows);
    }
}
