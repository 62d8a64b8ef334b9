package dev.firstcome.desktop.rush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.desktop.testing.FakeRushApi;
import dev.firstcome.desktop.testing.PngWriter;
import dev.firstcome.desktop.ui.FxUiExecutor;
import dev.firstcome.desktop.ui.UiErrors;
import dev.firstcome.model.CrashReport;
import dev.firstcome.model.LatencySummary;
import dev.firstcome.model.OutcomeCount;
import dev.firstcome.model.RushFault;
import dev.firstcome.model.RushQueueSummary;
import dev.firstcome.model.RushReport;
import dev.firstcome.model.RushRequest;
import dev.firstcome.model.RushResult;
import dev.firstcome.model.RushState;
import dev.firstcome.model.StrategyComparison;
import dev.firstcome.model.StrategyResult;
import dev.firstcome.model.WaitingRoomMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The rush dialog's crash controls and its Crashes tab, on the real dialog (JavaFX's headless platform,
 * or a display). With {@code -Dfirstcome.rush-screenshot=<png>} it saves the dialog showing the report
 * (docs/images/console-rush-crashes.png).
 */
@ExtendWith(ApplicationExtension.class)
class RushCrashesFxTests {

    private final FakeRushApi rush = new FakeRushApi();
    private RushDialog dialog;
    private FxUiExecutor executor;

    @Start
    void start(Stage stage) {
        rush.strategies(Set.of("lua", "jvm-buffered-flush", "jvm-buffered-graceful", "jvm-buffered-wal"));
        // as in the console: background work off the FX thread, results applied with runLater
        executor = new FxUiExecutor(new UiErrors(), 2);
        dialog = new RushDialog(new RushViewModel(rush, executor), null);
        dialog.open(null);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        executor.close();
    }

    @Test
    void theDialogSendsTheFaultAndShowsTheCrashColumns(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
                    robot.lookup("#strategy-lua").queryAs(CheckBox.class).setSelected(false);
                    robot.lookup("#strategy-jvm-buffered-flush")
                            .queryAs(CheckBox.class)
                            .setSelected(true);
                    robot.lookup("#strategy-jvm-buffered-wal")
                            .queryAs(CheckBox.class)
                            .setSelected(true);
                    robot.lookup("#strategy-jvm-buffered-graceful")
                            .queryAs(CheckBox.class)
                            .setSelected(true);
                    robot.lookup("#rush-quantity").queryAs(TextField.class).setText("5000");
                    robot.lookup("#rush-users").queryAs(TextField.class).setText("1200");
                    robot.lookup("#rush-concurrency").queryAs(TextField.class).setText("32");
                    robot.lookup("#rush-duplicates").queryAs(TextField.class).setText("0");
                    robot.lookup("#rush-workers").<ChoiceBox<Integer>>query().setValue(1);
                    robot.lookup("#rush-fault").<ChoiceBox<String>>query().setValue(RushFault.SIGKILL);
                    robot.lookup("#rush-fault-at").queryAs(TextField.class).setText("50");
                })
                .get();
        robot.clickOn("#start-rush");

        await().atMost(Duration.ofSeconds(10)).until(() -> !rush.started().isEmpty());
        RushRequest sent = rush.last().request();
        assertThat(sent.strategies())
                .containsExactlyInAnyOrder("jvm-buffered-flush", "jvm-buffered-graceful", "jvm-buffered-wal");
        assertThat(sent.workers()).isEqualTo(1);
        assertThat(sent.fault()).isEqualTo(new RushFault(RushFault.SIGKILL, 0.5, true, 1));

        TableView<?> crashes = robot.lookup("#rush-crashes").queryAs(TableView.class);
        WaitForAsyncUtils.asyncFx(() -> {
                    TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
                    select(tabs, "Crashes");
                })
                .get();
        WaitForAsyncUtils.waitForFxEvents();
        // the figures of LabWorkerCrashIntegrationTests' run of 2026-12-02 02:45-03:01 UTC (benchmarks.md, 5)
        List<RushReport> reports = List.of(
                report(
                        "jvm-buffered-flush",
                        569,
                        new CrashReport(1, "SIGKILL worker 1 at 50 %", 443L, 126, 0, 31, 600, null)),
                report(
                        "jvm-buffered-wal",
                        1_143,
                        new CrashReport(1, "SIGKILL worker 1 at 50 %, restarted", 1_146L, 0, 3, 22, 0, 135_630L)),
                report(
                        "jvm-buffered-graceful",
                        597,
                        new CrashReport(1, "SIGTERM worker 1 at 50 %", 597L, 0, 0, 0, 600, null)));
        rush.last()
                .finish(new RushResult(
                        "r1",
                        RushState.COMPLETED,
                        sent,
                        reports,
                        new StrategyComparison(
                                1200,
                                5000,
                                64,
                                reports.stream().map(StrategyResult::of).toList()),
                        null,
                        Instant.now(),
                        Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> crashes.getItems().size() == 3);

        assertThat(crashes.getColumns())
                .extracting(c -> c.getText())
                .contains("Fault", "Claimed", "Counted", "Lost counts", "Phantom", "Lost in flight", "Back after");
        assertThat(crashes.getColumns().get(5).getCellData(0))
                .as("lost counts of the flush row")
                .isEqualTo("126");
        assertThat(crashes.getColumns().get(11).getCellData(1))
                .as("back after, wal row")
                .isEqualTo("135.6 s");
        assertThat(crashes.getColumns().get(11).getCellData(0)).as("no restart").isEqualTo("—");
        assertThat(robot.lookup("#start-rush").queryAs(Button.class).isDisabled())
                .isFalse();

        String screenshot = System.getProperty("firstcome.rush-screenshot");
        if (screenshot != null) {
            Node root = robot.lookup("#rush-dialog").query();
            WritableImage image = WaitForAsyncUtils.asyncFx(
                            () -> root.getScene().snapshot(null))
                    .get();
            PngWriter.write(image, Path.of(screenshot));
        }
    }

    @Test
    void theDialogRehearsesThroughAWaitingRoomAndShowsWhatTheQueueSaw(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
                    robot.lookup("#rush-quantity").queryAs(TextField.class).setText("500");
                    robot.lookup("#rush-users").queryAs(TextField.class).setText("20000");
                    robot.lookup("#rush-duplicates").queryAs(TextField.class).setText("0");
                    robot.lookup("#rush-room-mode").<ChoiceBox<String>>query().setValue("SHUFFLED_PREQUEUE");
                    robot.lookup("#rush-room-outflow").queryAs(TextField.class).setText("400");
                })
                .get();
        robot.clickOn("#start-rush");

        await().atMost(Duration.ofSeconds(10)).until(() -> !rush.started().isEmpty());
        RushRequest sent = rush.last().request();
        assertThat(sent.room().mode()).isEqualTo(WaitingRoomMode.SHUFFLED_PREQUEUE);
        assertThat(sent.room().outflowPerSecond()).isEqualTo(400);

        TableView<?> room = robot.lookup("#rush-room-results").queryAs(TableView.class);
        WaitForAsyncUtils.asyncFx(() -> select(robot.lookup(".tab-pane").queryAs(TabPane.class), "Waiting room"))
                .get();
        RushReport through = withQueue(
                report("lua", 500, CrashReport.IN_SERVER),
                new RushQueueSummary(
                        20_000, 612, 19_388, 0, 151_204, new LatencySummary(612, 6_400, 5_900, 8_700, 9_100, 9_300)));
        rush.last()
                .finish(new RushResult(
                        "r2",
                        RushState.COMPLETED,
                        sent,
                        List.of(through),
                        new StrategyComparison(20_000, 500, 64, List.of(StrategyResult.of(through))),
                        null,
                        Instant.now(),
                        Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> room.getItems().size() == 1);

        assertThat(room.getColumns())
                .extracting(c -> c.getText())
                .containsExactly(
                        "Strategy", "Tickets", "Let in", "Sold out in queue", "Polls", "Waited p50", "p99", "max");
        assertThat(room.getColumns().get(1).getCellData(0)).isEqualTo("20,000");
        assertThat(room.getColumns().get(3).getCellData(0)).isEqualTo("19,388");
        assertThat(room.getColumns().get(5).getCellData(0)).isEqualTo("5.9 s");

        String screenshot = System.getProperty("firstcome.rush-room-screenshot");
        if (screenshot != null) {
            Node root = robot.lookup("#rush-dialog").query();
            WritableImage image = WaitForAsyncUtils.asyncFx(
                            () -> root.getScene().snapshot(null))
                    .get();
            PngWriter.write(image, Path.of(screenshot));
        }
    }

    private static void select(TabPane tabs, String title) {
        tabs.getTabs().stream()
                .filter(t -> title.equals(t.getText()))
                .findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    private static RushReport withQueue(RushReport r, RushQueueSummary queue) {
        return new RushReport(
                r.rushId(),
                r.eventId(),
                r.strategy(),
                r.state(),
                r.limit(),
                r.requests(),
                r.completed(),
                r.outcomes(),
                r.issuedAnswers(),
                r.winners(),
                r.oversold(),
                r.duplicates(),
                r.throughputPerSecond(),
                r.latency(),
                r.persisted(),
                r.persistedMatches(),
                r.elapsedMillis(),
                r.startedAt(),
                r.finishedAt(),
                r.crash(),
                queue);
    }

    private static RushReport report(String strategy, long issued, CrashReport crash) {
        return new RushReport(
                "r1",
                strategy.length(),
                strategy,
                RushState.COMPLETED,
                5000,
                1200,
                1200,
                List.of(new OutcomeCount("ISSUED", issued), new OutcomeCount("UNREACHABLE", crash.unreachable())),
                issued,
                issued,
                0,
                0,
                200,
                new LatencySummary(1200, 180, 120, 600, 2200, 7000),
                issued,
                true,
                31_000,
                Instant.now(),
                Instant.now(),
                crash);
    }
}
