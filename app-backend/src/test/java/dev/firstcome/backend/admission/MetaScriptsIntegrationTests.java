package dev.firstcome.backend.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.admission.state.AdmissionKeys;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * limits.lua and meta.lua against the real Redis: the meta hash only ever moves to a later version (a
 * late or repeated write of an older snapshot leaves it as it was), limits are checked against what was
 * issued, and a repair raises them to it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MetaScriptsIntegrationTests {

    static final LocalDate DAY = LocalDate.of(2031, 3, 1);

    // far above the ids of the events other test classes create in the same database
    static final AtomicLong EVENTS = new AtomicLong(9_000_000_000L + System.nanoTime() % 1_000_000_000L);

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    @SuppressWarnings("rawtypes")
    RedisScript<List> limitsScript;

    @Autowired
    @SuppressWarnings("rawtypes")
    RedisScript<List> metaScript;

    @Autowired
    AdmissionKeys keys;

    @Test
    void anOlderOrRepeatedVersionLeavesTheHashAsItWas() {
        long event = eventWithMeta(5, 50, 7);
        Map<Object, Object> before = redis.opsForHash().entries(keys.meta(event));

        List<Object> older = limits(event, 4, 10, 0, "0", "1", "check");
        List<Object> repeated = limits(event, 5, 25, 0, "1", "0", "keep");

        assertThat(older).containsExactly("STALE", 5L);
        assertThat(repeated).containsExactly("STALE", 5L);
        assertThat(redis.opsForHash().entries(keys.meta(event))).isEqualTo(before);
    }

    @Test
    void aLaterVersionIsWrittenWithItsLimitsAndFlags() {
        long event = eventWithMeta(5, 50, 7);

        List<Object> later = limits(event, 6, 25, 8, "1", "0", "check");

        assertThat(later).containsExactly("OK", 25L, 8L);
        assertThat(redis.opsForHash().entries(keys.meta(event)))
                .containsEntry("version", "6")
                .containsEntry("total", "25")
                .containsEntry("daily", "8")
                .containsEntry("paused", "1")
                .containsEntry("closed", "0");
    }

    @Test
    void aTotalBelowIssuedIsRefusedAndChangesNothing() {
        long event = eventWithMeta(2, 50, 7);
        Map<Object, Object> before = redis.opsForHash().entries(keys.meta(event));

        List<Object> refused = limits(event, 3, 6, 0, "0", "0", "check");
        List<Object> refusedDaily = limits(event, 3, 50, 2, "0", "0", "check");

        assertThat(refused).containsExactly("TOTAL_BELOW_ISSUED", 7L);
        assertThat(refusedDaily).containsExactly("DAILY_BELOW_ISSUED", 7L);
        assertThat(redis.opsForHash().entries(keys.meta(event))).isEqualTo(before);
    }

    @Test
    void aRepairRaisesTheLimitsToWhatWasIssued() {
        long event = eventWithMeta(2, 50, 7);

        List<Object> repaired = limits(event, 3, 5, 2, "0", "0", "clamp");

        assertThat(repaired).containsExactly("OK", 7L, 7L);
        assertThat(redis.opsForHash().entries(keys.meta(event)))
                .containsEntry("total", "7")
                .containsEntry("daily", "7");
    }

    @Test
    void limitsNeverRecreateALostHash() {
        long event = EVENTS.incrementAndGet();

        assertThat(limits(event, 1, 5, 0, "0", "0", "keep")).containsExactly("NO_STATE");
        assertThat(redis.hasKey(keys.meta(event))).isFalse();
    }

    @Test
    void aRebuildRecreatesTheHashButNeverOverALaterVersion() {
        long event = EVENTS.incrementAndGet();

        List<Object> created = meta(event, 3, 20);
        List<Object> older = meta(event, 2, 99);

        assertThat(created).containsExactly("OK");
        assertThat(older).containsExactly("STALE", 3L);
        assertThat(redis.opsForHash().entries(keys.meta(event)))
                .containsEntry("version", "3")
                .containsEntry("total", "20");
    }

    private long eventWithMeta(long version, int total, int issued) {
        long event = EVENTS.incrementAndGet();
        redis.opsForHash()
                .putAll(
                        keys.meta(event),
                        Map.of(
                                "version",
                                Long.toString(version),
                                "total",
                                Integer.toString(total),
                                "daily",
                                "0",
                                "paused",
                                "0",
                                "closed",
                                "0"));
        redis.opsForValue().set(keys.total(event), Integer.toString(issued));
        redis.opsForValue().set(keys.day(event, DAY), Integer.toString(issued));
        return event;
    }

    @SuppressWarnings("unchecked")
    private List<Object> limits(
            long event, long version, int total, int daily, String paused, String closed, String mode) {
        return (List<Object>) redis.execute(
                limitsScript,
                keys.limitKeys(event, DAY),
                Long.toString(version),
                Integer.toString(total),
                Integer.toString(daily),
                paused,
                closed,
                mode);
    }

    @SuppressWarnings("unchecked")
    private List<Object> meta(long event, long version, int total) {
        return (List<Object>) redis.execute(
                metaScript, List.of(keys.meta(event)), Long.toString(version), Integer.toString(total), "0", "0", "0");
    }
}
