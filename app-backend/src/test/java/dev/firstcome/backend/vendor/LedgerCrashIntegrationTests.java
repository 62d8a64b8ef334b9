package dev.firstcome.backend.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.support.CouponHttp;
import dev.firstcome.backend.support.Race;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The real server in a child JVM (pointed at this JVM's embedded Redis, Kafka and PostgreSQL, in its own
 * namespace) is killed with SIGKILL in the middle of a burst of redemptions and releases, then started
 * again: once drained, the vendor's ledger holds exactly one credit per committed redemption and one
 * reversal per committed release, and its balance is (redemptions - releases) x cost, to the unit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class LedgerCrashIntegrationTests {

    static final int COUPONS = 300;
    static final long COST = 700;

    @Autowired
    Environment environment;

    @Autowired
    JdbcTemplate jdbc;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void serverKilledMidBurstAndRestartedOwesEachVendorExactlyRedemptionsMinusReleasesTimesCost() throws Exception {
        String namespace = "ledger-kill-" + System.nanoTime();
        int firstPort = freePort();
        Process first = startServer(namespace, "first", firstPort);
        CouponHttp http = new CouponHttp(firstPort);
        awaitUp(http);

        long vendor = http.createVendor("crash vendor " + namespace, COST);
        long event = http.createEventWithTerms(
                "crash", COUPONS, "\"benefit\":{\"type\":\"FIXED\",\"amountOff\":100},\"vendorId\":" + vendor);
        Race.run(16, COUPONS, i -> http.api.apply(event, "crash-" + i));
        await().atMost(Duration.ofSeconds(120))
                .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM coupon WHERE event_id = ?", Long.class, event)
                        == COUPONS);
        List<Long> coupons =
                jdbc.queryForList("SELECT id FROM coupon WHERE event_id = ? ORDER BY user_id", Long.class, event);
        List<String> users = jdbc.queryForList(
                "SELECT user_id FROM coupon WHERE event_id = ? ORDER BY user_id", String.class, event);

        // the burst: every coupon redeemed, every third released again by its order
        var burst = CompletableFuture.runAsync(() -> Race.run(24, COUPONS, i -> {
            int sent = quietly(() -> http.redeem(coupons.get(i), users.get(i), "o-" + i, 5_000, "k-" + i)
                    .status());
            if (i % 3 == 0 && sent == 200) {
                quietly(() ->
                        http.release(coupons.get(i), users.get(i), "o-" + i).status());
            }
            return sent;
        }));
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> redemptions(event) >= 30);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long redeemedAtKill = redemptions(event);
        burst.get(120, TimeUnit.SECONDS);

        int secondPort = freePort();
        startServer(namespace, "second", secondPort);
        awaitUp(new CouponHttp(secondPort));

        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> owed(vendor) == (redemptions(event) - releases(event)) * COST);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject(
                                "SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL", Long.class)
                        == 0);

        assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(redeemedAtKill).as("killed mid-burst").isLessThan(COUPONS);
        assertThat(entries(vendor, "CREDIT")).isEqualTo(redemptions(event));
        assertThat(entries(vendor, "REVERSAL")).isEqualTo(releases(event));
        assertThat(owed(vendor)).isEqualTo((redemptions(event) - releases(event)) * COST);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(DISTINCT redemption_id) FROM vendor_ledger WHERE vendor_id = ? AND kind = 'CREDIT'",
                        Long.class,
                        vendor))
                .isEqualTo(entries(vendor, "CREDIT"));
    }

    private long redemptions(long event) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM coupon_transition t JOIN coupon_state s ON s.coupon_id = t.coupon_id"
                        + " WHERE s.event_id = ? AND t.to_status = 'REDEEMED'",
                Long.class,
                event);
    }

    private long releases(long event) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM coupon_transition t JOIN coupon_state s ON s.coupon_id = t.coupon_id"
                        + " WHERE s.event_id = ? AND t.from_status = 'REDEEMED'",
                Long.class,
                event);
    }

    private long owed(long vendor) {
        return jdbc.queryForObject(
                "SELECT COALESCE(SUM(amount), 0) FROM vendor_ledger WHERE vendor_id = ?", Long.class, vendor);
    }

    private long entries(long vendor, String kind) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM vendor_ledger WHERE vendor_id = ? AND kind = ?", Long.class, vendor, kind);
    }

    /** A request to a server that may be killed meanwhile: its status, or -1 when the connection broke. */
    private static int quietly(java.util.function.IntSupplier request) {
        try {
            return request.getAsInt();
        } catch (IllegalStateException broken) {
            return -1;
        }
    }

    private static void awaitUp(CouponHttp http) {
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> http.api.get("/actuator/health").status() == 200);
    }

    private static int freePort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Process startServer(String namespace, String name, int port) throws Exception {
        Path dir = Path.of("target", "kill-test", namespace, name).toAbsolutePath();
        Files.createDirectories(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(
                java,
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classpath,
                "-Dfirstcome.data-dir=" + dir,
                "-Dfirstcome.namespace=" + namespace,
                "-Dfirstcome.embedded.enabled=false",
                "-Dfirstcome.redis.url=" + environment.getProperty("spring.data.redis.url"),
                "-Dfirstcome.kafka.bootstrap-servers=" + environment.getProperty("spring.kafka.bootstrap-servers"),
                "-Dfirstcome.db.url=" + environment.getProperty("spring.datasource.url"),
                "-Dfirstcome.db.user=" + environment.getProperty("spring.datasource.username"),
                "-Dfirstcome.db.password=" + environment.getProperty("spring.datasource.password", ""),
                "-Dfirstcome.admin-token=" + dev.firstcome.backend.support.HttpApi.ADMIN_TOKEN,
                "-Dfirstcome.issuance.scheduled-reissue=false",
                "-Dfirstcome.notifications.enabled=false",
                "-Dfirstcome.redemption.resubmit-after=5s",
                "-Dfirstcome.apply-server.port=0",
                "-Dserver.port=" + port,
                "dev.firstcome.backend.FirstComeServer");
        File log = dir.resolve("server.log").toFile();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        children.add(process);
        return process;
    }
}
