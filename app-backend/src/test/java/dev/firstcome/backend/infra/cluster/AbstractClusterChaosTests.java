package dev.firstcome.backend.infra.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cluster topology ({@link Topology}, what {@code ./cluster up} runs) for the chaos tests, clients
 * that retry, and the four promises checked on the coupon rows after a fault.
 */
abstract class AbstractClusterChaosTests {

    static final String TOKEN = "chaos-admin-token";
    static Topology topology;

    @BeforeAll
    static void startTopology() throws Exception {
        Path dir = Files.createTempDirectory("firstcome-chaos");
        topology = Topology.start(Topology.Options.defaults(dir)
                .withAdminToken(TOKEN)
                // C1 only: the servers start and warm up with less CPU on a shared 2-core machine
                .withServerJvmOptions(List.of("-Xms256m", "-Xmx512m", "-XX:TieredStopAtLevel=1"))
                .withEnvironment(Map.of("FIRSTCOME_ISSUANCE_CONCURRENCY", "1")));
    }

    @AfterAll
    static void stopTopology() {
        if (topology != null) {
            topology.close();
            topology = null;
        }
    }

    /**
     * Prints what the clients saw (the figures docs/benchmarks.md and docs/testing.md quote): failures after the fault by status
     * (0: connection error), the time from the first failure after the fault to the next 201, and the
     * longest time after the fault with failures and no 201 at all (the event unavailable to everyone).
     */
    static void report(ChaosClients clients, long faultNanos) {
        System.out.printf(
                "CHAOS %s: %d users answered 201, %d answers 503/connection error (after the fault, by status: %s),"
                        + " unavailable %d ms (first failure after the fault to the next 201), longest outage %d ms"
                        + " (failures and no 201 at all)%n",
                StackWalker.getInstance()
                        .walk(s -> s.skip(1).findFirst().orElseThrow().getMethodName()),
                clients.issued(),
                clients.unavailable(),
                clients.failuresAfter(faultNanos),
                clients.unavailableMillis(faultNanos),
                clients.longestOutageMillis(faultNanos));
    }

    static List<String> applyUrls() {
        var urls = new ArrayList<String>();
        urls.add(topology.applyUrl());
        topology.servers().forEach(s -> urls.add("http://127.0.0.1:" + s.applyPort()));
        return urls;
    }

    static String keyPrefix() {
        return "fc";
    }

    static void finish(List<Future<?>> users) throws Exception {
        for (Future<?> user : users) {
            user.get(3, TimeUnit.MINUTES);
        }
    }

    static long createEvent(String name, int total) throws Exception {
        var body = "{\"name\":\"" + name + "-" + System.nanoTime() + "\",\"totalQuantity\":" + total
                + ",\"startsAt\":\"2000-01-01T00:00:00Z\",\"endsAt\":\"2100-01-01T00:00:00Z\",\"zoneId\":\"UTC\"}";
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(topology.mainUrl() + "/api/admin/events"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + TOKEN)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        long event =
                JsonMapper.builder().build().readTree(response.body()).get("id").asLong();
        // every server knows the event before the rush (the broadcast, else the periodic refresh)
        for (ServerNode server : topology.servers()) {
            await().atMost(Duration.ofSeconds(40))
                    .until(() -> HttpClient.newHttpClient()
                                    .send(
                                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort()
                                                            + "/api/events/" + event))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200);
        }
        return event;
    }

    /** The four promises, once every user ever answered 201 has been persisted. */
    static void assertInvariants(long event, int quantity, ChaosClients clients) throws Exception {
        Map<String, List<ChaosClients.Answer>> answers = clients.answers();
        List<String> winners = clients.winners();
        try {
            await().atMost(Duration.ofSeconds(120))
                    .untilAsserted(() -> assertThat(rows(event).keySet()).containsAll(winners));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            var missing = new java.util.ArrayList<>(winners);
            missing.removeAll(rows(event).keySet());
            throw new AssertionError(
                    "winners without a coupon row: " + missing + "\nanswers: "
                            + missing.stream()
                                    .map(u -> u + "="
                                            + answers.get(u).stream()
                                                    .map(a -> a.status() + (a.status() == 201 ? a.body() : ""))
                                                    .toList())
                                    .toList()
                            + "\nrecords in the admitted topic: " + records(event, missing),
                    e);
        }
        clients.assertPromisesHold(rows(event), quantity);
    }

    /** Every record of the admitted topic for these users of the event (diagnostics of a failure). */
    static List<String> records(long event, List<String> users) {
        var found = new ArrayList<String>();
        var config = Map.<String, Object>of(
                "bootstrap.servers", topology.environment().get("FIRSTCOME_KAFKA_BOOTSTRAP_SERVERS"),
                "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
                "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
                "isolation.level", "read_committed");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(config)) {
            var partitions = consumer.partitionsFor("firstcome.coupon-admitted").stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline
                    && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (users.stream().anyMatch(u -> record.value().contains("\"" + u + "\""))) {
                        found.add(record.partition() + "@" + record.offset() + " " + record.value());
                    }
                }
            }
        } catch (RuntimeException e) {
            found.add("could not read: " + e);
        }
        return found;
    }

    static Map<String, Integer> rows(long event) throws Exception {
        var env = topology.environment();
        try (var connection = DriverManager.getConnection(
                        env.get("FIRSTCOME_DB_URL"), env.get("FIRSTCOME_DB_USER"), env.get("FIRSTCOME_DB_PASSWORD"));
                var statement = connection.prepareStatement(
                        "SELECT user_id, COUNT(*) FROM coupon WHERE event_id = ? GROUP BY user_id")) {
            statement.setLong(1, event);
            var rows = new HashMap<String, Integer>();
            try (var result = statement.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getInt(2));
                }
            }
            return rows;
        }
    }
}
