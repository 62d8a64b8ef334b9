package dev.firstcome.backend.rush;

import dev.firstcome.model.EventView;
import dev.firstcome.model.RushHistoryEntry;
import dev.firstcome.model.RushRequest;
import dev.firstcome.model.RushResult;
import dev.firstcome.model.WarmupPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rush simulator, the strategy lab and the launch-day warm-up.
 *
 * <p>A rush sends applies over real HTTP ({@code POST {baseUrl}/api/events/{id}/apply}) from virtual
 * threads, never by calling the apply service in-process. {@link #start} returns at once with a
 * {@link RushHandle}: poll {@link RushHandle#progress()} for a progress bar, {@link RushHandle#cancel()}
 * to stop sending, {@link RushHandle#result()} for the report.
 *
 * <p>Failures: {@link InvalidRushRequestException} (an {@code InvalidRequestException}) naming the bad field (users, concurrency,
 * repeatShare, bursts, quantity, strategies, eventId), {@code EventNotFoundException} for an unknown
 * event.
 */
public interface RushApi {

    /** Validates the request and starts the rush in the background. */
    RushHandle start(RushRequest request);

    /** Starts the rush and waits for its result (at most {@code timeout}; then it is cancelled). */
    RushResult run(RushRequest request, Duration timeout);

    /** A rush started by this server, while it is remembered (the last few finished ones are kept). */
    Optional<RushHandle> find(String rushId);

    /** Rushes started by this server, newest first. */
    List<RushHandle> recent();

    /**
     * Finished rushes and warm-ups of this deployment (every server sharing the database), newest first,
     * at most {@code limit}; kept across restarts (the newest 200).
     */
    List<RushHistoryEntry> history(int limit);

    /** A finished rush or warm-up from the history (also once this server has forgotten its handle). */
    Optional<RushHistoryEntry> finished(String rushId);

    /** Names of the admission strategies lab events may use ({@code lua} and the lab's). */
    Set<String> strategies();

    /**
     * Starts a warm-up now: a synthetic rush of {@code users} users (0 = the configured default) on a
     * fresh lua lab event through the real HTTP path, so that the JIT has compiled the apply path
     * before customers arrive.
     */
    RushHandle warmUp(int users);

    /** Schedules a warm-up at {@code runAt} (e.g. {@code event.startsAt() - 5 minutes}). */
    WarmupPlan scheduleWarmUp(Long forEventId, Instant runAt, int users);

    /**
     * Schedules a warm-up {@code lead} before the event opens ({@code startsAt - lead}; at once when
     * that moment has passed).
     */
    WarmupPlan scheduleWarmUpBefore(EventView event, Duration lead, int users);

    /** Warm-ups scheduled or started, newest first. */
    List<WarmupPlan> warmUps();

    /** Cancels a scheduled warm-up that has not started; false when unknown or already started. */
    boolean cancelWarmUp(String warmupId);
}
