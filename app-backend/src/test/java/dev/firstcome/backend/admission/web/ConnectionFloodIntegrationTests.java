package dev.firstcome.backend.admission.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.infra.embedded.EmbeddedParts;
import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.RawHttp;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * Issue 33, finding 1: a connection flood cannot stop the server. A real server process (the test context's
 * Redis and database, its own in-process Kafka broker: the broker shares the process's descriptors) runs under
 * {@code prlimit --nofile=1024:4096}; it is flooded with idle sockets beyond the apply server's cap and with
 * sockets trickling their headers and bodies on both ports. During the flood a fresh client's apply is answered
 * on both ports, health stays UP and the broker takes the admissions; every trickling socket is closed by its
 * deadline; afterwards the process holds no more descriptors than before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "firstcome.namespace=flood-host")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConnectionFloodIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(ConnectionFloodIntegrationTests.class);
    /** Under prlimit 1024:4096 the JVM raises the soft limit to 4096: reserve 1024, apply server 2048, main 1024. */
    static final int HARD_LIMIT = 4_096;

    static final int APPLY_CAP = 2_048;
    static final Duration HEADER_TIMEOUT = Duration.ofSeconds(3);
    static final Duration BODY_TIMEOUT = Duration.ofSeconds(3);

    @Autowired
    Environment environment;

    Process server;
    Path dir;
    int mainPort;
    int applyPort;
    HttpApi api;
    final List<Socket> sockets = new ArrayList<>();

    @BeforeAll
    void startServer() throws IOException {
        String namespace = "flood-" + System.nanoTime();
        dir = Path.of("target", "flood-test", namespace).toAbsolutePath();
        Files.createDirectories(dir);
        mainPort = EmbeddedParts.freePort();
        applyPort = EmbeddedParts.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(
                "prlimit",
                "--nofile=1024:" + HARD_LIMIT,
                java,
                "-Xmx768m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classpath,
                "-Dfirstcome.data-dir=" + dir,
                "-Dfirstcome.namespace=" + namespace,
                "-Dfirstcome.redis.url=" + environment.getProperty("spring.data.redis.url"),
                "-Dfirstcome.db.url=" + environment.getProperty("spring.datasource.url"),
                "-Dfirstcome.db.user=" + environment.getProperty("spring.datasource.username"),
                "-Dfirstcome.db.password=" + environment.getProperty("spring.datasource.password", ""),
                "-Dfirstcome.admin-token=" + HttpApi.ADMIN_TOKEN,
                "-Dfirstcome.issuance.scheduled-reissue=false",
                "-Dfirstcome.notifications.enabled=false",
                "-Dfirstcome.http.header-timeout=" + HEADER_TIMEOUT.toMillis() + "ms",
                "-Dfirstcome.http.body-timeout=" + BODY_TIMEOUT.toMillis() + "ms",
                "-Dfirstcome.apply-server.port=" + applyPort,
                "-Dserver.port=" + mainPort,
                "dev.firstcome.backend.FirstComeServer");
        File out = dir.resolve("server.log").toFile();
        server = EmbeddedParts.start(
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out));
        api = new HttpApi("http://127.0.0.1:" + mainPort, "http://127.0.0.1:" + applyPort);
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .failFast("the server exited", () -> !server.isAlive())
                .until(this::up);
    }

    @AfterAll
    void stopServer() throws InterruptedException {
        closeAll();
        if (server != null) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theServerRaisesItsSoftDescriptorLimitToTheHardOne() throws IOException {
        String limits = Files.readString(Path.of("/proc", Long.toString(server.pid()), "limits"));
        String line = limits.lines()
                .filter(l -> l.startsWith("Max open files"))
                .findFirst()
                .orElseThrow();
        assertThat(line.split("\\s+")[3]).as(line).isEqualTo(Integer.toString(HARD_LIMIT));
    }

    @Test
    void aFloodOfIdleAndTricklingSocketsBeyondTheCapLeavesTheServerServingAndNothingOpenAfterwards() throws Exception {
        long event = api.createOpenEvent("flood", 1_000, null);
        int before = openDescriptors();
        var stop = new AtomicBoolean();
        var trickling = new ConcurrentLinkedQueue<Socket>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            // sockets trickling a header or a body on both ports, one byte a second
            List<Future<Trickled>> trickles = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int port = i % 2 == 0 ? mainPort : applyPort;
                boolean body = i % 4 == 0 || i % 4 == 3;
                trickles.add(pool.submit(() -> trickle(port, body, stop, trickling)));
            }
            // idle sockets, one byte each, well beyond the apply server's cap
            int flood = APPLY_CAP + 1_000;
            for (int i = 0; i < flood; i++) {
                Socket socket = connect(applyPort);
                if (socket != null) {
                    socket.getOutputStream().write('P');
                }
            }
            int during = openDescriptors();
            log.info("Flood of {} idle sockets: the server holds {} descriptors (before: {})", flood, during, before);
            assertThat(during).as("descriptors during the flood").isLessThan(HARD_LIMIT - 512);

            for (int round = 0; round < 3; round++) {
                assertFreshApplyAnswered(event, "flood-apply-" + round, true);
                assertFreshApplyAnswered(event, "flood-main-" + round, false);
                assertThat(api.get("/actuator/health").text("status")).isEqualTo("UP");
            }
            // every trickling socket is closed by the server within its deadline (+ the sweep), never later
            for (Future<Trickled> held : trickles) {
                Trickled trickled = held.get(60, TimeUnit.SECONDS);
                assertThat(trickled.millis())
                        .as("%s lives at most the header timeout + the body timeout + 2 s", trickled.what())
                        .isLessThan(
                                HEADER_TIMEOUT.plus(BODY_TIMEOUT).plusSeconds(2).toMillis());
            }
            stop.set(true);
        }
        assertThat(server.isAlive()).isTrue();
        closeAll();
        trickling.forEach(ConnectionFloodIntegrationTests::quietlyClose);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(openDescriptors()).isLessThanOrEqualTo(before + 64));
        assertThat(api.apply(event, "after-the-flood").status()).isEqualTo(201);
        List<String> metrics = RawHttp.send(mainPort, "GET", "/actuator/prometheus", HttpApi.ADMIN_TOKEN, null)
                .body()
                .lines()
                .filter(l -> l.startsWith("firstcome_http_connections"))
                .toList();
        log.info("Connection metrics after the flood: {}", metrics);
        assertThat(metrics)
                .as("the flood went beyond the cap: newcomers took the oldest idle slots")
                .anySatisfy(l -> assertThat(l)
                        .startsWith("firstcome_http_connections_evicted_total{port=\"apply\"}")
                        .doesNotEndWith(" 0.0"));
        assertThat(logOf()).doesNotContain("Too many open files").doesNotContain("Shutdown broker");
    }

    @Test
    void aBodyTricklingPastItsDeadlineIsAnswered408NamingTheBodyOnTheMainPort() throws Exception {
        var admin = "POST /api/admin/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + HttpApi.ADMIN_TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{";
        Trickled trickled = trickle(mainPort, admin, new AtomicBoolean(), new ConcurrentLinkedQueue<>());
        assertThat(trickled.answer()).startsWith("HTTP/1.1 408").contains("\"field\":\"body\"");
        assertThat(trickled.millis())
                .isLessThan(BODY_TIMEOUT.plus(HEADER_TIMEOUT).plusSeconds(2).toMillis());
    }

    @Test
    void theApplyServerResetsAConnectionWhoseHeadersTrickleInPastTheirDeadline() throws Exception {
        Trickled trickled = trickle(
                applyPort,
                "POST /api/events/1/apply HTTP/1.1\r\nX-Slow: ",
                new AtomicBoolean(),
                new ConcurrentLinkedQueue<>());
        assertThat(trickled.answer()).isEmpty();
        assertThat(trickled.millis())
                .isGreaterThanOrEqualTo(HEADER_TIMEOUT.toMillis() - 100)
                .isLessThan(HEADER_TIMEOUT.plusSeconds(2).toMillis());
    }

    private void assertFreshApplyAnswered(long event, String user, boolean applyServer) throws Exception {
        long start = System.nanoTime();
        int port = applyServer ? applyPort : mainPort;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(2_000);
            String body = "{\"userId\":\"" + user + "\"}";
            socket.getOutputStream()
                    .write(("POST /api/events/" + event + "/apply HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n"
                                    + body)
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = readRest(socket.getInputStream());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            log.info(
                    "Fresh apply on the {} during the flood: {} ms",
                    applyServer ? "apply server" : "main port",
                    millis);
            assertThat(answer).as("%s on port %d", user, port).startsWith("HTTP/1.1 201");
        }
    }

    /** What a trickling client saw: the answer (empty when the connection was just closed) and how long it lived. */
    record Trickled(String what, String answer, long millis) {}

    private Trickled trickle(int port, boolean body, AtomicBoolean stop, ConcurrentLinkedQueue<Socket> held)
            throws IOException {
        String head = body
                ? "POST /api/events/1/apply HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000\r\n\r\n"
                : "GET /actuator/health HTTP/1.1\r\nHost: x\r\nX-Slow: ";
        return trickle(port, head, stop, held);
    }

    /** Sends {@code head}, then one byte a second until the server answers or closes the connection (30 s at most). */
    private Trickled trickle(int port, String head, AtomicBoolean stop, ConcurrentLinkedQueue<Socket> held)
            throws IOException {
        Socket socket = connect(port);
        if (socket == null) {
            return new Trickled(port + " refused", "", 0);
        }
        log.info("Trickling to {}: {}", port, head.lines().findFirst().orElse(""));
        held.add(socket);
        long start = System.nanoTime();
        socket.setSoTimeout(1_000);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        var answer = new StringBuilder();
        try {
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            for (int second = 0; second < 30 && !stop.get(); second++) {
                out.write(' '); // JSON whitespace in a body, optional whitespace in a header value
                out.flush();
                try {
                    int read = in.read();
                    if (read >= 0) {
                        socket.setSoTimeout(3_000);
                        answer.append((char) read).append(readRest(in));
                    }
                    break; // answered, or closed by the server
                } catch (SocketTimeoutException stillOpen) {
                    // nothing yet: one more byte
                }
            }
        } catch (IOException reset) {
            // closed by the server
        }
        String what = port + " " + head.lines().findFirst().orElse("")
                + (head.endsWith("\r\n\r\n") ? " (body)" : " (headers)");
        return new Trickled(what, answer.toString(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private Socket connect(int port) {
        var socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            synchronized (sockets) {
                sockets.add(socket);
            }
            return socket;
        } catch (IOException refused) {
            quietlyClose(socket);
            return null;
        }
    }

    private void closeAll() {
        synchronized (sockets) {
            sockets.forEach(ConnectionFloodIntegrationTests::quietlyClose);
            sockets.clear();
        }
    }

    private static void quietlyClose(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    /** What arrives until the server closes the connection (or, after an answer, 3 s pass without a byte). */
    private static String readRest(InputStream in) {
        var bytes = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytes.write(buffer, 0, n);
            }
        } catch (IOException resetOrSilent) {
            // what was read is the answer
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private int openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(server.pid()), "fd"))) {
            return (int) fds.count();
        }
    }

    private String logOf() throws IOException {
        return Files.readString(dir.resolve("server.log"));
    }

    private boolean up() {
        try {
            return "UP".equals(api.get("/actuator/health").text("status"));
        } catch (RuntimeException notYet) {
            return false;
        }
    }
}
