package dev.firstcome.desktop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.desktop.testing.FakeEventApi;
import dev.firstcome.desktop.testing.FakeMonitorApi;
import dev.firstcome.desktop.testing.InlineUiExecutor;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventStats;
import dev.firstcome.model.EventView;
import dev.firstcome.model.LagStatus;
import dev.firstcome.model.PartitionLag;
import dev.firstcome.model.PipelineStatus;
import dev.firstcome.model.ReconcileReport;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DashboardViewModelTests {

    private final FakeEventApi events = new FakeEventApi();
    private final FakeMonitorApi monitor = new FakeMonitorApi();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final DashboardViewModel model =
            new DashboardViewModel(events, monitor, new InlineUiExecutor(), nanos::get);

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

        nanos.addAndGet(2_000_000_000L);
        monitor.setStats(stats(launch.id(), 500, 450, 2));
        model.refresh();

        assertThat(model.rates()).containsExactly(new RatePoint(2.0, 200.0, 200.0));
        assertThat(model.statsProperty().get().persisted()).isEqualTo(450);
        assertThat(DashboardViewModel.inFlight(model.statsProperty().get())).isEqualTo(48);
    }

    @Test
    void theChartKeepsTheLastFiveMinutes() {
        EventView launch = event("Launch");
        model.watch(launch);
        for (int i = 0; i <= DashboardViewModel.MAX_POINTS + 10; i++) {
            monitor.setStats(stats(launch.id(), i, i, 0));
            model.refresh();
            nanos.addAndGet(1_000_000_000L);
        }
        assertThat(model.rates()).hasSize(DashboardViewModel.MAX_POINTS);
        assertThat(model.rates().getLast().admissionsPerSecond()).isEqualTo(1.0);
    }

    @Test
    void watchingAnotherEventStartsANewChart() {
        EventView first = event("First");
        EventView second = event("Second");
        model.watch(first);
        monitor.setStats(stats(first.id(), 10, 10, 0));
        model.refresh();
        nanos.addAndGet(1_000_000_000L);
        model.refresh();
        assertThat(model.rates()).hasSize(1);

        model.watch(second);

        assertThat(model.rates()).isEmpty();
        assertThat(model.statsProperty().get()).isNull();
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
                List.of(new PartitionLag("t", 0, 10, 5, 5), new PartitionLag("t", 1, 4, 2, 2))));

        model.refresh();

        assertThat(model.lagStatusProperty().get()).isEqualTo(LagStatus.LAGGING);
        assertThat(model.partitions()).extracting(PartitionLag::lag).containsExactly(5L, 2L);
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
}
