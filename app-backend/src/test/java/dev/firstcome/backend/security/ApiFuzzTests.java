package dev.firstcome.backend.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.FirstComeApplication;
import dev.firstcome.backend.admission.AdmissionStateApi;
import dev.firstcome.backend.infra.InfrastructureApi;
import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.RawHttp;
import dev.firstcome.backend.support.RawHttp.Reply;
import java.net.URI;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The security review's rule as a property: every endpoint of both ports, given generated bad input
 * (broken JSON, wrong types, duplicate and unknown keys, out-of-range numbers and instants, control
 * characters, non-canonical ids, oversized lists and bodies, bad headers), answers a 4xx problem+json and
 * changes nothing: no event, coupon, token, warm-up or audit row appears, the target event and its Redis
 * counters stay as they were. Bounded tries, in the normal test run.
 */
class ApiFuzzTests {

    /** One request: which port ({@code main} or {@code apply}), method, raw path, token, body. */
    record BadRequest(String port, String method, String path, boolean admin, String body) {
        @Override
        public String toString() {
            String shown = body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
            return port + " " + method + " " + path + (admin ? " (admin)" : "") + " " + shown;
        }
    }

    static final String VALID_EVENT = "{\"name\":\"fuzz\",\"totalQuantity\":10,\"dailyQuantity\":5,"
            + "\"dailyOpenTime\":\"09:00\",\"dailyCloseTime\":\"18:00\",\"startsAt\":\"2000-01-01T00:00:00Z\","
            + "\"endsAt\":\"2100-01-01T00:00:00Z\",\"zoneId\":\"UTC\"}";

    static ConfigurableApplicationContext context;
    static int mainPort;
    static int applyPort;
    static long eventId;
    static java.sql.Timestamp started;
    static long holderCoupon;

    @BeforeContainer
    static void start() {
        context = new SpringApplicationBuilder(FirstComeApplication.class)
                .run("--server.port=0", "--firstcome.apply-server.port=0", "--firstcome.namespace=fuzz");
        mainPort = ((WebServerApplicationContext) context).getWebServer().getPort();
        applyPort = URI.create(context.getBean(InfrastructureApi.class).applyApiUrl())
                .getPort();
        eventId = new HttpApi(mainPort).createOpenEvent("fuzz target", 10, 5);
        new HttpApi(mainPort).apply(eventId, "fuzz-holder");
        // the holder's coupon reaches the database asynchronously: wait, so that it is not counted as a change
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM coupon WHERE event_id = ?", Long.class, eventId)
                        == 1);
        holderCoupon = jdbc.queryForObject(
                "SELECT id FROM coupon WHERE event_id = ? AND user_id = 'fuzz-holder'", Long.class, eventId);
        started = java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1));
    }

    @AfterContainer
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Property(tries = 300, shrinking = ShrinkingMode.OFF)
    void badAdminInputIsA4xxProblemAndChangesNothing(@ForAll("adminRequests") BadRequest request) {
        assertRefusedWithoutChange(request);
    }

    @Property(tries = 300, shrinking = ShrinkingMode.OFF)
    void badCustomerInputIsA4xxProblemAndChangesNothing(@ForAll("customerRequests") BadRequest request) {
        assertRefusedWithoutChange(request);
    }

    private static void assertRefusedWithoutChange(BadRequest request) {
        Map<String, Object> before = state();
        int port = request.port().equals("apply") ? applyPort : mainPort;
        Reply reply = RawHttp.send(
                port, request.method(), request.path(), request.admin() ? HttpApi.ADMIN_TOKEN : null, request.body());
        assertThat(reply.status()).as(request + " -> " + reply.body()).isBetween(400, 499);
        assertThat(reply.isProblem()).as(request + " -> " + reply.contentType()).isTrue();
        assertThat(reply.body())
                .as(request.toString())
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(state()).as(request.toString()).isEqualTo(before);
    }

    /**
     * What a bad request must not change. Other test classes' contexts may still run in this JVM (scheduled
     * reissues, consumers of their own topics), so rows are counted for this class's event and since it
     * started, not in whole tables.
     */
    private static Map<String, Object> state() {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        return Map.of(
                "rows",
                jdbc.queryForList(
                        "SELECT (SELECT COUNT(*) FROM coupon_event WHERE created_at >= ?) events,"
                                + " (SELECT COUNT(*) FROM coupon WHERE event_id = ?) coupons,"
                                + " (SELECT COUNT(*) FROM operator_token WHERE created_at >= ?) tokens,"
                                + " (SELECT COUNT(*) FROM warmup_plan WHERE created_at >= ?) warmups,"
                                + " (SELECT COUNT(*) FROM audit_log WHERE at >= ? AND actor = ?) audits",
                        started,
                        eventId,
                        started,
                        started,
                        started,
                        OperatorTokenService.BOOTSTRAP_NAME),
                "event",
                jdbc.queryForList(
                        "SELECT name, total_quantity, daily_quantity, daily_open_time, daily_close_time, starts_at,"
                                + " ends_at, zone_id, status, version FROM coupon_event WHERE id = ?",
                        eventId),
                "redis",
                context.getBean(AdmissionStateApi.class).counts(eventId),
                "coupon terms and redemption",
                jdbc.queryForList(
                        "SELECT (SELECT COUNT(*) FROM vendor WHERE created_at >= ?) vendors,"
                                + " (SELECT COUNT(*) FROM redemption_request WHERE coupon_id = ?) requests,"
                                + " (SELECT COUNT(*) FROM coupon_transition WHERE coupon_id = ? AND from_status"
                                + " IS NOT NULL) transitions,"
                                + " (SELECT benefit_type FROM coupon_event WHERE id = ?) benefit,"
                                + " (SELECT valid_days FROM coupon_event WHERE id = ?) valid_days,"
                                + " (SELECT vendor_id FROM coupon_event WHERE id = ?) vendor,"
                                + " (SELECT COUNT(*) FROM customer_order WHERE created_at >= ?) orders",
                        started,
                        holderCoupon,
                        holderCoupon,
                        eventId,
                        eventId,
                        eventId,
                        started));
    }

    // ---- admin API -------------------------------------------------------------------------------

    @Provide
    Arbitrary<BadRequest> adminRequests() {
        return Arbitraries.oneOf(
                badEventBody().map(body -> new BadRequest("main", "POST", "/api/admin/events", true, body)),
                badEventChange()
                        .map(body -> new BadRequest("main", "PATCH", "/api/admin/events/" + eventId, true, body)),
                Combinators.combine(badId(), Arbitraries.of("", "/pause", "/resume", "/close", "/stats", "/reconcile"))
                        .as((id, action) -> new BadRequest(
                                "main",
                                action.isEmpty() || action.equals("/stats") || action.equals("/reconcile")
                                        ? "GET"
                                        : "POST",
                                "/api/admin/events/" + id + action,
                                true,
                                null)),
                badId().map(id -> new BadRequest("main", "PATCH", "/api/admin/events/" + id, true, "{\"name\":\"x\"}")),
                badReissue()
                        .map(body -> new BadRequest("main", "POST", "/api/admin/failed-issues/reissue", true, body)),
                badRush().map(body -> new BadRequest("main", "POST", "/api/admin/rush", true, body)),
                badWarmup().map(body -> new BadRequest("main", "POST", "/api/admin/rush/warmup", true, body)),
                badToken().map(body -> new BadRequest("main", "POST", "/api/admin/tokens", true, body)),
                Arbitraries.of("status=DONE", "status=%00", "eventId=x", "eventId=1.5", "eventId=99999999999999999999")
                        .map(q -> new BadRequest("main", "GET", "/api/admin/failed-issues?" + q, true, null)),
                Arbitraries.of("limit=x", "limit=1e3", "limit=99999999999")
                        .map(q -> new BadRequest("main", "GET", "/api/admin/audit?" + q, true, null)),
                badId().map(id -> new BadRequest("main", "DELETE", "/api/admin/tokens/" + id, true, null)),
                // coupons after the win (issue 16): vendors and an event's coupon terms
                badVendor().map(body -> new BadRequest("main", "POST", "/api/admin/vendors", true, body)),
                badId().map(id -> new BadRequest("main", "GET", "/api/admin/vendors/" + id, true, null)),
                badId().map(id ->
                        new BadRequest("main", "PATCH", "/api/admin/vendors/" + id, true, "{\"name\":\"x\"}")),
                badEventTerms().map(body -> new BadRequest("main", "POST", "/api/admin/events", true, body)),
                badEventTerms()
                        .map(body -> new BadRequest("main", "PATCH", "/api/admin/events/" + eventId, true, body)),
                badStock().map(body -> new BadRequest("main", "PUT", "/api/admin/stock/fuzz-sku", true, body)),
                badUserId()
                        .map(sku -> new BadRequest(
                                "main", "PUT", "/api/admin/stock/" + sku, true, "{\"stock\":1,\"price\":1}")),
                // the waiting room (issue 17)
                badWaitingRoom()
                        .map(room -> new BadRequest(
                                "main",
                                "POST",
                                "/api/admin/events",
                                true,
                                VALID_EVENT.substring(0, VALID_EVENT.length() - 1) + ",\"waitingRoom\":" + room + "}")),
                badWaitingRoom()
                        .filter(room -> !room.equals("null") && !room.contains("\"outflowPerSecond\":5}"))
                        .map(room -> new BadRequest(
                                "main",
                                "PATCH",
                                "/api/admin/events/" + eventId,
                                true,
                                "{\"waitingRoom\":" + room + "}")),
                Arbitraries.of(
                                "{}",
                                "{\"outflowPerSecond\":0}",
                                "{\"outflowPerSecond\":-1}",
                                "{\"outflowPerSecond\":1.5}",
                                "{\"outflowPerSecond\":\"5\"}",
                                "{\"outflowPerSecond\":100001}",
                                "{\"outflowPerSecond\":5,\"x\":1}",
                                "[]")
                        .map(body -> new BadRequest(
                                "main", "PUT", "/api/admin/events/" + eventId + "/queue/outflow", true, body)),
                Combinators.combine(badId(), Arbitraries.of("", "/pause", "/resume"))
                        .as((id, action) -> new BadRequest(
                                "main",
                                action.isEmpty() ? "GET" : "POST",
                                "/api/admin/events/" + id + "/queue" + action,
                                true,
                                null)));
    }

    /** Waiting rooms that are never valid (on create; on PATCH a missing mode is fine). */
    static Arbitrary<String> badWaitingRoom() {
        return Arbitraries.of(
                "{\"mode\":\"ON\"}",
                "{\"mode\":\"fifo\"}",
                "{\"mode\":1}",
                "{\"mode\":\"FIFO\",\"outflowPerSecond\":0}",
                "{\"mode\":\"FIFO\",\"outflowPerSecond\":100001}",
                "{\"mode\":\"FIFO\",\"outflowPerSecond\":\"5\"}",
                "{\"mode\":\"FIFO\",\"entryTokenSeconds\":5}",
                "{\"mode\":\"FIFO\",\"prequeueOpensMinutesBefore\":-1}",
                "{\"mode\":\"FIFO\",\"prequeueOpensMinutesBefore\":1.5}",
                "{\"mode\":\"FIFO\",\"extra\":1}",
                "{\"outflowPerSecond\":5}",
                "\"FIFO\"",
                "[]",
                "7");
    }

    /** A valid event with exactly one field made invalid, or a body that is not an event at all. */
    static Arbitrary<String> badEventBody() {
        return Arbitraries.oneOf(notAnObject(), oneFieldWrong(VALID_EVENT, eventFieldBreakers()));
    }

    static Arbitrary<String> badEventChange() {
        return Arbitraries.oneOf(
                notAnObject(),
                // in a PATCH, null means "leave as it is": not a bad value there
                oneFieldWrong(
                        "{\"name\":\"changed\",\"totalQuantity\":12,\"startsAt\":\"2000-01-01T00:00:00Z\"}",
                        withoutNull(eventFieldBreakers())),
                Arbitraries.of(
                        "{\"totalQuantity\":0}",
                        "{\"dailyQuantity\":11}",
                        "{\"dailyQuantity\":3,\"clearDailyQuantity\":true}",
                        "{\"endsAt\":\"1999-01-01T00:00:00Z\"}",
                        "{\"clearDailyQuantity\":\"yes\"}",
                        "{\"zoneId\":\"Mars/Olympus\"}",
                        "{\"zoneId\":\"\"}"));
    }

    /** field -> values that are never valid for it (wrong type, out of range, malformed). */
    static Map<String, List<String>> eventFieldBreakers() {
        return Map.of(
                "name",
                List.of(
                        "\"\"",
                        "\"   \"",
                        "\"a\\u0000b\"",
                        "\"tab\\tname\"",
                        "\"" + "n".repeat(201) + "\"",
                        "42",
                        "[]",
                        "{}",
                        "true"),
                "totalQuantity",
                List.of(
                        "0",
                        "-1",
                        "10.5",
                        "\"10\"",
                        "2147483648",
                        "1e3",
                        "100000001",
                        "true",
                        "[10]",
                        "null",
                        "99999999999999999999999"),
                "dailyQuantity",
                List.of("0", "-3", "11", "1.5", "\"3\"", "false"),
                "startsAt",
                List.of(
                        "12345",
                        "\"yesterday\"",
                        "\"+999999999-12-31T23:59:59Z\"",
                        "\"2000-13-01T00:00:00Z\"",
                        "null",
                        "[]"),
                "endsAt",
                List.of(
                        "\"1999-01-01T00:00:00Z\"",
                        "\"+999999999-12-31T23:59:59Z\"",
                        "\"-999999999-01-01T00:00:00Z\"",
                        "1",
                        "\"2100-01-01\"",
                        "null"),
                "zoneId",
                List.of("\"\"", "\"Mars/Olympus\"", "\"UTC\\u0000\"", "7"),
                "dailyOpenTime",
                List.of("\"25:00\"", "\"9\"", "\"09:00:00:00\"", "900"),
                "dailyCloseTime",
                List.of("\"24:01\"", "\"7\"", "true"));
    }

    static Map<String, List<String>> withoutNull(Map<String, List<String>> breakers) {
        var kept = new java.util.HashMap<String, List<String>>();
        breakers.forEach((field, values) ->
                kept.put(field, values.stream().filter(v -> !v.equals("null")).toList()));
        return kept;
    }

    /** Replaces one field's value in {@code json} by a breaker, or adds an unknown or a duplicate key. */
    static Arbitrary<String> oneFieldWrong(String json, Map<String, List<String>> breakers) {
        List<Map.Entry<String, List<String>>> fields = breakers.entrySet().stream()
                .filter(e -> json.contains("\"" + e.getKey() + "\""))
                .toList();
        Arbitrary<String> replaced = Arbitraries.of(fields)
                .flatMap(field -> Arbitraries.of(field.getValue())
                        .map(value -> json.replaceFirst(
                                "\"" + field.getKey() + "\":(\"[^\"]*\"|[^,}]*)",
                                java.util.regex.Matcher.quoteReplacement("\"" + field.getKey() + "\":" + value))));
        Arbitrary<String> extraKey = Arbitraries.of(
                        "\"unknown\":1", "\"Name\":\"x\"", "\"id\":5", "\"status\":\"CLOSED\"")
                .map(extra -> json.substring(0, json.length() - 1) + "," + extra + "}");
        Arbitrary<String> duplicate = Arbitraries.of(fields)
                .map(field -> json.substring(0, json.length() - 1) + ",\"" + field.getKey() + "\":"
                        + field.getValue().getFirst() + "}");
        return Arbitraries.oneOf(replaced, replaced, replaced, extraKey, duplicate);
    }

    static Arbitrary<String> notAnObject() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "", "null", "[]", "42", "\"text\"", "{", "{\"name\":", "{\"a\":1}}", "{'name':'x'}", "\u0000"),
                Arbitraries.strings()
                        .ofMinLength(1)
                        .ofMaxLength(64)
                        .filter(s -> !s.strip().startsWith("{")),
                Arbitraries.integers().between(20_000, 40_000).map(n -> "{\"name\":\"" + "x".repeat(n) + "\"}"));
    }

    static Arbitrary<String> badReissue() {
        return Arbitraries.oneOf(
                notAnObject(),
                Arbitraries.of(
                        "{}",
                        "{\"ids\":[]}",
                        "{\"ids\":[1],\"eventId\":1}",
                        "{\"ids\":\"1,2\"}",
                        "{\"ids\":[1.5]}",
                        "{\"ids\":[\"a\"]}",
                        "{\"eventId\":\"1\"}",
                        "{\"eventId\":-1}",
                        "{\"dryRun\":\"yes\",\"eventId\":1}",
                        "{\"eventId\":1,\"unknown\":true}"),
                Arbitraries.integers().between(10_001, 70_000).map(ApiFuzzTests::manyIds));
    }

    static String manyIds(int n) {
        var ids = new StringBuilder("{\"ids\":[");
        for (int i = 0; i < n; i++) {
            ids.append(i == 0 ? "" : ",").append(1_000_000_000L + i);
        }
        return ids.append("]}").toString();
    }

    static Arbitrary<String> badRush() {
        return Arbitraries.oneOf(
                notAnObject(),
                oneFieldWrong(
                        "{\"users\":10,\"concurrency\":2,\"quantity\":5,\"strategies\":[\"lua\"],\"workers\":0,\"fault\":null}",
                        Map.of(
                                "users", List.of("0", "-5", "1.5", "\"10\"", "100000000000", "null"),
                                "concurrency", List.of("0", "-1", "100000", "\"2\""),
                                "quantity", List.of("0", "-1", "2.5"),
                                "strategies",
                                        List.of(
                                                "[\"nope\"]",
                                                "\"lua\"",
                                                "[1]",
                                                "[" + "\"lua\",".repeat(100) + "\"lua\"]"),
                                "workers", List.of("3", "-1", "1.5", "\"1\""),
                                "fault",
                                        List.of(
                                                "{\"kind\":\"SIGKILL\"}",
                                                "{\"kind\":\"SIGHUP\"}",
                                                "\"SIGKILL\"",
                                                "[1]"))),
                Arbitraries.of(
                        "{\"users\":10,\"baseUrl\":\"http://169.254.169.254/latest\"}",
                        "{\"users\":10,\"baseUrl\":\"http://example.com\"}",
                        "{\"users\":10,\"baseUrl\":\"file:///etc/passwd\"}",
                        "{\"users\":10,\"baseUrl\":\"not a url\"}",
                        "{\"users\":10,\"eventId\":" + Long.MAX_VALUE + "}"));
    }

    /** No body (empty or JSON null) or users 0 is a valid warm-up (now, default size): every body here is not. */
    static Arbitrary<String> badWarmup() {
        return Arbitraries.oneOf(
                notAnObject().filter(body -> !body.isBlank() && !body.strip().equals("null")),
                Arbitraries.of(
                        "{\"users\":-1}",
                        "{\"users\":1.5}",
                        "{\"users\":\"10\"}",
                        "{\"users\":10,\"runAt\":12345}",
                        "{\"users\":10,\"runAt\":\"+999999999-12-31T23:59:59Z\"}",
                        "{\"users\":10,\"unknown\":1}"));
    }

    static Arbitrary<String> badToken() {
        return Arbitraries.oneOf(
                notAnObject(),
                oneFieldWrong(
                        "{\"name\":\"fuzzed\",\"role\":\"VIEWER\"}",
                        Map.of(
                                "name",
                                        List.of(
                                                "\"\"",
                                                "\" \"",
                                                "\"a\\u0000\"",
                                                "\"" + "t".repeat(101) + "\"",
                                                "1",
                                                "null"),
                                "role", List.of("\"ROOT\"", "\"viewer \"", "\"\"", "0", "null", "[\"ADMIN\"]"))));
    }

    // ---- customer API (both ports) ----------------------------------------------------------------

    @Provide
    Arbitrary<BadRequest> customerRequests() {
        Arbitrary<String> ports = Arbitraries.of("main", "apply");
        return Arbitraries.oneOf(
                Combinators.combine(ports, badApplyBody())
                        .as((port, body) ->
                                new BadRequest(port, "POST", "/api/events/" + eventId + "/apply", false, body)),
                Combinators.combine(ports, badId())
                        .as((port, id) -> new BadRequest(
                                port, "POST", "/api/events/" + id + "/apply", false, "{\"userId\":\"fuzz-new\"}")),
                badId().map(id -> new BadRequest("main", "GET", "/api/events/" + id, false, null)),
                badUserId().map(user -> new BadRequest("main", "GET", "/api/users/" + user + "/coupons", false, null)),
                // coupons after the win (issue 16): redeem and release
                badId().map(id -> new BadRequest(
                        "main", "POST", "/api/coupons/" + id + "/redeem", false, "{\"userId\":\"fuzz-holder\"}")),
                badId().map(id -> new BadRequest(
                        "main", "POST", "/api/coupons/" + id + "/release", false, "{\"userId\":\"fuzz-holder\"}")),
                badRedeem()
                        .map(body -> new BadRequest(
                                "main", "POST", "/api/coupons/" + holderCoupon + "/redeem", false, body)),
                badRelease()
                        .map(body -> new BadRequest(
                                "main", "POST", "/api/coupons/" + holderCoupon + "/release", false, body)),
                badOrder().map(body -> new BadRequest("main", "POST", "/api/orders", false, body)),
                badId().map(id -> new BadRequest("main", "GET", "/api/orders/" + id, false, null)),
                // the waiting room (issue 17)
                badApplyBody()
                        .map(body -> new BadRequest("main", "POST", "/api/events/" + eventId + "/queue", false, body)),
                badId().map(id -> new BadRequest(
                        "main", "POST", "/api/events/" + id + "/queue", false, "{\"userId\":\"fuzz-new\"}")),
                Arbitraries.of(
                                "x",
                                "0123456789ABCDEF0123456789ABCDEF",
                                "0123456789abcdef0123456789abcde",
                                "0123456789abcdef0123456789abcdef0",
                                "%00",
                                "0123456789abcdef0123456789abcdef",
                                "a%20b")
                        .map(ticket -> new BadRequest(
                                "main", "GET", "/api/events/" + eventId + "/queue/" + ticket, false, null)),
                badId().map(id -> new BadRequest("main", "GET", "/api/events/" + id + "/queue/audit", false, null)));
    }

    static Arbitrary<String> badStock() {
        return Arbitraries.oneOf(
                notAnObject(),
                Arbitraries.of(
                        "{}",
                        "{\"stock\":1}",
                        "{\"price\":1}",
                        "{\"stock\":-1,\"price\":1}",
                        "{\"stock\":1,\"price\":-1}",
                        "{\"stock\":1.5,\"price\":1}",
                        "{\"stock\":\"1\",\"price\":1}",
                        "{\"stock\":1,\"price\":1,\"extra\":1}"));
    }

    static Arbitrary<String> badOrder() {
        return Arbitraries.oneOf(
                notAnObject(),
                Arbitraries.of(
                        "{}",
                        "{\"userId\":\"fuzz-holder\"}",
                        "{\"userId\":\"fuzz-holder\",\"items\":[]}",
                        "{\"userId\":\"fuzz-holder\",\"items\":{}}",
                        "{\"userId\":\"fuzz-holder\",\"items\":[null]}",
                        "{\"userId\":\"fuzz-holder\",\"items\":[{\"sku\":\"a b\",\"quantity\":1}]}",
                        "{\"userId\":\"fuzz-holder\",\"items\":[{\"sku\":\"a\",\"quantity\":0}]}",
                        "{\"userId\":\"fuzz-holder\",\"items\":[{\"sku\":\"a\",\"quantity\":1.5}]}",
                        "{\"userId\":\"fuzz-holder\",\"items\":[{\"sku\":\"a\"}]}",
                        "{\"userId\":\"fuzz-holder\",\"items\":[{\"sku\":\"a\",\"quantity\":1},"
                                + "{\"sku\":\"a\",\"quantity\":1}]}",
                        "{\"userId\":\"fuzz-holder\",\"items\":[{\"sku\":\"a\",\"quantity\":1}],\"couponId\":0}",
                        "{\"userId\":\"fuzz-holder\",\"items\":[{\"sku\":\"a\",\"quantity\":1}],\"x\":1}"),
                badUserId().map(user -> "{\"userId\":\"" + user + "\",\"items\":[{\"sku\":\"a\",\"quantity\":1}]}"));
    }

    static Arbitrary<String> badVendor() {
        return Arbitraries.oneOf(
                notAnObject(),
                Arbitraries.of("{}", "{\"name\":\"v\"}", "{\"costPerRedemption\":5}"),
                oneFieldWrong(
                        "{\"name\":\"fuzz vendor\",\"costPerRedemption\":100}",
                        Map.of(
                                "name",
                                List.of("\"\"", "\" \"", "\"a\\u0000\"", "\"" + "v".repeat(201) + "\"", "1", "null"),
                                "costPerRedemption",
                                List.of("-1", "1.5", "\"100\"", "1000000001", "99999999999999999999", "null", "[]"))));
    }

    /** Valid events with one coupon term wrong (benefit, validity, vendor). */
    static Arbitrary<String> badEventTerms() {
        String base = VALID_EVENT.substring(0, VALID_EVENT.length() - 1);
        return Arbitraries.of(
                        "\"benefit\":{}",
                        "\"benefit\":{\"type\":\"GIFT\"}",
                        "\"benefit\":{\"type\":\"FIXED\"}",
                        "\"benefit\":{\"type\":\"FIXED\",\"amountOff\":0}",
                        "\"benefit\":{\"type\":\"FIXED\",\"amountOff\":-5}",
                        "\"benefit\":{\"type\":\"FIXED\",\"amountOff\":5,\"percentOff\":10}",
                        "\"benefit\":{\"type\":\"PERCENT\",\"percentOff\":0}",
                        "\"benefit\":{\"type\":\"PERCENT\",\"percentOff\":101}",
                        "\"benefit\":{\"type\":\"PERCENT\",\"percentOff\":10,\"maxDiscount\":0}",
                        "\"benefit\":{\"type\":\"FIXED\",\"amountOff\":5,\"minOrderAmount\":-1}",
                        "\"benefit\":{\"type\":\"FIXED\",\"amountOff\":5,\"unknown\":1}",
                        "\"benefit\":\"10%\"",
                        "\"validity\":{}",
                        "\"validity\":{\"until\":\"2030-01-01\",\"daysAfterIssue\":3}",
                        "\"validity\":{\"daysAfterIssue\":0}",
                        "\"validity\":{\"daysAfterIssue\":100000}",
                        "\"validity\":{\"until\":\"2030-02-30\"}",
                        "\"validity\":{\"until\":\"1999-12-31\"}",
                        "\"vendorId\":0",
                        "\"vendorId\":999999999",
                        "\"vendorId\":\"v1\"")
                .map(term -> base + "," + term + "}");
    }

    static Arbitrary<String> badRedeem() {
        return Arbitraries.oneOf(
                notAnObject(),
                Arbitraries.of(
                        "{}",
                        "{\"userId\":\"fuzz-holder\"}",
                        "{\"userId\":\"fuzz-holder\",\"orderId\":\"o-1\"}",
                        "{\"userId\":\"fuzz-holder\",\"orderId\":\"o-1\",\"orderAmount\":-1}",
                        "{\"userId\":\"fuzz-holder\",\"orderId\":\"o-1\",\"orderAmount\":1.5}",
                        "{\"userId\":\"fuzz-holder\",\"orderId\":\"o-1\",\"orderAmount\":\"10\"}",
                        "{\"userId\":\"fuzz-holder\",\"orderId\":\"\",\"orderAmount\":10}",
                        "{\"userId\":\"fuzz-holder\",\"orderId\":\"o 1\",\"orderAmount\":10}",
                        "{\"userId\":\"fuzz-holder\",\"orderId\":\"" + "o".repeat(65) + "\",\"orderAmount\":10}",
                        "{\"userId\":\"fuzz-holder\",\"orderId\":\"o-1\",\"orderAmount\":10,\"extra\":1}",
                        // well-formed but without an Idempotency-Key header
                        "{\"userId\":\"fuzz-holder\",\"orderId\":\"o-1\",\"orderAmount\":10}"),
                badUserId().map(user -> "{\"userId\":\"" + user + "\",\"orderId\":\"o-1\",\"orderAmount\":10}"));
    }

    static Arbitrary<String> badRelease() {
        return Arbitraries.oneOf(
                notAnObject(),
                Arbitraries.of(
                        "{}",
                        "{\"userId\":\"fuzz-holder\"}",
                        "{\"userId\":\"fuzz-holder\",\"orderId\":\"\"}",
                        "{\"userId\":\"fuzz-holder\",\"orderId\":42}",
                        "{\"userId\":\"fuzz-holder\",\"orderId\":\"o-1\",\"extra\":1}"));
    }

    static Arbitrary<String> badApplyBody() {
        return Arbitraries.oneOf(
                notAnObject(),
                badUserId().map(user -> "{\"userId\":\"" + user + "\"}"),
                Arbitraries.of(
                        "{}",
                        "{\"userId\":null}",
                        "{\"userId\":42}",
                        "{\"userId\":[\"a\"]}",
                        "{\"userId\":\"\"}",
                        "{\"userId\":\".\"}",
                        "{\"userId\":\"..\"}",
                        "{\"userId\":\"a\\u0000b\"}",
                        "{\"userId\":\"fuzz-a\",\"userId\":\"fuzz-b\"}",
                        "{\"userId\":\"fuzz-a\",\"extra\":1}",
                        "{\"userId\":\"" + "u".repeat(129) + "\"}",
                        "{\"userId\":\"" + "u".repeat(5000) + "\"}"));
    }

    /** Ids in paths that are not a canonical positive decimal, already percent-encoded where needed. */
    static Arbitrary<String> badId() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "+1",
                        "01",
                        "-1",
                        "0",
                        "1.0",
                        "1e3",
                        "0x10",
                        "abc",
                        "1%3Ba=b",
                        "1;a=b",
                        "%00",
                        "1%00",
                        "%2F1",
                        "99999999999999999999",
                        "9223372036854775808",
                        "%20 1".replace(" ", "%20"),
                        "1%20"),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12));
    }

    /** User ids that break the rules (1..128 of letters, digits and ._@+-; not . or ..), percent-encoded. */
    static Arbitrary<String> badUserId() {
        return Arbitraries.oneOf(
                Arbitraries.of(".", "..", "%2E%2E", "a%2Fb", "a%00b", "%20", "a%20b", "%E2%82%AC", "a%3Cb%3E", "%25"),
                Arbitraries.strings().withChars('a').ofLength(129));
    }
}
