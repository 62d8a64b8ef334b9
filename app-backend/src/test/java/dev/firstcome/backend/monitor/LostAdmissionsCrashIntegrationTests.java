package dev.firstcome.backend.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.admission.state.AdmissionKeys;
import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.HttpApi.Answer;
import dev.firstcome.model.ReconcileReport;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Issue 33, finding 2: servers killed with SIGKILL in the middle of a rush (24 clients on the apply server)
 * leave admissions in Redis that never reached Kafka. The real server runs in child JVMs against this
 * context's Redis, Kafka and database, in the same namespace (one deployment); this context is the server
 * that survives. Within the repair's bound ({@code after + interval}, plus the consumers' lag) of each kill,
 * without an operator: admitted equals persisted, reconcile reports nothing lost, every 201 is one coupon,
 * no user holds two, and every admitted user who retries is answered ALREADY_APPLIED and holds exactly one.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "firstcome.namespace=" + LostAdmissionsCrashIntegrationTests.NAMESPACE,
            "firstcome.kafka.send-timeout=2s",
            "firstcome.admission.undo-retry-interval=1s",
            "firstcome.repair.after=" + LostAdmissionsCrashIntegrationTests.AFTER,
            "firstcome.repair.interval=" + LostAdmissionsCrashIntegrationTests.INTERVAL,
            "firstcome.repair.first-delay=1s"
        })
@DirtiesContext // no repair every 2 s left running for the rest of the suite
class LostAdmissionsCrashIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(LostAdmissionsCrashIntegrationTests.class);

    static final String NAMESPACE = "repair-crash";
    static final String AFTER = "6s";
    static final String INTERVAL = "2s";
    static final int ROUNDS = 2;
    static final int CLIENTS = 24;
    static final int USERS = 1_500;
    static final int COUPONS = 1_000;

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    AdmissionKeys keys;

    @Autowired
    MonitorApi monitor;

    @Autowired
    MeterRegistry meters;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void serversKilledMidRushLeaveNoAdmissionWithoutItsCouponOnceTheRepairRan() throws Exception {
        var survivor = new HttpApi(port);
        String run = Long.toString(System.nanoTime(), 36);
        // the doomed servers start together (a JVM start is the slow part), then are killed one rush at a time
        List<Child> doomed = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            doomed.add(startServer(run + "-" + i));
        }
        Duration bound = Duration.parse("PT" + AFTER)
                .plus(Duration.parse("PT" + INTERVAL))
                .plus(Duration.ofSeconds(60));
        for (int round = 0; round < ROUNDS; round++) {
            Child child = doomed.get(round);
            awaitUp(child.api());
            long event = survivor.createOpenEvent("crash " + run + " " + round, COUPONS, null);
            String prefix = "crash-" + run + "-" + round + "-";
            Map<String, Integer> answers = rushAndKill(child, event, prefix);
            long issued = answers.values().stream().filter(s -> s == 201).count();
            log.info("Round {}: {} answered 201 before the kill, {} answers in all", round, issued, answers.size());
            assertThat(issued).as("admitted before the kill").isPositive();

            // within the bound: every admission Redis holds is one coupon, and nothing is lost
            await().atMost(bound).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                long admitted = redis.opsForHash().size(keys.applied(event));
                assertThat(rows(event)).as("persisted = admitted").isEqualTo(admitted);
                ReconcileReport report = monitor.reconcile(event);
                assertThat(report.lost()).isZero();
                assertThat(report.inFlight()).isZero();
            });
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) - COUNT(DISTINCT user_id) FROM coupon WHERE event_id = ?",
                            Long.class,
                            event))
                    .as("no user with two coupons")
                    .isZero();
            Set<Object> admittedUsers = redis.opsForHash().keys(keys.applied(event));
            answers.forEach((user, status) -> {
                if (status == 201) {
                    assertThat(rowsOf(event, user))
                            .as("answered 201 to %s", user)
                            .isEqualTo(1);
                }
            });
            // every admitted user who retries (on the survivor) is told ALREADY_APPLIED and holds one coupon
            for (Object user : admittedUsers) {
                Answer retry = survivor.apply(event, user.toString());
                assertThat(retry.status()).as("retry of %s", user).isEqualTo(409);
                assertThat(retry.text("outcome")).isEqualTo("ALREADY_APPLIED");
                assertThat(rowsOf(event, user.toString()))
                        .as("coupons of %s", user)
                        .isEqualTo(1);
            }
        }
        var repaired = meters.find("firstcome.admissions.repaired").counter();
        log.info("Admissions republished by this server's repair: {}", repaired == null ? 0 : repaired.count());
    }

    /** 24 clients apply on the child's apply server; SIGKILL once a third of the coupons were answered 201. */
    private Map<String, Integer> rushAndKill(Child child, long event, String prefix) throws Exception {
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < USERS; i = next.getAndIncrement()) {
                        String user = prefix + i;
                        int status;
                        try {
                            status = child.api().apply(event, user).status();
                        } catch (IllegalStateException connectionBroken) {
                            status = 0;
                        }
                        answers.put(user, status);
                        if (status == 201) {
                            issued.incrementAndGet();
                        }
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> issued.get() >= COUPONS / 3 || next.get() >= USERS);
            child.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            for (Future<?> client : running) {
                client.get();
            }
        }
        assertThat(child.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);
        return answers;
    }

    private long rows(long event) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM coupon WHERE event_id = ?", Long.class, event);
    }

    private long rowsOf(long event, String user) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM coupon WHERE event_id = ? AND user_id = ?", Long.class, event, user);
    }

    // ---- the doomed servers ------------------------------------------------------------------------------

    private record Child(Process process, HttpApi api) {}

    private static void awaitUp(HttpApi api) {
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> api.get("/actuator/health").status() == 200);
    }

    private static int freePort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Child startServer(String name) throws Exception {
        Path dir = Path.of("target", "repair-crash", name).toAbsolutePath();
        Files.createDirectories(dir);
        int mainPort = freePort();
        int applyPort = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(
                java,
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classpath,
                "-Dfirstcome.data-dir=" + dir,
                "-Dfirstcome.namespace=" + NAMESPACE,
                "-Dfirstcome.embedded.enabled=false",
                "-Dfirstcome.redis.url=" + environment.getProperty("spring.data.redis.url"),
                "-Dfirstcome.kafka.bootstrap-servers=" + environment.getProperty("spring.kafka.bootstrap-servers"),
                "-Dfirstcome.db.url=" + environment.getProperty("spring.datasource.url"),
                "-Dfirstcome.db.user=" + environment.getProperty("spring.datasource.username"),
                "-Dfirstcome.db.password=" + environment.getProperty("spring.datasource.password", ""),
                "-Dfirstcome.admin-token=" + HttpApi.ADMIN_TOKEN,
                "-Dfirstcome.issuance.scheduled-reissue=false",
                "-Dfirstcome.notifications.enabled=false",
                "-Dfirstcome.kafka.send-timeout=2s",
                "-Dfirstcome.admission.undo-retry-interval=1s",
                "-Dfirstcome.repair.after=" + AFTER,
                "-Dfirstcome.repair.interval=" + INTERVAL,
                // the killed consumers leave their groups after 10 s, not the default 45 s
                "-Dspring.kafka.consumer.properties.session.timeout.ms=10000",
                "-Dfirstcome.apply-server.port=" + applyPort,
                "-Dserver.port=" + mainPort,
                "dev.firstcome.backend.FirstComeServer");
        File log = dir.resolve("server.log").toFile();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        children.add(process);
        return new Child(process, new HttpApi("http://127.0.0.1:" + mainPort, "http://127.0.0.1:" + applyPort));
    }
}
