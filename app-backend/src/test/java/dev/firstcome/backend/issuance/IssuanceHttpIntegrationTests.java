package dev.firstcome.backend.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.model.CouponAdmitted;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The coupons endpoint and the failed-issues endpoints over real HTTP: answers, 400s naming the field, 401s. */
@EmbeddedIssuanceContext
class IssuanceHttpIntegrationTests extends IssuanceTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void usersCouponsListEveryPersistedCouponOfTheUser() throws Exception {
        long first = newEventId();
        long second = newEventId();
        String user = "owner-" + first + "@example.com";
        CouponAdmitted a = admissions(first, "x", 1).getFirst();
        CouponAdmitted b = admissions(second, "y", 1).getFirst();
        produce(List.of(
                new CouponAdmitted(first, user, 7, 7, a.day(), a.admittedAt()),
                new CouponAdmitted(second, user, 3, 3, b.day(), b.admittedAt())));
        await().atMost(Duration.ofSeconds(60)).until(() -> rows(first) == 1 && rows(second) == 1);

        HttpResponse<String> response = send("GET", "/api/users/" + user + "/coupons", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode coupons = JSON.readTree(response.body());
        assertThat(coupons.size()).isEqualTo(2);
        assertThat(coupons.findValuesAsString("userId")).containsOnly(user);
        assertThat(coupons.findValues("eventId").stream().map(JsonNode::asLong))
                .containsExactlyInAnyOrder(first, second);
        assertThat(coupons.findValues("rank").stream().map(JsonNode::asLong)).containsExactlyInAnyOrder(7L, 3L);
        assertThat(coupons.findValuesAsString("admittedAt").stream().map(java.time.Instant::parse))
                .containsExactlyInAnyOrder(a.admittedAt(), b.admittedAt());
        assertThat(coupons.get(0).has("persistedAt")).isTrue();
    }

    @Test
    void userWithoutCouponsGetsAnEmptyArray() throws Exception {
        HttpResponse<String> response = send("GET", "/api/users/nobody-" + newEventId() + "/coupons", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).isArray()).isTrue();
        assertThat(JSON.readTree(response.body()).size()).isZero();
    }

    @Test
    void invalidUserIdIsRefusedNamingUserId() throws Exception {
        assertBadRequest(send("GET", "/api/users/bad%20user/coupons", null, null), "userId");
        assertBadRequest(send("GET", "/api/users/" + "u".repeat(129) + "/coupons", null, null), "userId");
    }

    @Test
    void failedIssuesNeedTheAdminToken() throws Exception {
        assertThat(send("GET", "/api/admin/failed-issues", null, null).statusCode())
                .isEqualTo(401);
        assertThat(send("POST", "/api/admin/failed-issues/reissue", "{\"eventId\":1}", null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/api/admin/failed-issues", null, "wrong-token").statusCode())
                .isEqualTo(401);
    }

    @Test
    void failedIssuesAreListedByEventAndStatus() throws Exception {
        HttpResponse<String> response =
                send("GET", "/api/admin/failed-issues?eventId=" + newEventId() + "&status=open", null, ADMIN_TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).isArray()).isTrue();
    }

    @Test
    void badFailedIssuesFiltersAreRefusedNamingTheField() throws Exception {
        assertBadRequest(send("GET", "/api/admin/failed-issues?status=LOST", null, ADMIN_TOKEN), "status");
        assertBadRequest(send("GET", "/api/admin/failed-issues?eventId=abc", null, ADMIN_TOKEN), "eventId");
    }

    @Test
    void reissueNeedsEitherIdsOrEventId() throws Exception {
        assertBadRequest(send("POST", "/api/admin/failed-issues/reissue", "{}", ADMIN_TOKEN), "ids");
        assertBadRequest(send("POST", "/api/admin/failed-issues/reissue", "{\"ids\":[]}", ADMIN_TOKEN), "ids");
        assertBadRequest(
                send("POST", "/api/admin/failed-issues/reissue", "{\"ids\":[1],\"eventId\":2}", ADMIN_TOKEN),
                "eventId");
        assertBadRequest(
                send("POST", "/api/admin/failed-issues/reissue", "{\"ids\":[" + Long.MAX_VALUE + "]}", ADMIN_TOKEN),
                "ids");
        assertBadRequest(
                send("POST", "/api/admin/failed-issues/reissue", "{\"eventId\":\"x\"}", ADMIN_TOKEN), "eventId");
    }

    @Test
    void reissueOfAnEventWithoutFailuresReportsNothingToDo() throws Exception {
        HttpResponse<String> response =
                send("POST", "/api/admin/failed-issues/reissue", "{\"eventId\":" + newEventId() + "}", ADMIN_TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.get("requested").asInt()).isZero();
        assertThat(report.get("dryRun").asBoolean()).isFalse();
    }

    private static void assertBadRequest(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).get("field").asString()).isEqualTo(field);
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
