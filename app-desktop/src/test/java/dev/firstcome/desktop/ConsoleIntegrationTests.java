package dev.firstcome.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.infra.InfrastructureApi;
import dev.firstcome.backend.issuance.IssuanceApi;
import dev.firstcome.backend.order.OrderApi;
import dev.firstcome.backend.redemption.RedemptionApi;
import dev.firstcome.backend.vendor.VendorApi;
import dev.firstcome.desktop.testing.PngWriter;
import dev.firstcome.model.CouponBenefit;
import dev.firstcome.model.CouponValidity;
import dev.firstcome.model.EventChanges;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import dev.firstcome.model.OrderItem;
import dev.firstcome.model.OrderState;
import dev.firstcome.model.RushReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real console (ConsoleApplication: Spring context in init(), window in start()) on JavaFX's
 * headless platform, with the real embedded Redis, Kafka and PostgreSQL, driven through its window.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final FxRobot robot = new FxRobot();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String eventName =
            "Console launch " + UUID.randomUUID().toString().substring(0, 8);
    private ConsoleApplication app;
    private EventApi events;
    private String apiUrl;

    @BeforeAll
    void launch() throws Exception {
        // the backend starts the embedded servers in init(): allow for a slow, busy machine
        FxToolkit.toolkitContext().setSetupTimeoutInMillis(240_000);
        FxToolkit.registerPrimaryStage();
        app = (ConsoleApplication) FxToolkit.setupApplication(
                ConsoleApplication.class,
                "--firstcome.namespace=console-" + UUID.randomUUID().toString().substring(0, 8));
        assertThat(app.context()).as("the backend started").isNotNull();
        events = app.context().getBean(EventApi.class);
        apiUrl = app.context().getBean(InfrastructureApi.class).httpApiUrl();
    }

    @AfterAll
    void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages(); // the window and the rush window: later GUI tests start from a clean screen
        assertThat(app.context().isActive())
                .as("the context is closed on stop()")
                .isFalse();
    }

    private EventView created() {
        return events.list(false).stream()
                .filter(e -> e.name().equals(eventName))
                .findFirst()
                .orElseThrow();
    }

    private HttpResponse<String> apply(long eventId, String userId) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(apiUrl + "/api/events/" + eventId + "/apply"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + userId + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Clicks the table cell showing this text, once the table rendered it. */
    private org.testfx.api.FxRobotInterface clickRow(String text) {
        await().atMost(WAIT).until(() -> robot.lookup(text).tryQuery().isPresent());
        return robot.clickOn(text);
    }

    @Test
    @Order(1)
    void theStatusBarShowsTheEmbeddedComponentsAndTheApiUrl() {
        await().atMost(WAIT)
                .until(() -> robot.lookup("#component-database").tryQuery().isPresent());
        for (String component : new String[] {"redis", "kafka", "database"}) {
            assertThat(robot.lookup("#component-" + component)
                            .queryAs(Label.class)
                            .getText())
                    .startsWith(component + " UP · embedded");
        }
        // shown without the scheme (the status bar is narrow), whole in the tooltip
        assertThat(robot.lookup("#http-api-url").queryAs(Label.class).getText())
                .isEqualTo(apiUrl.replaceFirst("https?://", ""));
        assertThat(robot.lookup("#http-api-url")
                        .queryAs(Label.class)
                        .getTooltip()
                        .getText())
                .startsWith(apiUrl);
        assertThat(robot.lookup("#admin-token").queryAs(Label.class).getText()).doesNotContain("test-admin-token");
    }

    @Test
    @Order(2)
    void anEventIsCreatedThroughTheFormAfterAValidationError() {
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Label message = robot.lookup("#event-form-message").queryAs(Label.class);
        Button save = robot.lookup("#save-event").queryButton();

        robot.clickOn("#event-name").write(eventName);
        robot.doubleClickOn("#event-totalQuantity").write("0");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(message.getText()).startsWith("Total quantity must be");
        assertThat(save.isDisabled()).isTrue();

        robot.doubleClickOn("#event-totalQuantity").write("5");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(message.getText()).isEmpty();
        robot.clickOn("#save-event");

        TableView<?> table = robot.lookup("#events-table").queryAs(TableView.class);
        await().atMost(WAIT)
                .until(() ->
                        table.getItems().stream().anyMatch(row -> row.toString().contains(eventName)));
        EventView event = created();
        assertThat(event.totalQuantity()).isEqualTo(5);
        assertThat(event.status()).isEqualTo(EventStatus.ACTIVE);
    }

    @Test
    @Order(3)
    void pauseFromTheEventsViewBlocksAppliesAndResumeReopens() throws Exception {
        long id = created().id();
        clickRow(eventName).clickOn("#pause-event");
        await().atMost(WAIT).until(() -> created().status() == EventStatus.PAUSED);

        HttpResponse<String> paused = apply(id, "paused-user");
        assertThat(paused.statusCode()).isEqualTo(409);
        assertThat(paused.body()).contains("\"PAUSED\"");

        Button toggle = robot.lookup("#pause-event").queryButton();
        await().atMost(WAIT).until(() -> toggle.getText().equals("Resume"));
        clickRow(eventName).clickOn("#pause-event");
        await().atMost(WAIT).until(() -> created().status() == EventStatus.ACTIVE);
        HttpResponse<String> issued = apply(id, "resumed-user");
        assertThat(issued.statusCode()).isEqualTo(201);
        assertThat(issued.body()).contains("\"ISSUED\"");
    }

    @Test
    @Order(4)
    void reissueFromTheFailedCouponsViewClearsAFailure() throws Exception {
        IssuanceApi issuance = app.context().getBean(IssuanceApi.class);
        JdbcTemplate jdbc = app.context().getBean(JdbcTemplate.class);
        EventView event = events.create(EventDraft.of(
                "Failing " + eventName,
                10,
                null,
                Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(3600),
                "UTC"));
        long id = event.id();
        String user = "refused-" + id;
        jdbc.execute("CREATE OR REPLACE FUNCTION fc_console_refuse_" + id + "() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN IF NEW.event_id = " + id + " THEN RAISE EXCEPTION 'refused by the console test';"
                + " END IF; RETURN NEW; END $$");
        jdbc.execute("CREATE TRIGGER fc_console_refuse_" + id + " BEFORE INSERT ON coupon FOR EACH ROW"
                + " EXECUTE FUNCTION fc_console_refuse_" + id + "()");
        try {
            assertThat(apply(id, user).statusCode()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(60)).until(() -> issuance.failedOpenCount(id) == 1);
        } finally {
            jdbc.execute("DROP TRIGGER IF EXISTS fc_console_refuse_" + id + " ON coupon");
            jdbc.execute("DROP FUNCTION IF EXISTS fc_console_refuse_" + id + "()");
        }
        assertThat(issuance.persistedCount(id)).isZero();

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        robot.press(KeyCode.F5).release(KeyCode.F5);
        clickRow(user).clickOn("#reissue-selected");
        clickRow("Reissue 1"); // the confirmation names the count

        Label result = robot.lookup("#reissue-result").queryAs(Label.class);
        await().atMost(WAIT).until(() -> result.getText().startsWith("Reissued"));
        assertThat(result.getText()).startsWith("Reissued: of 1 requested, 1 persisted");
        assertThat(issuance.persistedCount(id)).isEqualTo(1);
        assertThat(issuance.failedOpenCount(id)).isZero();
        await().atMost(WAIT).until(() -> robot.lookup(user).tryQuery().isEmpty());
    }

    @Test
    @Order(5)
    void aRushFromTheDialogEndsWithTheDashboardsPersistedCountAtTheIssuedCount() throws Exception {
        Path screenshot = Optional.ofNullable(System.getProperty("firstcome.screenshot"))
                .filter(p -> !p.isBlank())
                .map(Path::of)
                .orElse(null);
        int users = screenshot == null ? 400 : 12_000;
        int quantity = screenshot == null ? 100 : 5_000;
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        clickRow(eventName);
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> robot.lookup("#start-rush").tryQuery().isPresent());
        robot.doubleClickOn("#rush-users").write(Integer.toString(users));
        robot.doubleClickOn("#rush-quantity").write(Integer.toString(quantity));
        robot.doubleClickOn("#rush-concurrency").write("32");
        robot.doubleClickOn("#rush-duplicates").write("10");
        robot.clickOn("#start-rush");

        await().atMost(WAIT)
                .until(() -> robot.lookup("#admitted-value").tryQuery().isPresent());
        Label admitted = robot.lookup("#admitted-value").queryAs(Label.class);
        Label persisted = robot.lookup("#persisted-value").queryAs(Label.class);
        Label status = robot.lookup("#rush-status").queryAs(Label.class);
        if (screenshot != null) {
            // a chart with some history, taken while the rush still runs (or as it ends)
            LineChart<?, ?> chart = robot.lookup("#rate-chart").queryAs(LineChart.class);
            await().atMost(Duration.ofMinutes(3))
                    .until(() -> chart.getData().getFirst().getData().size() >= 10
                            || !status.getText().startsWith("RUNNING"));
            snapshot(screenshot);
            Path dir = screenshot.getParent();
            snapshotAt(dir.resolve("console-dashboard.png"), 1280, 800);
            snapshotAt(dir.resolve("console-dashboard-1024x640.png"), 1024, 640);
            resize(1280, 800);
        }
        await().atMost(Duration.ofMinutes(3)).until(() -> status.getText().startsWith("COMPLETED"));
        TableView<?> runs = robot.lookup("#rush-reports").queryAs(TableView.class);
        RushReport report = (RushReport) runs.getItems().getFirst();
        assertThat(report.winners()).isEqualTo(quantity);
        assertThat(report.oversold()).isZero();
        assertThat(report.duplicates()).isZero();

        await().atMost(Duration.ofMinutes(2)).until(() -> count(admitted) == quantity && count(persisted) == quantity);
        assertThat(robot.lookup("#dashboard-event").queryComboBox().getValue())
                .extracting(v -> ((EventView) v).id())
                .isEqualTo(report.eventId());
        if (screenshot != null) {
            Path dir = screenshot.getParent();
            javafx.stage.Window rushWindow =
                    robot.lookup("#rush-dialog").query().getScene().getWindow();
            PngWriter.write(
                    WaitForAsyncUtils.asyncFx(() -> rushWindow.getScene().snapshot(null))
                            .get(),
                    dir.resolve("console-rush-report.png"));
        }
        robot.clickOn("#close-rush");
        if (screenshot != null) {
            Path dir = screenshot.getParent();
            robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
            robot.clickOn("#include-lab");
            await().atMost(WAIT).until(() -> robot.lookup(eventName).tryQuery().isPresent());
            snapshotAt(dir.resolve("console-events.png"), 1280, 800);
            snapshotAt(dir.resolve("console-events-1024x640.png"), 1024, 640);
            resize(1280, 800);
            robot.clickOn("#include-lab");
            robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
            snapshotAt(dir.resolve("console-failures.png"), 1280, 800);
            robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
            // the past rushes (this rush among them) are below the warm-ups: scrolled into view
            await().atMost(WAIT)
                    .until(() -> !robot.lookup("#rush-history")
                            .queryAs(javafx.scene.control.TableView.class)
                            .getItems()
                            .isEmpty());
            robot.interact(() -> robot.lookup("#rush-section")
                    .queryAs(javafx.scene.control.ScrollPane.class)
                    .setVvalue(1.0));
            WaitForAsyncUtils.waitForFxEvents();
            snapshotAt(dir.resolve("console-rush.png"), 1280, 800);
            robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
            snapshotAt(dir.resolve("console-audit.png"), 1280, 800);
            // a queued launch with visitors in its room (outflow 1 per second: most are still waiting)
            EventView queued = events.create(new dev.firstcome.model.EventDraft(
                    "Queued launch " + eventName,
                    100,
                    null,
                    null,
                    null,
                    java.time.Instant.now().minusSeconds(60),
                    java.time.Instant.now().plus(Duration.ofDays(1)),
                    "Asia/Seoul",
                    false,
                    null,
                    dev.firstcome.model.WaitingRoom.of(dev.firstcome.model.WaitingRoomMode.FIFO, 30, 1, 300)));
            for (int i = 0; i < 40; i++) {
                var join = http.send(
                        HttpRequest.newBuilder(URI.create(apiUrl + "/api/events/" + queued.id() + "/queue"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"visitor-" + i + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(join.statusCode()).as(join.body()).isEqualTo(200);
            }
            robot.press(KeyCode.CONTROL, KeyCode.DIGIT6).release(KeyCode.DIGIT6, KeyCode.CONTROL);
            await().atMost(WAIT)
                    .until(() -> robot.lookup("#room-figure-4")
                            .tryQuery()
                            .map(l -> ((Label) l).getText().equals("40"))
                            .orElse(false));
            snapshotAt(dir.resolve("console-waiting-room.png"), 1280, 800);
            robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
            robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
            await().atMost(WAIT)
                    .until(() -> robot.lookup("#event-form").tryQuery().isPresent());
            robot.interact(() -> robot.lookup("#event-zoneId")
                    .queryAs(org.controlsfx.control.SearchableComboBox.class)
                    .setValue("Asia/Seoul"));
            robot.clickOn("#event-name").write("Night owls");
            robot.clickOn("#event-dailyOpenTime").write("22:00");
            robot.clickOn("#event-dailyCloseTime").write("02:00");
            WaitForAsyncUtils.waitForFxEvents();
            javafx.stage.Window form =
                    robot.lookup("#event-form").query().getScene().getWindow();
            PngWriter.write(
                    WaitForAsyncUtils.asyncFx(() -> form.getScene().snapshot(null))
                            .get(),
                    dir.resolve("console-event-form.png"));
            robot.type(KeyCode.ESCAPE);
        }
    }

    /**
     * The "Coupons & orders" section against the real backend: a vendor created through its form, an event
     * funded by it whose coupons are won over HTTP and redeemed, an order that fails; the funnel, the
     * vendor's balance (through the settlement consumer) and the failed order appear. With
     * {@code -Dfirstcome.commerce-screenshots=<dir>} more coupons are redeemed in waves for a while (the chart
     * needs some history), some expire, more orders run, and each tab is saved at 1280x800 and 1024x640.
     */
    @Test
    @Order(6)
    void theCouponsAndOrdersSectionShowsAVendorMadeThereTheFunnelAndAFailedOrder() throws Exception {
        Path shots = Optional.ofNullable(System.getProperty("firstcome.commerce-screenshots"))
                .filter(p -> !p.isBlank())
                .map(Path::of)
                .orElse(null);
        RedemptionApi redemption = app.context().getBean(RedemptionApi.class);
        VendorApi vendors = app.context().getBean(VendorApi.class);
        OrderApi orders = app.context().getBean(OrderApi.class);
        IssuanceApi issuance = app.context().getBean(IssuanceApi.class);
        String suffix = eventName.substring(eventName.length() - 8);
        String vendorName = "Acme Coffee " + suffix;

        robot.clickOn("#nav-commerce"); // Ctrl+7 is CommerceSectionFxTests' (a key goes to the focused window)
        await().atMost(WAIT)
                .until(() -> robot.lookup("#commerce-view").tryQuery().isPresent());
        showCommerceTab(1);
        await().atMost(WAIT).until(() -> robot.lookup("#vendor-name").tryQuery().isPresent());
        robot.clickOn("#vendor-name").write(vendorName);
        robot.clickOn("#vendor-cost").write("700");
        robot.clickOn("#save-vendor");
        long vendorId = await().atMost(WAIT)
                .until(
                        () -> vendors.list().stream()
                                .filter(v -> v.name().equals(vendorName))
                                .mapToLong(dev.firstcome.model.VendorView::id)
                                .findFirst()
                                .orElse(0),
                        id -> id > 0);

        int winners = shots == null ? 5 : 400;
        EventView funded = events.create(new EventDraft(
                "Coupons " + eventName,
                winners * 2,
                null,
                null,
                null,
                Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(7)),
                "Asia/Seoul",
                false,
                null,
                CouponBenefit.fixed(1000, 5000L),
                new CouponValidity(null, 30),
                vendorId));
        for (int i = 0; i < winners; i++) {
            assertThat(apply(funded.id(), "shopper-" + suffix + "-" + i).statusCode())
                    .isEqualTo(201);
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> issuance.persistedCount(funded.id()) == winners);
        java.util.List<Long> coupons = new java.util.ArrayList<>();
        for (int i = 0; i < winners; i++) {
            String user = "shopper-" + suffix + "-" + i;
            coupons.add(redemption.couponsOf(user).stream()
                    .filter(c -> c.eventId() == funded.id())
                    .findFirst()
                    .orElseThrow()
                    .couponId());
        }
        // redeemed in waves (one wave without the screenshots): a chart with a shape
        int redeemed = 0;
        int[] waves = shots == null ? new int[] {2} : new int[] {6, 14, 25, 38, 31, 22, 27, 16, 10, 6, 4};
        for (int wave : waves) {
            for (int i = 0; i < wave; i++, redeemed++) {
                String user = "shopper-" + suffix + "-" + redeemed;
                redemption.redeem(
                        coupons.get(redeemed), user, "shop-" + redeemed, 12_000, "k-" + redeemed, "user:" + user);
            }
            if (shots != null) {
                await().pollDelay(Duration.ofSeconds(10)).atMost(WAIT).until(() -> true);
            }
        }
        int redeemedCount = redeemed;
        long failedOrder = orders.place(
                        "shopper-" + suffix + "-0", List.of(new OrderItem("missing-" + suffix, 1)), null)
                .id();
        await().atMost(Duration.ofMinutes(2))
                .until(() -> orders.find(failedOrder, null).state() == OrderState.FAILED);
        if (shots != null) {
            // coupons issued from now on were valid until 2000-01-01: they expire at once
            events.update(
                    funded.id(),
                    new EventChanges(
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            new CouponValidity(java.time.LocalDate.of(2000, 1, 1), null),
                            null,
                            null));
            for (int i = 0; i < 60; i++) {
                assertThat(apply(funded.id(), "late-" + suffix + "-" + i).statusCode())
                        .isEqualTo(201);
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> issuance.persistedCount(funded.id()) == winners + 60);
            for (int i = 0; i < 60; i++) {
                redemption.couponsOf("late-" + suffix + "-" + i);
            }
            redemption.expireDue();
        }

        showCommerceTab(0);
        robot.clickOn("#refresh-funnel");
        robot.interact(() -> {
            var combo = robot.lookup("#funnel-event").queryComboBox();
            combo.getItems().stream()
                    .filter(e -> ((EventView) e).id() == funded.id())
                    .findFirst()
                    .ifPresent(e -> combo.getSelectionModel().select(e));
        });
        await().atMost(WAIT)
                .until(() -> commerceLabel("#funnel-redeemed")
                        .equals(String.format(java.util.Locale.ROOT, "%,d", redeemedCount)));
        assertThat(commerceLabel("#funnel-issued"))
                .isEqualTo(String.format(java.util.Locale.ROOT, "%,d", winners + (shots == null ? 0 : 60)));
        if (shots != null) {
            snapshotAt(shots.resolve("console-commerce-coupons.png"), 1280, 800);
            snapshotAt(shots.resolve("console-commerce-coupons-1024x640.png"), 1024, 640);
            resize(1280, 800);
        }

        showCommerceTab(1);
        // the ledger is fed through Kafka: the balance follows the settlement consumer
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    robot.clickOn("#refresh-vendors");
                    TableView<?> table = robot.lookup("#vendors-table").queryAs(TableView.class);
                    return table.getItems().stream()
                            .map(r -> (dev.firstcome.desktop.commerce.VendorRow) r)
                            .anyMatch(r -> r.id() == vendorId
                                    && r.balance() != null
                                    && r.balance().redemptions() >= redeemedCount);
                });
        robot.interact(() -> {
            TableView<?> table = robot.lookup("#vendors-table").queryAs(TableView.class);
            for (int i = 0; i < table.getItems().size(); i++) {
                if (((dev.firstcome.desktop.commerce.VendorRow) table.getItems().get(i)).id() == vendorId) {
                    table.getSelectionModel().select(i);
                }
            }
        });
        await().atMost(WAIT).until(() -> commerceLabel("#settlement-total").contains("owed"));
        if (shots != null) {
            snapshotAt(shots.resolve("console-commerce-vendors.png"), 1280, 800);
            snapshotAt(shots.resolve("console-commerce-vendors-1024x640.png"), 1024, 640);
            resize(1280, 800);
        }

        java.util.List<Long> placed = new java.util.ArrayList<>(List.of(failedOrder));
        if (shots != null) {
            // orders: shipped, out of stock, with a coupon another order holds
            orders.setStock("tea-" + suffix, 12, 6_000);
            long conflict = orders.place(
                            "shopper-" + suffix + "-1", List.of(new OrderItem("tea-" + suffix, 1)), coupons.get(1))
                    .id();
            placed.add(conflict);
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> orders.find(conflict, null).state() == OrderState.FAILED);
            for (int i = 0; i < 16; i++) {
                String user = "shopper-" + suffix + "-" + (winners - 1 - i);
                Long coupon = i % 3 == 0 ? coupons.get(winners - 1 - i) : null;
                placed.add(orders.place(user, List.of(new OrderItem("tea-" + suffix, 1)), coupon)
                        .id());
            }
        }
        showCommerceTab(2);
        TableView<?> failed = robot.lookup("#failed-orders").queryAs(TableView.class);
        await().atMost(WAIT)
                .until(() -> failed.getItems().stream()
                        .anyMatch(o -> ((dev.firstcome.model.FailedOrderView) o).orderId() == failedOrder));
        if (shots != null) {
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> placed.stream()
                            .map(id -> orders.find(id, null).state())
                            .allMatch(state -> state == OrderState.SHIPPED || state == OrderState.FAILED));
            robot.clickOn("#refresh-orders");
            snapshotAt(shots.resolve("console-commerce-orders.png"), 1280, 800);
            snapshotAt(shots.resolve("console-commerce-orders-1024x640.png"), 1024, 640);
            resize(1280, 800);
        }
    }

    private void showCommerceTab(int index) {
        robot.interact(() -> robot.lookup("#commerce-view")
                .queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel()
                .select(index));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String commerceLabel(String id) {
        return robot.lookup(id).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }

    private void resize(double width, double height) {
        robot.interact(() -> {
            javafx.stage.Window window =
                    robot.lookup("#shell").query().getScene().getWindow();
            window.setWidth(width);
            window.setHeight(height);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The main window's scene at this size (the status bar must stay on it). */
    private void snapshotAt(Path file, double width, double height) throws Exception {
        resize(width, height);
        // let a refresh tick or two paint the resized layout
        await().pollDelay(Duration.ofMillis(1500)).atMost(WAIT).until(() -> true);
        snapshot(file);
    }

    private static long count(Label label) {
        String digits = label.getText().replace(",", "");
        return digits.matches("\\d+") ? Long.parseLong(digits) : -1;
    }

    private void snapshot(Path file) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(
                        () -> robot.lookup("#shell").query().getScene().snapshot(null))
                .get();
        PngWriter.write(image, file);
    }
}
