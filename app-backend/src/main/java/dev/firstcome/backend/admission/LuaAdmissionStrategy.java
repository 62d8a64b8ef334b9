package dev.firstcome.backend.admission;

import dev.firstcome.model.ApplyOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/** The production strategy: admit.lua decides in one atomic round trip; undo.lua reverses one admission. */
@Component
class LuaAdmissionStrategy implements AdmissionStrategy {

    static final String NAME = "lua";
    /** The script's answer when the event's meta hash is missing. */
    static final String NO_STATE = "NO_STATE";

    private final StringRedisTemplate redis;

    @SuppressWarnings("rawtypes")
    private final RedisScript<List> admitScript;

    private final RedisScript<Long> undoScript;
    private final AdmissionKeys keys;
    private final String dayTtlSeconds;

    @SuppressWarnings("rawtypes")
    LuaAdmissionStrategy(
            StringRedisTemplate redis,
            RedisScript<List> admitScript,
            RedisScript<Long> undoScript,
            AdmissionKeys keys,
            dev.firstcome.backend.infra.FirstComeProperties properties) {
        this.redis = redis;
        this.admitScript = admitScript;
        this.undoScript = undoScript;
        this.keys = keys;
        this.dayTtlSeconds = Long.toString(properties.redis().dayCounterTtl().toSeconds());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision admit(EventLimits event, String userId, LocalDate day, Instant now) {
        List<?> result = redis.execute(
                admitScript,
                keys.admitKeys(event.eventId(), day),
                userId,
                day.toString(),
                Long.toString(now.toEpochMilli()),
                dayTtlSeconds);
        String outcome = String.valueOf(result.getFirst());
        if (NO_STATE.equals(outcome)) {
            throw new AdmissionStateMissingException(event.eventId());
        }
        ApplyOutcome parsed = ApplyOutcome.valueOf(outcome);
        if (parsed != ApplyOutcome.ISSUED) {
            return Decision.refused(parsed);
        }
        return new Decision(
                ApplyOutcome.ISSUED, ((Number) result.get(1)).longValue(), ((Number) result.get(2)).longValue());
    }

    @Override
    public void undo(EventLimits event, String userId, LocalDate day, Decision decision) {
        redis.execute(undoScript, keys.undoKeys(event.eventId(), day), userId, Long.toString(decision.admissionId()));
    }

    /** Thrown when Redis has no state for the event (it restarted empty): the apply answers 503. */
    static final class AdmissionStateMissingException extends RuntimeException {
        private final long eventId;

        AdmissionStateMissingException(long eventId) {
            super("event " + eventId + " has no admission state in Redis", null, false, false);
            this.eventId = eventId;
        }

        long eventId() {
            return eventId;
        }
    }
}
