package dev.firstcome.backend.support;

import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.support.HttpApi.Answer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The customer's coupon calls over real HTTP (redeem carries an Idempotency-Key), and how to win a coupon. */
public final class CouponHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public final HttpApi api;
    private final String base;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    public CouponHttp(int port) {
        this.api = new HttpApi(port);
        this.base = "http://127.0.0.1:" + port;
    }

    /** A vendor (ADMIN) and its id. */
    public long createVendor(String name, long cost) {
        Answer answer = api.admin(
                "POST", "/api/admin/vendors", "{\"name\":\"" + name + "\",\"costPerRedemption\":" + cost + "}");
        if (answer.status() != 201) {
            throw new IllegalStateException("vendor not created: " + answer);
        }
        return answer.number("id");
    }

    /** An open event whose coupons carry {@code termsJson} (e.g. {@code "benefit":{...},"validity":{...}}). */
    public long createEventWithTerms(String name, int total, String termsJson) {
        return api.createEvent("{\"name\":\"" + name + "\",\"totalQuantity\":" + total
                + ",\"startsAt\":\"2000-01-01T00:00:00Z\",\"endsAt\":\"2100-01-01T00:00:00Z\",\"zoneId\":\"Asia/Seoul\","
                + termsJson + "}");
    }

    /** Applies and waits until the coupon is persisted; returns its id. */
    public long win(long eventId, String userId) {
        Answer applied = api.apply(eventId, userId);
        if (applied.status() != 201) {
            throw new IllegalStateException("apply refused: " + applied);
        }
        return await().atMost(Duration.ofSeconds(60)).until(() -> couponOf(userId, eventId), id -> id > 0);
    }

    public long couponOf(String userId, long eventId) {
        Answer coupons = api.get("/api/users/" + userId + "/coupons");
        for (JsonNode c : coupons.body()) {
            if (c.get("eventId").asLong() == eventId) {
                return c.get("couponId").asLong();
            }
        }
        return 0;
    }

    public JsonNode coupon(String userId, long couponId) {
        for (JsonNode c : api.get("/api/users/" + userId + "/coupons").body()) {
            if (c.get("couponId").asLong() == couponId) {
                return c;
            }
        }
        throw new IllegalStateException("no coupon " + couponId + " for " + userId);
    }

    public Answer redeem(long couponId, String userId, String orderId, long amount, String key) {
        return post(
                "/api/coupons/" + couponId + "/redeem",
                "{\"userId\":\"" + userId + "\",\"orderId\":\"" + orderId + "\",\"orderAmount\":" + amount + "}",
                key);
    }

    public Answer release(long couponId, String userId, String orderId) {
        return post(
                "/api/coupons/" + couponId + "/release",
                "{\"userId\":\"" + userId + "\",\"orderId\":\"" + orderId + "\"}",
                null);
    }

    public Answer post(String path, String json, String idempotencyKey) {
        var builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse(null);
            String body = response.body();
            JsonNode node = type == null || !type.contains("json") || body.isBlank() ? null : JSON.readTree(body);
            return new Answer(response.statusCode(), type, node);
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
