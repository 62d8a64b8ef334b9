package dev.firstcome.backend.rush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.infra.InfrastructureApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.json.JsonMapper;

/** The rush engine and {@code /api/admin/rush} over real HTTP against this test server. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "firstcome.namespace=rush-test")
class RushIntegrationTests {

    private static final long NO_SUCH_EVENT = 987_654_321L;

    @Autowired
    InfrastructureApi infrastructure;

    @Autowired
    RushService service;

    private final JsonMapper json = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final Cancellation cancelled = new Cancellation();

    @AfterEach
    void stopSending() {
        cancelled.cancel();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"users\":0,\"quantity\":10}|users",
                "{\"users\":-5,\"quantity\":10}|users",
                "{\"users\":10,\"quantity\":10,\"concurrency\":0}|concurrency",
                "{\"users\":10,\"quantity\":10,\"concurrency\":100000}|concurrency",
                "{\"users\":10,\"quantity\":10,\"strategies\":[\"lua\",\"no-such-strategy\"]}|strategies",
                "{\"users\":10,\"quantity\":0}|quantity",
                "{\"users\":10,\"quantity\":10,\"repeatShare\":1.5}|repeatShare",
                "{\"users\":10,\"quantity\":10,\"baseUrl\":\"ftp://x\"}|baseUrl",
                "{\"users\":10,\"quantity\":10,\"workers\":3}|workers",
                "{\"users\":10,\"quantity\":10,\"workers\":-1}|workers",
                "{\"users\":10,\"quantity\":10,\"fault\":{\"kind\":\"SIGKILL\"}}|workers",
                "{\"users\":10,\"quantity\":10,\"workers\":1,\"fault\":{\"kind\":\"SIGHUP\"}}|fault.kind",
                "{\"users\":10,\"quantity\":10,\"workers\":1,\"fault\":{\"kind\":\"SIGKILL\",\"at\":1.5}}|fault.at",
                "{\"users\":10,\"quantity\":10,\"workers\":1,\"fault\":{\"kind\":\"SIGTERM\",\"worker\":2}}|fault.worker",
                "{\"users\":10,\"quantity\":10,\"workers\":2,\"fault\":{\"kind\":\"SIGTERM\",\"worker\":0}}|fault.worker"
            })
    void badRushRequestIsRefusedNamingTheField(String body, String field) throws Exception {
        HttpResponse<String> response = post("/api/admin/rush", body, "test-admin-token");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(response.body()).contains("\"field\":\"" + field + "\"");
    }

    @Test
    void rushApiNeedsTheAdminToken() throws Exception {
        assertThat(post("/api/admin/rush", "{\"users\":10,\"quantity\":1}", null)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void strategiesListsLuaAndTheLab() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(infrastructure.httpApiUrl() + "/api/admin/rush/strategies"))
                        .header("Authorization", "Bearer test-admin-token")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"lua\"", "\"db-naive\"", "\"redis-lock\"", "\"jvm-synchronized\"");
    }

    @Test
    void unknownRushIsNotFound() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(infrastructure.httpApiUrl() + "/api/admin/rush/nope"))
                        .header("Authorization", "Bearer test-admin-token")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void progressReachesTotalAndEveryRequestIsAnswered() throws Exception {
        RushTally tally = new RushTally(300);
        try (var client = RushEngine.newClient()) {
            long elapsed =
                    new RushEngine(client).run(plan(RushEngine.schedule("progress", 300, 0, 1), 16), tally, cancelled);

            assertThat(elapsed).isPositive();
        }
        assertThat(tally.sentCount()).isEqualTo(300);
        assertThat(tally.completedCount()).isEqualTo(tally.total());
        assertThat(tally.latency().count()).isEqualTo(300);
        // no such event: every answer is a 404 problem, counted as such
        assertThat(tally.outcomes())
                .singleElement()
                .satisfies(o -> assertThat(o.outcome()).isEqualTo("HTTP_404"));
    }

    @Test
    void cancelStopsSendingAndLetsInFlightRequestsFinish() throws Exception {
        RushTally tally = new RushTally(1_000_000);
        Cancellation stop = new Cancellation();
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        Future<Long> running = executor.submit(() -> {
            try (var client = RushEngine.newClient()) {
                return new RushEngine(client).run(plan(RushEngine.schedule("cancel", 1_000_000, 0, 2), 4), tally, stop);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> tally.completedCount() >= 200);

        stop.cancel();

        await().atMost(Duration.ofSeconds(30)).until(running::isDone);
        executor.close();
        assertThat(running.get()).isPositive();
        assertThat(tally.sentCount()).isLessThan(1_000_000);
        assertThat(tally.completedCount()).isEqualTo(tally.sentCount());
    }

    private RushEngine.Plan plan(java.util.List<String> users, int concurrency) {
        return new RushEngine.Plan(
                infrastructure.httpApiUrl(), NO_SUCH_EVENT, users, concurrency, 0, 0, Duration.ofSeconds(10));
    }

    @Test
    void aFinishedRushIsInTheHistoryWithItsResultAndReadableOnceForgotten() throws Exception {
        HttpResponse<String> ran = post(
                "/api/admin/rush?wait=true", "{\"users\":60,\"quantity\":20,\"concurrency\":8}", "test-admin-token");
        assertThat(ran.statusCode()).isEqualTo(200);
        String rushId = json.readTree(ran.body()).get("rushId").asString();

        // recorded when the result completes, a moment after the answer
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var history = json.readTree(get("/api/admin/rush/history?limit=5").body());
            var entry = history.valueStream()
                    .filter(e -> rushId.equals(e.get("rushId").asString()))
                    .findFirst()
                    .orElseThrow();
            assertThat(entry.get("kind").asString()).isEqualTo("RUSH");
            assertThat(entry.get("actor").asString()).isNotBlank();
            assertThat(entry.at("/result/state").asString()).isEqualTo("COMPLETED");
            assertThat(entry.at("/result/reports/0/winners").asLong()).isEqualTo(20);
            assertThat(entry.at("/result/reports/0/oversold").asLong()).isZero();
        });
        // the history survives the server forgetting the handle (a restart): forget it here
        service.forget(rushId);
        HttpResponse<String> status = get("/api/admin/rush/" + rushId);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(json.readTree(status.body()).at("/result/rushId").asString()).isEqualTo(rushId);
    }

    @ParameterizedTest
    @CsvSource({"0", "201", "-3", "ten", "1e3"})
    void aBadHistoryLimitIsRefusedNamingIt(String limit) throws Exception {
        HttpResponse<String> response = get("/api/admin/rush/history?limit=" + limit);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"limit\"");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(infrastructure.httpApiUrl() + path))
                        .header("Authorization", "Bearer test-admin-token")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(infrastructure.httpApiUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
