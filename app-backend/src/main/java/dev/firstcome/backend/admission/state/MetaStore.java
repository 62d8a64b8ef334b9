package dev.firstcome.backend.admission.state;

import dev.firstcome.backend.admission.AdmissionUnavailableException;
import dev.firstcome.backend.admission.MetaWrite;
import dev.firstcome.backend.admission.decide.AdmissionWindow;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/** An event's meta hash (version, limits, status): created, written by edits (limits.lua), restored (meta.lua). */
@Component
class MetaStore {

    private final StringRedisTemplate redis;
    private final AdmissionKeys keys;

    @SuppressWarnings("rawtypes")
    private final RedisScript<List> limitsScript;

    @SuppressWarnings("rawtypes")
    private final RedisScript<List> metaScript;

    private final StateMissingSignal missing;
    private final Clock clock;

    @SuppressWarnings("rawtypes")
    MetaStore(
            StringRedisTemplate redis,
            AdmissionKeys keys,
            RedisScript<List> limitsScript,
            RedisScript<List> metaScript,
            StateMissingSignal missing,
            Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.limitsScript = limitsScript;
        this.metaScript = metaScript;
        this.missing = missing;
        this.clock = clock;
    }

    void initializeMeta(EventView event, long version) {
        try {
            var meta = new LinkedHashMap<String, String>();
            meta.put("version", Long.toString(version));
            meta.putAll(meta(event.totalQuantity(), event.dailyQuantity(), event.status()));
            redis.opsForHash().putAll(keys.meta(event.id()), meta);
        } catch (DataAccessException e) {
            throw new AdmissionUnavailableException("Redis is unavailable; the event was not created", e);
        }
    }

    boolean restoreMeta(EventView event, long version) {
        var args = new ArrayList<String>();
        args.add(Long.toString(version));
        args.addAll(meta(event.totalQuantity(), event.dailyQuantity(), event.status())
                .values());
        List<?> result = redis.execute(metaScript, List.of(keys.meta(event.id())), args.toArray());
        boolean written = "OK".equals(String.valueOf(result.getFirst()));
        missing.clear(event.id());
        return written;
    }

    MetaWrite writeMeta(EventView event, long version, MetaWrite.Limits limits) {
        LocalDate today = AdmissionWindow.day(event, clock.instant());
        var args = new ArrayList<String>();
        args.add(Long.toString(version));
        args.addAll(meta(event.totalQuantity(), event.dailyQuantity(), event.status())
                .values());
        args.add(limits.name().toLowerCase(Locale.ROOT));
        List<?> result;
        try {
            result = redis.execute(limitsScript, keys.limitKeys(event.id(), today), args.toArray());
        } catch (DataAccessException | io.lettuce.core.RedisException e) {
            throw new AdmissionUnavailableException(
                    "Redis did not confirm the change of event " + event.id() + "'s limits and status", e);
        }
        String status = String.valueOf(result.getFirst());
        return switch (status) {
            case "OK" -> {
                int daily = ((Number) result.get(2)).intValue();
                yield new MetaWrite.Written(((Number) result.get(1)).intValue(), daily == 0 ? null : daily);
            }
            case "STALE" -> new MetaWrite.Stale(((Number) result.get(1)).longValue());
            case "TOTAL_BELOW_ISSUED" ->
                new MetaWrite.BelowIssued(
                        "totalQuantity",
                        "totalQuantity cannot be lower than the " + result.get(1) + " coupons already issued");
            case "DAILY_BELOW_ISSUED" ->
                new MetaWrite.BelowIssued(
                        "dailyQuantity",
                        "dailyQuantity cannot be lower than the " + result.get(1) + " coupons issued today");
            default -> {
                missing.announce(event.id());
                yield new MetaWrite.StateMissing();
            }
        };
    }

    /** The meta fields after the version, in the order limits.lua and meta.lua take them. */
    private static Map<String, String> meta(int total, Integer daily, EventStatus status) {
        var meta = new LinkedHashMap<String, String>();
        meta.put("total", Integer.toString(total));
        meta.put("daily", daily == null ? "0" : Integer.toString(daily));
        meta.put("paused", status == EventStatus.PAUSED ? "1" : "0");
        meta.put("closed", status == EventStatus.CLOSED ? "1" : "0");
        return meta;
    }
}
