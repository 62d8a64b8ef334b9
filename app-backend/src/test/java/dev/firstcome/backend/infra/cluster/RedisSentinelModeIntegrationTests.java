package dev.firstcome.backend.infra.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.admission.AdmissionStateApi;
import dev.firstcome.backend.infra.InfrastructureApi;
import dev.firstcome.backend.support.HttpApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * FirstCome on a real Redis Sentinel (a master, one replica and three sentinels, bundled redis-server)
 * selected with {@code FIRSTCOME_REDIS_SENTINEL_MASTER}, {@code FIRSTCOME_REDIS_SENTINEL_NODES} and
 * {@code FIRSTCOME_REDIS_PASSWORD}: both apply entrances work, health shows the topology and the replica
 * acknowledgement (default 1 with Sentinel), an admission the replica does not acknowledge is undone and
 * answered 503, and when the master is SIGKILLed mid-rush the sentinels promote the replica, the server
 * follows it and admits again, with no oversell and every 201 a coupon.
 */
// the context closes with the class: it must not keep asking sentinels that are gone
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"firstcome.namespace=redissentinel", "firstcome.redis.replica-ack-timeout=500ms"})
class RedisSentinelModeIntegrationTests {

    static RedisSentinels sentinels;

    @BeforeAll
    static void startSentinels() throws Exception {
        Path dir = Files.createTempDirectory("firstcome-redis-sentinel");
        sentinels = RedisSentinels.start(dir, "sentinel-secret");
        // component addresses are read before the context starts: system properties, removed afterwards
        System.setProperty("firstcome.redis.sentinel-master", RedisSentinels.MASTER_NAME);
        System.setProperty("firstcome.redis.sentinel-nodes", sentinels.sentinelNodes());
        System.setProperty("firstcome.redis.password", sentinels.password());
    }

    @AfterAll
    static void stopSentinels() {
        System.clearProperty("firstcome.redis.sentinel-master");
        System.clearProperty("firstcome.redis.sentinel-nodes");
        System.clearProperty("firstcome.redis.password");
        if (sentinels != null) {
            sentinels.close();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    InfrastructureApi infrastructure;

    @Autowired
    AdmissionStateApi state;

    @Autowired
    JdbcTemplate jdbc;

    HttpApi api() {
        return new HttpApi("http://127.0.0.1:" + port, infrastructure.applyApiUrl());
    }

    JsonNode redisHealth() {
        return api().admin("GET", "/actuator/health", null)
                .body()
                .get("components")
                .get("infrastructure")
                .get("details")
                .get("redis");
    }

    @Test
    @Order(1)
    void bothEntrancesAdmitThroughTheSentinelsMasterAndHealthShowsItsTopology() {
        var api = api();
        var mainPort = new HttpApi(port);
        long event = api.createOpenEvent("sentinel-apply", 10, null);

        assertThat(api.apply(event, "u1").status()).isEqualTo(201);
        assertThat(mainPort.apply(event, "u2").status()).isEqualTo(201);
        assertThat(api.apply(event, "u1").status()).isEqualTo(409);
        assertThat(state.counts(event).admitted()).isEqualTo(2);

        var redis = redisHealth();
        assertThat(redis.get("status").asString()).isEqualTo("UP");
        assertThat(redis.get("mode").asString()).isEqualTo("sentinel");
        assertThat(redis.get("address").asString())
                .isEqualTo(RedisSentinels.MASTER_NAME + "@" + sentinels.sentinelNodes());
        assertThat(redis.get("detail").asString())
                .contains("sentinel: 1/1 master(s) up, 1/1 replica(s) up")
                .contains("replica acks 1 within 500 ms")
                .doesNotContain(sentinels.password());
    }

    @Test
    @Order(2)
    void anAdmissionTheReplicaDoesNotAcknowledgeIsUndoneAndAnswered503() {
        var api = api();
        long event = api.createOpenEvent("sentinel-wait", 10, null);
        assertThat(api.apply(event, "before").status()).isEqualTo(201);

        RedisSentinels.Node replica = sentinels.other(sentinels.master());
        Processes.signal(replica.pid(), "STOP");
        HttpApi.Answer stalled;
        try {
            stalled = api.apply(event, "stalled");
        } finally {
            Processes.signal(replica.pid(), "CONT");
        }

        assertThat(stalled.status()).isEqualTo(503);
        assertThat(stalled.isProblem()).isTrue();
        assertThat(state.admitted(event)).containsOnlyKeys("before");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(api.apply(event, "stalled").status()).isEqualTo(201));
        assertThat(state.counts(event).admitted()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void theMasterKilledMidRushFailsOverToTheReplicaWithoutOversellingOrLosingAWin() throws Exception {
        var api = api();
        int quantity = 200;
        int concurrency = 16;
        long event = api.createOpenEvent("sentinel-failover", quantity, null);
        RedisSentinels.Node master = sentinels.master();
        RedisSentinels.Node replica = sentinels.other(master);

        try (var clients = new ChaosClients(List.of(infrastructure.applyApiUrl(), "http://127.0.0.1:" + port))) {
            List<Future<?>> users = clients.rush(event, "f", 300, concurrency);
            await().atMost(Duration.ofSeconds(60)).until(() -> clients.issued() >= 30);
            int issuedAtFault = clients.issued();
            long fault = System.nanoTime();
            Processes.signal(master.pid(), "KILL");
            try {
                // the sentinels agree the master is down (2 s), elect a leader and promote the replica
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .ignoreExceptions()
                        .until(() -> sentinels.master() == replica);
                System.out.printf(
                        "SENTINEL failover: replica promoted %d ms after the SIGKILL%n",
                        (System.nanoTime() - fault) / 1_000_000);
            } finally {
                // restarted as a supervisor would: the sentinels make it the new master's replica, and WAIT 1
                // can be met again (until then the admissions are undone and answered 503)
                sentinels.restart(master);
            }
            for (Future<?> user : users) {
                user.get(3, TimeUnit.MINUTES);
            }
            AbstractClusterChaosTests.report(clients, fault);

            assertThat(clients.issued())
                    .as("admissions made after the failover")
                    .isGreaterThan(issuedAtFault + concurrency);
            await().atMost(Duration.ofSeconds(120))
                    .untilAsserted(() -> assertThat(rows(event).keySet()).containsAll(clients.winners()));
            clients.assertPromisesHold(rows(event), quantity);
        }
        // the old master is back as the replica of the new one, and health says so
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(redisHealth().get("detail").asString())
                        .contains("sentinel: 1/1 master(s) up, 1/1 replica(s) up"));
        String replication = sentinels.run(master, c -> c.info("replication"));
        assertThat(replication).contains("role:slave");
    }

    Map<String, Integer> rows(long event) {
        var rows = new HashMap<String, Integer>();
        jdbc.query(
                "SELECT user_id, COUNT(*) FROM coupon WHERE event_id = ? GROUP BY user_id",
                result -> {
                    rows.put(result.getString(1), result.getInt(2));
                },
                event);
        return rows;
    }
}
