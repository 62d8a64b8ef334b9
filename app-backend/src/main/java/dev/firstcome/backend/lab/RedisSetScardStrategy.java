package dev.firstcome.backend.lab;

import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.model.ApplyOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code redis-set-scard}, the daily-limit post's first approach: SISMEMBER (already applied?), SCARD
 * (sold out?), then SADD. Each command is atomic, the sequence is not: under a race many requests see
 * the same SCARD and all add themselves (oversold, "263 winners for 250 places"), and two requests of
 * one user both pass SISMEMBER (duplicate win). Unsafe on purpose.
 */
@Component
class RedisSetScardStrategy implements AdmissionStrategy {

    static final String NAME = "redis-set-scard";

    private final StringRedisTemplate redis;
    private final LabKeys keys;

    RedisSetScardStrategy(StringRedisTemplate redis, LabKeys keys) {
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
        String applied = keys.applied(NAME, id);
        if (Boolean.TRUE.equals(redis.opsForSet().isMember(applied, userId))) {
            return Decision.refused(ApplyOutcome.ALREADY_APPLIED);
        }
        Long size = redis.opsForSet().size(applied);
        if (size != null && size >= event.totalQuantity()) {
            return Decision.refused(ApplyOutcome.SOLD_OUT);
        }
        String daySet = keys.day(NAME, id, day);
        if (event.dailyQuantity() != null) {
            Long today = redis.opsForSet().size(daySet);
            if (today != null && today >= event.dailyQuantity()) {
                return Decision.refused(ApplyOutcome.DAILY_SOLD_OUT);
            }
        }
        redis.opsForSet().add(applied, userId);
        if (event.dailyQuantity() != null) {
            redis.opsForSet().add(daySet, userId);
            redis.expire(daySet, Duration.ofDays(4));
        }
        Long rank = redis.opsForSet().size(applied);
        long admissionId = redis.opsForValue().increment(keys.seq(NAME, id));
        return new Decision(ApplyOutcome.ISSUED, rank == null ? admissionId : rank, admissionId);
    }

    @Override
    public void undo(EventLimits event, String userId, LocalDate day, Decision decision) {
        redis.opsForSet().remove(keys.applied(NAME, event.eventId()), userId);
        if (event.dailyQuantity() != null) {
            redis.opsForSet().remove(keys.day(NAME, event.eventId(), day), userId);
        }
    }
}
