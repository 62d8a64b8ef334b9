package dev.firstcome.backend.admission.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.support.HttpApi;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One table of HTTP/1.x protocol rules ({@code infra.web.HttpProtocolRules}), sent over raw sockets to the main
 * port and to the apply server: each row is answered with the same status by both (issue 33: the apply server
 * answered 201 to 150 headers and to an {@code HTTP/2.0} request line, where the main port said 400 and 505).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "firstcome.namespace=applyserver")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolRulesBothPortsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplyHttpServer server;

    long event;

    @BeforeAll
    void openEvent() {
        event = new HttpApi(port).createOpenEvent("protocol rules", 1_000, null);
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("an ordinary apply", "POST", "HTTP/1.1", "", "", 201),
                Arguments.of("HTTP/1.0", "POST", "HTTP/1.0", "", "", 201),
                Arguments.of("100 headers", "POST", "HTTP/1.1", headers(96), "", 201),
                Arguments.of("150 headers", "POST", "HTTP/1.1", headers(150), "", 400),
                Arguments.of("HTTP/2.0 request line", "POST", "HTTP/2.0", "", "", 505),
                Arguments.of("HTTP/1.2 request line", "POST", "HTTP/1.2", "", "", 505),
                Arguments.of("HTTP/0.9 request line", "POST", "HTTP/0.9", "", "", 505),
                Arguments.of("a header of 9 KB", "POST", "HTTP/1.1", "X-Big: " + "a".repeat(9_000) + "\r\n", "", 400),
                Arguments.of("a header line without a colon", "POST", "HTTP/1.1", "Broken\r\n", "", 400),
                Arguments.of("whitespace before a colon", "POST", "HTTP/1.1", "X-A : v\r\n", "", 400),
                Arguments.of("two Content-Lengths", "POST", "HTTP/1.1", "Content-Length: 5\r\n", "", 400),
                Arguments.of("an unknown method", "BREW", "HTTP/1.1", "", "", 400),
                Arguments.of("an HTTP/1.1 request without Host", "POST", "HTTP/1.1", "", "no host", 400),
                Arguments.of("a query string of 5 KB", "POST", "HTTP/1.1", "", "?" + "q".repeat(5_000), 201));
    }

    @ParameterizedTest(name = "{0}: {5} on both ports")
    @MethodSource("rules")
    void bothPortsAnswerTheSameStatus(
            String rule, String method, String version, String headers, String tweak, int status) throws IOException {
        for (int target : new int[] {port, server.port()}) {
            String user = "rules-" + target + "-" + Math.abs(rule.hashCode());
            String body = "{\"userId\":\"" + user + "\"}";
            String query = tweak.startsWith("?") ? tweak : "";
            String host = tweak.equals("no host") ? "" : "Host: x\r\n";
            String request = method + " /api/events/" + event + "/apply" + query + " " + version + "\r\n" + host
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n" + headers
                    + "Connection: close\r\n\r\n" + body;
            assertThat(statusOf(target, request))
                    .as("%s on port %d (%s)", rule, target, target == port ? "main" : "apply server")
                    .isEqualTo(status);
        }
    }

    private static String headers(int count) {
        var all = new StringBuilder();
        for (int i = 0; i < count; i++) {
            all.append("X-H").append(i).append(": v\r\n");
        }
        return all.toString();
    }

    private static int statusOf(int port, String request) throws IOException {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(head.substring(9, 12));
        }
    }
}
