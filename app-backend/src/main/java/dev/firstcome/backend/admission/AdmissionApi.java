package dev.firstcome.backend.admission;

import dev.firstcome.model.AdmissionCounts;
import dev.firstcome.model.ApplyResult;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.EventView;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The apply path and the admission state in Redis.
 *
 * <p>{@link #apply} runs one Lua script (window, dedupe, total and daily limits), then hands the
 * admission to Kafka and returns only after the broker acknowledged it. If the send fails the
 * admission is undone and {@link AdmissionUnavailableException} is thrown (HTTP 503); so is it when
 * Redis is down or the event's Redis state is missing (being rebuilt).
 */
public interface AdmissionApi {

    ApplyResult apply(long eventId, String userId);

    /**
     * {@link #apply} without blocking the caller (the apply server's path): completes with the result
     * once Redis decided and, when issued, Kafka acknowledged; fails with the exceptions {@link #apply}
     * throws.
     */
    default java.util.concurrent.CompletableFuture<ApplyResult> applyAsync(long eventId, String userId) {
        try {
            return java.util.concurrent.CompletableFuture.completedFuture(apply(eventId, userId));
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    /** Live counters from Redis. */
    AdmissionCounts counts(long eventId);

    /** Whether the event's meta hash exists in Redis (false after Redis lost its data). */
    boolean stateLoaded(long eventId);

    /** Every admitted user of the event with the admission Redis recorded (for reconcile and heal). */
    Map<String, CouponAdmitted> admitted(long eventId);

    /** Which of these admission ids were revoked (undone after a failed send). One Redis call. */
    Set<Long> revoked(long eventId, Collection<Long> admissionIds);

    /**
     * Rebuilds the event's Redis admission state from persisted (and failed-open) admissions: applied,
     * total, today's counter and a sequence no lower than {@code seqFloor}. Only call once the consumer
     * has drained. The meta hash is deleted first and stays absent (applies answer 503) until the event
     * feature writes it from the database with {@link #restoreMeta}; then the event admits again.
     */
    void restoreState(long eventId, List<CouponAdmitted> admissions, long seqFloor);

    /** Adds admissions to Redis without touching existing ones (heal: persisted users unknown to Redis). */
    int restoreUsers(long eventId, List<CouponAdmitted> admissions);

    /** Publishes an admission again and waits for the broker's ack (heal of a lost record). */
    void republish(CouponAdmitted admitted);

    /**
     * Writes the event's limits and status into its meta hash under {@code version}, so the very next
     * apply sees them. The caller holds the event's row lock and is committing {@code version} in the
     * database. A hash that holds this or a later version is left as it is ({@link MetaWrite.Stale}: a
     * late write never takes the limits backward); {@link MetaWrite.Limits} says how the limits are
     * checked against what was admitted. If Redis lost the event's state the hash is not recreated (that
     * would reopen sold coupons): a rebuild is requested ({@link MetaWrite.StateMissing}). Redis failing
     * or not answering in time throws {@link AdmissionUnavailableException}; then the write may or may
     * not have happened.
     */
    MetaWrite writeMeta(EventView event, long version, MetaWrite.Limits limits);

    /** Creates the meta hash of a new event (no admissions exist yet) under its first version. */
    void initializeMeta(EventView event, long version);

    /**
     * Recreates the meta hash after {@link #restoreState}, from the event as the database holds it under
     * the row lock. Returns false when the hash already holds this or a later version.
     */
    boolean restoreMeta(EventView event, long version);

    /** Stops admitting (every apply answers 503); used by graceful shutdown. */
    void stopAdmitting();
}
