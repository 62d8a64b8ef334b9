package dev.firstcome.backend.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.support.CouponHttp;
import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.HttpApi.Answer;
import dev.firstcome.backend.support.KafkaLag;
import dev.firstcome.backend.support.Race;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * "A consumer killed mid-flow resumes without doing a step twice" (issue 16). The real server runs in a child JVM
 * (this JVM's embedded Redis, Kafka and PostgreSQL, in its own namespace; a gateway that accepts every charge and
 * answers {@link #LATENCY} after recording it). It is killed with SIGKILL while the second half of 60 orders is
 * being placed and the first half go through their flow, at a moment the gateway has recorded a charge the server
 * has not stored yet (frozen with SIGSTOP first, and killed only if that is still so once frozen), and started again
 * on the same data directory. Meanwhile this JVM, a FirstCome of another
 * namespace on the same database, sends the registry's unsent events again as every server does (every 2 s here,
 * so that it happens while the child is down). Once drained: every order that exists shipped, except those the
 * scarce SKU C turned away (OUT_OF_STOCK, the only failure allowed), with each step once in its history; its step
 * events went to its own namespace's topic only; the stock went down by exactly the shipped quantities (C to
 * zero, never below); each coupon was redeemed once, by the order that holds it; and the gateway charged each
 * shipped order once, the one asked again after the restart included.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"firstcome.namespace=orders-kill-host", "firstcome.redemption.resubmit-after=2s"})
@DirtiesContext // no resubmitter every 2 s left running for the rest of the suite
class OrderServerKilledIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(OrderServerKilledIntegrationTests.class);

    static final int ORDERS = 60;
    static final int COUPONS = ORDERS / 2;
    static final long STOCK_A = 1_000;
    static final long PRICE_A = 1_200;
    static final long STOCK_B = 500;
    static final long PRICE_B = 2_500;
    static final long STOCK_C = 10;
    static final long PRICE_C = 4_000;
    static final long OFF = 500;
    static final Duration LATENCY = Duration.ofMillis(250);
    static final List<String> FLOW = List.of("CREATED", "STOCK_RESERVED", "COUPON_REDEEMED", "PAID", "SHIPPED");
    static final List<String> STEPS = List.of("stock", "coupon", "payment", "shipment", "compensation");

    @Autowired
    Environment environment;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    FirstComeProperties properties;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void serverKilledMidFlowAndRestartedFinishesEveryOrderDoingEachStepOnce() throws Exception {
        String namespace = "orders-kill-" + System.nanoTime();
        String run = Long.toString(System.nanoTime(), 36);
        String gatewayPrefix = properties.redis().keyPrefix() + "-" + namespace + ":gateway:";
        Path dataDir = Path.of("target", "kill-test", namespace).toAbsolutePath();
        int firstPort = freePort();
        Process first = startServer(namespace, dataDir, firstPort);
        CouponHttp http = new CouponHttp(firstPort);
        awaitUp(http);

        Skus skus = new Skus("kill-a-" + run, "kill-b-" + run, "kill-c-" + run);
        setStock(http, skus.a(), STOCK_A, PRICE_A);
        setStock(http, skus.b(), STOCK_B, PRICE_B);
        setStock(http, skus.c(), STOCK_C, PRICE_C);
        long event = http.createEventWithTerms(
                "order kill " + run, COUPONS, "\"benefit\":{\"type\":\"FIXED\",\"amountOff\":" + OFF + "}");
        // the odd orders' users hold a coupon: coupon k is user 2k + 1's
        List<Long> coupons = Race.run(8, COUPONS, k -> http.win(event, user(run, 2 * k + 1)));

        // the first half placed concurrently; while they go through their flow the second half is placed, and
        // the kill comes during it, once the gateway has just recorded a charge whose answer has not reached the
        // server (it arrives LATENCY after the record)
        Map<Long, Integer> answered = new ConcurrentHashMap<>();
        IntFunction<Integer> place = i -> {
            Answer a = quietly(() -> http.post("/api/orders", orderJson(run, i, skus, coupons), null));
            if (a != null && a.status() == 201) {
                answered.put(a.number("id"), i);
            }
            return a == null ? -1 : a.status();
        };
        List<Integer> statuses = new ArrayList<>(Race.run(4, ORDERS / 2, place));
        assertThat(statuses).as("the first half placed").containsOnly(201);
        var secondHalf =
                CompletableFuture.supplyAsync(() -> Race.run(4, ORDERS - ORDERS / 2, i -> place.apply(ORDERS / 2 + i)));
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> answered.size() > ORDERS / 2 + 2
                        && !freshCharges(gatewayPrefix, answered.keySet()).isEmpty()
                        && frozenInWindow(first, gatewayPrefix, run));
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int answeredAtKill = answered.size();

        statuses.addAll(secondHalf.get(120, TimeUnit.SECONDS));
        Map<Long, Integer> orders = orders(run);
        Set<Long> inWindow = chargedButNotStored(gatewayPrefix, orders.keySet());
        Map<String, Long> statesAtKill = new TreeMap<>();
        outcomes(run).values().forEach(o -> statesAtKill.merge(o.split(" ")[0], 1L, Long::sum));
        log.info(
                "Killed: {} of {} placings answered ({} in the end), {} orders exist, states {}, charged but not"
                        + " stored {}, step events not sent yet {}",
                answeredAtKill,
                ORDERS,
                answered.size(),
                orders.size(),
                statesAtKill,
                inWindow,
                unsent(orders.keySet()));

        int secondPort = freePort();
        startServer(namespace, dataDir, secondPort);
        CouponHttp again = new CouponHttp(secondPort);
        awaitUp(again);
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> outcomes(run).values().stream()
                        .allMatch(o -> o.startsWith("SHIPPED") || o.startsWith("FAILED")));
        // drained: no step event of these orders left unsent, and every step's group caught up with its topic
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> unsent(orders.keySet()) == 0);
        String topic = namespace + "." + properties.orders().topic();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                environment.getProperty("spring.kafka.bootstrap-servers")))) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> STEPS.stream()
                            .allMatch(step -> lag(
                                            admin,
                                            namespace + "."
                                                    + properties.orders().groupPrefix() + "-" + step,
                                            topic)
                                    == 0));
        }

        assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(statuses)
                .as("each placing answered 201 or lost with the server")
                .allMatch(s -> s == 201 || s == -1);
        assertThat(orders.keySet()).as("every answered order exists").containsAll(answered.keySet());
        assertThat(statesAtKill.getOrDefault("SHIPPED", 0L))
                .as("killed mid-flow")
                .isLessThan(orders.size());
        assertThat(inWindow).as("killed between a charge and its record").isNotEmpty();

        // the only failure allowed: the scarce SKU turning an order away at the stock step
        Map<Long, String> outcomes = outcomes(run);
        Map<Long, String> unexpected = new TreeMap<>(outcomes);
        unexpected
                .entrySet()
                .removeIf(o -> o.getValue().equals("SHIPPED")
                        || (quantityC(orders.get(o.getKey())) > 0
                                && o.getValue().equals("FAILED OUT_OF_STOCK: " + skus.c())));
        assertThat(unexpected)
                .as("orders neither SHIPPED nor turned away by the scarce SKU")
                .isEmpty();
        assertThat(stepEventsOnTopic("orders-kill-host." + properties.orders().topic(), orders.keySet()))
                .as("step events of these orders sent to another namespace's topic")
                .isEmpty();

        long soldA = 0;
        long soldB = 0;
        long soldC = 0;
        long wantedC = 0;
        for (var order : orders.entrySet()) {
            long id = order.getKey();
            int i = order.getValue();
            wantedC += quantityC(i);
            Answer view = again.api.get("/api/orders/" + id);
            List<String> history = new ArrayList<>();
            for (JsonNode step : view.body().get("history")) {
                history.add(step.get("state").asString());
            }
            String charge = gatewayPrefix + OrderService.orderRef(id);
            if (!"SHIPPED".equals(view.text("state"))) {
                assertThat(history).as("history of order %d", id).containsExactly("CREATED", "FAILED");
                assertThat(stored(id)).as("order %d paid", id).isFalse();
                assertThat(redis.hasKey(charge)).as("order %d charged", id).isFalse();
                continue;
            }
            assertThat(history).as("history of order %d", id).containsExactlyElementsOf(FLOW);
            long amount = quantityA(i) * PRICE_A + quantityB(i) * PRICE_B + quantityC(i) * PRICE_C;
            long due = amount - (hasCoupon(i) ? OFF : 0);
            assertThat(view.number("amount")).as("amount of order %d", id).isEqualTo(amount);
            assertThat(jdbc.queryForMap("SELECT status, amount FROM order_payment WHERE order_id = ?", id))
                    .as("the payment stored for order %d", id)
                    .containsEntry("status", "CHARGED")
                    .containsEntry("amount", due);
            Map<Object, Object> charged = redis.opsForHash().entries(charge);
            assertThat(charged)
                    .as("the gateway's record of order %d", id)
                    .containsEntry("status", "CHARGED")
                    .containsEntry("amount", Long.toString(due));
            if (inWindow.contains(id)) {
                assertThat(Long.parseLong(charged.get("requests").toString()))
                        .as("order %d asked again after the restart, answered from the record", id)
                        .isGreaterThanOrEqualTo(2);
            }
            soldA += quantityA(i);
            soldB += quantityB(i);
            soldC += quantityC(i);
        }
        assertThat(soldC).as("orders that got the scarce SKU").isEqualTo(Math.min(wantedC, STOCK_C));
        assertThat(stock(again, skus.a())).as("stock of A").isEqualTo(STOCK_A - soldA);
        assertThat(stock(again, skus.b())).as("stock of B").isEqualTo(STOCK_B - soldB);
        assertThat(stock(again, skus.c())).as("stock of C").isEqualTo(STOCK_C - soldC);

        Map<Integer, Long> orderOfUser = new HashMap<>();
        orders.forEach((id, i) -> orderOfUser.put(i, id));
        for (int k = 0; k < COUPONS; k++) {
            List<String> redeemedBy = jdbc.queryForList(
                    "SELECT order_id FROM coupon_transition WHERE coupon_id = ? AND to_status = 'REDEEMED'",
                    String.class,
                    coupons.get(k));
            Long order = orderOfUser.get(2 * k + 1);
            boolean shipped = order != null && outcomes.get(order).equals("SHIPPED");
            assertThat(redeemedBy)
                    .as("redemptions of coupon %d", coupons.get(k))
                    .containsExactlyElementsOf(shipped ? List.of(OrderService.orderRef(order)) : List.of());
        }
    }

    // ---- the orders of this run ------------------------------------------------------------------------

    record Skus(String a, String b, String c) {}

    private static String user(String run, int i) {
        return "k" + run + "-" + i;
    }

    private static long quantityA(int i) {
        return 1 + i % 3;
    }

    private static long quantityB(int i) {
        return i % 3 == 0 ? 1 : 0;
    }

    /** The scarce SKU: 15 orders of 60 want one, STOCK_C get it. */
    private static long quantityC(int i) {
        return i % 4 == 1 ? 1 : 0;
    }

    private static boolean hasCoupon(int i) {
        return i % 2 == 1;
    }

    /** Order i: 1 to 3 of A, one B every third order, one C every fourth, and its user's coupon (coupon i / 2) when odd. */
    private static String orderJson(String run, int i, Skus skus, List<Long> coupons) {
        List<String> items = new ArrayList<>();
        items.add(item(skus.a(), quantityA(i)));
        if (quantityB(i) > 0) {
            items.add(item(skus.b(), quantityB(i)));
        }
        if (quantityC(i) > 0) {
            items.add(item(skus.c(), quantityC(i)));
        }
        return "{\"userId\":\"" + user(run, i) + "\",\"items\":[" + String.join(",", items) + "]"
                + (hasCoupon(i) ? ",\"couponId\":" + coupons.get(i / 2) : "") + "}";
    }

    private static String item(String sku, long quantity) {
        return "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}";
    }

    /** What each order of this run is now: its state, and its reason when it has one. */
    private Map<Long, String> outcomes(String run) {
        Map<Long, String> outcomes = new TreeMap<>();
        jdbc.query(
                "SELECT id, state, reason FROM customer_order WHERE user_id LIKE ?",
                rs -> {
                    outcomes.put(
                            rs.getLong(1), rs.getString(2) + (rs.getString(3) == null ? "" : " " + rs.getString(3)));
                },
                "k" + run + "-%");
        return outcomes;
    }

    /** Every order of this run that exists (also those whose answer was lost with the server): id to index. */
    private Map<Long, Integer> orders(String run) {
        Map<Long, Integer> orders = new TreeMap<>();
        jdbc.query(
                "SELECT id, user_id FROM customer_order WHERE user_id LIKE ?",
                rs -> {
                    String userId = rs.getString(2);
                    orders.put(rs.getLong(1), Integer.parseInt(userId.substring(userId.lastIndexOf('-') + 1)));
                },
                "k" + run + "-%");
        return orders;
    }

    /** Step events of these orders in the registry whose externalisation has not completed. */
    private long unsent(Set<Long> ids) {
        return jdbc
                .queryForList(
                        "SELECT serialized_event FROM event_publication WHERE completion_date IS NULL"
                                + " AND event_type LIKE ?",
                        String.class,
                        "%" + OrderStepReached.class.getSimpleName())
                .stream()
                .filter(json -> ids.stream().anyMatch(id -> json.contains("\"orderId\":" + id + ",")))
                .count();
    }

    // ---- what the gateway recorded -----------------------------------------------------------------------

    /** Orders among {@code ids} the gateway charged less than 100 ms ago and whose charge is not stored yet. */
    private Set<Long> freshCharges(String gatewayPrefix, Set<Long> ids) {
        Set<Long> fresh = new TreeSet<>();
        long now = System.currentTimeMillis();
        for (long id : ids) {
            Object at = redis.opsForHash().get(gatewayPrefix + OrderService.orderRef(id), "at");
            if (at != null && now - Long.parseLong(at.toString()) < 100) {
                fresh.add(id);
            }
        }
        fresh.removeIf(this::stored);
        return fresh;
    }

    /**
     * Freezes the server (SIGSTOP) and keeps it frozen when, once a commit it had already sent has landed, some
     * charge is still not stored: the kill then surely falls in the window. Otherwise (on a busy machine the server
     * may store the charge between the poll that saw it fresh and the signal) it lets the server go on (SIGCONT)
     * and the caller polls again.
     */
    private boolean frozenInWindow(Process server, String gatewayPrefix, String run) throws Exception {
        signal(server, "STOP");
        boolean settled;
        try {
            // a commit the server sent before it froze still runs in PostgreSQL: wait until no other client is
            // running a statement on this database (this JVM's own consumers come and go; polled)
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> jdbc.queryForObject(
                                    "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                                            + " AND backend_type = 'client backend' AND state = 'active'"
                                            + " AND pid <> pg_backend_pid()",
                                    Long.class)
                            == 0);
            settled = true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            settled = false; // busy: cannot tell, try again later
        }
        if (settled && !chargedButNotStored(gatewayPrefix, orders(run).keySet()).isEmpty()) {
            return true;
        }
        signal(server, "CONT");
        return false;
    }

    private static void signal(Process process, String signal) throws Exception {
        int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
        assertThat(exit).as("kill -%s %d", signal, process.pid()).isZero();
    }

    /** Orders the gateway charged whose charge the server has not stored (read once the server is dead). */
    private Set<Long> chargedButNotStored(String gatewayPrefix, Set<Long> ids) {
        Set<Long> window = new TreeSet<>();
        for (long id : ids) {
            if (Boolean.TRUE.equals(redis.hasKey(gatewayPrefix + OrderService.orderRef(id))) && !stored(id)) {
                window.add(id);
            }
        }
        return window;
    }

    private boolean stored(long orderId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM order_payment WHERE order_id = ?", Long.class, orderId) > 0;
    }

    // ---- Kafka -------------------------------------------------------------------------------------------

    private static long lag(Admin admin, String group, String topic) {
        try {
            return KafkaLag.of(admin, group, topic);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The records of {@code topic} keyed by one of {@code ids} (the step events of these orders there). */
    private List<String> stepEventsOnTopic(String topic, Set<Long> ids) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                environment.getProperty("spring.kafka.bootstrap-servers"),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        List<String> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && ids.contains(Long.parseLong(r.key()))) {
                        found.add(r.key() + " " + r.value());
                    }
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
        }
        return found;
    }

    // ---- the server --------------------------------------------------------------------------------------

    private static void setStock(CouponHttp http, String sku, long stock, long price) {
        Answer answer =
                http.api.admin("PUT", "/api/admin/stock/" + sku, "{\"stock\":" + stock + ",\"price\":" + price + "}");
        assertThat(answer.status()).as("stock of %s set", sku).isEqualTo(200);
    }

    private static long stock(CouponHttp http, String sku) {
        return http.api.admin("GET", "/api/admin/stock/" + sku, null).number("stock");
    }

    /** A request to a server that may be killed meanwhile: its answer, or null when the connection broke. */
    private static Answer quietly(Supplier<Answer> request) {
        try {
            return request.get();
        } catch (IllegalStateException broken) {
            return null;
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

    private Process startServer(String namespace, Path dir, int port) throws Exception {
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
                "-Dfirstcome.orders.payment-failure-rate=0",
                "-Dfirstcome.orders.payment-latency=" + LATENCY.toMillis() + "ms",
                // the killed consumers leave their groups after 10 s, not the default 45 s
                "-Dspring.kafka.consumer.properties.session.timeout.ms=10000",
                "-Dfirstcome.apply-server.port=0",
                "-Dserver.port=" + port,
                "dev.firstcome.backend.FirstComeServer");
        File log = dir.resolve("server-" + port + ".log").toFile();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        children.add(process);
        return process;
    }
}
