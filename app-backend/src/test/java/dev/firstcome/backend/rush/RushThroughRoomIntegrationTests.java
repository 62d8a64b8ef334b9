package dev.firstcome.backend.rush;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.infra.InfrastructureApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rush rehearsed through the waiting room, over real HTTP against this test server with its abuse
 * limits on (the defaults): every virtual user joins the queue, polls at the advised interval and applies
 * with its entry token; the room's outflow paces the applies and the admission still decides alone.
 * (Same configuration as {@link RushIntegrationTests}: the two share one application context.)
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "firstcome.namespace=rush-test")
class RushThroughRoomIntegrationTests {

    private static final Set<String> JOURNEY_ENDS = Set.of("ISSUED", "SOLD_OUT", "QUEUE_SOLD_OUT");

    @Autowired
    InfrastructureApi infrastructure;

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void everyVirtualUserQueuesPollsAndAppliesWithItsTokenAndNothingIsOversold() throws Exception {
        // 400 users from one address: far beyond the per-client join limit (60 a minute), which lab events skip
        JsonNode result = rush("{\"users\":400,\"quantity\":60,\"concurrency\":32,"
                + "\"room\":{\"mode\":\"FIFO\",\"outflowPerSecond\":200}}");

        assertThat(result.get("state").asString()).isEqualTo("COMPLETED");
        JsonNode report = result.at("/reports/0");
        assertThat(report.get("winners").asLong()).isEqualTo(60);
        assertThat(report.get("issuedAnswers").asLong()).isEqualTo(60);
        assertThat(report.get("oversold").asLong()).isZero();
        assertThat(report.get("duplicates").asLong()).isZero();
        assertThat(report.get("persistedMatches").asBoolean()).isTrue();
        // every journey ended once: a win, or turned away after the sell-out (at the apply or in the queue);
        // never a refused entry token (403), never a rate limit (429)
        Map<String, Long> outcomes = outcomes(report);
        assertThat(outcomes.keySet()).isSubsetOf(JOURNEY_ENDS);
        assertThat(outcomes.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(400);
        JsonNode queue = report.get("queue");
        assertThat(queue.get("joined").asLong()).isEqualTo(400);
        assertThat(queue.get("letIn").asLong()).isBetween(60L, 400L);
        assertThat(queue.get("letIn").asLong())
                .isEqualTo(outcomes.getOrDefault("ISSUED", 0L) + outcomes.getOrDefault("SOLD_OUT", 0L));
        assertThat(queue.get("soldOut").asLong()).isEqualTo(outcomes.getOrDefault("QUEUE_SOLD_OUT", 0L));
        assertThat(queue.get("polls").asLong()).isPositive();
        assertThat(queue.at("/waited/count").asLong())
                .isEqualTo(queue.get("letIn").asLong());
    }

    @Test
    void aShuffledPrequeueRushIsShuffledAtTheOpeningAndItsAuditPublishedAfterwards() throws Exception {
        JsonNode result = rush("{\"users\":150,\"quantity\":150,\"concurrency\":32,"
                + "\"room\":{\"mode\":\"SHUFFLED_PREQUEUE\",\"outflowPerSecond\":500}}");

        JsonNode report = result.at("/reports/0");
        assertThat(report.get("winners").asLong()).isEqualTo(150);
        assertThat(report.get("oversold").asLong()).isZero();
        assertThat(report.get("duplicates").asLong()).isZero();
        assertThat(report.at("/queue/joined").asLong()).isEqualTo(150);
        assertThat(report.at("/queue/letIn").asLong()).isEqualTo(150);
        // the lab event is closed after the run: the shuffle's seed and order are public
        HttpResponse<String> audit = get("/api/events/" + report.get("eventId").asLong() + "/queue/audit");
        assertThat(audit.statusCode()).isEqualTo(200);
        JsonNode published = json.readTree(audit.body());
        assertThat(published.get("seed").asString()).isNotBlank();
        assertThat(published.get("prequeueSize").asInt()).isEqualTo(150);
        assertThat(published.get("tickets").size()).isEqualTo(150);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"users\":10,\"quantity\":10,\"room\":{\"mode\":\"FIFO\",\"outflowPerSecond\":0}}|room.outflowPerSecond",
                "{\"users\":10,\"quantity\":10,\"room\":{\"mode\":\"FIFO\",\"entryTokenSeconds\":5}}|room.entryTokenSeconds",
                "{\"users\":10,\"quantity\":10,\"bursts\":3,\"room\":{\"mode\":\"FIFO\"}}|bursts",
                "{\"users\":10,\"quantity\":10,\"workers\":1,\"room\":{\"mode\":\"FIFO\"}}|workers",
                "{\"users\":10,\"quantity\":10,\"room\":{\"mode\":\"SOMETIMES\"}}|room.mode"
            })
    void aBadRoomIsRefusedNamingTheField(String body, String field) throws Exception {
        HttpResponse<String> response = post("/api/admin/rush", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(response.body()).contains("\"field\":\"" + field + "\"");
    }

    private JsonNode rush(String body) throws Exception {
        HttpResponse<String> ran = post("/api/admin/rush?wait=true", body);
        assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
        return json.readTree(ran.body());
    }

    private static Map<String, Long> outcomes(JsonNode report) {
        Map<String, Long> counts = new HashMap<>();
        report.get("outcomes")
                .forEach(o ->
                        counts.put(o.get("outcome").asString(), o.get("count").asLong()));
        return counts;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(infrastructure.httpApiUrl() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(infrastructure.httpApiUrl() + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer test-admin-token")
                        .timeout(Duration.ofMinutes(3))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
