package dev.firstcome.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.desktop.testing.FakeBackend;
import dev.firstcome.desktop.ui.FxUiExecutor;
import dev.firstcome.desktop.ui.UiErrors;
import dev.firstcome.model.AdmissionCounts;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventStats;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import dev.firstcome.model.FailedIssueStatus;
import dev.firstcome.model.FailedIssueView;
import dev.firstcome.model.LatencySummary;
import dev.firstcome.model.OperatorRole;
import dev.firstcome.model.OperatorTokenView;
import dev.firstcome.model.OutcomeCount;
import dev.firstcome.model.RushProgress;
import dev.firstcome.model.RushReport;
import dev.firstcome.model.RushResult;
import dev.firstcome.model.RushState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window on JavaFX's headless platform, over fake facades (the views, not the backend). */
@ExtendWith(ApplicationExtension.class)
class ConsoleWindowFxTests {

    private final FakeBackend backend = new FakeBackend();
    private FxUiExecutor executor;
    private ConsoleWindow window;

    @Start
    void start(Stage stage) {
        executor = new FxUiExecutor(new UiErrors(), 2);
        window = new ConsoleWindow(
                backend.console(), executor, Clock.fixed(Instant.parse("2026-06-01T08:00:00Z"), ZoneId.of("UTC")));
        window.show(stage);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(window::stop).get();
        executor.close();
        FxToolkit.cleanupStages(); // no dialog or rush window of this test is left for the next one
    }

    private EventView event(String name) {
        return backend.events()
                .create(EventDraft.of(
                        name,
                        100,
                        null,
                        Instant.parse("2026-06-01T08:00:00Z"),
                        Instant.parse("2026-06-30T16:00:00Z"),
                        "UTC"));
    }

    /** Long enough for a loaded 2-core machine rendering in software (CI runs this beside other builds). */
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Replaces a field's text as a user would (a double click may select only part of it under load). */
    private static void retype(FxRobot robot, String id, String text) {
        robot.clickOn(id);
        robot.interact(() -> robot.lookup(id)
                .queryAs(javafx.scene.control.TextInputControl.class)
                .selectAll());
        robot.write(text);
    }

    /**
     * Selects the event's row in the Events table by clicking it, again if a click was lost (a click
     * landing while the table re-renders after a refresh selects nothing).
     */
    private static void selectEvent(FxRobot robot, String name) {
        TableView<Object> events = table(robot, "#events-table");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            Object selected = events.getSelectionModel().getSelectedItem();
            if (selected != null && selected.toString().contains(name)) {
                return true;
            }
            robot.lookup(name).tryQuery().ifPresent(robot::clickOn);
            return false;
        });
    }

    /** Clicks a button once it is enabled (a selection enables it a pulse after the click that made it). */
    private static void clickWhenEnabled(FxRobot robot, String id) {
        await().atMost(WAIT)
                .until(() ->
                        robot.lookup(id).tryQuery().filter(n -> !n.isDisabled()).isPresent());
        robot.clickOn(id);
    }

    /** Clicks the node showing this text once it is on screen (cells and dialogs appear a pulse later). */
    private static org.testfx.api.FxRobotInterface clickWhenShown(FxRobot robot, String text) {
        await().atMost(WAIT).until(() -> robot.lookup(text).tryQuery().isPresent());
        return robot.clickOn(text);
    }

    @SuppressWarnings("unchecked")
    private static <T> TableView<T> table(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TableView.class);
    }

    @Test
    void theFormShowsAValidationErrorAndCreatesTheEventOnceValid(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        Label message = robot.lookup("#event-form-message").queryAs(Label.class);
        Button save = robot.lookup("#save-event").queryButton();
        assertThat(message.getText()).isEqualTo("Name is required");
        assertThat(save.isDisabled()).isTrue();

        robot.clickOn("#event-name").write("Launch day");
        retype(robot, "#event-totalQuantity", "0");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(message.getText()).startsWith("Total quantity must be");
        assertThat(save.isDisabled()).isTrue();

        retype(robot, "#event-totalQuantity", "50");
        robot.clickOn("#event-dailyQuantity").write("10");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(message.getText()).isEmpty();
        robot.clickOn("#save-event");

        TableView<Object> events = table(robot, "#events-table");
        await().atMost(WAIT).until(() -> events.getItems().size() == 1);
        assertThat(backend.events().list(false).getFirst().name()).isEqualTo("Launch day");
        assertThat(backend.events().list(false).getFirst().dailyQuantity()).isEqualTo(10);
    }

    @Test
    void theStatusBarShowsComponentsApiUrlAndAMaskedToken(FxRobot robot) {
        await().atMost(WAIT)
                .until(() -> robot.lookup("#component-database").tryQuery().isPresent());
        assertThat(robot.lookup("#component-redis").queryAs(Label.class).getText())
                .isEqualTo("redis UP · embedded · 127.0.0.1:6390");
        assertThat(robot.lookup("#component-database").queryAs(Label.class).getText())
                .contains("DOWN");
        assertThat(robot.lookup("#http-api-url").queryAs(Label.class).getText()).isEqualTo("127.0.0.1:8080");
        assertThat(robot.lookup("#http-api-url")
                        .queryAs(Label.class)
                        .getTooltip()
                        .getText())
                .startsWith("http://127.0.0.1:8080");
        Label token = robot.lookup("#admin-token").queryAs(Label.class);
        assertThat(token.getText()).doesNotContain("admin");

        robot.clickOn("#reveal-token");
        assertThat(token.getText()).isEqualTo("secret-admin-token");
    }

    @Test
    void closingAnEventAsksFirst(FxRobot robot) {
        EventView launch = event("Launch");
        robot.clickOn("#refresh-events");
        TableView<Object> events = table(robot, "#events-table");
        await().atMost(WAIT).until(() -> events.getItems().size() == 1);
        selectEvent(robot, "Launch");

        clickWhenEnabled(robot, "#close-event");
        clickWhenShown(robot, "Cancel");
        assertThat(backend.events().find(launch.id()).orElseThrow().status()).isEqualTo(EventStatus.ACTIVE);

        clickWhenEnabled(robot, "#close-event");
        await().atMost(WAIT)
                .until(() -> robot.lookup("#confirm-dialog").tryQuery().isPresent());
        robot.clickOn(robot.lookup(".dialog-pane .button")
                .match(node -> node instanceof Button b && b.getText().equals("Close event"))
                .queryButton());
        await().atMost(WAIT)
                .until(() -> backend.events().find(launch.id()).orElseThrow().status() == EventStatus.CLOSED);
    }

    @Test
    void theDashboardShowsTheWatchedEventsFigures(FxRobot robot) {
        EventView launch = event("Launch");
        backend.admission().setCounts(new AdmissionCounts(launch.id(), 42, 42, 58, null));
        backend.monitor().setStats(new EventStats(launch.id(), 42, 42, 58, null, 40, 1, 1, 0.1, 500));
        robot.clickOn("#refresh-events");
        await().atMost(WAIT)
                .until(() -> table(robot, "#events-table").getItems().size() == 1);
        selectEvent(robot, "Launch");
        clickWhenEnabled(robot, "#open-dashboard");

        await().atMost(WAIT)
                .until(() -> robot.lookup("#persisted-value")
                        .tryQuery()
                        .filter(label -> ((Label) label).getText().equals("40"))
                        .isPresent());
        assertThat(robot.lookup("#admitted-value").queryAs(Label.class).getText())
                .isEqualTo("42");
        assertThat(robot.lookup("#in-flight-value").queryAs(Label.class).getText())
                .isEqualTo("1");
        assertThat(robot.lookup("#lag-status").queryAs(Label.class).getText()).isEqualTo("Kafka OK");
    }

    @Test
    void reissueSelectedClearsTheFailure(FxRobot robot) {
        EventView launch = event("Launch");
        Instant at = Instant.parse("2026-06-01T09:00:00Z");
        backend.issuance()
                .add(new FailedIssueView(
                        1, launch.id(), "alice", 1, 1, "database down", 4, at, at, FailedIssueStatus.OPEN));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        TableView<Object> failures = table(robot, "#failures-table");
        await().atMost(WAIT).until(() -> failures.getItems().size() == 1);

        clickWhenShown(robot, "alice");
        clickWhenEnabled(robot, "#reissue-selected");
        clickWhenShown(robot, "Reissue 1"); // the confirmation names the count

        await().atMost(WAIT).until(() -> failures.getItems().isEmpty());
        assertThat(robot.lookup("#reissue-result").queryAs(Label.class).getText())
                .startsWith("Reissued: of 1 requested, 1 persisted");
    }

    @Test
    void aFailingBackendCallShowsAReadableNotification(FxRobot robot) {
        EventView launch = event("Launch");
        backend.monitor().failReconcileWith("Redis connection refused");
        robot.clickOn("#refresh-events");
        await().atMost(WAIT)
                .until(() -> table(robot, "#events-table").getItems().size() == 1);
        selectEvent(robot, "Launch");
        clickWhenEnabled(robot, "#open-dashboard");
        // the dashboard is laid out on a later pulse than the click that opens it
        await().atMost(WAIT)
                .until(() -> robot.lookup("#reconcile")
                        .tryQuery()
                        .map(node -> node.isVisible() && !node.isDisabled())
                        .orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#reconcile");

        Label notification = robot.lookup("#notification").queryAs(Label.class);
        await().atMost(WAIT).until(() -> !notification.getText().isEmpty());
        assertThat(notification.getText()).isEqualTo("Reconciling Launch failed: Redis connection refused");
        assertThat(launch.id()).isPositive();

        robot.clickOn("#dismiss-notification");
        assertThat(notification.getText()).isEmpty();
        assertThat(notification.getParent().isVisible()).isFalse();
    }

    @Test
    void theRushDialogRunsSeveralStrategiesWhileTheDashboardFollowsTheRush(FxRobot robot) {
        event("Launch");
        EventView rehearsal = backend.events()
                .create(new EventDraft(
                        "Rehearsal",
                        100,
                        null,
                        null,
                        null,
                        Instant.parse("2026-06-01T08:00:00Z"),
                        Instant.parse("2026-06-30T16:00:00Z"),
                        "UTC",
                        true,
                        "lua"));
        robot.clickOn("#refresh-events");
        await().atMost(WAIT).until(() -> robot.lookup("Launch").tryQuery().isPresent());
        selectEvent(robot, "Launch");
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        await().atMost(WAIT)
                .until(() -> robot.lookup("#strategy-db-naive").tryQuery().isPresent());
        robot.clickOn("#strategy-db-naive");
        retype(robot, "#rush-users", "500");
        clickWhenEnabled(robot, "#start-rush");

        await().atMost(WAIT).until(() -> !backend.rush().started().isEmpty());
        var handle = backend.rush().last();
        assertThat(handle.request().strategies()).containsExactly("lua", "db-naive");
        assertThat(handle.request().users()).isEqualTo(500);
        handle.setProgress(new RushProgress(
                "r1", RushState.RUNNING, 1, 2, "lua", rehearsal.id(), 300, 250, 1000, List.of(), Instant.now()));
        await().atMost(WAIT)
                .until(() -> robot.lookup("#rush-status")
                        .queryAs(Label.class)
                        .getText()
                        .contains("250 of 1,000"));
        await().atMost(WAIT)
                .until(() -> robot.lookup("#dashboard-event")
                        .tryQuery()
                        .map(node -> ((javafx.scene.control.ComboBox<?>) node).getValue())
                        .filter(value -> ((EventView) value).id() == rehearsal.id())
                        .isPresent());

        RushReport lua = report("lua", rehearsal.id(), 0);
        RushReport naive = report("db-naive", rehearsal.id() + 1, 9);
        handle.finish(new RushResult(
                "r1",
                RushState.COMPLETED,
                handle.request(),
                List.of(lua, naive),
                null,
                null,
                Instant.now(),
                Instant.now()));
        TableView<Object> runs = table(robot, "#rush-reports");
        await().atMost(WAIT).until(() -> runs.getItems().size() == 2);
        // the comparison and the status follow the reports on later pulses
        await().atMost(WAIT)
                .until(() -> table(robot, "#rush-comparison").getItems().size() == 2);
        await().atMost(WAIT)
                .until(() -> "COMPLETED"
                        .equals(robot.lookup("#rush-status")
                                .queryAs(Label.class)
                                .getText()));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#close-rush");
    }

    @Test
    void theRushSectionListsFinishedRushesFromTheHistory(FxRobot robot) {
        backend.rush()
                .addHistory(new dev.firstcome.model.RushHistoryEntry(
                        "h1",
                        dev.firstcome.model.RushHistoryEntry.WARMUP,
                        "scheduler",
                        new dev.firstcome.model.RushResult(
                                "h1",
                                RushState.COMPLETED,
                                new dev.firstcome.model.RushRequest(
                                        null, null, 50, null, 100, 8, 0.1, 0, 0, null, 0, null),
                                List.of(),
                                null,
                                null,
                                Instant.parse("2026-06-01T07:55:00Z"),
                                Instant.parse("2026-06-01T07:56:00Z"))));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);

        TableView<Object> history = table(robot, "#rush-history");
        await().atMost(WAIT).until(() -> history.getItems().size() == 1);
        assertThat(robot.lookup("#rush-history-csv").queryButton().isDisabled())
                .as("nothing selected")
                .isTrue();
        robot.interact(() -> history.getSelectionModel().select(0));
        assertThat(robot.lookup("#rush-history-csv").queryButton().isDisabled()).isFalse();
    }

    @Test
    void theWaitingRoomSectionShowsTheRoomAndPausesIt(FxRobot robot) {
        EventView launch = backend.events()
                .create(new EventDraft(
                        "Queued launch",
                        100,
                        null,
                        null,
                        null,
                        Instant.parse("2026-06-01T08:00:00Z"),
                        Instant.parse("2026-06-30T16:00:00Z"),
                        "UTC",
                        false,
                        null,
                        dev.firstcome.model.WaitingRoom.of(dev.firstcome.model.WaitingRoomMode.FIFO, 30, 50, 300)));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT6).release(KeyCode.DIGIT6, KeyCode.CONTROL);

        await().atMost(WAIT)
                .until(() -> robot.lookup("#room-figure-0")
                        .tryQuery()
                        .filter(l -> ((Label) l).getText().equals("1000"))
                        .isPresent());
        clickWhenEnabled(robot, "#room-pause");
        await().atMost(WAIT).until(() -> backend.rooms().calls.contains("pause " + launch.id()));
        await().atMost(WAIT)
                .until(() -> robot.lookup("#room-figure-6")
                        .queryAs(Label.class)
                        .getText()
                        .equals("paused"));
    }

    @Test
    void aWarmUpIsScheduledMinutesBeforeTheChosenEventOpensAndCanBeCancelled(FxRobot robot) {
        EventView launch = backend.events()
                .create(EventDraft.of(
                        "Black Friday",
                        100,
                        null,
                        Instant.parse("2026-06-01T10:00:00Z"),
                        Instant.parse("2026-06-30T16:00:00Z"),
                        "UTC"));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        var events = robot.lookup("#warmup-event").queryComboBox();
        await().atMost(WAIT).until(() -> !events.getItems().isEmpty());

        robot.clickOn("#schedule-warm-up");
        await().atMost(WAIT)
                .until(() -> robot.lookup("#warmup-schedule-error")
                        .queryAs(Label.class)
                        .getText()
                        .startsWith("Event:"));

        robot.interact(() -> events.getSelectionModel().select(0));
        retype(robot, "#warmup-minutes", "10");
        robot.clickOn("#schedule-warm-up");

        await().atMost(WAIT).until(() -> !backend.rush().warmUps().isEmpty());
        var plan = backend.rush().warmUps().getFirst();
        assertThat(plan.forEventId()).isEqualTo(launch.id());
        assertThat(plan.runAt()).isEqualTo(Instant.parse("2026-06-01T09:50:00Z"));
        assertThat(plan.users()).isEqualTo(100_000);
        var plans = robot.lookup("#warmup-plans").queryListView();
        await().atMost(WAIT).until(() -> plans.getItems().size() == 1);
        assertThat(robot.lookup("#warmup-schedule-error").queryAs(Label.class).getText())
                .isEmpty();

        robot.interact(() -> plans.getSelectionModel().select(0));
        clickWhenEnabled(robot, "#cancel-warm-up");
        await().atMost(WAIT).until(() -> plans.getItems().isEmpty());
        assertThat(backend.rush().warmUps()).isEmpty();
    }

    @Test
    void aTokenCreatedThroughTheSecurityFormIsListedAndItsSecretShownOnce(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> robot.lookup("#token-name").tryQuery().isPresent());

        robot.clickOn("#token-name").write("ci-deploy");
        robot.interact(() -> robot.lookup("#token-role").queryComboBox().setValue(OperatorRole.OPERATOR));
        assertThat(robot.lookup("#token-role-description").queryAs(Label.class).getText())
                .startsWith("Viewer, and changes events");
        robot.clickOn("#create-token");

        await().atMost(WAIT)
                .until(() -> robot.lookup("#token-secret").tryQuery().isPresent());
        TextField secret = robot.lookup("#token-secret").queryAs(TextField.class);
        assertThat(secret.getText()).isEqualTo(backend.tokens().secretOf(1));
        assertThat(robot.lookup("#token-secret-note").queryAs(Label.class).getText())
                .isEqualTo("This is the only time the token is shown; it is stored only as a hash.");
        TableView<OperatorTokenView> tokens = table(robot, "#tokens-table");
        await().atMost(WAIT).until(() -> tokens.getItems().size() == 1);
        assertThat(tokens.getItems().getFirst().name()).isEqualTo("ci-deploy");
        assertThat(tokens.getItems().getFirst().role()).isEqualTo(OperatorRole.OPERATOR);

        robot.clickOn("Done");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(secret.getText()).as("the secret is forgotten once closed").isEmpty();
        assertThat(robot.lookup("#token-secret").tryQuery()).isEmpty();
        clickWhenShown(robot, "ci-deploy");

        robot.clickOn("#revoke-token");
        await().atMost(WAIT)
                .until(() -> robot.lookup("#confirm-dialog").tryQuery().isPresent());
        assertThat(robot.lookup("#confirm-dialog .header-panel .label")
                        .queryAs(Label.class)
                        .getText())
                .isEqualTo("Revoke ci-deploy?");
        robot.type(KeyCode.ENTER); // Cancel is the default: Enter alone never revokes
        await().atMost(WAIT)
                .until(() -> robot.lookup("#confirm-dialog").tryQuery().isEmpty());
        assertThat(backend.tokens().list().getFirst().active()).isTrue();
    }

    private static RushReport report(String strategy, long eventId, long oversold) {
        return new RushReport(
                "r1",
                eventId,
                strategy,
                RushState.COMPLETED,
                100,
                500,
                500,
                List.of(new OutcomeCount("ISSUED", 100 + oversold)),
                100 + oversold,
                100 + oversold,
                oversold,
                0,
                1000,
                new LatencySummary(500, 2, 1, 4, 6, 9),
                null,
                false,
                500,
                Instant.now(),
                Instant.now());
    }
}
