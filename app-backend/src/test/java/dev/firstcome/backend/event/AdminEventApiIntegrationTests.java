package dev.firstcome.backend.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.HttpApi.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The operator and customer HTTP API's answers to good and bad input: status, problem body, field. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AdminEventApiIntegrationTests {

    static final String WINDOW = "\"startsAt\":\"2000-01-01T00:00:00Z\",\"endsAt\":\"2100-01-01T00:00:00Z\"";

    @LocalServerPort
    int port;

    HttpApi api;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
    }

    @Test
    void adminApiWithoutTokenAnswers401Problem() {
        Answer answer = api.send("GET", "/api/admin/events", null, false);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.isProblem()).isTrue();
        Answer wrong = api.send("POST", "/api/admin/events", "{}", false);
        assertThat(wrong.status()).isEqualTo(401);
    }

    @Test
    void createdEventIsListedAndReadable() {
        long id = api.createEvent("{\"name\":\"Spring sale\",\"totalQuantity\":50,\"dailyQuantity\":20,"
                + "\"dailyOpenTime\":\"10:00\",\"dailyCloseTime\":\"22:00\",\"zoneId\":\"Europe/Paris\"," + WINDOW
                + "}");

        Answer one = api.admin("GET", "/api/admin/events/" + id, null);
        assertThat(one.text("name")).isEqualTo("Spring sale");
        assertThat(one.text("status")).isEqualTo("ACTIVE");
        assertThat(one.text("dailyOpenTime")).isEqualTo("10:00:00");
        Answer list = api.admin("GET", "/api/admin/events", null);
        assertThat(list.body().valueStream().map(n -> n.get("id").asLong())).contains(id);
        Answer pub = api.get("/api/events/" + id);
        assertThat(pub.number("remaining")).isEqualTo(50);
        assertThat(pub.number("remainingToday")).isEqualTo(20);
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"totalQuantity\":5,"
                        + "\"startsAt\":\"2000-01-01T00:00:00Z\",\"endsAt\":\"2100-01-01T00:00:00Z\"}|name",
                "{\"name\":\"x\",\"totalQuantity\":0,\"startsAt\":\"2000-01-01T00:00:00Z\",\"endsAt\":\"2100-01-01T00:00:00Z\"}|totalQuantity",
                "{\"name\":\"x\",\"startsAt\":\"2000-01-01T00:00:00Z\",\"endsAt\":\"2100-01-01T00:00:00Z\"}|totalQuantity",
                "{\"name\":\"x\",\"totalQuantity\":5,\"dailyQuantity\":6,\"startsAt\":\"2000-01-01T00:00:00Z\",\"endsAt\":\"2100-01-01T00:00:00Z\"}|dailyQuantity",
                "{\"name\":\"x\",\"totalQuantity\":5,\"startsAt\":\"2100-01-01T00:00:00Z\",\"endsAt\":\"2000-01-01T00:00:00Z\"}|endsAt",
                "{\"name\":\"x\",\"totalQuantity\":5,\"endsAt\":\"2000-01-01T00:00:00Z\"}|startsAt",
                "{\"name\":\"x\",\"totalQuantity\":5,\"zoneId\":\"Mars/Olympus\",\"startsAt\":\"2000-01-01T00:00:00Z\",\"endsAt\":\"2100-01-01T00:00:00Z\"}|zoneId",
                "{\"name\":\"x\",\"totalQuantity\":5,\"dailyOpenTime\":\"18:00\",\"dailyCloseTime\":\"18:00\",\"startsAt\":\"2000-01-01T00:00:00Z\",\"endsAt\":\"2100-01-01T00:00:00Z\"}|dailyCloseTime",
                "{\"name\":\"x\",\"totalQuantity\":\"many\",\"startsAt\":\"2000-01-01T00:00:00Z\",\"endsAt\":\"2100-01-01T00:00:00Z\"}|totalQuantity",
                "{\"name\":\"x\",\"totalQuantity\":5,\"startsAt\":\"yesterday\",\"endsAt\":\"2100-01-01T00:00:00Z\"}|startsAt",
                "{\"name\":\"x\",\"totalQuantity\":5,\"strategy\":\"db-naive\",\"startsAt\":\"2000-01-01T00:00:00Z\",\"endsAt\":\"2100-01-01T00:00:00Z\"}|strategy",
                "{\"name\":|body"
            })
    void invalidEventIsRefusedWithAProblemNamingTheField(String json, String field) {
        int before = api.admin("GET", "/api/admin/events?includeLab=true", null)
                .body()
                .size();

        Answer answer = api.admin("POST", "/api/admin/events", json);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.text("field")).isEqualTo(field);
        assertThat(answer.text("detail")).isNotBlank();
        assertThat(api.admin("GET", "/api/admin/events?includeLab=true", null)
                        .body()
                        .size())
                .isEqualTo(before);
    }

    @Test
    void limitsCanBeRaisedButNeverLoweredBelowWhatIsIssued() {
        long id = api.createOpenEvent("limits", 3, null);
        for (String u : new String[] {"l1", "l2", "l3"}) {
            assertThat(api.apply(id, u).status()).isEqualTo(201);
        }
        assertThat(api.apply(id, "l4").text("outcome")).isEqualTo("SOLD_OUT");

        Answer lower = api.admin("PATCH", "/api/admin/events/" + id, "{\"totalQuantity\":2}");
        assertThat(lower.status()).isEqualTo(400);
        assertThat(lower.text("field")).isEqualTo("totalQuantity");
        assertThat(lower.text("detail")).contains("3");

        Answer raise = api.admin("PATCH", "/api/admin/events/" + id, "{\"totalQuantity\":4,\"name\":\"limits+\"}");
        assertThat(raise.status()).isEqualTo(200);
        assertThat(raise.text("name")).isEqualTo("limits+");
        assertThat(api.apply(id, "l4").status()).isEqualTo(201);
        assertThat(api.apply(id, "l5").text("outcome")).isEqualTo("SOLD_OUT");
    }

    @Test
    void unknownEventAnswers404ProblemEverywhere() {
        for (Answer a : new Answer[] {
            api.apply(987654321L, "u"),
            api.get("/api/events/987654321"),
            api.admin("GET", "/api/admin/events/987654321", null),
            api.admin("PATCH", "/api/admin/events/987654321", "{\"name\":\"x\"}"),
            api.admin("POST", "/api/admin/events/987654321/pause", null)
        }) {
            assertThat(a.status()).isEqualTo(404);
            assertThat(a.isProblem()).isTrue();
            assertThat(a.text("detail")).contains("987654321");
        }
    }

    @ParameterizedTest(name = "apply body {0} -> 400 naming {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{}|userId",
                "{\"userId\":\"\"}|userId",
                "{\"userId\":\"has space\"}|userId",
                "{\"userId\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}|userId",
                "{\"userId\":\"semi;colon\"}|userId",
                "not json|body"
            })
    void badApplyBodyIsRefusedWithAProblemAndChangesNothing(String body, String field) {
        long id = api.createOpenEvent("bad-input", 5, null);

        Answer answer = api.post("/api/events/" + id + "/apply", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.text("field")).isEqualTo(field);
        assertThat(api.get("/api/events/" + id).number("remaining")).isEqualTo(5);
    }

    @Test
    void nonNumericEventIdIs400NamingEventId() {
        Answer answer = api.apply(0, "u");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("field")).isEqualTo("eventId");
        Answer text = api.post("/api/events/abc/apply", "{\"userId\":\"u\"}");
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.text("field")).isEqualTo("eventId");
    }

    @Test
    void metricsCountOutcomesAndOpenApiIsServed() {
        long id = api.createOpenEvent("metrics", 1, null);
        api.apply(id, "m1");
        api.apply(id, "m2");
        assertThat(api.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(api.get("/v3/api-docs").status()).isEqualTo(401);
        var prometheus = api.admin("GET", "/actuator/prometheus", null);
        assertThat(prometheus.status()).isEqualTo(200);
        Answer docs = api.admin("GET", "/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("paths").has("/api/events/{eventId}/apply")).isTrue();
    }
}
