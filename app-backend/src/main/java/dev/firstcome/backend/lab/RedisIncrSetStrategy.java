package dev.firstcome.backend.lab;

import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.model.ApplyOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code redis-incr-set}, the course's approach: SADD the user (0 = already applied), then INCR the
 * counter and refuse when it went past the limit. Two separate commands, yet it never oversells
 * (INCR is atomic) nor duplicates (SADD is). A refusal takes its SADD and INCR back with two more
 * commands; meanwhile the counter is briefly past the limit and the user briefly "applied" (a
 * concurrent retry of that user is refused). Two to five round trips where the Lua script needs one.
 */
@Component
class RedisIncrSetStrategy implements AdmissionStrategy {

    static final String NAME = "redis-incr-set";

    private final StringRedisTemplate redis;
    private final LabKeys keys;

    RedisIncrSetStrategy(StringRedisTemplate redis, LabKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision admit(EventLimits event, String userId, LocalDate day, Instant now) {
        long id = event.eventId();
        Long added = redis.opsForSet().add(keys.applied(NAME, id), userId);
        if (added == null || added == 0) {
            return Decision.refused(ApplyOutcome.ALREADY_APPLIED);
        }
        long rank = redis.opsForValue().increment(keys.total(NAME, id));
        if (rank > event.totalQuantity()) {
            redis.opsForValue().decrement(keys.total(NAME, id));
            redis.opsForSet().remove(keys.applied(NAME, id), userId);
            return Decision.refused(ApplyOutcome.SOLD_OUT);
        }
        if (event.dailyQuantity() != null) {
            String dayKey = keys.day(NAME, id, day);
            long today = redis.opsForValue().increment(dayKey);
            redis.expire(dayKey, Duration.ofDays(4));
            if (today > event.dailyQuantity()) {
                redis.opsForValue().decrement(dayKey);
                redis.opsForValue().decrement(keys.total(NAME, id));
                redis.opsForSet().remove(keys.applied(NAME, id), userId);
                return Decision.refused(ApplyOutcome.DAILY_SOLD_OUT);
            }
        }
        long admissionId = redis.opsForValue().increment(keys.seq(NAME, id));
        return new Decision(ApplyOutcome.ISSUED, rank, admissionId);
    }

    @Override
    public void undo(EventLimits event, String userId, LocalDate day, Decision decision) {
        long id = event.eventId();
        redis.opsForSet().remove(keys.applied(NAME, id), userId);
        redis.opsForValue().decrement(keys.total(NAME, id));
        if (event.dailyQuantity() != null) {
            redis.opsForValue().decrement(keys.day(NAME, id, day));
        }
    }
}
