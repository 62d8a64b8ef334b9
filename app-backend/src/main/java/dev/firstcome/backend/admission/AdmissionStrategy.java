package dev.firstcome.backend.admission;

import dev.firstcome.model.ApplyOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;

/**
 * How an apply is decided. Production events always use the Lua script ({@link #LUA}); lab events of
 * the strategy lab may name another implementation (a Spring bean) to show why it is wrong or slow.
 * The window check (NOT_OPEN, ENDED, CLOSED) is done before a strategy is asked.
 */
public interface AdmissionStrategy {

    /** The production strategy's name (admit.lua): every non-lab event uses it. */
    String LUA = "lua";

    /** The name events refer to, e.g. {@code lua}, {@code redis-set-scard}, {@code db-naive}. */
    String name();

    /** Decides one apply for a user of an event that is inside its window. */
    Decision admit(EventLimits event, String userId, LocalDate day, Instant now);

    /**
     * The same decision without blocking the caller (the apply server's event loop). By default
     * {@link #admit} runs on a virtual thread (the lab strategies block on Redis or the database); the
     * production strategy overrides it with a non-blocking script call.
     */
    default CompletableFuture<Decision> admitAsync(EventLimits event, String userId, LocalDate day, Instant now) {
        return CompletableFuture.supplyAsync(() -> admit(event, userId, day, now), Thread::startVirtualThread);
    }

    /** Undoes an ISSUED decision whose Kafka hand-off failed (strategies that cannot undo do nothing). */
    default void undo(EventLimits event, String userId, LocalDate day, Decision decision) {}

    /** The limits a strategy needs. {@code dailyQuantity} is null without a daily limit. */
    record EventLimits(long eventId, int totalQuantity, Integer dailyQuantity) {}

    /** The outcome; rank and admissionId are set when ISSUED. */
    record Decision(ApplyOutcome outcome, long rank, long admissionId) {

        public static Decision refused(ApplyOutcome outcome) {
            return new Decision(outcome, 0, 0);
        }
    }
}
