package dev.firstcome.backend.admission.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.admission.AdmissionStateApi;
import dev.firstcome.backend.infra.InfrastructureApi;
import dev.firstcome.backend.support.HttpApi;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Redis that went back in time (what a promoted replica that missed writes looks like: an older
 * {@code seq}, a persisted user missing from {@code applied}, a lower total) is detected from the facts
 * the database holds, the event is rebuilt from the database, and it reopens with the persisted count:
 * the user who already has a coupon is refused, new admissions continue above the persisted ids.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "firstcome.namespace=rollback",
            "firstcome.admission.rollback-detection=on",
            "firstcome.admission.rollback-facts-interval=500ms",
            "firstcome.monitor.rebuild-retry=500ms"
        })
class RollbackDetectionIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    InfrastructureApi infrastructure;

    @Autowired
    AdmissionStateApi state;

    @Autowired
    AdmissionKeys keys;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RollbackDetector detector;

    @Autowired
    @Qualifier("undoScript")
    RedisScript<Long> undo;

    @Test
    void aStateOlderThanTheDatabaseIsRebuiltBeforeItAdmitsAgain() {
        var api = new HttpApi("http://127.0.0.1:" + port, infrastructure.applyApiUrl());
        long event = api.createOpenEvent("rollback-facts", 10, null);
        for (String user : new String[] {"u1", "u2", "u3"}) {
            assertThat(api.apply(event, user).status()).isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        jdbc.queryForObject("SELECT COUNT(*) FROM coupon WHERE event_id = ?", Long.class, event) == 3);
        long highest =
                jdbc.queryForObject("SELECT MAX(admission_id) FROM coupon WHERE event_id = ?", Long.class, event);

        // what a replica promoted a second behind holds: the last admission is gone from every key
        redis.opsForHash().delete(keys.applied(event), "u3");
        redis.opsForValue().set(keys.total(event), "2");
        redis.opsForValue().set(keys.seq(event), Long.toString(highest - 1));

        await().atMost(Duration.ofSeconds(30)).until(() -> detector.sawRollback(event));
        await().atMost(Duration.ofSeconds(60)).until(() -> state.stateLoaded(event));

        assertThat(state.counts(event).admitted()).isEqualTo(3);
        assertThat(state.admitted(event)).containsOnlyKeys("u1", "u2", "u3");
        assertThat(api.apply(event, "u3").status()).isEqualTo(409);
        var next = api.apply(event, "u4");
        assertThat(next.status()).isEqualTo(201);
        assertThat(state.admitted(event).get("u4").admissionId()).isGreaterThan(highest);
        assertThat(state.counts(event).admitted()).isEqualTo(4);
    }

    @Test
    void anUndoQueuedBeforeTheRollbackCannotTakeTheSlotOfTheSameUsersNewAdmission() {
        var api = new HttpApi("http://127.0.0.1:" + port, infrastructure.applyApiUrl());
        long event = api.createOpenEvent("rollback-undo", 3, null);
        for (String user : new String[] {"v1", "v2"}) {
            assertThat(api.apply(event, user).status()).isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        jdbc.queryForObject("SELECT COUNT(*) FROM coupon WHERE event_id = ?", Long.class, event) == 2);
        long highest =
                jdbc.queryForObject("SELECT MAX(admission_id) FROM coupon WHERE event_id = ?", Long.class, event);
        // the lost master had admitted v3 as highest + 1, unacknowledged: its undo is still queued. The
        // promoted replica never saw it and is a step further behind, which the facts check notices
        long lostId = highest + 1;
        redis.opsForValue().set(keys.seq(event), Long.toString(highest - 1));

        await().atMost(Duration.ofSeconds(30)).until(() -> detector.sawRollback(event));
        await().atMost(Duration.ofSeconds(60)).until(() -> state.stateLoaded(event));

        // v3 applies again and wins; then the queued undo of the lost admission runs
        assertThat(api.apply(event, "v3").status()).isEqualTo(201);
        long newId = state.admitted(event).get("v3").admissionId();
        assertThat(newId).as("a rebuilt event hands out ids above any it had").isGreaterThan(lostId);
        LocalDate day = state.admitted(event).get("v3").day();
        Long undone = redis.execute(undo, keys.undoKeys(event, day), "v3", Long.toString(lostId));

        assertThat(undone).as("the undo matches no admission").isZero();
        assertThat(state.admitted(event)).containsOnlyKeys("v1", "v2", "v3");
        assertThat(state.counts(event).admitted()).isEqualTo(3);
        assertThat(api.apply(event, "v4").body().get("outcome").asString()).isEqualTo("SOLD_OUT");
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        jdbc.queryForObject("SELECT COUNT(*) FROM coupon WHERE event_id = ?", Long.class, event) == 3);
        assertThat(jdbc.queryForObject(
                        "SELECT admission_id FROM coupon WHERE event_id = ? AND user_id = 'v3'", Long.class, event))
                .as("v3's record was not dropped as revoked")
                .isEqualTo(newId);
    }
}
