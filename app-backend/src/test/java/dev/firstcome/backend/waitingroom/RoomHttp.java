package dev.firstcome.backend.waitingroom;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP for the waiting room's tests: joins, polls, applies with an {@code Entry-Token}, admin calls. */
final class RoomHttp {

    static final String ADMIN_TOKEN = "test-admin-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Reply(int status, String contentType, JsonNode body, String retryAfter) {
        String text(String field) {
            JsonNode node = body == null ? null : body.get(field);
            return node == null || node.isNull() ? null : node.asString();
        }

        Long number(String field) {
            JsonNode node = body == null ? null : body.get(field);
            return node == null || node.isNull() ? null : node.asLong();
        }

        boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }
    }

    private final String base;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    RoomHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Reply join(long eventId, String userId) {
        return send("POST", "/api/events/" + eventId + "/queue", "{\"userId\":\"" + userId + "\"}", null, null);
    }

    Reply poll(long eventId, String ticketId) {
        return send("GET", "/api/events/" + eventId + "/queue/" + ticketId, null, null, null);
    }

    Reply apply(long eventId, String userId, String entryToken) {
        return send("POST", "/api/events/" + eventId + "/apply", "{\"userId\":\"" + userId + "\"}", null, entryToken);
    }

    Reply get(String path) {
        return send("GET", path, null, null, null);
    }

    Reply admin(String method, String path, String json) {
        return send(method, path, json, ADMIN_TOKEN, null);
    }

    long createEvent(String json) {
        Reply reply = admin("POST", "/api/admin/events", json);
        if (reply.status() != 201) {
            throw new IllegalStateException("event not created: " + reply);
        }
        return reply.number("id");
    }

    Reply send(String method, String path, String json, String token, String entryToken) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (json != null) {
            builder.header("Content-Type", "application/json");
            builder.method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (entryToken != null) {
            builder.header("Entry-Token", entryToken);
        }
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse(null);
            String body = response.body();
            JsonNode node = type == null || !type.contains("json") || body == null || body.isBlank()
                    ? null
                    : JSON.readTree(body);
            return new Reply(
                    response.statusCode(),
                    type,
                    node,
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
