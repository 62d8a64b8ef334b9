package dev.firstcome.backend.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.RawHttp;
import dev.firstcome.backend.support.RawHttp.Reply;
import dev.firstcome.model.OperatorRole;
import dev.firstcome.model.OperatorTokenDraft;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Finding 1 of the security review: the admin API answered 2xx to anyone who encoded the path
 * ({@code /api/%61dmin/events}, {@code /api;x=1/admin/events}). Every admin route, in every spelling, without a
 * token and with a VIEWER token for the changing routes: 400, 401 or 403 (a spelling that names no route may
 * also be 404/405 for an authenticated caller), never 2xx, and nothing changes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AdminPathEncodingIntegrationTests {

    /** One admin route: method, path (with {id} for an existing event or object) and a body that would succeed. */
    record Route(String method, String path, String body) {}

    static final String EVENT = "{\"name\":\"encoded\",\"totalQuantity\":5,\"startsAt\":\"2000-01-01T00:00:00Z\","
            + "\"endsAt\":\"2100-01-01T00:00:00Z\",\"zoneId\":\"UTC\"}";

    static final List<Route> ROUTES = List.of(
            new Route("GET", "/api/admin/events", null),
            new Route("POST", "/api/admin/events", EVENT),
            new Route("GET", "/api/admin/events/{id}", null),
            new Route("PATCH", "/api/admin/events/{id}", "{\"totalQuantity\":7}"),
            new Route("POST", "/api/admin/events/{id}/pause", null),
            new Route("POST", "/api/admin/events/{id}/resume", null),
            new Route("POST", "/api/admin/events/{id}/close", null),
            new Route("GET", "/api/admin/events/{id}/stats", null),
            new Route("GET", "/api/admin/events/{id}/reconcile", null),
            new Route("POST", "/api/admin/events/{id}/heal", null),
            new Route("GET", "/api/admin/events/{id}/queue", null),
            new Route("POST", "/api/admin/events/{id}/queue/pause", null),
            new Route("POST", "/api/admin/events/{id}/queue/resume", null),
            new Route("PUT", "/api/admin/events/{id}/queue/outflow", "{\"outflowPerSecond\":5}"),
            new Route("GET", "/api/admin/pipeline", null),
            new Route("GET", "/api/admin/failed-issues", null),
            new Route("POST", "/api/admin/failed-issues/reissue", "{\"eventId\":{id}}"),
            new Route("POST", "/api/admin/rush", "{\"eventId\":{id},\"users\":10,\"concurrency\":2}"),
            new Route("GET", "/api/admin/rush/strategies", null),
            new Route("POST", "/api/admin/rush/warmup", "{\"users\":10}"),
            new Route("GET", "/api/admin/rush/warmups", null),
            new Route("GET", "/api/admin/tokens", null),
            new Route("POST", "/api/admin/tokens", "{\"name\":\"sneaky\",\"role\":\"ADMIN\"}"),
            new Route("GET", "/api/admin/audit", null),
            new Route("GET", "/api/admin/vendors", null),
            new Route("POST", "/api/admin/vendors", "{\"name\":\"sneaky vendor\",\"costPerRedemption\":1}"),
            new Route("GET", "/api/admin/vendors/{id}", null),
            new Route("PATCH", "/api/admin/vendors/{id}", "{\"costPerRedemption\":2}"),
            new Route("GET", "/api/admin/stock/{id}", null),
            new Route("PUT", "/api/admin/stock/{id}", "{\"stock\":1,\"price\":1}"),
            new Route("GET", "/api/admin/orders/counts", null),
            new Route("GET", "/api/admin/orders/failed", null),
            new Route("GET", "/api/admin/orders/failures", null),
            new Route("GET", "/api/admin/events/{id}/coupons/funnel", null),
            new Route("GET", "/api/admin/events/{id}/coupons/timeline", null),
            new Route("GET", "/actuator/prometheus", null),
            new Route("GET", "/actuator/metrics", null),
            new Route("GET", "/v3/api-docs", null));

    /** The spellings an attacker tries; each keeps the route's meaning for a lenient router. */
    static final List<UnaryOperator<String>> SPELLINGS = List.of(
            p -> p,
            p -> p.replace("/admin", "/%61dmin"),
            p -> p.replace("/admin", "/%61%64%6d%69%6e"),
            p -> p.replace("/api/", "/api;/"),
            p -> p.replace("/api/", "/api;x=1/"),
            p -> p.replace("/admin/", "/admin;jsessionid=1/"),
            p -> p.replace("/api/", "/api//"),
            p -> "/" + p,
            p -> p.replace("/api/", "/api/x/../"),
            p -> p.replace("/api/", "/api/x/%2e%2e/"),
            p -> p.replace("/api/", "/api/./"),
            p -> p.replace("/api/", "/api%2F"),
            p -> p.replace("/admin", "/ADMIN"),
            p -> p.replace("/admin", "/Admin"),
            p -> p + "/",
            p -> p.replace("/actuator/", "/%61ctuator/").replace("/v3/", "/%76" + "3/"));

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    OperatorTokenApi tokens;

    HttpApi api;
    long eventId;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
        eventId = api.createOpenEvent("target", 5, null);
    }

    @Test
    void noSpellingOfAnAdminRouteAnswers2xxWithoutAToken() {
        assertEverySpellingRefused(ROUTES, null, List.of(400, 401, 403));
    }

    @Test
    void aViewerCannotChangeAnythingInAnySpelling() {
        String viewer = tokens.create(new OperatorTokenDraft("encoding viewer", OperatorRole.VIEWER))
                .secret();
        List<Route> changing = ROUTES.stream()
                .filter(r -> !r.method().equals("GET")
                        || r.path().contains("/tokens")
                        || r.path().contains("/vendors"))
                .toList();
        // a spelling that names no route may be 404/405 for an authenticated caller: never 2xx
        assertEverySpellingRefused(changing, viewer, List.of(400, 403, 404, 405));
    }

    /** Sends each route in each spelling; every answer is one of {@code allowed}, as problem+json; nothing changed. */
    private void assertEverySpellingRefused(List<Route> routes, String token, List<Integer> allowed) {
        long eventsBefore = count("coupon_event");
        long tokensBefore = count("operator_token");
        var failures = new ArrayList<String>();
        for (Route route : routes) {
            for (var spelling : SPELLINGS) {
                String path = spelling.apply(route.path()).replace("{id}", Long.toString(eventId));
                String body = route.body() == null ? null : route.body().replace("{id}", Long.toString(eventId));
                Reply reply = RawHttp.send(port, route.method(), path, token, body);
                if (!allowed.contains(reply.status()) || !reply.isProblem()) {
                    failures.add(route.method() + " " + path + " -> " + reply.status() + " " + reply.contentType());
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(count("coupon_event")).isEqualTo(eventsBefore);
        assertThat(count("operator_token")).isEqualTo(tokensBefore);
        assertThat(api.admin("GET", "/api/admin/events/" + eventId, null).text("status"))
                .isEqualTo("ACTIVE");
    }

    @Test
    void theCanonicalSpellingWorksWithTheRightRole() {
        Reply reply = RawHttp.send(port, "GET", "/api/admin/events/" + eventId, HttpApi.ADMIN_TOKEN, null);
        assertThat(reply.status()).isEqualTo(200);
        Reply encoded = RawHttp.send(port, "GET", "/api/%61dmin/events/" + eventId, HttpApi.ADMIN_TOKEN, null);
        assertThat(encoded.status()).isIn(200, 400);
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }
}
