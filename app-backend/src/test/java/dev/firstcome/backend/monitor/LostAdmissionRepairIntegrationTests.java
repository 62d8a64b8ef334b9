package dev.firstcome.backend.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.admission.AdmissionStateApi;
import dev.firstcome.backend.admission.decide.AdmissionWindow;
import dev.firstcome.backend.admission.state.AdmissionKeys;
import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.issuance.IssuanceApi;
import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.HttpApi.Answer;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.ReconcileReport;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * Failure matrix row "the server dies between admission and send": an admission Redis holds and Kafka never
 * got becomes a coupon within the repair's bound ({@code after + interval}, plus the consumers' lag) without
 * anyone calling heal, and is republished once. The timings are shortened here (the defaults: 30 s + 30 s).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // shared with UndoInFlightIntegrationTests (one context): a shorter send timeout and undo retry, so
        // that the repair may judge admissions after 6 s, every second
        properties = {
            "firstcome.namespace=repair-it",
            "firstcome.kafka.send-timeout=2s",
            "firstcome.admission.undo-retry-interval=1s",
            "firstcome.repair.after=6s",
            "firstcome.repair.interval=1s",
            "firstcome.repair.first-delay=1s"
        })
class LostAdmissionRepairIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    EventApi events;

    @Autowired
    IssuanceApi issuance;

    @Autowired
    AdmissionStateApi admission;

    @Autowired
    MonitorApi monitor;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    AdmissionKeys keys;

    @Autowired
    FirstComeProperties properties;

    @Autowired
    RepairProperties repair;

    @Autowired
    KafkaLagProbe lag;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Clock clock;

    @Autowired
    @Qualifier("admitScript")
    @SuppressWarnings("rawtypes")
    RedisScript<List> admitScript;

    @Autowired
    @Qualifier("undoScript")
    RedisScript<Long> undoScript;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void anAdmissionKafkaNeverGotBecomesOneCouponWithinTheBoundWithoutHeal() {
        var api = new HttpApi(port);
        long event = api.createOpenEvent("repair " + run, 10, null);
        for (int i = 0; i < 3; i++) {
            assertThat(api.apply(event, "before-" + run + "-" + i).status()).isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> issuance.persistedCount(event) == 3);
        double repairedBefore = repaired();
        String orphan = "orphan-" + run;

        // the server died between the admission script and the Kafka send
        List<?> decision = admitDirectly(event, orphan, clock.instant());
        assertThat(decision.getFirst()).isEqualTo("ISSUED");
        long admissionId = ((Number) decision.get(2)).longValue();
        Instant admitted = clock.instant();

        // young, it may still be on its way to Kafka: in flight, not lost
        ReconcileReport young = monitor.reconcile(event);
        assertThat(young.lost()).isZero();
        assertThat(young.inFlight()).isEqualTo(1);

        // nobody calls heal: within after + interval (+ the consumers) the user holds the coupon
        Duration bound = repair.after().plus(repair.interval()).plus(Duration.ofSeconds(30));
        await().atMost(bound).until(() -> rowsOf(event, orphan) == 1);
        assertThat(Duration.between(admitted, clock.instant())).isGreaterThanOrEqualTo(repair.after());
        assertThat(issuance.persistedAdmissions(event))
                .filteredOn(a -> a.userId().equals(orphan))
                .singleElement()
                .satisfies(a -> assertThat(a.admissionId()).isEqualTo(admissionId));
        assertThat(repaired() - repairedBefore).isEqualTo(1);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ReconcileReport report = monitor.reconcile(event);
            assertThat(report.drained()).isTrue();
            assertThat(report.admitted()).isEqualTo(4);
            assertThat(report.persisted()).isEqualTo(4);
            assertThat(report.lost()).isZero();
        });
        Answer retry = api.apply(event, orphan);
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.text("outcome")).isEqualTo("ALREADY_APPLIED");
        Answer coupons = api.get("/api/users/" + orphan + "/coupons");
        assertThat(coupons.body().valueStream().filter(c -> c.get("eventId").asLong() == event))
                .hasSize(1);

        // republished once: a second repair finds nothing, and the claim refuses a second republish
        CouponAdmitted entry = admission.admitted(event).get(orphan);
        assertThat(admission.republishOnce(entry, repair.after())).isFalse();
        assertThat(repaired() - repairedBefore).isEqualTo(1);
    }

    @Test
    void theSameAdmissionPublishedTwicePersistsOnce() {
        var api = new HttpApi(port);
        long event = api.createOpenEvent("twice " + run, 10, null);
        String user = "twice-" + run;
        assertThat(api.apply(event, user).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> rowsOf(event, user) == 1);
        CouponAdmitted entry = admission.admitted(event).get(user);

        // what a repair that raced a record the broker wrote after all would do: the record twice more
        admission.republish(entry);
        admission.republish(entry);

        await().atMost(Duration.ofSeconds(60)).until(() -> lag.freshBacklog() == 0);
        assertThat(rowsOf(event, user)).isEqualTo(1);
        assertThat(monitor.reconcile(event).lost()).isZero();
    }

    @Test
    void aRevokedAdmissionIsNeverRepublished() {
        var api = new HttpApi(port);
        long event = api.createOpenEvent("revoked " + run, 10, null);
        String user = "revoked-" + run;
        List<?> decision = admitDirectly(event, user, clock.instant());
        // its send failed after all and the undo revoked it (and has yet to remove the user)
        redis.opsForSet().add(keys.revoked(event), decision.get(2).toString());
        CouponAdmitted entry = admission.admitted(event).get(user);

        assertThat(admission.republishOnce(entry, repair.after())).isFalse();
    }

    @Test
    void anUndoComingAfterTheRepairKeepsTheRepublishedAdmission() {
        var api = new HttpApi(port);
        long event = api.createOpenEvent("late undo " + run, 10, null);
        String user = "late-undo-" + run;
        LocalDate day = AdmissionWindow.day(events.find(event).orElseThrow(), clock.instant());
        List<?> decision = admitDirectly(event, user, clock.instant().minus(repair.after()));
        await().atMost(Duration.ofSeconds(60)).until(() -> rowsOf(event, user) == 1);

        // the undo of a server that could not reach Redis until now: the admission was republished, it stays
        Long undone = redis.execute(
                undoScript, keys.undoKeys(event, day), user, decision.get(2).toString());

        assertThat(undone).isEqualTo(2);
        assertThat(admission.admitted(event)).containsKey(user);
        assertThat(redis.opsForValue().get(keys.total(event))).isEqualTo("1");
        assertThat(redis.opsForSet()
                        .isMember(keys.revoked(event), decision.get(2).toString()))
                .isFalse();
        assertThat(rowsOf(event, user)).isEqualTo(1);
    }

    private List<?> admitDirectly(long event, String user, Instant admittedAt) {
        LocalDate day = AdmissionWindow.day(events.find(event).orElseThrow(), clock.instant());
        return redis.execute(
                admitScript,
                keys.admitKeys(event, day),
                user,
                day.toString(),
                Long.toString(admittedAt.toEpochMilli()),
                Long.toString(properties.redis().dayCounterTtl().toSeconds()));
    }

    private double repaired() {
        var counter = meters.find("firstcome.admissions.repaired").counter();
        return counter == null ? 0 : counter.count();
    }

    private long rowsOf(long event, String user) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM coupon WHERE event_id = ? AND user_id = ?", Long.class, event, user);
    }
}
