package dev.firstcome.backend.admission.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.admission.AdmissionApi;
import dev.firstcome.backend.support.HttpApi;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The apply server at the HTTP level, over raw sockets: keep-alive and pipelined requests answered in
 * order, the answers to other paths and methods, oversized and malformed requests, and 503 with
 * Retry-After while admission is stopped. (The apply contract itself: {@link ApplyContractBothPathsIntegrationTests}.)
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "firstcome.namespace=applyserver")
class ApplyServerIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ApplyHttpServer server;

    @Autowired
    AdmissionApi admission;

    /** Stops admitting when the context stops; starting it again resumes admitting. */
    @Autowired
    @Qualifier("admissionLifecycle")
    SmartLifecycle admissionLifecycle;

    record Reply(int status, Map<String, String> headers, JsonNode body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void pipelinedRequestsOnOneConnectionAreAnsweredInOrder() throws IOException {
        long event = new HttpApi(port).createOpenEvent("pipelined", 2, null);
        try (var socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            String requests = apply(event, "pipe-1", "")
                    + apply(event, "pipe-2", "")
                    + apply(event, "pipe-3", "")
                    + apply(event, "pipe-1", "");
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
            var in = new BufferedInputStream(socket.getInputStream());

            Reply first = read(in);
            Reply second = read(in);
            Reply third = read(in);
            Reply fourth = read(in);

            assertThat(first.status()).isEqualTo(201);
            assertThat(first.body().get("userId").asString()).isEqualTo("pipe-1");
            assertThat(first.body().get("rank").asLong()).isEqualTo(1);
            assertThat(second.status()).isEqualTo(201);
            assertThat(second.body().get("userId").asString()).isEqualTo("pipe-2");
            assertThat(second.body().get("rank").asLong()).isEqualTo(2);
            assertThat(third.status()).isEqualTo(409);
            assertThat(third.body().get("outcome").asString()).isEqualTo("SOLD_OUT");
            assertThat(fourth.status()).isEqualTo(409);
            assertThat(fourth.body().get("outcome").asString()).isEqualTo("ALREADY_APPLIED");
        }
    }

    @Test
    void connectionCloseIsHonoured() throws IOException {
        long event = new HttpApi(port).createOpenEvent("close", 5, null);
        try (var socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream()
                    .write(apply(event, "closer", "Connection: close\r\n").getBytes(StandardCharsets.US_ASCII));
            var in = new BufferedInputStream(socket.getInputStream());
            Reply reply = read(in);
            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.header("connection")).isEqualToIgnoringCase("close");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void halfClosedClientGetsItsAnswerThenTheConnectionCloses() throws IOException {
        var api = new HttpApi(port);
        long event = api.createOpenEvent("half-close", 5, null);
        try (var socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(apply(event, "half", "").getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            var in = new BufferedInputStream(socket.getInputStream());

            Reply reply = read(in);

            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.body().get("userId").asString()).isEqualTo("half");
            assertThat(reply.header("connection")).isEqualToIgnoringCase("close");
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(api.get("/api/events/" + event).number("remaining")).isEqualTo(4);
    }

    @Test
    void halfClosedClientWithPipelinedRequestsGetsEveryAnswerInOrder() throws IOException {
        long event = new HttpApi(port).createOpenEvent("half-close-pipelined", 2, null);
        try (var socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            String requests = apply(event, "hp-1", "") + apply(event, "hp-2", "") + apply(event, "hp-3", "");
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            var in = new BufferedInputStream(socket.getInputStream());

            Reply first = read(in);
            Reply second = read(in);
            Reply third = read(in);

            assertThat(first.status()).isEqualTo(201);
            assertThat(first.body().get("userId").asString()).isEqualTo("hp-1");
            assertThat(second.status()).isEqualTo(201);
            assertThat(second.body().get("userId").asString()).isEqualTo("hp-2");
            assertThat(third.status()).isEqualTo(409);
            assertThat(third.body().get("outcome").asString()).isEqualTo("SOLD_OUT");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void halfClosedClientWithATruncatedBodyIsClosedAndNothingIsAdmitted() throws IOException {
        var api = new HttpApi(port);
        long event = api.createOpenEvent("half-close-truncated", 5, null);
        try (var socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            String whole = apply(event, "cut", "");
            socket.getOutputStream()
                    .write(whole.substring(0, whole.length() - 5).getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();

            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(api.get("/api/events/" + event).number("remaining")).isEqualTo(5);
    }

    @Test
    void otherPathsAndMethodsGetProblemsNamingWhatIsServed() throws IOException {
        Reply other = exchange("GET /api/admin/events HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.header("content-type")).isEqualTo("application/problem+json");
        assertThat(other.body().get("detail").asString()).contains("POST /api/events/{eventId}/apply");

        Reply get = exchange("GET /api/events/1/apply HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("allow")).isEqualTo("POST");
        assertThat(get.body().get("status").asInt()).isEqualTo(405);
    }

    @Test
    void oversizedBodyIsA400NamingTheBodyAndChangesNothing() throws IOException {
        var api = new HttpApi(port);
        long event = api.createOpenEvent("oversized", 5, null);
        String body = "{\"userId\":\"big\",\"pad\":\"" + "x".repeat(5000) + "\"}";
        Reply reply = exchange("POST /api/events/" + event + "/apply HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("field").asString()).isEqualTo("body");
        assertThat(api.get("/api/events/" + event).number("remaining")).isEqualTo(5);
    }

    @Test
    void malformedRequestIsA400() throws IOException {
        Reply reply = exchange("THIS IS NOT HTTP\r\n\r\n");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("content-type")).isEqualTo("application/problem+json");
    }

    @Test
    void whileAdmissionIsStoppedAppliesGet503WithRetryAfter() throws IOException {
        var api = new HttpApi(port);
        long event = api.createOpenEvent("stopped", 5, null);
        admission.stopAdmitting();
        try {
            Reply reply = exchange(apply(event, "too-late", ""));
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.header("retry-after")).isEqualTo("1");
            assertThat(reply.body().get("detail").asString()).contains("shutting down");
        } finally {
            admissionLifecycle.start();
        }
        assertThat(api.get("/api/events/" + event).number("remaining")).isEqualTo(5);
        assertThat(exchange(apply(event, "in-time", "")).status()).isEqualTo(201);
    }

    private static String apply(long event, String user, String extraHeaders) {
        String body = "{\"userId\":\"" + user + "\"}";
        return "POST /api/events/" + event + "/apply HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + extraHeaders + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private Reply exchange(String request) throws IOException {
        try (var socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return read(new BufferedInputStream(socket.getInputStream()));
        }
    }

    private static Reply read(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        var headers = new LinkedHashMap<String, String>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(
                    header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    header.substring(colon + 1).trim());
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Reply(status, headers, body.length == 0 ? null : JSON.readTree(body));
    }

    private static String line(InputStream in) throws IOException {
        var out = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-answer");
            }
            if (b != '\r') {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
