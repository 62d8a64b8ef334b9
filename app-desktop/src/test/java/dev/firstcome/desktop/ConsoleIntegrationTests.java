package dev.firstcome.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.infra.InfrastructureApi;
import dev.firstcome.backend.issuance.IssuanceApi;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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
        assertThat(robot.lookup("#http-api-url").queryAs(Label.class).getText()).isEqualTo(apiUrl);
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

        Label result = robot.lookup("#reissue-result").queryAs(Label.class);
        await().atMost(WAIT).until(() -> result.getText().startsWith("Reissued"));
        assertThat(result.getText()).startsWith("Reissued: of 1 requested, 1 persisted");
        assertThat(issuance.persistedCount(id)).isEqualTo(1);
        assertThat(issuance.failedOpenCount(id)).isZero();
        await().atMost(WAIT).until(() -> robot.lookup(user).tryQuery().isEmpty());
    }
}
