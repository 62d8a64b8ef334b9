package dev.firstcome.backend.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.support.CouponHttp;
import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.Race;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The server running the checkout flow's consumers (a child JVM on this JVM's embedded Redis, Kafka and
 * PostgreSQL, in its own namespace) is killed with SIGKILL while orders are in the middle of their flow,
 * then started again: every order ends SHIPPED, no step is recorded twice, and the stock was taken exactly
 * once per order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class OrderConsumerKilledIntegrationTests {

    static final int ORDERS = 60;

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
    void consumersKilledMidFlowResumeWithoutRepeatingAStep() throws Exception {
        String namespace = "orders-kill-" + System.nanoTime();
        String sku = "kill-sku-" + System.nanoTime();
        int firstPort = freePort();
        Process first = startServer(namespace, "first", firstPort);
        HttpApi api = new HttpApi(firstPort);
        awaitUp(api);
        assertThat(api.admin("PUT", "/api/admin/stock/" + sku, "{\"stock\":1000,\"price\":100}")
                        .status())
                .isEqualTo(200);
        var http = new CouponHttp(firstPort);

        List<Long> ids = Race.run(
                8,
                ORDERS,
                i -> http.post(
                                "/api/orders",
                                "{\"userId\":\"kill-" + i + "\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":2}]}",
                                null)
                        .number("id"));
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> steps(ids) > ORDERS);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long shippedAtKill = shipped(ids);

        int secondPort = freePort();
        startServer(namespace, "second", secondPort);
        awaitUp(new HttpApi(secondPort));
        await().atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> shipped(ids) == ORDERS);

        assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(shippedAtKill).as("killed mid-flow").isLessThan(ORDERS);
        assertThat(steps(ids)).as("each order: five steps, none twice").isEqualTo(5L * ORDERS);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM order_payment WHERE order_id IN (" + in(ids) + ")", Long.class))
                .isEqualTo(ORDERS);
        assertThat(new HttpApi(secondPort)
                        .admin("GET", "/api/admin/stock/" + sku, null)
                        .number("stock"))
                .isEqualTo(1000 - 2L * ORDERS);
    }

    private long steps(List<Long> ids) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM order_history WHERE order_id IN (" + in(ids) + ")", Long.class);
    }

    private long shipped(List<Long> ids) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM customer_order WHERE state = 'SHIPPED' AND id IN (" + in(ids) + ")", Long.class);
    }

    private static String in(List<Long> ids) {
        return String.join(",", ids.stream().map(String::valueOf).toList());
    }

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
                "-Dfirstcome.admin-token=" + HttpApi.ADMIN_TOKEN,
                "-Dfirstcome.issuance.scheduled-reissue=false",
                "-Dfirstcome.notifications.enabled=false",
                "-Dfirstcome.redemption.resubmit-after=5s",
                // a slow gateway keeps orders in the middle of their flow when the server is killed
                "-Dfirstcome.orders.payment-latency=" + ("first".equals(name) ? "300ms" : "0ms"),
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
