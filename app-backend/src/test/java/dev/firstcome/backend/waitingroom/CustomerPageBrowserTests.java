package dev.firstcome.backend.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.admission.AdmissionApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The customer page {@code /e/{eventId}} in a real browser: the distribution's headless chromium driven
 * through {@code /usr/bin/chromedriver}, in a phone-sized window, against the real backend. Each state is
 * checked and photographed into {@code target/screenshots} (copied to docs/images). Runs with
 * {@code -Pbrowser} ({@code .ci/run} installs chromium and chromium-driver when missing).
 */
@Tag("browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"firstcome.namespace=page", "firstcome.waiting-room.limits.enabled=false"})
class CustomerPageBrowserTests {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    AdmissionApi admission;

    @BeforeAll
    static void startBrowser() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        var options = new ChromeOptions();
        options.setBinary(System.getProperty("firstcome.chromium", "/usr/bin/chromium"));
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=390,844",
                "--hide-scrollbars");
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("firstcome.chromedriver", "/usr/bin/chromedriver"))
                        .toFile())
                .usingAnyFreePort()
                .build();
        var chrome = new ChromeDriver(service, options);
        // before any script of the page: collect what its Content-Security-Policy blocks (CDP-injected, so the
        // policy does not block the collector itself)
        chrome.executeCdpCommand(
                "Page.addScriptToEvaluateOnNewDocument",
                java.util.Map.of(
                        "source",
                        "window.cspViolations = [];"
                                + " document.addEventListener('securitypolicyviolation',"
                                + " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"));
        browser = chrome;
    }

    /** The page works under its strict policy: nothing it loads or does was blocked. */
    @AfterEach
    void nothingWasBlockedByThePolicy() {
        Object violations =
                ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.cspViolations");
        assertThat((java.util.List<?>) violations)
                .as("Content-Security-Policy violations")
                .isEmpty();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void beforeTheOpeningThePageCountsDownAndJoiningPutsTheVisitorInThePrequeue() {
        Instant now = Instant.now();
        long event = room("Spring launch", "SHUFFLED_PREQUEUE", 10, 5, now.plus(Duration.ofHours(2)));
        open(event);
        await().until(() -> text("event-name").equals("Spring launch"));
        await().until(() -> text("countdown").startsWith("Opens in 1 h 59 min"));
        assertThat(visible("join")).isTrue();
        screenshot("room-1-countdown");

        join("early-bird");
        await().until(() -> text("status").equals("You are in the pre-queue."));
        assertThat(text("position")).isEqualTo("Waiting for the opening");
        screenshot("room-2-prequeue");
    }

    @Test
    @Order(2)
    void inLineThePageShowsThePositionTheEtaAndTheProgress() {
        long event = room("Summer launch", "FIFO", 10, 1, Instant.now().minusSeconds(60));
        var http = new RoomHttp(port);
        for (int i = 0; i < 40; i++) {
            http.join(event, "ahead-" + i);
        }
        open(event);
        join("patient");
        await().until(() -> text("status").equals("You are in line."));
        assertThat(text("position")).matches("#\\d+");
        long position = Long.parseLong(text("position").substring(1));
        assertThat(position).isBetween(2L, 41L);
        assertThat(text("eta")).startsWith("Estimated wait: ").contains("ahead of you");
        assertThat(browser.findElement(By.cssSelector(".bar")).isDisplayed()).isTrue();
        // the next poll moves the visitor forward, never back
        await().atMost(Duration.ofSeconds(30))
                .until(() -> text("position").startsWith("#")
                        && Long.parseLong(text("position").substring(1)) < position);
        screenshot("room-3-waiting");
    }

    @Test
    @Order(3)
    void atItsTurnTheVisitorAppliesAndWinsAndASecondApplySaysAlreadyApplied() {
        long event = room("Autumn launch", "FIFO", 10, 1000, Instant.now().minusSeconds(60));
        open(event);
        join("lucky");
        await().until(() -> visible("apply"));
        assertThat(text("token-expiry")).startsWith("Apply before ");
        screenshot("room-4-your-turn");

        browser.findElement(By.id("apply")).click();
        await().until(() -> visible("result"));
        assertThat(text("result")).isEqualTo("You won! Your coupon is number 1.");
        screenshot("room-5-won");

        open(event); // same user (remembered), same ticket: a second apply
        join("lucky");
        await().until(() -> visible("apply"));
        browser.findElement(By.id("apply")).click();
        await().until(() -> visible("result"));
        assertThat(text("result")).isEqualTo("You already have a coupon for this event.");
        screenshot("room-6-already-applied");
    }

    @Test
    @Order(4)
    void onceSoldOutTheQueueSaysSo() {
        long event = room("Winter launch", "FIFO", 1, 1000, Instant.now().minusSeconds(60));
        var http = new RoomHttp(port);
        String ticket = http.join(event, "first-one").text("ticketId");
        var token = new AtomicReference<String>();
        await().until(() -> {
            token.set(http.poll(event, ticket).text("entryToken"));
            return token.get() != null;
        });
        assertThat(http.apply(event, "first-one", token.get()).status()).isEqualTo(201);
        await().until(() -> "SOLD_OUT".equals(http.poll(event, ticket).text("status")));

        open(event);
        join("too-late");
        await().until(() -> visible("result"));
        assertThat(text("result")).isEqualTo("Sold out: every coupon has been issued.");
        screenshot("room-7-sold-out");
    }

    @Test
    @Order(5)
    @DirtiesContext
    void whenTheServerAnswers503ThePageSaysSoClearly() {
        long event = room("Flash sale", "FIFO", 10, 1000, Instant.now().minusSeconds(60));
        open(event);
        join("unlucky");
        await().until(() -> visible("apply"));
        admission.stopAdmitting(); // every apply now answers 503, as during a shutdown
        browser.findElement(By.id("apply")).click();
        await().until(() -> visible("error"));
        assertThat(text("error")).startsWith("The service is busy or briefly unavailable.");
        screenshot("room-8-unavailable");
    }

    private long room(String name, String mode, int total, int outflow, Instant startsAt) {
        return new RoomHttp(port)
                .createEvent("{\"name\":\"" + name + "\",\"totalQuantity\":" + total + ",\"startsAt\":\"" + startsAt
                        + "\",\"endsAt\":\"" + startsAt.plus(Duration.ofDays(1)) + "\",\"zoneId\":\"UTC\","
                        + "\"waitingRoom\":{\"mode\":\"" + mode + "\",\"prequeueOpensMinutesBefore\":180,"
                        + "\"outflowPerSecond\":" + outflow + "}}");
    }

    private void open(long event) {
        browser.get("http://127.0.0.1:" + port + "/e/" + event);
        await().until(() -> visible("join"));
    }

    private void join(String user) {
        WebElement input = browser.findElement(By.id("user-id"));
        input.clear();
        input.sendKeys(user);
        browser.findElement(By.id("join")).click();
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static boolean visible(String id) {
        return browser.findElement(By.id(id)).isDisplayed();
    }

    private static void screenshot(String name) {
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
