package dev.firstcome.desktop.rush;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.desktop.testing.FakeRushApi;
import dev.firstcome.desktop.testing.InlineUiExecutor;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import dev.firstcome.model.LatencySummary;
import dev.firstcome.model.OutcomeCount;
import dev.firstcome.model.RushProgress;
import dev.firstcome.model.RushReport;
import dev.firstcome.model.RushRequest;
import dev.firstcome.model.RushResult;
import dev.firstcome.model.RushState;
import dev.firstcome.model.StrategyComparison;
import dev.firstcome.model.StrategyResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RushViewModelTests {

    private final FakeRushApi rush = new FakeRushApi();
    private final RushViewModel model = new RushViewModel(rush, new InlineUiExecutor());

    private static EventView event(long id, boolean lab, Integer daily) {
        return new EventView(
                id,
                "Launch",
                500,
                daily,
                null,
                null,
                Instant.parse("2026-06-01T08:00:00Z"),
                Instant.parse("2026-06-30T16:00:00Z"),
                "UTC",
                EventStatus.ACTIVE,
                lab,
                null,
                null,
                null);
    }

    private static RushReport report(String strategy, long eventId, long winners, long oversold) {
        return new RushReport(
                "r1",
                eventId,
                strategy,
                RushState.COMPLETED,
                100,
                1100,
                1100,
                List.of(new OutcomeCount("ISSUED", winners + oversold), new OutcomeCount("SOLD_OUT", 900)),
                winners + oversold,
                winners,
                oversold,
                0,
                2500.0,
                new LatencySummary(1100, 3, 2, 8, 12, 40),
                winners,
                true,
                440,
                Instant.now(),
                Instant.now());
    }

    @Test
    void strategiesAreListedWithTheProductionOneFirstAndChosen() {
        model.loadStrategies();

        assertThat(model.strategies()).containsExactly("lua", "db-naive", "redis-set-scard");
        assertThat(model.chosenStrategies()).containsExactly("lua");
    }

    @Test
    void aProductionEventIsRehearsedOnFreshLabEventsWithItsLimits() {
        model.target(event(7, false, 50));
        model.usersProperty().set("2000");
        model.concurrencyProperty().set("32");
        model.duplicatePercentProperty().set("25");

        assertThat(model.onEventProperty().get()).isFalse();
        assertThat(model.start()).isTrue();

        RushRequest request = rush.last().request();
        assertThat(request.eventId()).isNull();
        assertThat(request.strategies()).containsExactly("lua");
        assertThat(request.quantity()).isEqualTo(500);
        assertThat(request.dailyQuantity()).isEqualTo(50);
        assertThat(request.users()).isEqualTo(2000);
        assertThat(request.concurrency()).isEqualTo(32);
        assertThat(request.repeatShare()).isEqualTo(0.25);
    }

    @Test
    void aLabEventIsRushedDirectly() {
        model.target(event(9, true, null));

        model.start();

        assertThat(rush.last().request().eventId()).isEqualTo(9L);
    }

    @Test
    void aRehearsalGoesThroughAWaitingRoomWhenOneIsChosen() {
        model.target(event(7, false, 50));
        assertThat(model.room().modeProperty().get()).isEqualTo(RushRoomForm.NONE);

        model.room().modeProperty().set("SHUFFLED_PREQUEUE");
        model.room().outflowProperty().set("250");
        assertThat(model.start()).isTrue();

        var room = rush.last().request().room();
        assertThat(room.mode()).isEqualTo(dev.firstcome.model.WaitingRoomMode.SHUFFLED_PREQUEUE);
        assertThat(room.outflowPerSecond()).isEqualTo(250);
    }

    @Test
    void aBadWaitingRoomIsRefusedWithAMessage() {
        model.room().modeProperty().set("FIFO");
        model.room().outflowProperty().set("0");
        assertThat(model.errorProperty().get()).startsWith("Outflow");
        assertThat(model.start()).isFalse();

        model.room().outflowProperty().set("100");
        model.workersProperty().set(1);
        assertThat(model.errorProperty().get()).contains("waiting room runs inside the server");

        model.workersProperty().set(0);
        assertThat(model.errorProperty().get()).isEmpty();
    }

    @Test
    void badParametersAreRefusedWithAMessage() {
        model.usersProperty().set("0");
        assertThat(model.errorProperty().get()).startsWith("Users");
        assertThat(model.start()).isFalse();

        model.usersProperty().set("10");
        model.duplicatePercentProperty().set("150");
        assertThat(model.errorProperty().get()).startsWith("Duplicate share");

        model.duplicatePercentProperty().set("0");
        model.chosenStrategies().clear();
        assertThat(model.errorProperty().get()).isEqualTo("Choose at least one admission strategy");
        assertThat(rush.started()).isEmpty();
    }

    @Test
    void progressIsPolledAndTheLiveEventFollowed() {
        model.start();
        assertThat(model.runningProperty().get()).isTrue();

        rush.last()
                .setProgress(new RushProgress(
                        "r1",
                        RushState.RUNNING,
                        1,
                        2,
                        "lua",
                        41L,
                        600,
                        500,
                        2000,
                        List.of(new OutcomeCount("ISSUED", 100)),
                        Instant.now()));
        model.poll();

        assertThat(model.progressProperty().get()).isEqualTo(0.25);
        assertThat(model.progressTextProperty().get()).isEqualTo("RUNNING · run 1 of 2 (lua) · 500 of 2,000 answered");
        assertThat(model.liveEventIdProperty().get()).isEqualTo(41L);
        assertThat(model.outcomes()).containsExactly(new OutcomeCount("ISSUED", 100));
    }

    @Test
    void theReportShowsEveryRunTheirSummedAnswersAndTheComparison() {
        model.chosenStrategies().add("db-naive");
        model.start();
        RushReport lua = report("lua", 41, 100, 0);
        RushReport naive = report("db-naive", 42, 100, 7);

        rush.last()
                .finish(new RushResult(
                        "r1",
                        RushState.COMPLETED,
                        rush.last().request(),
                        List.of(lua, naive),
                        new StrategyComparison(
                                1000, 100, 64, List.of(StrategyResult.of(lua), StrategyResult.of(naive))),
                        null,
                        Instant.now(),
                        Instant.now()));

        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.progressProperty().get()).isEqualTo(1.0);
        assertThat(model.reports()).containsExactly(lua, naive);
        assertThat(model.comparison()).extracting(StrategyResult::oversold).containsExactly(0L, 7L);
        assertThat(model.outcomes())
                .containsExactly(new OutcomeCount("ISSUED", 207), new OutcomeCount("SOLD_OUT", 1800));
        assertThat(model.progressTextProperty().get()).isEqualTo("COMPLETED");
    }

    @Test
    void cancelStopsTheRunningRush() {
        model.start();

        model.cancel();

        assertThat(rush.last().cancelled()).isTrue();
        assertThat(model.progressTextProperty().get()).isEqualTo("Cancelling…");
    }

    @Test
    void theWarmUpStartsWithTheChosenUsersAndShowsItsProgressLikeARush() {
        model.warmupUsersProperty().set("0");
        assertThat(model.warmUp()).isFalse();
        assertThat(model.warmupErrorProperty().get()).contains("1 to 1,000,000");
        assertThat(rush.started()).isEmpty();

        model.warmupUsersProperty().set("100,000");
        assertThat(model.warmUp()).isTrue();

        assertThat(model.warmupErrorProperty().get()).isEmpty();
        assertThat(model.runningProperty().get()).isTrue();
        assertThat(rush.last().request().users()).isEqualTo(100_000);
        assertThat(model.warmUp()).as("one at a time").isFalse();
        assertThat(rush.started()).hasSize(1);
    }
}
