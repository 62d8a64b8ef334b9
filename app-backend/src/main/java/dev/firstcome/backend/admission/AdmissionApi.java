package dev.firstcome.backend.admission;

import dev.firstcome.model.ApplyResult;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The apply path.
 *
 * <p>{@link #apply} runs one Lua script (window, dedupe, total and daily limits), then hands the
 * admission to Kafka and returns only after the broker acknowledged it. If the send fails the
 * admission is undone and {@link AdmissionUnavailableException} is thrown (HTTP 503); so is it when
 * Redis is down or the event's Redis state is missing (being rebuilt). The state of an event in Redis
 * (counters, meta hash, restore after a loss) is {@link AdmissionStateApi}'s.
 */
public interface AdmissionApi {

    ApplyResult apply(long eventId, String userId);

    /**
     * {@link #apply} without blocking the caller (the apply server's path): completes with the result
     * once Redis decided and, when issued, Kafka acknowledged; fails with the exceptions {@link #apply}
     * throws.
     */
    default CompletableFuture<ApplyResult> applyAsync(long eventId, String userId) {
        try {
            return CompletableFuture.completedFuture(apply(eventId, userId));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The admission ids of the event whose hand-off failed on this server and whose undo is being tried
     * or queued (Redis did not answer it yet). They are not lost: the undo gives their slot back.
     */
    default Set<Long> undoing(long eventId) {
        return Set.of();
    }

    /** Stops admitting (every apply answers 503); used by graceful shutdown. */
    void stopAdmitting();
}
