package dev.firstcome.backend.rush;

import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.security.CustomerIdentity;
import dev.firstcome.model.CrashReport;
import dev.firstcome.model.EventView;
import dev.firstcome.model.RushReport;
import dev.firstcome.model.RushResult;
import dev.firstcome.model.RushState;
import dev.firstcome.model.StrategyComparison;
import dev.firstcome.model.StrategyResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The execution of one rush: its runs one after the other (one per strategy), each against a lab event or the
 * target event, with its worker fleet and fault, then the drain and the report.
 */
@Component
class RushExecution {

    private static final Logger log = LoggerFactory.getLogger(RushExecution.class);

    private final RushRequestValidator validator;
    private final CustomerIdentity identity;
    private final Clock clock;
    private final FirstComeProperties.Rush settings;
    private final LabWorkerLauncher workers;
    private final RushLabEvents labEvents;
    private final RushFaults faults;

    RushExecution(
            RushRequestValidator validator,
            CustomerIdentity identity,
            Clock clock,
            FirstComeProperties properties,
            LabWorkerLauncher workers,
            RushLabEvents labEvents,
            RushFaults faults) {
        this.validator = validator;
        this.identity = identity;
        this.clock = clock;
        this.settings = properties.rush();
        this.workers = workers;
        this.labEvents = labEvents;
        this.faults = faults;
    }

    /** Runs the rush to its end on the calling thread and completes its result. */
    void execute(RushRun run, RushTarget target) {
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
        EventView event = fresh ? labEvents.create(run.id(), strategy, target) : labEvents.find(target.eventId());
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
            crash = RushFaults.crash(target, fleet, tally, faults.settledCount(strategy, event.id(), limit));
        } finally {
            if (fleet != null) {
                fleet.close();
            }
        }
        Long persisted = labEvents.awaitPersisted(event.id(), tally.winners());
        if (fresh) {
            labEvents.closeQuietly(event.id());
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

    private static StrategyComparison comparison(RushTarget target, List<RushReport> reports) {
        List<StrategyResult> rows = new ArrayList<>();
        reports.forEach(r -> rows.add(StrategyResult.of(r)));
        int quantity = target.quantity() != null
                ? target.quantity()
                : reports.isEmpty() ? 0 : reports.getFirst().limit();
        return new StrategyComparison(target.users(), quantity, target.concurrency(), rows);
    }
}
