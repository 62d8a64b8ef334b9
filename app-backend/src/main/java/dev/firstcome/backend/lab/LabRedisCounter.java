package dev.firstcome.backend.lab;

import dev.firstcome.backend.admission.AdmissionStrategy.Decision;
import dev.firstcome.backend.admission.AdmissionStrategy.EventLimits;
import dev.firstcome.model.ApplyOutcome;
import java.time.Duration;
import java.time.LocalDate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Check-then-set on Redis with one command per step (SISMEMBER, GET, GET, SADD, INCR, INCR, INCR).
 * Correct only while the caller holds a lock that every writer of the event respects: the
 * {@code redis-lock} and {@code jvm-synchronized} strategies wrap it in their lock.
 */
@Component
class LabRedisCounter {

    private static final Duration DAY_TTL = Duration.ofDays(4);

    private final StringRedisTemplate redis;
    private final LabKeys keys;

    LabRedisCounter(StringRedisTemplate redis, LabKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    Decision checkAndSet(String strategy, EventLimits event, String userId, LocalDate day) {
        long id = event.eventId();
        String applied = keys.applied(strategy, id);
        if (Boolean.TRUE.equals(redis.opsForSet().isMember(applied, userId))) {
            return Decision.refused(ApplyOutcome.ALREADY_APPLIED);
        }
        String totalKey = keys.total(strategy, id);
        if (number(redis.opsForValue().get(totalKey)) >= event.totalQuantity()) {
            return Decision.refused(ApplyOutcome.SOLD_OUT);
        }
        String dayKey = keys.day(strategy, id, day);
        if (event.dailyQuantity() != null && number(redis.opsForValue().get(dayKey)) >= event.dailyQuantity()) {
            return Decision.refused(ApplyOutcome.DAILY_SOLD_OUT);
        }
        redis.opsForSet().add(applied, userId);
        long rank = redis.opsForValue().increment(totalKey);
        if (event.dailyQuantity() != null) {
            redis.opsForValue().increment(dayKey);
            redis.expire(dayKey, DAY_TTL);
        }
        long admissionId = redis.opsForValue().increment(keys.seq(strategy, id));
        return new Decision(ApplyOutcome.ISSUED, rank, admissionId);
    }

    /** Gives the slot back: SREM the user, DECR the counters (the sequence is never decremented). */
    void undo(String strategy, EventLimits event, String userId, LocalDate day) {
        long id = event.eventId();
        redis.opsForSet().remove(keys.applied(strategy, id), userId);
        redis.opsForValue().decrement(keys.total(strategy, id));
        if (event.dailyQuantity() != null) {
            redis.opsForValue().decrement(keys.day(strategy, id, day));
        }
    }

    static long number(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }
}
