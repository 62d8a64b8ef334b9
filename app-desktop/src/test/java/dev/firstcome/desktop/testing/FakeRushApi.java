package dev.firstcome.desktop.testing;

import dev.firstcome.backend.rush.RushApi;
import dev.firstcome.backend.rush.RushHandle;
import dev.firstcome.model.RushHistoryEntry;
import dev.firstcome.model.RushProgress;
import dev.firstcome.model.RushRequest;
import dev.firstcome.model.RushResult;
import dev.firstcome.model.RushState;
import dev.firstcome.model.WarmupPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Rushes the test drives by hand: progress set, result completed by the test. */
public final class FakeRushApi implements RushApi {

    private final List<Handle> started = new CopyOnWriteArrayList<>();
    private final List<WarmupPlan> plans = new CopyOnWriteArrayList<>();
    private final List<RushHistoryEntry> history = new CopyOnWriteArrayList<>();
    private volatile Set<String> strategies = Set.of("db-naive", "lua", "redis-set-scard");

    public List<Handle> started() {
        return started;
    }

    public Handle last() {
        return started.getLast();
    }

    /** A hand-driven rush. */
    public static final class Handle implements RushHandle {
        private final RushRequest request;
        private final CompletableFuture<RushResult> result = new CompletableFuture<>();
        private volatile RushProgress progress;
        private volatile boolean cancelled;

        Handle(RushRequest request) {
            this.request = request;
            this.progress = new RushProgress(
                    "r1",
                    RushState.RUNNING,
                    1,
                    1,
                    "lua",
                    request.eventId(),
                    0,
                    0,
                    request.users(),
                    List.of(),
                    Instant.now());
        }

        public void setProgress(RushProgress value) {
            progress = value;
        }

        public void finish(RushResult value) {
            result.complete(value);
        }

        public boolean cancelled() {
            return cancelled;
        }

        @Override
        public String id() {
            return "r1";
        }

        @Override
        public RushRequest request() {
            return request;
        }

        @Override
        public RushProgress progress() {
            return progress;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public CompletableFuture<RushResult> result() {
            return result;
        }
    }

    @Override
    public RushHandle start(RushRequest request) {
        Handle handle = new Handle(request);
        started.add(handle);
        return handle;
    }

    @Override
    public RushResult run(RushRequest request, Duration timeout) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<RushHandle> find(String rushId) {
        return started.stream()
                .filter(h -> h.id().equals(rushId))
                .map(h -> (RushHandle) h)
                .findFirst();
    }

    @Override
    public List<RushHandle> recent() {
        return List.copyOf(started);
    }

    @Override
    public List<RushHistoryEntry> history(int limit) {
        return history.stream().limit(limit).toList();
    }

    @Override
    public Optional<RushHistoryEntry> finished(String rushId) {
        return history.stream().filter(e -> e.rushId().equals(rushId)).findFirst();
    }

    /** Adds a finished rush to the history (newest first: add the newest last). */
    public void addHistory(RushHistoryEntry entry) {
        history.addFirst(entry);
    }

    @Override
    public Set<String> strategies() {
        return strategies;
    }

    /** The strategies offered from now on (default: db-naive, lua, redis-set-scard). */
    public void strategies(Set<String> names) {
        strategies = Set.copyOf(names);
    }

    @Override
    public RushHandle warmUp(int users) {
        return start(new RushRequest(null, List.of("lua"), users, null, users, 64, 0.0, 0, 0, null));
    }

    @Override
    public WarmupPlan scheduleWarmUpBefore(dev.firstcome.model.EventView event, java.time.Duration lead, int users) {
        Instant runAt = event.startsAt().minus(lead);
        Instant now = Instant.now();
        return scheduleWarmUp(event.id(), runAt.isBefore(now) ? now : runAt, users);
    }

    @Override
    public WarmupPlan scheduleWarmUp(Long forEventId, Instant runAt, int users) {
        WarmupPlan plan = new WarmupPlan("w-" + (plans.size() + 1), forEventId, runAt, users, 64, null);
        plans.addFirst(plan);
        return plan;
    }

    /** Marks a scheduled warm-up as started (it can no longer be cancelled). */
    public void startScheduled(String warmupId, String rushId) {
        plans.replaceAll(p -> p.id().equals(warmupId)
                ? new WarmupPlan(p.id(), p.forEventId(), p.runAt(), p.users(), p.concurrency(), rushId)
                : p);
    }

    @Override
    public List<WarmupPlan> warmUps() {
        return List.copyOf(plans);
    }

    @Override
    public boolean cancelWarmUp(String warmupId) {
        return plans.removeIf(p -> p.id().equals(warmupId) && p.rushId() == null);
    }
}
