package dev.firstcome.desktop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.desktop.testing.FakeAdmissionStateApi;
import dev.firstcome.desktop.testing.FakeEventApi;
import dev.firstcome.desktop.testing.FakeMonitorApi;
import dev.firstcome.desktop.testing.InlineUiExecutor;
import dev.firstcome.desktop.testing.TestClock;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventPhase;
import dev.firstcome.model.EventState;
import dev.firstcome.model.EventStats;
import dev.firstcome.model.EventView;
import dev.firstcome.model.GroupLag;
import dev.firstcome.model.LagStatus;
import dev.firstcome.model.PartitionLag;
import dev.firstcome.model.PipelineStatus;
import dev.firstcome.model.ReconcileReport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardViewModelTests {

    private final FakeEventApi events = new FakeEventApi();
    private final FakeMonitorApi monitor = new FakeMonitorApi();
    private final FakeAdmissionStateApi admission = new FakeAdmissionStateApi();
    private static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");
    private final TestClock clock = new TestClock(T0, ZoneOffset.UTC);
    private final DashboardViewModel model =
            new DashboardViewModel(events, monitor, admission, new InlineUiExecutor(), clock);

    private EventView event(String name) {
        return events.create(EventDraft.of(
                name, 1000, null, Instant.parse("2026-06-01T08:00:00Z"), Instant.parse("2026-06-30T16:00:00Z"), "UTC"));
    }

    private static EventStats stats(long eventId, long admitted, long persisted, long failed) {
        return new EventStats(eventId, admitted, admitted, 1000 - admitted, null, persisted, failed, 5, 0.5, 800);
    }

    @Test
    void loadingTheEventsWatchesTheNewestWhenNoneIsChosen() {
        event("Old");
        EventView newest = event("New");

        model.loadEvents();

        assertThat(model.eventProperty().get()).isEqualTo(newest);
        assertThat(model.eventChoices()).hasSize(2);
    }

    @Test
    void ratesAreTheDeltasOfSuccessiveFiguresPerSecond() {
        EventView launch = event("Launch");
        model.watch(launch);
        monitor.setStats(stats(launch.id(), 100, 50, 0));
        model.refresh();
        assertThat(model.rates()).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        monitor.setStats(stats(launch.id(), 500, 450, 2));
        model.refresh();

        // on the wall clock: the point is at the moment of the second figures
        assertThat(model.rates()).containsExactly(new RatePoint(T0.plusSeconds(2), 200.0, 200.0));
        assertThat(model.statsProperty().get().persisted()).isEqualTo(450);
        assertThat(DashboardViewModel.inFlight(model.statsProperty().get())).isEqualTo(48);
    }

    @Test
    void theChartKeepsTheLastHour() {
        EventView launch = event("Launch");
        model.watch(launch);
        for (int i = 0; i <= DashboardViewModel.MAX_POINTS + 10; i++) {
            monitor.setStats(stats(launch.id(), i, i, 0));
            model.refresh();
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(model.rates()).hasSize(DashboardViewModel.MAX_POINTS);
        assertThat(model.rates().getLast().admissionsPerSecond()).isEqualTo(1.0);
    }

    @Test
    void eachEventKeepsItsHistoryWhenTheOperatorSwitchesAwayAndBack() {
        EventView first = event("First");
        EventView second = event("Second");
        model.watch(first);
        monitor.setStats(stats(first.id(), 10, 10, 0));
        model.refresh();
        clock.advance(Duration.ofSeconds(1));
        monitor.setStats(stats(first.id(), 30, 20, 0));
        model.refresh();
        assertThat(model.rates()).hasSize(1);

        model.watch(second);
        assertThat(model.rates()).isEmpty();
        assertThat(model.statsProperty().get()).isNull();

        model.watch(first);
        assertThat(model.rates()).containsExactly(new RatePoint(T0.plusSeconds(1), 20.0, 10.0));
    }

    @Test
    void theBannerTheSoldShareTheEtaAndTheSellOutMoment() {
        EventView launch = event("Launch");
        model.watch(launch);
        admission.setState(new EventState(launch.id(), EventPhase.OPEN, null, "UTC", T0));
        monitor.setStats(stats(launch.id(), 0, 0, 0));
        model.refresh();
        assertThat(model.bannerProperty().get()).isEmpty(); // open: nothing to announce
        assertThat(model.etaProperty().get()).isNull(); // no rate measured yet

        clock.advance(Duration.ofSeconds(5));
        monitor.setStats(stats(launch.id(), 500, 400, 0));
        model.refresh();
        assertThat(DashboardViewModel.soldShare(model.statsProperty().get())).isEqualTo(0.5);
        // 100 admissions/s measured, 500 remaining
        assertThat(model.etaProperty().get()).isEqualTo(Duration.ofSeconds(5));

        clock.advance(Duration.ofSeconds(5));
        admission.setState(new EventState(launch.id(), EventPhase.SOLD_OUT, null, "UTC", clock.instant()));
        monitor.setStats(stats(launch.id(), 1000, 990, 0));
        model.refresh();
        assertThat(model.bannerProperty().get()).isEqualTo("SOLD OUT");
        assertThat(model.soldOutAtProperty().get()).isEqualTo(T0.plusSeconds(10));
        assertThat(model.etaProperty().get()).isNull();

        admission.setState(new EventState(launch.id(), EventPhase.OPENS_IN, T0.plusSeconds(3600), "UTC", T0));
        model.refresh();
        assertThat(model.bannerProperty().get()).startsWith("OPENS IN ");
    }

    @Test
    void requestsPerSecondByAnswerFromTheApplyCounters() {
        EventView launch = event("Launch");
        model.watch(launch);
        monitor.setApplyOutcomes(java.util.Map.of("ISSUED", 100L, "SOLD_OUT", 0L));
        model.refresh();
        clock.advance(Duration.ofSeconds(2));
        monitor.setApplyOutcomes(
                java.util.Map.of("ISSUED", 300L, "SOLD_OUT", 1000L, "DAILY_SOLD_OUT", 200L, "NOT_OPEN", 4L));
        model.refresh();

        assertThat(model.requestRatesProperty().get())
                .containsEntry("issued", 100.0)
                .containsEntry("sold out", 600.0)
                .containsEntry("already applied", 0.0)
                .containsEntry("refused", 2.0);
    }

    @Test
    void alertsForFailedCouponsLagAboveTheThresholdAndAStalledConsumer() {
        EventView launch = event("Launch");
        model.watch(launch);
        monitor.setStats(stats(launch.id(), 100, 60, 40));
        monitor.setPipeline(new PipelineStatus("g", "t", 7, 100, 3.0, LagStatus.OK, List.of(), List.of(), 0));
        model.refresh();
        assertThat(model.alerts()).singleElement().asString().startsWith("40 coupons failed");

        model.lagThresholdSecondsProperty().set(2);
        assertThat(model.alerts()).hasSize(2).anyMatch(a -> a.contains("3.0 s behind"));

        monitor.setPipeline(new PipelineStatus("g", "t", 7, 0, 30.0, LagStatus.STALLED, List.of(), List.of(), 0));
        monitor.setStats(stats(launch.id(), 100, 100, 0));
        model.refresh();
        assertThat(model.alerts()).hasSize(2).anyMatch(a -> a.contains("stalled"));
    }

    @Test
    void aRushsLabEventNeverReplacesTheProductionEventInView() {
        EventView launch = event("Launch");
        EventView lab = events.create(new EventDraft(
                "Rehearsal",
                100,
                null,
                null,
                null,
                Instant.parse("2026-06-01T08:00:00Z"),
                Instant.parse("2026-06-30T16:00:00Z"),
                "UTC",
                true,
                null));
        model.loadEvents();
        assertThat(model.eventProperty().get()).isEqualTo(launch); // the newest production event, not the lab one
        model.watch(launch); // the operator watches the launch

        model.watchId(lab.id());

        assertThat(model.eventProperty().get()).isEqualTo(launch);
        assertThat(model.eventChoices()).contains(lab);
        model.watch(lab); // chosen by the operator
        assertThat(model.eventProperty().get()).isEqualTo(lab);
    }

    @Test
    void aRushIsFollowedWhenTheOperatorChoseNoProductionEvent() {
        event("Launch");
        EventView lab = events.create(new EventDraft(
                "Rehearsal",
                100,
                null,
                null,
                null,
                Instant.parse("2026-06-01T08:00:00Z"),
                Instant.parse("2026-06-30T16:00:00Z"),
                "UTC",
                true,
                null));
        model.loadEvents(); // the default, not a choice

        model.watchId(lab.id());

        assertThat(model.eventProperty().get()).isEqualTo(lab);
    }

    @Test
    void theLagStatusAndPartitionsComeFromThePipeline() {
        EventView launch = event("Launch");
        model.watch(launch);
        monitor.setStats(stats(launch.id(), 10, 5, 0));
        monitor.setPipeline(new PipelineStatus(
                "g",
                "t",
                7,
                100,
                0.07,
                LagStatus.LAGGING,
                List.of(new PartitionLag("t", 0, 10, 5, 5), new PartitionLag("t", 1, 4, 2, 2)),
                List.of(new GroupLag("g", "issuance", "t", 7), new GroupLag("n", "notifications", "n", -1)),
                4));

        model.refresh();

        assertThat(model.lagStatusProperty().get()).isEqualTo(LagStatus.LAGGING);
        assertThat(model.partitions()).extracting(PartitionLag::lag).containsExactly(5L, 2L);
        assertThat(model.groups()).extracting(GroupLag::role).containsExactly("issuance", "notifications");
        assertThat(model.groups().get(1).known())
                .as("-1 is unknown, never shown as 0")
                .isFalse();
        assertThat(model.pipelineProperty().get().deadLetterRecords()).isEqualTo(4);
    }

    @Test
    void reconcileShowsTheReportAndHealReconcilesAgain() {
        EventView launch = event("Launch");
        model.watch(launch);
        monitor.setReconcile(new ReconcileReport(launch.id(), 10, 9, 0, 0, 1, 0, 0, true, List.of("u7"), List.of()));

        model.reconcile();
        assertThat(model.reconcileProperty().get().lost()).isEqualTo(1);

        model.heal();
        assertThat(monitor.heals()).isEqualTo(1);
        assertThat(model.healProperty().get().republished()).isEqualTo(1);
    }

    @Test
    void theChartsPointsAreOneInstanceSoThatTheChartsListenerStaysAttached() {
        assertThat(model.rates()).isSameAs(model.rates());
        assertThat(model.partitions()).isSameAs(model.partitions());
    }
}
