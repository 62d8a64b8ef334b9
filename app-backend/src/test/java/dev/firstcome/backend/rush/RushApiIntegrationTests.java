package dev.firstcome.backend.rush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.RushReport;
import dev.firstcome.model.RushRequest;
import dev.firstcome.model.RushResult;
import dev.firstcome.model.RushState;
import dev.firstcome.model.StrategyResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** End to end: rushes over real HTTP against this server's real apply path (Redis, Kafka). */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"firstcome.namespace=rush-api-test", "firstcome.rush.drain-timeout=20s"})
class RushApiIntegrationTests {

    @Autowired
    RushApi rush;

    @Autowired
    EventApi events;

    @Test
    void luaRushOverHttpNeverOversellsNorDuplicates() {
        RushResult result = rush.run(
                RushRequest.defaults(2_000, 100).withConcurrency(64).withRepeatShare(0.25), Duration.ofMinutes(3));

        assertThat(result.state()).isEqualTo(RushState.COMPLETED);
        RushReport report = result.reports().getFirst();
        assertThat(report.strategy()).isEqualTo("lua");
        assertThat(report.requests()).isEqualTo(2_500);
        assertThat(report.completed()).isEqualTo(2_500);
        assertThat(report.issuedAnswers()).isEqualTo(100);
        assertThat(report.winners()).isEqualTo(100);
        assertThat(report.oversold()).isZero();
        assertThat(report.duplicates()).isZero();
        assertThat(report.count("ALREADY_APPLIED")).isPositive();
        assertThat(report.count("SOLD_OUT") + report.count("ALREADY_APPLIED")).isEqualTo(2_400);
        assertThat(report.latency().count()).isEqualTo(2_500);
        assertThat(report.latency().p99Ms()).isPositive();
        assertThat(report.throughputPerSecond()).isPositive();
        assertThat(report.persisted()).as("coupon rows after drain").isEqualTo(100L);
        assertThat(report.persistedMatches()).isTrue();
    }

    @Test
    void severalStrategiesGiveAComparisonTableEachOnItsOwnLabEvent() {
        RushResult result = rush.run(
                RushRequest.comparing(400, 20, 64, List.of("lua", "db-atomic-update", "redis-incr-set")),
                Duration.ofMinutes(3));

        assertThat(result.state()).isEqualTo(RushState.COMPLETED);
        assertThat(result.comparison().rows())
                .extracting(StrategyResult::strategy)
                .containsExactly("lua", "db-atomic-update", "redis-incr-set");
        assertThat(result.comparison().rows())
                .extracting(StrategyResult::eventId)
                .doesNotHaveDuplicates();
        assertThat(result.comparison().rows()).allSatisfy(row -> {
            assertThat(row.winners()).isEqualTo(20);
            assertThat(row.oversold()).isZero();
            assertThat(row.duplicates()).isZero();
            assertThat(row.persisted()).as("coupon rows after drain").isEqualTo(20L);
        });
        result.comparison()
                .rows()
                .forEach(row -> assertThat(events.find(row.eventId()))
                        .hasValueSatisfying(e -> assertThat(e.lab()).isTrue()));
    }

    @Test
    void cancelStopsARunningRushAndProgressStopsShortOfTotal() {
        RushHandle handle = rush.start(RushRequest.defaults(500_000, 10).withConcurrency(4));
        await().atMost(Duration.ofSeconds(60)).until(() -> handle.progress().completed() >= 200);

        handle.cancel();

        RushResult result = handle.result()
                .orTimeout(60, java.util.concurrent.TimeUnit.SECONDS)
                .join();
        assertThat(result.state()).isEqualTo(RushState.CANCELLED);
        assertThat(handle.progress().state()).isEqualTo(RushState.CANCELLED);
        assertThat(handle.progress().sent()).isLessThan(handle.progress().total());
        assertThat(handle.progress().completed()).isEqualTo(handle.progress().sent());
        assertThat(result.reports().getFirst().oversold()).isZero();
    }

    @Test
    void progressReachesTotal() {
        RushHandle handle = rush.start(RushRequest.defaults(300, 30).withRepeatShare(0.1));

        await().atMost(Duration.ofSeconds(120)).until(() -> handle.result().isDone());

        assertThat(handle.progress().total()).isEqualTo(330);
        assertThat(handle.progress().completed()).isEqualTo(330);
        assertThat(handle.progress().fraction()).isEqualTo(1.0);
        assertThat(rush.find(handle.id())).containsSame(handle);
    }

    @Test
    void rushOnAnExistingLabEventUsesThatEvent() {
        var event = events.create(new EventDraft(
                "rehearsal",
                5,
                null,
                null,
                null,
                Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(3600),
                "UTC",
                true,
                "lua"));

        RushResult result = rush.run(RushRequest.onEvent(event.id(), 50, 8), Duration.ofMinutes(2));

        assertThat(result.reports()).singleElement().satisfies(r -> {
            assertThat(r.eventId()).isEqualTo(event.id());
            assertThat(r.winners()).isEqualTo(5);
            assertThat(r.limit()).isEqualTo(5);
        });
    }

    @Test
    void rushOnAProductionEventIsRefused() {
        var event = events.create(EventDraft.of(
                "production",
                5,
                null,
                Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(3600),
                "UTC"));

        Assertions.assertThatThrownBy(() -> rush.start(RushRequest.onEvent(event.id(), 10, 2)))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("eventId"));
    }

    @Test
    void warmUpDrivesASyntheticRushOnALabEvent() {
        RushHandle handle = rush.warmUp(400);

        RushResult result = handle.result()
                .orTimeout(120, java.util.concurrent.TimeUnit.SECONDS)
                .join();

        assertThat(result.state()).isEqualTo(RushState.COMPLETED);
        RushReport report = result.reports().getFirst();
        assertThat(report.strategy()).isEqualTo("lua");
        assertThat(report.winners()).isEqualTo(200);
        assertThat(report.safe()).isTrue();
        assertThat(events.find(report.eventId()))
                .hasValueSatisfying(e -> assertThat(e.lab()).isTrue());
        // "Warm up now" is listed with the warm-ups, as started by that rush
        assertThat(rush.warmUps()).anyMatch(w -> handle.id().equals(w.rushId()) && w.forEventId() == null);
    }

    @Test
    void scheduledWarmUpStartsAtItsTime() {
        var plan = rush.scheduleWarmUp(null, Instant.now().plusMillis(300), 100);

        awaitFinishedRushOf(plan.id());
    }

    @Test
    void warmUpIsScheduledMinutesBeforeTheEventOpens() {
        Instant opens = Instant.now().plus(Duration.ofHours(2));
        var event = events.create(EventDraft.of("launch", 100, null, opens, opens.plus(Duration.ofHours(1)), "UTC"));

        var plan = rush.scheduleWarmUpBefore(event, Duration.ofMinutes(5), 1_000);

        assertThat(plan.runAt()).isEqualTo(event.startsAt().minus(Duration.ofMinutes(5)));
        assertThat(plan.forEventId()).isEqualTo(event.id());
        assertThat(rush.cancelWarmUp(plan.id())).isTrue();
    }

    @Test
    void scheduledWarmUpCanBeCancelledBeforeItStarts() {
        var plan = rush.scheduleWarmUp(null, Instant.now().plusSeconds(3600), 100);

        assertThat(rush.cancelWarmUp(plan.id())).isTrue();
        assertThat(rush.warmUps()).noneMatch(w -> w.id().equals(plan.id()));
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
}
