package dev.firstcome.backend.admission;

import dev.firstcome.model.AdmissionCounts;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.EventState;
import dev.firstcome.model.EventView;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The admission state of an event in Redis: counters, the admitted users, the meta hash the apply
 * path reads (limits, status, version), and its restore after Redis lost it.
 */
public interface AdmissionStateApi {

    /** Live counters from Redis. */
    AdmissionCounts counts(long eventId);

    /**
     * The event's true state now ({@link EventStates}: the apply path's rule with the live counters):
     * OPENS_IN with the opening, OPEN, DAILY_SOLD_OUT with the reopening, SOLD_OUT, PAUSED, ENDED,
     * CLOSED, REBUILDING. When Redis cannot be read the counters are not judged and the state says
     * what the window and status alone decide.
     */
    EventState state(long eventId);

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

    /**
     * Rebuilds the event's lost state from the database now (the caller guarantees the pipeline has
     * drained), on the rebuild thread, under the event's rebuild lock; returns the number of admissions
     * restored (0 when the state was loaded meanwhile or another instance is rebuilding it).
     */
    int rebuildNow(long eventId, Duration timeout);

    /** Adds admissions to Redis without touching existing ones (heal: persisted users unknown to Redis). */
    int restoreUsers(long eventId, List<CouponAdmitted> admissions);

    /** Publishes an admission again and waits for the broker's ack (heal of a lost record). */
    void republish(CouponAdmitted admitted);

    /**
     * Republishes an admission whose record Kafka never got (heal, the lost admission repair), once:
     * claims it in Redis first (the user still holds exactly this admission, it was never revoked, and
     * nobody claimed it less than {@code lease} ago), then publishes it with its original id and rank and
     * waits for the broker's ack. A claimed admission is never undone afterwards (an undo still queued
     * keeps it), so the republished record cannot persist a coupon whose slot was given back. Returns
     * false when it was not claimed; {@link AdmissionUnavailableException} when Kafka did not acknowledge
     * it (the claim expires after {@code lease} and a later repair tries again).
     */
    boolean republishOnce(CouponAdmitted admitted, Duration lease);

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
}
