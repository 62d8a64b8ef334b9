package dev.firstcome.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.admission.EventStates;
import dev.firstcome.desktop.testing.FakeBackend;
import dev.firstcome.desktop.ui.FxUiExecutor;
import dev.firstcome.desktop.ui.UiErrors;
import dev.firstcome.model.AdmissionCounts;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventPhase;
import dev.firstcome.model.EventState;
import dev.firstcome.model.EventStats;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import dev.firstcome.model.ReconcileReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.SearchableComboBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The launch-day console (issue 15) on the real window, headless, over fake facades. */
@ExtendWith(ApplicationExtension.class)
class LaunchConsoleFxTests {

    private static final Instant NOW = Instant.parse("2026-06-01T21:45:00Z"); // 06:45 in Seoul
    private final FakeBackend backend = new FakeBackend();
    private FxUiExecutor executor;
    private ConsoleWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        executor = new FxUiExecutor(new UiErrors(), 2);
        window = new ConsoleWindow(backend.console(), executor, Clock.fixed(NOW, ZoneId.of("UTC")));
        window.show(stage);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(window::stop).get();
        executor.close();
        FxToolkit.cleanupStages();
    }

    private EventView seoulLaunch() {
        return backend.events()
                .create(new EventDraft(
                        "Seoul launch",
                        100,
                        null,
                        LocalTime.of(10, 0),
                        null,
                        Instant.parse("2026-06-01T00:00:00Z"),
                        Instant.parse("2026-06-30T00:00:00Z"),
                        "Asia/Seoul",
                        false,
                        null));
    }

    @SuppressWarnings("unchecked")
    private static <T> TableView<T> table(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TableView.class);
    }

    @Test
    void theEventsTableShowsTheTrueStateWithItsCountdown(FxRobot robot) {
        EventView launch = seoulLaunch();
        var counts = new AdmissionCounts(launch.id(), 0, 0, 100, null);
        backend.admission().setCounts(counts);
        backend.admission().setState(EventStates.of(launch, NOW, counts, true));

        robot.clickOn("#refresh-events");

        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        robot.lookup("OPENS IN 3h15m (10:00 KST)").tryQuery().isPresent());
        assertThat(robot.lookup("ACTIVE").tryQuery()).isEmpty();
    }

    @Test
    void theDashboardBannerSaysSoldOutAndAlertsOnFailedCoupons(FxRobot robot) {
        EventView launch = seoulLaunch();
        backend.admission().setState(new EventState(launch.id(), EventPhase.SOLD_OUT, null, "Asia/Seoul", NOW));
        backend.monitor().setStats(new EventStats(launch.id(), 100, 100, 0, null, 60, 40, 0, 0, 0));

        robot.clickOn("#nav-dashboard");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> "SOLD OUT"
                        .equals(robot.lookup("#dashboard-banner")
                                .queryAs(Label.class)
                                .getText()));
        assertThat(robot.lookup("#dashboard-banner").queryAs(Label.class).isVisible())
                .isTrue();
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        robot.lookup("#dashboard-alerts").queryAs(Node.class).isVisible());
        assertThat(robot.lookup("#dashboard-alerts .label").queryAs(Label.class).getText())
                .contains("40 coupons failed");
        assertThat(robot.lookup("#sold-text").queryAs(Label.class).getText()).startsWith("100.0 % sold");
    }

    @Test
    void reconcileWhenAllAgreeOpensOnScreenWithHealDisabled(FxRobot robot) {
        EventView launch = seoulLaunch();
        backend.monitor()
                .setReconcile(new ReconcileReport(launch.id(), 10, 10, 0, 0, 0, 0, 0, true, List.of(), List.of()));
        robot.clickOn("#nav-dashboard");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !robot.lookup("#reconcile").queryButton().isDisabled());

        robot.clickOn("#reconcile");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> robot.lookup("#reconcile-heal").tryQuery().isPresent());
        Button heal = robot.lookup("#reconcile-heal").queryButton();
        assertThat(heal.isDisabled()).isTrue();
        assertThat(heal.isFocused()).isFalse();
        var dialogWindow = heal.getScene().getWindow();
        assertThat(dialogWindow.getX()).isGreaterThanOrEqualTo(0);
        assertThat(dialogWindow.getY()).isGreaterThanOrEqualTo(0);
        robot.type(KeyCode.ENTER); // Close is the default
        await().atMost(Duration.ofSeconds(10))
                .until(() -> robot.lookup("#reconcile-heal").tryQuery().isEmpty());
        assertThat(backend.monitor().heals()).isZero();
    }

    @Test
    void theFormHasASearchableZonePickerAndShowsUtcBesideTheTimes(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> robot.lookup("#event-zoneId").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        SearchableComboBox<String> zone = robot.lookup("#event-zoneId").queryAs(SearchableComboBox.class);
        assertThat(zone.getItems()).contains("Asia/Seoul", "Europe/Berlin");
        robot.interact(() -> zone.setValue("Asia/Seoul"));
        robot.doubleClickOn("#event-startsAt").eraseText(16).write("2026-06-02 10:00");
        robot.clickOn("#event-dailyOpenTime").write("22:00");
        robot.clickOn("#event-dailyCloseTime").write("02:00");

        assertThat(robot.lookup("#event-startsAt-utc").queryAs(Label.class).getText())
                .isEqualTo("= 2026-06-02 01:00 UTC");
        assertThat(robot.lookup("#event-window-hint").queryAs(Label.class).getText())
                .contains("closes 02:00 the next day");
        robot.clickOn("#event-name").write("Night owls");
        robot.clickOn("#save-event");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !backend.events().list(true).isEmpty());
        EventView saved = backend.events().list(true).getFirst();
        assertThat(saved.zoneId()).isEqualTo("Asia/Seoul");
        assertThat(saved.startsAt()).isEqualTo(Instant.parse("2026-06-02T01:00:00Z"));
        assertThat(saved.dailyCloseTime()).isEqualTo(LocalTime.of(2, 0));
    }

    @Test
    void closingAnEventDefaultsToCancel(FxRobot robot) {
        EventView launch = seoulLaunch();
        robot.clickOn("#refresh-events");
        TableView<Object> events = table(robot, "#events-table");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.getItems().size() == 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> robot.lookup("Seoul launch").tryQuery().isPresent());
        robot.interact(() -> events.getSelectionModel().select(0));
        Button close = robot.lookup("#close-event").queryButton();
        await().atMost(Duration.ofSeconds(10)).until(() -> !close.isDisabled());
        WaitForAsyncUtils.asyncFx(close::fire); // the confirmation waits on the FX thread: do not wait for it here
        await().atMost(Duration.ofSeconds(10))
                .until(() -> robot.lookup("#confirm-dialog").tryQuery().isPresent());

        robot.type(KeyCode.ENTER);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> robot.lookup("#confirm-dialog").tryQuery().isEmpty());
        assertThat(backend.events().find(launch.id()).orElseThrow().status()).isEqualTo(EventStatus.ACTIVE);
    }

    @Test
    void theCloseButtonsLabelStaysReadableOnHover(FxRobot robot) {
        seoulLaunch();
        robot.clickOn("#refresh-events");
        TableView<Object> events = table(robot, "#events-table");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.getItems().size() == 1);
        robot.interact(() -> events.getSelectionModel().select(0));
        Button close = robot.lookup("#close-event").queryButton();
        await().atMost(Duration.ofSeconds(10)).until(() -> !close.isDisabled());

        robot.moveTo(close);
        await().atMost(Duration.ofSeconds(10)).until(close::isHover);

        var fills = close.getBackground().getFills();
        var background = fills.get(fills.size() - 1).getFill();
        assertThat(close.getTextFill()).isNotEqualTo(background);
    }

    @Test
    void atTheSmallestSupportedSizeTheStatusBarStaysOnScreen(FxRobot robot) throws Exception {
        // a window of its own (the shared test stage keeps its size for the other tests)
        ConsoleWindow second = WaitForAsyncUtils.asyncFx(
                        () -> new ConsoleWindow(backend.console(), executor, Clock.fixed(NOW, ZoneId.of("UTC"))))
                .get();
        Stage small = WaitForAsyncUtils.asyncFx(() -> {
                    Stage stage = new Stage();
                    second.show(stage);
                    stage.setWidth(1024);
                    stage.setHeight(640);
                    return stage;
                })
                .get();
        WaitForAsyncUtils.waitForFxEvents();
        try {
            Node bar = small.getScene().lookup(".statusbar");
            var bounds = bar.localToScene(bar.getBoundsInLocal());
            assertThat(bounds.getMaxY()).isLessThanOrEqualTo(small.getScene().getHeight() + 0.5);
            assertThat(bounds.getHeight()).isPositive();
            assertThat(bounds.getMaxX()).as("the status bar fits the width").isLessThanOrEqualTo(1024.5);
            // what the status bar shows stays readable: each component's name and state, the ports
            var components = (javafx.scene.layout.Pane) small.getScene().lookup("#components");
            assertThat(components.getChildren()).isNotEmpty();
            for (Node component : components.getChildren()) {
                String shown = ((javafx.scene.text.Text) component.lookup(".text")).getText();
                String full = ((javafx.scene.control.Label) component).getText();
                assertThat(shown).as(full).startsWith(full.substring(0, full.indexOf(" · ")));
            }
            for (String url : List.of("#http-api-url", "#apply-api-url")) {
                var label = (javafx.scene.control.Label) small.getScene().lookup(url);
                String shown = ((javafx.scene.text.Text) label.lookup(".text")).getText();
                assertThat(shown).as(url + " shown whole").isEqualTo(label.getText());
            }
            // every events action fits the toolbar (none pushed into its overflow menu)
            Node refresh = small.getScene().lookup("#refresh-events");
            var refreshBounds = refresh.localToScene(refresh.getBoundsInLocal());
            assertThat(refreshBounds.getMaxX())
                    .isLessThanOrEqualTo(small.getScene().getWidth() + 0.5);
            assertThat(refresh.getParent()).isNotNull();
        } finally {
            WaitForAsyncUtils.asyncFx(() -> {
                        second.stop();
                        small.close();
                    })
                    .get();
        }
    }
}
