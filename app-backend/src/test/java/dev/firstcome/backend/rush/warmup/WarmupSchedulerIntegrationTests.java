package dev.firstcome.backend.rush.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.rush.RushApi;
import dev.firstcome.model.WarmupPlan;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Warm-ups shared by the servers of a deployment: plans written by another server (or before a restart)
 * are picked up, run once here, dropped when long missed. The same context as {@code RushApiIntegrationTests}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"firstcome.namespace=rush-api-test", "firstcome.rush.drain-timeout=20s"})
class WarmupSchedulerIntegrationTests {

    @Autowired
    RushApi rush;

    @Autowired
    WarmupScheduler scheduler;

    @Autowired
    WarmupPlanStore plans;

    private List<String> rushIds() {
        return rush.recent().stream().map(h -> h.id()).toList();
    }

    /** A plan as another server (or this one before a restart) wrote it: a fresh id with this prefix. */
    private static WarmupPlan plan(String idPrefix, Instant runAt) {
        String id = idPrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new WarmupPlan(id, null, runAt.truncatedTo(ChronoUnit.MICROS), 100, 64, null);
    }

    /** Waits until the warm-up has become a rush and that rush has finished. */
    private void awaitFinishedRushOf(String warmupId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> rush.warmUps().stream().anyMatch(w -> w.id().equals(warmupId) && w.rushId() != null));
        String rushId = rush.warmUps().stream()
                .filter(w -> w.id().equals(warmupId))
                .findFirst()
                .orElseThrow()
                .rushId();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> rush.find(rushId).orElseThrow().result().isDone());
    }

    @Test
    void aWarmUpScheduledBeforeARestartOrOnAnotherServerRunsHere() {
        // written by a server that went down since, or by another server of this deployment
        var plan = plan("w-restart", Instant.now().plusMillis(300));
        plans.save(plan, Instant.now());

        scheduler.syncWarmUps();

        awaitFinishedRushOf(plan.id());
        var afterRun = rushIds();
        scheduler.syncWarmUps();
        // run once here, not again by the next sync
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> afterRun.containsAll(rushIds()));
    }

    @Test
    void oneOpeningGetsOneWarmUpEvenWhenOperatorsScheduleItAtTheSameMoment() throws Exception {
        long eventId = 900_000 + new java.util.Random().nextInt(90_000);
        Instant opening = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        var start = new java.util.concurrent.CountDownLatch(1);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<WarmupPlan>>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return scheduler.schedule(eventId, opening, 100, 64);
                }));
            }
            start.countDown();
            var ids = new java.util.HashSet<String>();
            for (var future : futures) {
                ids.add(future.get(30, java.util.concurrent.TimeUnit.SECONDS).id());
            }
            assertThat(ids).hasSize(1);
            assertThat(scheduler.plans())
                    .filteredOn(p -> Long.valueOf(eventId).equals(p.forEventId()))
                    .hasSize(1);
            assertThat(scheduler.cancel(ids.iterator().next())).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWarmUpDueLongAgoWhileNoServerRanIsDroppedNotRun() {
        var plan = plan("w-missed", Instant.now().minus(Duration.ofHours(1)));
        plans.save(plan, Instant.now().minus(Duration.ofHours(2)));
        var rushesBefore = rushIds();

        scheduler.syncWarmUps();

        assertThat(rush.warmUps()).noneMatch(w -> w.id().equals(plan.id()));
        assertThat(rushIds()).as("no rush started").isSubsetOf(rushesBefore);
    }

    @Test
    void aWarmUpCancelledOnAnotherServerDoesNotRunHere() {
        var plan = plan("w-elsewhere", Instant.now().plusSeconds(4));
        plans.save(plan, Instant.now());
        scheduler.syncWarmUps();
        var rushesBefore = rushIds();

        assertThat(plans.cancel(plan.id()))
                .as("cancelled through another server")
                .isTrue();

        // past the time it was due, and no rush started
        await().during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(8))
                .until(() -> rushesBefore.containsAll(rushIds()));
        assertThat(rush.cancelWarmUp(plan.id())).as("already gone").isFalse();
    }
}
