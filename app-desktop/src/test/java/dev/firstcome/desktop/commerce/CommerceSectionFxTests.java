package dev.firstcome.desktop.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.desktop.shell.ConsoleWindow;
import dev.firstcome.desktop.testing.FakeBackend;
import dev.firstcome.desktop.ui.FxUiExecutor;
import dev.firstcome.desktop.ui.UiErrors;
import dev.firstcome.model.CouponBenefit;
import dev.firstcome.model.CouponValidity;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventView;
import dev.firstcome.model.FailedOrderView;
import dev.firstcome.model.OrderState;
import dev.firstcome.model.RedemptionBucket;
import dev.firstcome.model.RedemptionTimeline;
import dev.firstcome.model.SettlementDay;
import dev.firstcome.model.VendorBalance;
import dev.firstcome.model.VendorView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
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

/** The "Coupons & orders" section in the real window (Ctrl+7) over fake facades. */
@ExtendWith(ApplicationExtension.class)
class CommerceSectionFxTests {

    /** Long enough for a loaded 2-core machine rendering in software. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");

    private final FakeBackend backend = new FakeBackend();
    private FxUiExecutor executor;
    private ConsoleWindow window;

    @Start
    void start(Stage stage) {
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

    private static void openSection(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT7).release(KeyCode.DIGIT7, KeyCode.CONTROL);
        await().atMost(WAIT)
                .until(() -> robot.lookup("#commerce-view").tryQuery().isPresent());
    }

    private static void showTab(FxRobot robot, int index) {
        robot.interact(() -> robot.lookup("#commerce-view")
                .queryAs(TabPane.class)
                .getSelectionModel()
                .select(index));
    }

    private static boolean shows(FxRobot robot, String id, String text) {
        return robot.lookup(id)
                .tryQuery()
                .map(n -> text.equals(((Label) n).getText()))
                .orElse(false);
    }

    /** Replaces a field's text as a user would. */
    private static void retype(FxRobot robot, String id, String text) {
        robot.clickOn(id);
        robot.interact(() -> robot.lookup(id)
                .queryAs(javafx.scene.control.TextInputControl.class)
                .selectAll());
        robot.write(text);
    }

    @Test
    void ctrl7ShowsTheFunnelAndTheRedemptionsOfTheNewestEvent(FxRobot robot) {
        EventView launch = backend.events()
                .create(new EventDraft(
                        "Launch day",
                        5000,
                        null,
                        null,
                        null,
                        NOW,
                        NOW.plusSeconds(86_400),
                        "UTC",
                        false,
                        null,
                        CouponBenefit.fixed(500, 0),
                        new CouponValidity(null, 30),
                        null));
        backend.redemption().setFunnel(launch.id(), 2600, 2100, 300);
        backend.redemption()
                .setTimeline(new RedemptionTimeline(
                        launch.id(),
                        60,
                        NOW,
                        NOW.plusSeconds(180),
                        List.of(
                                new RedemptionBucket(NOW, 30, 0, 0),
                                new RedemptionBucket(NOW.plusSeconds(60), 42, 1, 0),
                                new RedemptionBucket(NOW.plusSeconds(120), 12, 0, 5))));

        openSection(robot);

        await().atMost(WAIT).until(() -> shows(robot, "#funnel-issued", "5,000"));
        assertThat(robot.lookup("#funnel-redeemed").queryAs(Label.class).getText())
                .isEqualTo("2,100");
        assertThat(robot.lookup("#funnel-redeemed-share").queryAs(Label.class).getText())
                .isEqualTo("42.0 %");
        assertThat(robot.lookup("#funnel-expired").queryAs(Label.class).getText())
                .isEqualTo("300");
        assertThat(robot.lookup("#funnel-open").queryAs(Label.class).getText()).isEqualTo("2,600");
        await().atMost(WAIT).until(() -> shows(robot, "#funnel-peak", "Busiest: 42 redeemed per minute at 08:01"));
        LineChart<?, ?> chart = robot.lookup("#redemption-chart").queryAs(LineChart.class);
        assertThat(chart.getData()).hasSize(3);
        assertThat(chart.getData().getFirst().getData()).hasSize(3);
        assertThat(chart.getTitle()).isEqualTo("Redeemed, released and expired per minute");
    }

    @Test
    void aVendorIsCreatedAfterTheApisRefusalEditedAndItsSettlementShown(FxRobot robot) {
        openSection(robot);
        showTab(robot, 1);
        await().atMost(WAIT).until(() -> robot.lookup("#vendor-name").tryQuery().isPresent());
        Button save = robot.lookup("#save-vendor").queryButton();
        assertThat(save.isDisabled()).as("no name, no cost").isTrue();
        assertThat(robot.lookup("#vendor-name-error").queryAs(Label.class).getText())
                .isEqualTo("Name is required");

        robot.clickOn("#vendor-name").write("Acme Coffee");
        robot.clickOn("#vendor-cost").write("-5");
        robot.clickOn("#save-vendor");
        await().atMost(WAIT)
                .until(() -> shows(
                        robot,
                        "#vendor-cost-error",
                        "Cost per redemption must be between 0 and 1000000000 (minor units), got -5"));
        assertThat(backend.vendors().list()).isEmpty();

        retype(robot, "#vendor-cost", "700");
        robot.clickOn("#save-vendor");
        await().atMost(WAIT).until(() -> shows(robot, "#vendor-result", "Created Acme Coffee (vendor 1)"));
        TableView<VendorRow> table = robot.lookup("#vendors-table").queryAs(TableView.class);
        await().atMost(WAIT).until(() -> table.getItems().size() == 1);
        assertThat(robot.lookup("#vendor-form-title").queryAs(Label.class).getText())
                .isEqualTo("Edit Acme Coffee (vendor 1)");
        assertThat(backend.vendors().find(1).orElseThrow().costPerRedemption()).isEqualTo(700);

        backend.vendors().setBalance(new VendorBalance(1, 6, 1, 3500));
        backend.vendors().setSettlement(1, List.of(new SettlementDay(1, LocalDate.of(2026, 6, 1), 6, 1, 3500)));
        retype(robot, "#vendor-cost", "900");
        robot.clickOn("#save-vendor");
        await().atMost(WAIT).until(() -> shows(robot, "#vendor-result", "Saved Acme Coffee (vendor 1)"));
        assertThat(backend.vendors().find(1).map(VendorView::costPerRedemption)).contains(900L);
        await().atMost(WAIT)
                .until(() -> table.getItems().size() == 1
                        && table.getItems().getFirst().balance().owed() == 3500);
        robot.clickOn("#refresh-vendors"); // the settlement of the selected vendor is read again
        await().atMost(WAIT)
                .until(() -> shows(robot, "#settlement-total", "1 day: 6 redemptions, 1 reversals, owed 3,500"));
        assertThat(robot.lookup("#settlement-title").queryAs(Label.class).getText())
                .isEqualTo("Settlement of Acme Coffee");
        assertThat(robot.lookup("#settlement-export").queryButton().isDisabled())
                .isFalse();

        robot.clickOn("#new-vendor");
        await().atMost(WAIT).until(() -> shows(robot, "#vendor-form-title", "New vendor"));
        assertThat(save.getText()).isEqualTo("Create vendor");
    }

    @Test
    void theOrdersTabShowsCountsCausesAndFailedOrders(FxRobot robot) {
        backend.orders().setCounts(Map.of(OrderState.SHIPPED, 8L, OrderState.FAILED, 2L));
        backend.orders().setCauses(Map.of("OUT_OF_STOCK", 2L));
        backend.orders()
                .setFailed(List.of(
                        new FailedOrderView(12, "bob", null, null, "OUT_OF_STOCK: tea", NOW, NOW.plusSeconds(1))));

        openSection(robot);
        showTab(robot, 2);

        await().atMost(WAIT).until(() -> shows(robot, "#orders-shipped", "8"));
        assertThat(robot.lookup("#orders-summary").queryAs(Label.class).getText())
                .isEqualTo("10 orders: 8 shipped, 2 failed, 0 in the flow");
        TableView<FailedOrderView> failed = robot.lookup("#failed-orders").queryAs(TableView.class);
        await().atMost(WAIT).until(() -> failed.getItems().size() == 1);
        assertThat(robot.lookup("OUT_OF_STOCK: tea").tryQuery()).isPresent();
    }
}
