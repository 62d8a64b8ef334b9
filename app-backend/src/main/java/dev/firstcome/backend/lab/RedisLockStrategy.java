package dev.firstcome.backend.lab;

import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.backend.admission.AdmissionUnavailableException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RLock;
import org.springframework.stereotype.Component;

/**
 * {@code redis-lock}, as in the sources: a Redisson {@link RLock} per event around check-then-set.
 * Correct across servers, but every apply of an event queues for one lock ("764 RPS with a
 * distributed lock"): several round trips plus the lock's own, all serialised.
 */
@Component
class RedisLockStrategy implements AdmissionStrategy {

    static final String NAME = "redis-lock";
    private static final long WAIT_SECONDS = 10;
    private static final long LEASE_SECONDS = 5;

    private final LabRedisson redisson;
    private final LabRedisCounter counter;
    private final LabKeys keys;

    RedisLockStrategy(LabRedisson redisson, LabRedisCounter counter, LabKeys keys) {
        this.redisson = redisson;
        this.counter = counter;
        this.keys = keys;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision admit(EventLimits event, String userId, LocalDate day, Instant now) {
        RLock lock = lock(event);
        locked(lock);
        try {
            return counter.checkAndSet(NAME, event, userId, day);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void undo(EventLimits event, String userId, LocalDate day, Decision decision) {
        RLock lock = lock(event);
        locked(lock);
        try {
            counter.undo(NAME, event, userId, day);
        } finally {
            lock.unlock();
        }
    }

    private RLock lock(EventLimits event) {
        return redisson.client().getLock(keys.key(NAME, event.eventId(), "lock"));
    }

    private static void locked(RLock lock) {
        try {
            if (!lock.tryLock(WAIT_SECONDS, LEASE_SECONDS, TimeUnit.SECONDS)) {
                throw new AdmissionUnavailableException(
                        "The lab lock was not acquired within " + WAIT_SECONDS + " s; nothing was changed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdmissionUnavailableException("Interrupted while waiting for the lab lock", e);
        }
    }
}
