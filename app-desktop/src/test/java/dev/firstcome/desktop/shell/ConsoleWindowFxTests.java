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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
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
        robot.doubleClickOn("#event-totalQuantity").write("0");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(message.getText()).startsWith("Total quantity must be");
        assertThat(save.isDisabled()).isTrue();

        robot.doubleClickOn("#event-totalQuantity").write("50");
        robot.clickOn("#event-dailyQuantity").write("10");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(message.getText()).isEmpty();
        robot.clickOn("#save-event");

        TableView<Object> events = table(robot, "#events-table");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.getItems().size() == 1);
        assertThat(backend.events().list(false).getFirst().name()).isEqualTo("Launch day");
        assertThat(backend.events().list(false).getFirst().dailyQuantity()).isEqualTo(10);
    }

    @Test
    void theStatusBarShowsComponentsApiUrlAndAMaskedToken(FxRobot robot) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> robot.lookup("#component-database").tryQuery().isPresent());
        assertThat(robot.lookup("#component-redis").queryAs(Label.class).getText())
                .isEqualTo("redis UP · embedded · 127.0.0.1:6390");
        assertThat(robot.lookup("#component-database").queryAs(Label.class).getText())
                .contains("DOWN");
        assertThat(robot.lookup("#http-api-url").queryAs(Label.class).getText()).isEqualTo("http://127.0.0.1:8080");
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
        await().atMost(Duration.ofSeconds(10)).until(() -> events.getItems().size() == 1);
        robot.clickOn("Launch");

        robot.clickOn("#close-event");
        robot.clickOn("Cancel");
        assertThat(backend.events().find(launch.id()).orElseThrow().status()).isEqualTo(EventStatus.ACTIVE);

        robot.clickOn("#close-event");
        robot.clickOn(robot.lookup(".dialog-pane .button")
                .match(node -> node instanceof Button b && b.getText().equals("Close event"))
                .queryButton());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> backend.events().find(launch.id()).orElseThrow().status() == EventStatus.CLOSED);
    }

    @Test
    void theDashboardShowsTheWatchedEventsFigures(FxRobot robot) {
        EventView launch = event("Launch");
        backend.admission().setCounts(new AdmissionCounts(launch.id(), 42, 42, 58, null));
        backend.monitor().setStats(new EventStats(launch.id(), 42, 42, 58, null, 40, 1, 1, 0.1, 500));
        robot.clickOn("#refresh-events");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> table(robot, "#events-table").getItems().size() == 1);
        robot.clickOn("Launch").clickOn("#open-dashboard");

        await().atMost(Duration.ofSeconds(10))
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
        await().atMost(Duration.ofSeconds(10)).until(() -> failures.getItems().size() == 1);

        robot.clickOn("alice").clickOn("#reissue-selected");

        await().atMost(Duration.ofSeconds(10)).until(() -> failures.getItems().isEmpty());
        assertThat(robot.lookup("#reissue-result").queryAs(Label.class).getText())
                .startsWith("Reissued: of 1 requested, 1 persisted");
    }

    @Test
    void aFailingBackendCallShowsAReadableNotification(FxRobot robot) {
        EventView launch = event("Launch");
        backend.monitor().failReconcileWith("Redis connection refused");
        robot.clickOn("#refresh-events");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> table(robot, "#events-table").getItems().size() == 1);
        robot.clickOn("Launch").clickOn("#open-dashboard").clickOn("#reconcile");

        Label notification = robot.lookup("#notification").queryAs(Label.class);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !notification.getText().isEmpty());
        assertThat(notification.getText()).isEqualTo("Reconciling Launch failed: Redis connection refused");
        assertThat(launch.id()).isPositive();

        robot.clickOn("#dismiss-notification");
        assertThat(notification.getText()).isEmpty();
        assertThat(notification.getParent().isVisible()).isFalse();
    }
}
