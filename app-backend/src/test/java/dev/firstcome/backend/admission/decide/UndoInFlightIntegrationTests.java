package dev.firstcome.backend.admission.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.admission.AdmissionStrategy.Decision;
import dev.firstcome.backend.admission.AdmissionStrategy.EventLimits;
import dev.firstcome.backend.admission.decide.UndoQueue.PendingUndo;
import dev.firstcome.backend.admission.state.AdmissionKeys;
import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.HttpApi.Answer;
import dev.firstcome.model.ApplyOutcome;
import dev.firstcome.model.EventView;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An admission whose Kafka send failed and whose undo could not reach Redis yet (queued for the background
 * retry) is in flight, not lost: reconcile does not count it, the lost admission repair leaves it alone,
 * and once the undo goes through the slot is back and no coupon exists.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // the context of monitor.LostAdmissionRepairIntegrationTests (same properties: one context)
        properties = {
            "firstcome.namespace=repair-it",
            "firstcome.kafka.send-timeout=2s",
            "firstcome.admission.undo-retry-interval=1s",
            "firstcome.repair.after=6s",
            "firstcome.repair.interval=1s",
            "firstcome.repair.first-delay=1s"
        })
class UndoInFlightIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    UndoQueue undos;

    @Autowired
    StrategyRegistry strategies;

    @Autowired
    EventApi events;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    AdmissionKeys keys;

    @Autowired
    FirstComeProperties properties;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    @Autowired
    @Qualifier("admitScript")
    @SuppressWarnings("rawtypes")
    RedisScript<List> admitScript;

    @Test
    void anAdmissionWhoseUndoIsQueuedIsInFlightNotLostAndIsNeverRepublished() {
        var api = new HttpApi(port);
        String run = UUID.randomUUID().toString().substring(0, 8);
        long eventId = api.createOpenEvent("undo in flight " + run, 10, null);
        EventView event = events.find(eventId).orElseThrow();
        LocalDate day = AdmissionWindow.day(event, clock.instant());
        String user = "undoing-" + run;
        // Redis refuses the undo for now: the event's revoked set is not a set (undo.lua fails before writing)
        redis.opsForValue().set(keys.revoked(eventId), "not a set");
        // admitted long enough ago that, without its undo, it would be lost
        List<?> admitted = redis.execute(
                admitScript,
                keys.admitKeys(eventId, day),
                user,
                day.toString(),
                Long.toString(clock.instant().minus(Duration.ofMinutes(5)).toEpochMilli()),
                Long.toString(properties.redis().dayCounterTtl().toSeconds()));
        var decision = new Decision(
                ApplyOutcome.ISSUED, ((Number) admitted.get(1)).longValue(), ((Number) admitted.get(2)).longValue());
        var undo = new PendingUndo(
                strategies.production(),
                new EventLimits(eventId, event.totalQuantity(), event.dailyQuantity()),
                user,
                day,
                decision);

        // the hand-off failed: the undo is tried three times, then queued
        undos.undo(undo).join();

        assertThat(undos.undoing(eventId)).containsExactly(decision.admissionId());
        Answer report = api.admin("GET", "/api/admin/events/" + eventId + "/reconcile", null);
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.number("admitted")).isEqualTo(1);
        assertThat(report.number("lost")).isZero();
        assertThat(report.number("inFlight")).isEqualTo(1);

        // Redis takes the undo again: the background retry undoes it, the repair never republished it
        redis.delete(keys.revoked(eventId));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> undos.undoing(eventId).isEmpty());
        assertThat(redis.opsForHash().hasKey(keys.applied(eventId), user)).isFalse();
        assertThat(redis.opsForValue().get(keys.total(eventId))).isEqualTo("0");
        assertThat(redis.opsForSet().isMember(keys.revoked(eventId), Long.toString(decision.admissionId())))
                .isTrue();
        Answer after = api.admin("GET", "/api/admin/events/" + eventId + "/reconcile", null);
        assertThat(after.number("admitted")).isZero();
        assertThat(after.number("lost")).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM coupon WHERE event_id = ?", Long.class, eventId))
                .isZero();
    }
}
