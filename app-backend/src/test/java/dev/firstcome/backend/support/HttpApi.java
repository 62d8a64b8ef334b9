package dev.firstcome.backend.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for the FirstCome API, as customers and operators use it. */
public final class HttpApi {

    public static final String ADMIN_TOKEN = "test-admin-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final String applyBase;
    private final HttpClient client;

    public HttpApi(int port) {
        this("http://127.0.0.1:" + port);
    }

    public HttpApi(String base) {
        this(base, base);
    }

    /** Applies ({@code /api/events/{id}/apply}) go to {@code applyBase} (the apply server), the rest to {@code base}. */
    public HttpApi(String base, String applyBase) {
        this.base = base;
        this.applyBase = applyBase;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** One answer: status, content type and the parsed JSON body (null when empty). */
    public record Answer(int status, String contentType, JsonNode body) {

        public String text(String field) {
            JsonNode node = body == null ? null : body.get(field);
            return node == null || node.isNull() ? null : node.asString();
        }

        public long number(String field) {
            return body.get(field).asLong();
        }

        public boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }
    }

    public Answer apply(long eventId, String userId) {
        return send("POST", "/api/events/" + eventId + "/apply", "{\"userId\":\"" + userId + "\"}", false);
    }

    public Answer post(String path, String json) {
        return send("POST", path, json, false);
    }

    public Answer get(String path) {
        return send("GET", path, null, false);
    }

    public Answer admin(String method, String path, String json) {
        return send(method, path, json, true);
    }

    /** Creates an open event and returns its id. */
    public long createEvent(String json) {
        Answer answer = admin("POST", "/api/admin/events", json);
        if (answer.status() != 201) {
            throw new IllegalStateException("event not created: " + answer);
        }
        return answer.number("id");
    }

    public long createOpenEvent(String name, int total, Integer daily) {
        return createEvent("{\"name\":\"" + name + "\",\"totalQuantity\":" + total
                + (daily == null ? "" : ",\"dailyQuantity\":" + daily)
                + ",\"startsAt\":\"2000-01-01T00:00:00Z\",\"endsAt\":\"2100-01-01T00:00:00Z\",\"zoneId\":\"UTC\"}");
    }

    public Answer send(String method, String path, String json, boolean admin) {
        return as(admin ? ADMIN_TOKEN : null, method, path, json);
    }

    /** A request with {@code Authorization: Bearer <token>} (none when {@code token} is null). */
    public Answer as(String token, String method, String path, String json) {
        String target = path.startsWith("/api/events/") && path.endsWith("/apply") ? applyBase : base;
        var builder = HttpRequest.newBuilder(URI.create(target + path)).timeout(Duration.ofSeconds(30));
        if (json != null) {
            builder.header("Content-Type", "application/json");
            builder.method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            String type = response.headers().firstValue("Content-Type").orElse(null);
            boolean isJson = type != null && type.contains("json");
            JsonNode node = !isJson || body == null || body.isBlank() ? null : JSON.readTree(body);
            return new Answer(response.statusCode(), type, node);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
