package dev.firstcome.backend.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.admission.state.AdmissionKeys;
import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.HttpApi.Answer;
import dev.firstcome.backend.support.Race;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operators editing one event at the same time, over real HTTP, against real Redis and a real database:
 * whatever the interleaving, the limits and flags Redis enforces are the ones the database committed
 * and the API shows, and no apply racing the edits is admitted beyond a committed total.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ConcurrentEventEditsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    AdmissionKeys keys;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    HttpApi api;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
    }

    @Test
    void parallelTotalEditsLeaveRedisTheDatabaseAndTheApiOnTheSameTotal() {
        long event = api.createOpenEvent("patch-race", 10, null);
        Random random = new Random(42);

        for (int round = 0; round < 300; round++) {
            List<Integer> totals = round % 2 == 0 ? shuffled(random, 5, 50, 25) : shuffled(random, 1034, 1035, 1036);
            int before = databaseTotal(event);

            List<Answer> answers = Race.run(3, 3, i -> patchTotal(event, totals.get(i)));

            assertConsistent(event, round, totals, answers, before);
        }
    }

    @Test
    void appliesRacingTotalEditsAreNeverAdmittedBeyondACommittedTotal() {
        Random random = new Random(7);
        Map<Long, Integer> issuedByEvent = new HashMap<>();
        for (int round = 0; round < 20; round++) {
            String users = "r" + round + "-u";
            long event = api.createOpenEvent("patch-apply-race-" + round, 10, null);
            List<Integer> totals = shuffled(random, 5, 50, 25);
            int applies = 60;

            List<Answer> answers = Race.run(
                    32, 3 + applies, i -> i < 3 ? patchTotal(event, totals.get(i)) : api.apply(event, users + i));

            List<Answer> patches = answers.subList(0, 3);
            int issued = (int) answers.subList(3, answers.size()).stream()
                    .filter(a -> a.status() == 201)
                    .count();
            int finalTotal = databaseTotal(event);
            int largestCommitted = 10;
            for (int i = 0; i < 3; i++) {
                if (patches.get(i).status() == 200) {
                    largestCommitted = Math.max(largestCommitted, totals.get(i));
                }
            }
            String context = "round " + round + ", totals " + totals + ", answers " + statuses(patches) + ", issued "
                    + issued + ", final total " + finalTotal;
            assertThat(redisTotal(event)).as(context).isEqualTo(finalTotal);
            assertThat(issued).as(context).isLessThanOrEqualTo(finalTotal).isLessThanOrEqualTo(largestCommitted);
            assertThat(redisIssued(event)).as(context).isEqualTo(issued);
            issuedByEvent.put(event, issued);
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> issuedByEvent.forEach((event, issued) -> {
                    assertThat(persisted(event)).as("event %d", event).isEqualTo(issued.longValue());
                    assertThat(persisted(event)).as("event %d", event).isLessThanOrEqualTo(databaseTotal(event));
                }));
    }

    @Test
    void pauseResumeAndCloseRacingEditsLeaveTheFlagsOfTheDatabaseStatus() {
        Random random = new Random(11);
        for (int e = 0; e < 5; e++) {
            long event = api.createOpenEvent("status-race-" + e, 100, null);
            for (int round = 0; round < 30; round++) {
                boolean last = round == 29;
                int total = 100 + random.nextInt(50);
                List<Answer> answers = Race.run(3, 3, i -> switch (i) {
                    case 0 -> api.admin("POST", "/api/admin/events/" + event + "/pause", null);
                    case 1 -> api.admin("POST", "/api/admin/events/" + event + (last ? "/close" : "/resume"), null);
                    default -> patchTotal(event, total);
                });

                String status =
                        jdbc.queryForObject("SELECT status FROM coupon_event WHERE id = ?", String.class, event);
                String context =
                        "event " + event + " round " + round + ", answers " + statuses(answers) + ", status " + status;
                for (Answer a : answers) {
                    assertThat(a.status()).as(context).isIn(200, 409);
                }
                assertThat(meta(event, "paused")).as(context).isEqualTo("PAUSED".equals(status) ? "1" : "0");
                assertThat(meta(event, "closed")).as(context).isEqualTo("CLOSED".equals(status) ? "1" : "0");
                assertThat(redisTotal(event)).as(context).isEqualTo(databaseTotal(event));
                assertThat(api.admin("GET", "/api/admin/events/" + event, null).text("status"))
                        .as(context)
                        .isEqualTo(status);
            }
        }
    }

    @Test
    void loweringTheTotalBelowWhatIsIssuedIsRefusedNamingTheFieldAndChangesNothing() {
        long event = api.createOpenEvent("lower-below-issued", 5, null);
        for (int i = 0; i < 4; i++) {
            assertThat(api.apply(event, "low-" + i).status()).isEqualTo(201);
        }
        Map<Object, Object> metaBefore = redis.opsForHash().entries(keys.meta(event));
        Map<String, Object> rowBefore = jdbc.queryForMap("SELECT * FROM coupon_event WHERE id = ?", event);

        Answer lower = patchTotal(event, 3);

        assertThat(lower.status()).isEqualTo(400);
        assertThat(lower.isProblem()).isTrue();
        assertThat(lower.text("field")).isEqualTo("totalQuantity");
        assertThat(lower.text("detail")).contains("4");
        assertThat(redis.opsForHash().entries(keys.meta(event))).isEqualTo(metaBefore);
        assertThat(jdbc.queryForMap("SELECT * FROM coupon_event WHERE id = ?", event))
                .isEqualTo(rowBefore);
        assertThat(api.admin("GET", "/api/admin/events/" + event, null).number("totalQuantity"))
                .isEqualTo(5);
    }

    @Test
    void anEditAfterAnUnconfirmedWriteTakesAVersionAboveIt() {
        long event = api.createOpenEvent("after-unconfirmed", 10, null);
        long committed = databaseVersion(event);
        // what an edit whose Redis write landed but whose commit failed leaves behind
        redis.opsForHash().putAll(keys.meta(event), Map.of("version", Long.toString(committed + 3), "total", "999"));

        Answer edit = patchTotal(event, 20);

        assertThat(edit.status()).isEqualTo(200);
        assertThat(databaseVersion(event)).isGreaterThan(committed + 3);
        assertThat(meta(event, "version")).isEqualTo(Long.toString(databaseVersion(event)));
        assertThat(redisTotal(event)).isEqualTo(20).isEqualTo(databaseTotal(event));
    }

    @Test
    void anEditWaitingTooLongForAnotherIsAnswered409AndChangesNothing() throws Exception {
        long event = api.createOpenEvent("locked-out", 10, null);
        Map<Object, Object> metaBefore = redis.opsForHash().entries(keys.meta(event));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> otherEdit = CompletableFuture.runAsync(() -> tx.executeWithoutResult(status -> {
            jdbc.queryForObject("SELECT id FROM coupon_event WHERE id = ? FOR UPDATE", Long.class, event);
            locked.countDown();
            awaitQuietly(release);
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

        Answer edit;
        try {
            edit = patchTotal(event, 30);
        } finally {
            release.countDown();
        }
        otherEdit.get(10, TimeUnit.SECONDS);

        assertThat(edit.status()).isEqualTo(409);
        assertThat(edit.isProblem()).isTrue();
        assertThat(edit.text("detail")).contains("Another edit");
        assertThat(databaseTotal(event)).isEqualTo(10);
        assertThat(redis.opsForHash().entries(keys.meta(event))).isEqualTo(metaBefore);
        assertThat(patchTotal(event, 30).status()).isEqualTo(200);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long databaseVersion(long event) {
        return jdbc.queryForObject("SELECT version FROM coupon_event WHERE id = ?", Long.class, event);
    }

    private void assertConsistent(long event, int round, List<Integer> totals, List<Answer> answers, int before) {
        int finalTotal = databaseTotal(event);
        String context = "round " + round + ": totals " + totals + " answered " + statuses(answers) + "; database "
                + finalTotal + ", Redis " + redisTotal(event) + ", before " + before;
        List<Integer> accepted = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            Answer a = answers.get(i);
            assertThat(a.status()).as(context).isIn(200, 409);
            if (a.status() == 200) {
                assertThat(a.number("totalQuantity"))
                        .as(context)
                        .isEqualTo(totals.get(i).longValue());
                accepted.add(totals.get(i));
            } else {
                assertThat(a.isProblem()).as(context).isTrue();
            }
        }
        assertThat(redisTotal(event)).as(context).isEqualTo(finalTotal);
        assertThat(api.admin("GET", "/api/admin/events/" + event, null).number("totalQuantity"))
                .as(context)
                .isEqualTo(finalTotal);
        if (accepted.isEmpty()) {
            assertThat(finalTotal).as(context).isEqualTo(before);
        } else {
            assertThat(accepted).as(context).contains(finalTotal);
        }
    }

    private Answer patchTotal(long event, int total) {
        return api.admin("PATCH", "/api/admin/events/" + event, "{\"totalQuantity\":" + total + "}");
    }

    private int databaseTotal(long event) {
        return jdbc.queryForObject("SELECT total_quantity FROM coupon_event WHERE id = ?", Integer.class, event);
    }

    private int redisTotal(long event) {
        return Integer.parseInt(meta(event, "total"));
    }

    private int redisIssued(long event) {
        String issued = redis.opsForValue().get(keys.total(event));
        return issued == null ? 0 : Integer.parseInt(issued);
    }

    private String meta(long event, String field) {
        Object value = redis.opsForHash().get(keys.meta(event), field);
        return value == null ? null : value.toString();
    }

    private long persisted(long event) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM coupon WHERE event_id = ?", Long.class, event);
    }

    private static List<Integer> shuffled(Random random, Integer... values) {
        List<Integer> list = new ArrayList<>(List.of(values));
        java.util.Collections.shuffle(list, random);
        return list;
    }

    private static List<Integer> statuses(List<Answer> answers) {
        return answers.stream().map(Answer::status).toList();
    }
}
