package dev.firstcome.backend.lab;

import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.model.ApplyOutcome;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code redis-incr-only}, the course's second step: INCR the event's counter and admit while the new
 * value is within the total; nothing remembers who won. INCR is atomic, so the count is exact and the
 * event never oversells, but one user sending several requests wins several times (the course's next
 * step adds the per-user set: {@code redis-incr-set}). Refusals leave the counter past the total (it
 * only counts attempts from then on). Total limit only.
 */
@Component
class RedisIncrOnlyStrategy implements AdmissionStrategy, LabCounted {

    static final String NAME = "redis-incr-only";

    private final StringRedisTemplate redis;
    private final LabKeys keys;

    RedisIncrOnlyStrategy(StringRedisTemplate redis, LabKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision admit(EventLimits event, String userId, LocalDate day, Instant now) {
        long rank = redis.opsForValue().increment(keys.total(NAME, event.eventId()));
        if (rank > event.totalQuantity()) {
            return Decision.refused(ApplyOutcome.SOLD_OUT);
        }
        return new Decision(ApplyOutcome.ISSUED, rank, rank);
    }

    /** Gives the unit back (the counter may be past the total by then: the refused attempts stay counted). */
    @Override
    public void undo(EventLimits event, String userId, LocalDate day, Decision decision) {
        redis.opsForValue().decrement(keys.total(NAME, event.eventId()));
    }

    /** The counter, capped at the total (past it, it counts refused attempts). */
    @Override
    public long counted(long eventId, int limit) {
        String value = redis.opsForValue().get(keys.total(NAME, eventId));
        return value == null ? 0 : Math.min(limit, Long.parseLong(value));
    }
}
