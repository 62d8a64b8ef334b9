package dev.firstcome.backend.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.infra.InfrastructureApi;
import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.HttpApi.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input on every port gets a problem+json naming what is wrong, never a 500, HTML or a stack trace,
 * and changes nothing: strict JSON, canonical ids, instants in range, list caps, and the protocol
 * errors Tomcat answers itself (raw sockets, where an HTTP client would clean the request up).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StrictInputIntegrationTests {

    static final String WINDOW = "\"startsAt\":\"2000-01-01T00:00:00Z\",\"endsAt\":\"2100-01-01T00:00:00Z\"";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    InfrastructureApi infrastructure;

    HttpApi api;

    record Reply(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
    }

    @ParameterizedTest(name = "create with {0} -> 400 naming {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"name\":\"nul\\u0000\",\"totalQuantity\":5," + WINDOW + "}|name",
                "{\"name\":\"n\\u0000ul\",\"totalQuantity\":5," + WINDOW + "}|name",
                "{\"name\":\"line\\nbreak\",\"totalQuantity\":5," + WINDOW + "}|name",
                "{\"name\":\"line\\u2028separator\",\"totalQuantity\":5," + WINDOW + "}|name",
                "{\"name\":\"paragraph\\u2029separator\",\"totalQuantity\":5," + WINDOW + "}|name",
                "{\"name\":\"x\",\"totalQuantity\":5,\"startsAt\":\"2000-01-01T00:00:00Z\",\"endsAt\":\"+999999999-12-31T23:59:59Z\"}|endsAt",
                "{\"name\":\"x\",\"totalQuantity\":5,\"startsAt\":12345,\"endsAt\":\"2100-01-01T00:00:00Z\"}|startsAt",
                "{\"name\":\"x\",\"totalQuantity\":5,\"startsAt\":\"1999-12-31T23:59:59Z\",\"endsAt\":\"2100-01-01T00:00:00Z\"}|startsAt",
                "{\"name\":\"x\",\"totalQuantity\":10.5," + WINDOW + "}|totalQuantity",
                "{\"name\":\"x\",\"totalQuantity\":\"10\"," + WINDOW + "}|totalQuantity",
                "{\"name\":\"x\",\"totalQuantity\":2147483648," + WINDOW + "}|totalQuantity",
                "{\"name\":\"x\",\"name\":\"y\",\"totalQuantity\":5," + WINDOW + "}|name",
                "{\"name\":\"x\",\"totalQuantity\":5,\"colour\":\"red\"," + WINDOW + "}|colour",
                "{\"name\":\"x\",\"totalQuantity\":5,\"zoneId\":\"\"," + WINDOW + "}|zoneId",
                "{\"name\":\"x\",\"totalQuantity\":5,\"lab\":\"true\"," + WINDOW + "}|lab",
                "{\"name\":5,\"totalQuantity\":5," + WINDOW + "}|name",
                "{\"name\":\"x\",\"totalQuantity\":5,\"startsAt\":\"2000-01-01T00:00:00Z\",\"endsAt\":\"2001-01-01T00:00:00Z\"}|endsAt",
                "[1,2]|body"
            })
    void badEventIsRefusedNamingTheFieldAndCreatesNothing(String json, String field) {
        int before = eventCount();

        Answer answer = api.admin("POST", "/api/admin/events", json);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.text("field")).isEqualTo(field);
        assertThat(answer.text("detail")).contains(field.equals("body") ? "" : field);
        assertThat(eventCount()).isEqualTo(before);
    }

    @ParameterizedTest(name = "PATCH {0} -> 400 naming {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"endsAt\":\"+999999999-12-31T23:59:59Z\"}|endsAt",
                "{\"startsAt\":12345}|startsAt",
                "{\"zoneId\":\"Asia/Seoul\"}|zoneId",
                "{\"name\":\"a\",\"name\":\"b\"}|name",
                "{\"name\":\"nul\\u0000\"}|name",
                "{\"name\":\"a\\u2028b\"}|name",
                "{\"totalQuantity\":\"10\"}|totalQuantity",
                "{\"totalQuantity\":7.5}|totalQuantity",
                "{\"dailyQuantity\":2147483648}|dailyQuantity",
                "{\"clearDailyQuantity\":1}|clearDailyQuantity"
            })
    void badPatchIsRefusedNamingTheFieldAndChangesNothing(String json, String field) {
        long id = api.createOpenEvent("patch-me", 5, null);
        JsonNode before = api.admin("GET", "/api/admin/events/" + id, null).body();

        Answer answer = api.admin("PATCH", "/api/admin/events/" + id, json);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.text("field")).isEqualTo(field);
        assertThat(api.admin("GET", "/api/admin/events/" + id, null).body()).isEqualTo(before);
    }

    @ParameterizedTest(name = "event id {0} -> 400 naming eventId")
    @ValueSource(strings = {"+1", "01", "0", "-1", "1;a=b", "99999999999999999999", "1e3"})
    void nonCanonicalEventIdIsRefusedOnEveryRoute(String id) {
        long real = api.createOpenEvent("ids", 5, null);
        String given = id.equals("+1") || id.equals("01") ? id.replace("1", String.valueOf(real)) : id;
        var applyServer = new HttpApi(infrastructure.applyApiUrl());
        for (Answer answer : new Answer[] {
            api.admin("GET", "/api/admin/events/" + given, null),
            api.admin("PATCH", "/api/admin/events/" + given, "{\"name\":\"renamed\"}"),
            api.admin("POST", "/api/admin/events/" + given + "/pause", null),
            api.admin("GET", "/api/admin/events/" + given + "/stats", null),
            api.get("/api/events/" + given),
            api.post("/api/events/" + given + "/apply", "{\"userId\":\"u1\"}"),
            applyServer.post("/api/events/" + given + "/apply", "{\"userId\":\"u1\"}")
        }) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.isProblem()).isTrue();
            assertThat(answer.text("field")).isEqualTo("eventId");
        }
        Answer event = api.admin("GET", "/api/admin/events/" + real, null);
        assertThat(event.text("name")).isEqualTo("ids");
        assertThat(event.text("status")).isEqualTo("ACTIVE");
        assertThat(api.get("/api/events/" + real).number("remaining")).isEqualTo(5);
    }

    @Test
    void queryIdsAreCanonicalToo() {
        Answer answer = api.admin("GET", "/api/admin/failed-issues?eventId=+1", null);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("field")).isEqualTo("eventId");
    }

    @ParameterizedTest(name = "apply body {0} -> 400 naming {1} on both ports")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"userId\":\"a\",\"userId\":\"b\"}|userId",
                "{\"userId\":\"a\",\"extra\":1}|extra",
                "{\"userId\":\".\"}|userId",
                "{\"userId\":\"..\"}|userId",
                "{\"userId\":5}|userId"
            })
    void badApplyBodyIsRefusedOnBothPorts(String body, String field) {
        long id = api.createOpenEvent("apply-body", 5, null);
        for (HttpApi port : new HttpApi[] {api, new HttpApi(infrastructure.applyApiUrl())}) {
            Answer answer = port.post("/api/events/" + id + "/apply", body);
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.isProblem()).isTrue();
            assertThat(answer.text("field")).isEqualTo(field);
        }
        assertThat(api.get("/api/events/" + id).number("remaining")).isEqualTo(5);
    }

    @Test
    void reissueTakesAtMostTenThousandIdsAndNeverEchoesThemAll() {
        String many = LongStream.rangeClosed(1, 65_536).mapToObj(Long::toString).collect(Collectors.joining(","));
        Answer tooMany = api.admin("POST", "/api/admin/failed-issues/reissue", "{\"ids\":[" + many + "]}");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.text("field")).isEqualTo("ids");
        assertThat(tooMany.text("detail")).contains("10000").hasSizeLessThan(300);

        String unknown = LongStream.rangeClosed(900_000_001, 900_000_040)
                .mapToObj(Long::toString)
                .collect(Collectors.joining(","));
        Answer missing =
                api.admin("POST", "/api/admin/failed-issues/reissue", "{\"ids\":[" + unknown + "],\"dryRun\":true}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text("field")).isEqualTo("ids");
        assertThat(missing.text("detail"))
                .contains("40 of the 40")
                .contains("900000020")
                .doesNotContain("900000021");

        Answer stringId = api.admin("POST", "/api/admin/failed-issues/reissue", "{\"ids\":[1,\"2\"]}");
        assertThat(stringId.status()).isEqualTo(400);
        assertThat(stringId.text("field")).isEqualTo("ids[1]");
    }

    @ParameterizedTest(name = "rush baseUrl {0} -> 400 naming baseUrl")
    @ValueSource(
            strings = {
                "http://example.com:8080",
                "http://10.255.255.1:%d",
                "http://127.0.0.1:1",
                "http://127.0.0.1:%d/elsewhere",
                "http://user@127.0.0.1:%d",
                "ftp://127.0.0.1:%d",
                ""
            })
    void rushSendsOnlyToThisServer(String baseUrl) {
        int before = eventCount();
        Answer answer = api.admin(
                "POST",
                "/api/admin/rush",
                "{\"users\":5,\"quantity\":5,\"baseUrl\":\"" + baseUrl.formatted(port) + "\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.text("field")).isEqualTo("baseUrl");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void rushRequestIsStrictJsonToo() {
        Answer answer = api.admin("POST", "/api/admin/rush", "{\"users\":\"5\",\"quantity\":5}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("field")).isEqualTo("users");
        Answer tooManyStrategies = api.admin(
                "POST",
                "/api/admin/rush",
                "{\"users\":5,\"quantity\":5,\"strategies\":[" + "\"lua\",".repeat(20) + "\"lua\"]}");
        assertThat(tooManyStrategies.status()).isEqualTo(400);
        assertThat(tooManyStrategies.text("field")).isEqualTo("strategies");
    }

    @Test
    void errorPathAskedForDirectlyIsA404Problem() throws IOException {
        Reply reply = exchange("GET /error HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nConnection: close\r\n\r\n");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("content-type")).startsWith("application/problem+json");
        assertThat(reply.json().get("status").asInt()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0} -> {1} problem naming {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "garbage|400|path",
                "method|400|request",
                "nul|400|path",
                "slash|400|path",
                "headers|400|headers",
                "http2|505|protocol"
            })
    void protocolErrorsOnTheMainPortAreProblemsWithoutHtml(String kind, int status, String field) throws IOException {
        String request = switch (kind) {
            case "garbage" -> "THIS IS NOT HTTP\r\n\r\n";
            case "method" -> "G(T /api/events/1 HTTP/1.1\r\nHost: x\r\n\r\n";
            case "nul" -> "GET /api/events/1%00/apply HTTP/1.1\r\nHost: x\r\n\r\n";
            case "slash" -> "GET /api/admin/events/1%2F2 HTTP/1.1\r\nHost: x\r\n\r\n";
            case "headers" -> manyHeaders(150);
            case "http2" -> "GET /api/events/1 HTTP/2.0\r\nHost: x\r\n\r\n";
            default -> throw new IllegalArgumentException(kind);
        };

        Reply reply = exchange(request);

        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.header("content-type")).startsWith("application/problem+json");
        assertThat(reply.body()).doesNotContainIgnoringCase("<html").doesNotContain("Exception");
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
        assertThat(reply.json().get("field").asString()).isEqualTo(field);
    }

    @ParameterizedTest(name = "{0} holding {1} -> 400 problem naming it")
    @CsvSource(
            delimiter = '|',
            value = {
                "Idempotency-Key|bytes 0x80-0x9F",
                "Idempotency-Key|UTF-8 text",
                "Content-Type|bytes 0x80-0x9F",
                "Content-Type|UTF-8 text",
                "Accept|bytes 0x80-0x9F",
                "Accept|UTF-8 text"
            })
    void headerTheApplicationReadsWithBytesTheFirewallRefusesIsA400NamingIt(String header, String kind)
            throws IOException {
        String value = kind.startsWith("bytes") ? "a\u0085\u009fb" : utf8AsLatin1("ключ");
        String body = "{\"userId\":\"u1\"}";
        var request = new StringBuilder("POST /api/coupons/1/redeem HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
        request.append("Content-Type: ")
                .append(header.equals("Content-Type") ? "application/json; x=\"" + value + "\"" : "application/json")
                .append("\r\n");
        request.append("Idempotency-Key: ")
                .append(header.equals("Idempotency-Key") ? value : "key-1")
                .append("\r\n");
        if (header.equals("Accept")) {
            request.append("Accept: ").append(value).append("\r\n");
        }
        request.append("Content-Length: ")
                .append(body.length())
                .append("\r\n\r\n")
                .append(body);

        Reply reply = exchange(request.toString());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("content-type")).startsWith("application/problem+json");
        assertThat(reply.body()).doesNotContain("Exception");
        assertThat(reply.json().get("field").asString()).isEqualTo(header);
        assertThat(reply.json().get("detail").asString()).contains(header).doesNotContainIgnoringCase("path");
    }

    private static String utf8AsLatin1(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private int eventCount() {
        return api.admin("GET", "/api/admin/events?includeLab=true", null)
                .body()
                .size();
    }

    private Reply exchange(String request) throws IOException {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            var headers = new LinkedHashMap<String, String>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(
                        header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).trim());
            }
            byte[] body = headers.containsKey("content-length")
                    ? in.readNBytes(Integer.parseInt(headers.get("content-length")))
                    : dechunk(in, headers);
            return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static byte[] dechunk(InputStream in, Map<String, String> headers) throws IOException {
        if (!"chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return in.readAllBytes();
        }
        var out = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
            out.write(in.readNBytes(size));
            line(in);
        }
        return out.toByteArray();
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
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static String manyHeaders(int count) {
        var out = new StringBuilder("GET /api/events/1 HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < count; i++) {
            out.append("X-Many-").append(i).append(": y\r\n");
        }
        return out.append("\r\n").toString();
    }
}
