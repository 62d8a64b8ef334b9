package dev.firstcome.backend.rush;

import dev.firstcome.model.OutcomeCount;
import dev.firstcome.model.RushProgress;
import dev.firstcome.model.RushReport;
import dev.firstcome.model.RushRequest;
import dev.firstcome.model.RushResult;
import dev.firstcome.model.RushState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** The handle of one rush: its state, the tally of the run going on, the reports of the runs done. */
final class RushRun implements RushHandle {

    private final String id;
    private final RushRequest request;
    private final int runs;
    private final long requestsPerRun;
    private final Instant createdAt;
    private final Cancellation cancellation = new Cancellation();
    private final CompletableFuture<RushResult> result = new CompletableFuture<>();
    private final List<RushReport> reports = new CopyOnWriteArrayList<>();

    private volatile RushState state = RushState.PENDING;
    private volatile int run;
    private volatile String strategy;
    private volatile Long eventId;
    private volatile RushTally current;

    RushRun(String id, RushRequest request, int runs, long requestsPerRun, Instant createdAt) {
        this.id = id;
        this.createdAt = createdAt;
        this.request = request;
        this.runs = runs;
        this.requestsPerRun = requestsPerRun;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public RushRequest request() {
        return request;
    }

    @Override
    public RushProgress progress() {
        RushTally tally = current;
        long sent = 0;
        long completed = 0;
        Map<String, Long> byOutcome = new HashMap<>();
        for (RushReport report : reports) {
            sent += report.requests();
            completed += report.completed();
            report.outcomes().forEach(o -> byOutcome.merge(o.outcome(), o.count(), Long::sum));
        }
        boolean currentReported = reports.size() >= run;
        if (tally != null && !currentReported) {
            sent += tally.sentCount();
            completed += tally.completedCount();
            tally.outcomes().forEach(o -> byOutcome.merge(o.outcome(), o.count(), Long::sum));
        }
        List<OutcomeCount> outcomes = byOutcome.entrySet().stream()
                .map(e -> new OutcomeCount(e.getKey(), e.getValue()))
                .sorted((a, b) -> Long.compare(b.count(), a.count()))
                .toList();
        return new RushProgress(
                id, state, run, runs, strategy, eventId, sent, completed, runs * requestsPerRun, outcomes, createdAt);
    }

    @Override
    public void cancel() {
        cancellation.cancel();
    }

    boolean cancelled() {
        return cancellation.cancelled();
    }

    Cancellation cancellation() {
        return cancellation;
    }

    @Override
    public CompletableFuture<RushResult> result() {
        return result;
    }

    Instant createdAt() {
        return createdAt;
    }

    long requestsPerRun() {
        return requestsPerRun;
    }

    void state(RushState value) {
        state = value;
    }

    RushState state() {
        return state;
    }

    void startRun(int number, String strategyName, long event, RushTally tally) {
        strategy = strategyName;
        eventId = event;
        current = tally;
        run = number;
    }

    void finishRun(RushReport report) {
        reports.add(report);
    }

    List<RushReport> reports() {
        return List.copyOf(reports);
    }

    void complete(RushResult value) {
        state = value.state();
        result.complete(value);
    }
}
