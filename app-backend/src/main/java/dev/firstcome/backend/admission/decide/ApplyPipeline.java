package dev.firstcome.backend.admission.decide;

import dev.firstcome.backend.admission.AdmissionApi;
import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.backend.admission.AdmissionStrategy.Decision;
import dev.firstcome.backend.admission.AdmissionStrategy.EventLimits;
import dev.firstcome.backend.admission.AdmissionUnavailableException;
import dev.firstcome.backend.admission.EventLookup;
import dev.firstcome.backend.admission.EventNotFoundException;
import dev.firstcome.backend.admission.UserIds;
import dev.firstcome.backend.admission.decide.LuaAdmissionStrategy.AdmissionStateMissingException;
import dev.firstcome.backend.admission.decide.LuaAdmissionStrategy.ReplicaNotAcknowledgedException;
import dev.firstcome.backend.admission.decide.UndoQueue.PendingUndo;
import dev.firstcome.backend.admission.state.StateMissingSignal;
import dev.firstcome.model.ApplyOutcome;
import dev.firstcome.model.ApplyResult;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * The one apply pipeline: window, strategy, Kafka hand-off, undo when the hand-off failed. It never
 * blocks: the Lua script runs on Lettuce's connection and the Kafka acknowledgement completes the
 * answer (lab strategies, which block, run on a virtual thread). {@link #apply} is the same pipeline
 * joined.
 */
@Service
class ApplyPipeline implements AdmissionApi {

    private final EventLookup events;
    private final StrategyRegistry strategies;
    private final CouponAdmittedPublisher publisher;
    private final UndoQueue undos;
    private final StateMissingSignal missing;
    private final ApplyMetrics metrics;
    private final Clock clock;
    private volatile boolean admitting = true;

    ApplyPipeline(
            EventLookup events,
            StrategyRegistry strategies,
            CouponAdmittedPublisher publisher,
            UndoQueue undos,
            StateMissingSignal missing,
            ApplyMetrics metrics,
            Clock clock) {
        this.events = events;
        this.strategies = strategies;
        this.publisher = publisher;
        this.undos = undos;
        this.missing = missing;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public ApplyResult apply(long eventId, String userId) {
        UserIds.require(userId);
        long start = System.nanoTime();
        try {
            ApplyResult result = join(decide(eventId, userId));
            metrics.decided(result.outcome());
            return result;
        } catch (AdmissionUnavailableException e) {
            metrics.unavailable();
            throw e;
        } finally {
            metrics.latency(start);
        }
    }

    @Override
    public CompletableFuture<ApplyResult> applyAsync(long eventId, String userId) {
        CompletableFuture<ApplyResult> decided;
        long start;
        try {
            UserIds.require(userId);
            start = System.nanoTime();
            decided = decide(eventId, userId);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return decided.whenComplete((result, failure) -> {
            if (result != null) {
                metrics.decided(result.outcome());
            } else if (unwrap(failure) instanceof AdmissionUnavailableException) {
                metrics.unavailable();
            }
            metrics.latency(start);
        });
    }

    /** Refusals known before Redis complete at once; otherwise the strategy's decision, then Kafka's ack. */
    private CompletableFuture<ApplyResult> decide(long eventId, String userId) {
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
        var answer = new CompletableFuture<ApplyResult>();
        decided.whenComplete((decision, failure) -> {
            try {
                if (failure != null && unwrap(failure) instanceof ReplicaNotAcknowledgedException unacked) {
                    // admitted on the master only: a failover could lose it, so it is undone and not promised
                    var undo = new PendingUndo(
                            attempt.strategy(), attempt.limits(), userId, attempt.day(), unacked.decision());
                    undos.undo(undo)
                            .whenComplete(
                                    (undone, never) -> answer.completeExceptionally(new AdmissionUnavailableException(
                                            "Redis replicas did not acknowledge the admission in time; it was undone and "
                                                    + "you may apply again",
                                            unacked)));
                } else if (failure != null) {
                    answer.completeExceptionally(decisionFailure(eventId, unwrap(failure)));
                } else if (decision.outcome() != ApplyOutcome.ISSUED) {
                    missing.clear(eventId);
                    answer.complete(ApplyResult.refused(decision.outcome(), eventId, userId));
                } else {
                    missing.clear(eventId);
                    handOff(attempt, decision, answer);
                }
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    /** Publishes the admission; when Kafka did not acknowledge it, undoes it and answers 503. */
    private void handOff(Attempt attempt, Decision decision, CompletableFuture<ApplyResult> answer) {
        publisher.publishAsync(attempt.admitted(decision)).whenComplete((sent, failure) -> {
            if (failure == null) {
                answer.complete(attempt.issued(decision));
                return;
            }
            var undo = new PendingUndo(attempt.strategy(), attempt.limits(), attempt.userId(), attempt.day(), decision);
            undos.undo(undo)
                    .whenComplete((undone, never) -> answer.completeExceptionally(handOffFailed(unwrap(failure))));
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
        AdmissionStrategy strategy = strategies.of(event);
        if (strategy != strategies.production() && event.status() == EventStatus.PAUSED) {
            return Attempt.refused(ApplyResult.refused(ApplyOutcome.PAUSED, eventId, userId));
        }
        LocalDate day = AdmissionWindow.day(event, now);
        var limits = new EventLimits(eventId, event.totalQuantity(), event.dailyQuantity());
        return new Attempt(null, strategy, limits, userId, day, now);
    }

    private RuntimeException decisionFailure(long eventId, Throwable failure) {
        return switch (failure) {
            case AdmissionStateMissingException stateMissing -> {
                missing.announce(eventId);
                yield new AdmissionUnavailableException(
                        "Event " + eventId + " is being restored after Redis lost its state; retry shortly");
            }
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

    private static ApplyResult join(CompletableFuture<ApplyResult> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    @Override
    public Set<Long> undoing(long eventId) {
        return undos.undoing(eventId);
    }

    @Override
    public void stopAdmitting() {
        admitting = false;
        publisher.flush();
    }

    void resumeAdmitting() {
        admitting = true;
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
}
