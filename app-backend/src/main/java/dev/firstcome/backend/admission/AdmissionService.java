package dev.firstcome.backend.admission;

import dev.firstcome.backend.admission.AdmissionStrategy.Decision;
import dev.firstcome.backend.admission.AdmissionStrategy.EventLimits;
import dev.firstcome.backend.admission.CouponAdmittedPublisher.PublishFailedException;
import dev.firstcome.backend.admission.LuaAdmissionStrategy.AdmissionStateMissingException;
import dev.firstcome.backend.event.EventNotFoundException;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.model.AdmissionCounts;
import dev.firstcome.model.ApplyOutcome;
import dev.firstcome.model.ApplyResult;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

@Service
class AdmissionService implements AdmissionApi {

    private static final Logger log = LoggerFactory.getLogger(AdmissionService.class);
    private static final int UNDO_ATTEMPTS = 3;

    private final EventLookup events;
    private final Map<String, AdmissionStrategy> strategies;
    private final AdmissionStrategy production;
    private final CouponAdmittedPublisher publisher;
    private final StringRedisTemplate redis;
    private final AdmissionKeys keys;

    @SuppressWarnings("rawtypes")
    private final RedisScript<List> limitsScript;

    @SuppressWarnings("rawtypes")
    private final RedisScript<List> metaScript;

    private final ApplicationEventPublisher applicationEvents;
    private final Clock clock;
    private final long dayTtlSeconds;
    private final Map<ApplyOutcome, Counter> outcomes = new EnumMap<>(ApplyOutcome.class);
    private final Counter unavailable;
    private final Timer latency;
    private final ConcurrentLinkedQueue<PendingUndo> pendingUndos = new ConcurrentLinkedQueue<>();
    private final Set<Long> missingAnnounced = ConcurrentHashMap.newKeySet();
    private final Executor blockingWork = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean admitting = true;

    @SuppressWarnings("rawtypes")
    AdmissionService(
            EventLookup events,
            List<AdmissionStrategy> strategies,
            CouponAdmittedPublisher publisher,
            StringRedisTemplate redis,
            AdmissionKeys keys,
            RedisScript<List> limitsScript,
            RedisScript<List> metaScript,
            ApplicationEventPublisher applicationEvents,
            Clock clock,
            FirstComeProperties properties,
            MeterRegistry meters) {
        this.events = events;
        this.strategies = new HashMap<>();
        strategies.forEach(s -> this.strategies.put(s.name(), s));
        this.production = this.strategies.get(LuaAdmissionStrategy.NAME);
        this.publisher = publisher;
        this.redis = redis;
        this.keys = keys;
        this.limitsScript = limitsScript;
        this.metaScript = metaScript;
        this.applicationEvents = applicationEvents;
        this.clock = clock;
        this.dayTtlSeconds = properties.redis().dayCounterTtl().toSeconds();
        for (ApplyOutcome outcome : ApplyOutcome.values()) {
            outcomes.put(
                    outcome,
                    Counter.builder("firstcome.apply")
                            .description("Applies by outcome")
                            .tag("outcome", outcome.name())
                            .register(meters));
        }
        this.unavailable = Counter.builder("firstcome.apply")
                .description("Applies by outcome")
                .tag("outcome", "UNAVAILABLE")
                .register(meters);
        this.latency = Timer.builder("firstcome.apply.latency")
                .description("Apply latency, Redis decision and Kafka acknowledgement included")
                .publishPercentileHistogram()
                .register(meters);
    }

    @Override
    public ApplyResult apply(long eventId, String userId) {
        UserIds.require(userId);
        long start = System.nanoTime();
        try {
            ApplyResult result = decide(eventId, userId);
            outcomes.get(result.outcome()).increment();
            return result;
        } catch (AdmissionUnavailableException e) {
            unavailable.increment();
            throw e;
        } finally {
            latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * The same decision as {@link #apply} without blocking the caller: the Lua script runs on Lettuce's
     * connection and the Kafka acknowledgement completes the future (lab strategies, which block, run
     * on a virtual thread). Fails with the exceptions {@link #apply} throws.
     */
    @Override
    public CompletableFuture<ApplyResult> applyAsync(long eventId, String userId) {
        CompletableFuture<ApplyResult> decided;
        long start;
        try {
            UserIds.require(userId);
            start = System.nanoTime();
            decided = decideAsync(eventId, userId);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return decided.whenComplete((result, failure) -> {
            if (result != null) {
                outcomes.get(result.outcome()).increment();
            } else if (unwrap(failure) instanceof AdmissionUnavailableException) {
                unavailable.increment();
            }
            latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        });
    }

    private ApplyResult decide(long eventId, String userId) {
        Attempt attempt = attempt(eventId, userId);
        if (attempt.refusal() != null) {
            return attempt.refusal();
        }
        Decision decision;
        try {
            decision = attempt.strategy().admit(attempt.limits(), userId, attempt.day(), attempt.now());
        } catch (RuntimeException e) {
            throw decisionFailure(eventId, e);
        }
        missingAnnounced.remove(eventId);
        if (decision.outcome() != ApplyOutcome.ISSUED) {
            return ApplyResult.refused(decision.outcome(), eventId, userId);
        }
        try {
            publisher.publish(attempt.admitted(decision));
        } catch (PublishFailedException e) {
            undo(attempt.strategy(), attempt.limits(), userId, attempt.day(), decision);
            throw handOffFailed(e);
        }
        return attempt.issued(decision);
    }

    private CompletableFuture<ApplyResult> decideAsync(long eventId, String userId) {
        Attempt attempt = attempt(eventId, userId);
        if (attempt.refusal() != null) {
            return CompletableFuture.completedFuture(attempt.refusal());
        }
        CompletableFuture<Decision> decided;
        try {
            decided = attempt.strategy().admitAsync(attempt.limits(), userId, attempt.day(), attempt.now());
        } catch (RuntimeException e) {
            decided = CompletableFuture.failedFuture(e);
        }
        return decided.handle((decision, failure) -> {
                    if (failure != null) {
                        throw decisionFailure(eventId, unwrap(failure));
                    }
                    missingAnnounced.remove(eventId);
                    return decision;
                })
                .thenCompose(decision -> {
                    if (decision.outcome() != ApplyOutcome.ISSUED) {
                        return CompletableFuture.completedFuture(
                                ApplyResult.refused(decision.outcome(), eventId, userId));
                    }
                    return publisher
                            .publishAsync(attempt.admitted(decision))
                            .handle((sent, failure) -> failure)
                            .thenCompose(failure -> failure == null
                                    ? CompletableFuture.completedFuture(attempt.issued(decision))
                                    // the undo retries with pauses: off the I/O thread that completed the send
                                    : CompletableFuture.supplyAsync(
                                            () -> {
                                                undo(
                                                        attempt.strategy(),
                                                        attempt.limits(),
                                                        userId,
                                                        attempt.day(),
                                                        decision);
                                                throw handOffFailed(unwrap(failure));
                                            },
                                            blockingWork));
                });
    }

    /** What an apply needs once the event, window and strategy are known, or the refusal decided before Redis. */
    private Attempt attempt(long eventId, String userId) {
        if (!admitting) {
            throw new AdmissionUnavailableException("FirstCome is shutting down and no longer admits; retry shortly");
        }
        EventView event = events.find(eventId).orElseThrow(() -> new EventNotFoundException(eventId));
        Instant now = clock.instant();
        Optional<ApplyOutcome> refusal = AdmissionWindow.refusal(event, now);
        if (refusal.isPresent()) {
            return Attempt.refused(ApplyResult.refused(refusal.get(), eventId, userId));
        }
        AdmissionStrategy strategy = strategyOf(event);
        if (strategy != production && event.status() == EventStatus.PAUSED) {
            return Attempt.refused(ApplyResult.refused(ApplyOutcome.PAUSED, eventId, userId));
        }
        LocalDate day = AdmissionWindow.day(event, now);
        var limits = new EventLimits(eventId, event.totalQuantity(), event.dailyQuantity());
        return new Attempt(null, strategy, limits, userId, day, now);
    }

    private RuntimeException decisionFailure(long eventId, Throwable failure) {
        return switch (failure) {
            case AdmissionStateMissingException missing -> stateMissing(eventId);
            case AdmissionUnavailableException unavailable -> unavailable;
            case DataAccessException e ->
                new AdmissionUnavailableException("Redis is unavailable; nothing was admitted", e);
            case io.lettuce.core.RedisException e ->
                new AdmissionUnavailableException("Redis is unavailable; nothing was admitted", e);
            case RuntimeException e -> e;
            default -> new IllegalStateException(failure);
        };
    }

    private static AdmissionUnavailableException handOffFailed(Throwable cause) {
        return new AdmissionUnavailableException(
                "Kafka did not acknowledge the admission; it was undone and you may apply again", cause);
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
    }

    private record Attempt(
            ApplyResult refusal,
            AdmissionStrategy strategy,
            EventLimits limits,
            String userId,
            LocalDate day,
            Instant now) {

        static Attempt refused(ApplyResult refusal) {
            return new Attempt(refusal, null, null, null, null, null);
        }

        CouponAdmitted admitted(Decision decision) {
            return new CouponAdmitted(limits.eventId(), userId, decision.rank(), decision.admissionId(), day, now);
        }

        ApplyResult issued(Decision decision) {
            return new ApplyResult(
                    ApplyOutcome.ISSUED, limits.eventId(), userId, decision.rank(), decision.admissionId());
        }
    }

    private AdmissionStrategy strategyOf(EventView event) {
        if (!event.lab() || event.strategy() == null || LuaAdmissionStrategy.NAME.equals(event.strategy())) {
            return production;
        }
        AdmissionStrategy strategy = strategies.get(event.strategy());
        if (strategy == null) {
            throw new AdmissionUnavailableException("Lab strategy '" + event.strategy() + "' is not available here");
        }
        return strategy;
    }

    private void undo(AdmissionStrategy strategy, EventLimits limits, String userId, LocalDate day, Decision decision) {
        for (int attempt = 1; attempt <= UNDO_ATTEMPTS; attempt++) {
            try {
                strategy.undo(limits, userId, day, decision);
                return;
            } catch (RuntimeException e) {
                log.warn(
                        "Undo of admission {} (event {}, user {}) failed, attempt {}: {}",
                        decision.admissionId(),
                        limits.eventId(),
                        userId,
                        attempt,
                        e.getMessage());
                pause(50L * attempt);
            }
        }
        log.error(
                "Admission {} of event {} for user {} could not be undone yet; retrying in the background",
                decision.admissionId(),
                limits.eventId(),
                userId);
        pendingUndos.add(new PendingUndo(strategy, limits, userId, day, decision));
    }

    @Scheduled(fixedDelay = 5000)
    void retryPendingUndos() {
        int n = pendingUndos.size();
        for (int i = 0; i < n; i++) {
            PendingUndo p = pendingUndos.poll();
            if (p == null) {
                return;
            }
            try {
                p.strategy().undo(p.limits(), p.userId(), p.day(), p.decision());
                log.info(
                        "Admission {} of event {} undone after a delay",
                        p.decision().admissionId(),
                        p.limits().eventId());
            } catch (RuntimeException e) {
                pendingUndos.add(p);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public AdmissionCounts counts(long eventId) {
        EventView event = events.find(eventId).orElseThrow(() -> new EventNotFoundException(eventId));
        LocalDate today = AdmissionWindow.day(event, clock.instant());
        try {
            List<String> values = redis.opsForValue().multiGet(List.of(keys.total(eventId), keys.day(eventId, today)));
            long admitted = parse(values == null ? null : values.get(0));
            long admittedToday = parse(values == null ? null : values.get(1));
            long remaining = Math.max(0, event.totalQuantity() - admitted);
            Long remainingToday = event.dailyQuantity() == null
                    ? null
                    : Math.max(0, Math.min(remaining, event.dailyQuantity() - admittedToday));
            return new AdmissionCounts(eventId, admitted, admittedToday, remaining, remainingToday);
        } catch (DataAccessException e) {
            throw new AdmissionUnavailableException("Redis is unavailable", e);
        }
    }

    @Override
    public boolean stateLoaded(long eventId) {
        return Boolean.TRUE.equals(redis.hasKey(keys.meta(eventId)));
    }

    @Override
    public Map<String, CouponAdmitted> admitted(long eventId) {
        Map<Object, Object> entries = redis.opsForHash().entries(keys.applied(eventId));
        var result = new LinkedHashMap<String, CouponAdmitted>(entries.size() * 2);
        entries.forEach((user, value) ->
                result.put(user.toString(), AppliedEntry.parse(eventId, user.toString(), value.toString())));
        return result;
    }

    @Override
    public Set<Long> revoked(long eventId, Collection<Long> admissionIds) {
        if (admissionIds.isEmpty()) {
            return Set.of();
        }
        Map<Object, Boolean> members = redis.opsForSet()
                .isMember(
                        keys.revoked(eventId),
                        admissionIds.stream().map(String::valueOf).toArray());
        var revoked = new HashSet<Long>();
        if (members != null) {
            members.forEach((id, member) -> {
                if (Boolean.TRUE.equals(member)) {
                    revoked.add(Long.parseLong(id.toString()));
                }
            });
        }
        return revoked;
    }

    @Override
    public void restoreState(long eventId, List<CouponAdmitted> admissions, long seqFloor) {
        EventView event = events.find(eventId).orElseThrow(() -> new EventNotFoundException(eventId));
        LocalDate today = AdmissionWindow.day(event, clock.instant());
        // meta stays absent until the end: applies keep answering 503 while this runs
        redis.delete(List.of(keys.meta(eventId), keys.applied(eventId)));
        writeApplied(eventId, admissions);
        long todayCount = admissions.stream().filter(a -> today.equals(a.day())).count();
        redis.opsForValue().set(keys.total(eventId), Long.toString(admissions.size()));
        redis.opsForValue()
                .set(keys.day(eventId, today), Long.toString(todayCount), java.time.Duration.ofSeconds(dayTtlSeconds));
        long seq = parse(redis.opsForValue().get(keys.seq(eventId)));
        if (seq < seqFloor) {
            redis.opsForValue().set(keys.seq(eventId), Long.toString(seqFloor));
        }
        log.info(
                "Restored the Redis admission state of event {}: {} admitted, {} today, sequence >= {}",
                eventId,
                admissions.size(),
                todayCount,
                seqFloor);
    }

    private void writeApplied(long eventId, List<CouponAdmitted> admissions) {
        String key = keys.applied(eventId);
        for (int from = 0; from < admissions.size(); from += 1000) {
            var chunk = new HashMap<String, String>();
            for (CouponAdmitted a : admissions.subList(from, Math.min(admissions.size(), from + 1000))) {
                chunk.put(a.userId(), AppliedEntry.format(a));
            }
            redis.opsForHash().putAll(key, chunk);
        }
    }

    @Override
    public int restoreUsers(long eventId, List<CouponAdmitted> admissions) {
        EventView event = events.find(eventId).orElseThrow(() -> new EventNotFoundException(eventId));
        LocalDate today = AdmissionWindow.day(event, clock.instant());
        int added = 0;
        int addedToday = 0;
        for (CouponAdmitted a : admissions) {
            if (Boolean.TRUE.equals(
                    redis.opsForHash().putIfAbsent(keys.applied(eventId), a.userId(), AppliedEntry.format(a)))) {
                added++;
                if (today.equals(a.day())) {
                    addedToday++;
                }
            }
        }
        if (added > 0) {
            redis.opsForValue().increment(keys.total(eventId), added);
        }
        if (addedToday > 0) {
            redis.opsForValue().increment(keys.day(eventId, today), addedToday);
            redis.expire(keys.day(eventId, today), java.time.Duration.ofSeconds(dayTtlSeconds));
        }
        long maxId =
                admissions.stream().mapToLong(CouponAdmitted::admissionId).max().orElse(0);
        long seq = parse(redis.opsForValue().get(keys.seq(eventId)));
        if (seq < maxId) {
            redis.opsForValue().set(keys.seq(eventId), Long.toString(maxId));
        }
        return added;
    }

    @Override
    public void republish(CouponAdmitted admitted) {
        try {
            publisher.publish(admitted);
        } catch (PublishFailedException e) {
            throw new AdmissionUnavailableException("Kafka did not acknowledge the republished admission", e);
        }
    }

    @Override
    public void initializeMeta(EventView event, long version) {
        try {
            var meta = new LinkedHashMap<String, String>();
            meta.put("version", Long.toString(version));
            meta.putAll(meta(event.totalQuantity(), event.dailyQuantity(), event.status()));
            redis.opsForHash().putAll(keys.meta(event.id()), meta);
        } catch (DataAccessException e) {
            throw new AdmissionUnavailableException("Redis is unavailable; the event was not created", e);
        }
    }

    @Override
    public boolean restoreMeta(EventView event, long version) {
        var args = new ArrayList<String>();
        args.add(Long.toString(version));
        args.addAll(meta(event.totalQuantity(), event.dailyQuantity(), event.status())
                .values());
        List<?> result = redis.execute(metaScript, List.of(keys.meta(event.id())), args.toArray());
        boolean written = "OK".equals(String.valueOf(result.getFirst()));
        missingAnnounced.remove(event.id());
        return written;
    }

    @Override
    public MetaWrite writeMeta(EventView event, long version, MetaWrite.Limits limits) {
        LocalDate today = AdmissionWindow.day(event, clock.instant());
        var args = new ArrayList<String>();
        args.add(Long.toString(version));
        args.addAll(meta(event.totalQuantity(), event.dailyQuantity(), event.status())
                .values());
        args.add(limits.name().toLowerCase(java.util.Locale.ROOT));
        List<?> result;
        try {
            result = redis.execute(limitsScript, keys.limitKeys(event.id(), today), args.toArray());
        } catch (DataAccessException | io.lettuce.core.RedisException e) {
            throw new AdmissionUnavailableException(
                    "Redis did not confirm the change of event " + event.id() + "'s limits and status", e);
        }
        String status = String.valueOf(result.getFirst());
        return switch (status) {
            case "OK" -> {
                int daily = ((Number) result.get(2)).intValue();
                yield new MetaWrite.Written(((Number) result.get(1)).intValue(), daily == 0 ? null : daily);
            }
            case "STALE" -> new MetaWrite.Stale(((Number) result.get(1)).longValue());
            case "TOTAL_BELOW_ISSUED" ->
                new MetaWrite.BelowIssued(
                        "totalQuantity",
                        "totalQuantity cannot be lower than the " + result.get(1) + " coupons already issued");
            case "DAILY_BELOW_ISSUED" ->
                new MetaWrite.BelowIssued(
                        "dailyQuantity",
                        "dailyQuantity cannot be lower than the " + result.get(1) + " coupons issued today");
            default -> {
                requestRebuild(event.id());
                yield new MetaWrite.StateMissing();
            }
        };
    }

    /** The meta fields after the version, in the order limits.lua and meta.lua take them. */
    private static Map<String, String> meta(int total, Integer daily, EventStatus status) {
        var meta = new LinkedHashMap<String, String>();
        meta.put("total", Integer.toString(total));
        meta.put("daily", daily == null ? "0" : Integer.toString(daily));
        meta.put("paused", status == EventStatus.PAUSED ? "1" : "0");
        meta.put("closed", status == EventStatus.CLOSED ? "1" : "0");
        return meta;
    }

    private void requestRebuild(long eventId) {
        if (missingAnnounced.add(eventId)) {
            applicationEvents.publishEvent(new AdmissionStateMissingEvent(eventId));
        }
    }

    /** Requests a rebuild of the event's lost Redis state and returns the 503 to throw meanwhile. */
    private AdmissionUnavailableException stateMissing(long eventId) {
        requestRebuild(eventId);
        return new AdmissionUnavailableException(
                "Event " + eventId + " is being restored after Redis lost its state; retry shortly");
    }

    @Override
    public void stopAdmitting() {
        admitting = false;
        publisher.flush();
    }

    void resumeAdmitting() {
        admitting = true;
    }

    private static long parse(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }

    private record PendingUndo(
            AdmissionStrategy strategy, EventLimits limits, String userId, LocalDate day, Decision decision) {}
}
