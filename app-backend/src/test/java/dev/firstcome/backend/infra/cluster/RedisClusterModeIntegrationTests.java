package dev.firstcome.backend.infra.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.admission.AdmissionStateApi;
import dev.firstcome.backend.admission.state.AdmissionKeys;
import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.infra.InfrastructureApi;
import dev.firstcome.backend.support.HttpApi;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * FirstCome on a real Redis Cluster (3 masters, 3 replicas, bundled redis-server) selected with
 * {@code FIRSTCOME_REDIS_CLUSTER_NODES} and {@code FIRSTCOME_REDIS_PASSWORD}: both apply entrances work,
 * health shows the topology and the replica acknowledgement (default 1 on a Cluster), the event-change
 * broadcast reaches subscribers on every node, and an admission its replica does not acknowledge is
 * undone and answered 503.
 */
// the context closes with the class: it must not keep refreshing the topology of a cluster that is gone
@DirtiesContext
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"firstcome.namespace=rediscluster", "firstcome.redis.replica-ack-timeout=500ms"})
class RedisClusterModeIntegrationTests {

    static RedisCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        Path dir = Files.createTempDirectory("firstcome-redis-cluster");
        cluster = RedisCluster.start(dir, 3, "cluster-secret", Duration.ofSeconds(2));
        // component addresses are read before the context starts: system properties, removed afterwards
        System.setProperty("firstcome.redis.cluster-nodes", cluster.nodesAddress());
        System.setProperty("firstcome.redis.password", cluster.password());
    }

    @AfterAll
    static void stopCluster() {
        System.clearProperty("firstcome.redis.cluster-nodes");
        System.clearProperty("firstcome.redis.password");
        if (cluster != null) {
            cluster.close();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    InfrastructureApi infrastructure;

    @Autowired
    AdmissionStateApi state;

    @Autowired
    FirstComeNames names;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AdmissionKeys keys;

    @Autowired
    StringRedisTemplate redis;

    HttpApi api() {
        return new HttpApi("http://127.0.0.1:" + port, infrastructure.applyApiUrl());
    }

    @Test
    void bothEntrancesAdmitOnTheClusterAndHealthShowsItsTopology() {
        var api = api();
        var mainPort = new HttpApi(port);
        long event = api.createOpenEvent("cluster-apply", 10, null);

        assertThat(api.apply(event, "u1").status()).isEqualTo(201);
        assertThat(mainPort.apply(event, "u2").status()).isEqualTo(201);
        assertThat(api.apply(event, "u1").status()).isEqualTo(409);
        assertThat(state.counts(event).admitted()).isEqualTo(2);

        var redis = api.admin("GET", "/actuator/health", null)
                .body()
                .get("components")
                .get("infrastructure")
                .get("details")
                .get("redis");
        assertThat(redis.get("status").asString()).isEqualTo("UP");
        assertThat(redis.get("mode").asString()).isEqualTo("cluster");
        assertThat(redis.get("detail").asString())
                .contains("cluster: 3/3 master(s) up, 3/3 replica(s) up")
                .contains("replica acks 1 within 500 ms");
    }

    @Test
    void theWaitingRoomQueuesAndItsSharedAbuseLimitsHoldOnTheCluster() {
        var api = api();
        long event = api.createEvent("{\"name\":\"cluster-room\",\"totalQuantity\":10,"
                + "\"startsAt\":\"2000-01-01T00:00:00Z\",\"endsAt\":\"2100-01-01T00:00:00Z\",\"zoneId\":\"UTC\","
                + "\"waitingRoom\":{\"mode\":\"FIFO\",\"outflowPerSecond\":1}}");

        var ticket = api.post("/api/events/" + event + "/queue", "{\"userId\":\"room-u1\"}");
        assertThat(ticket.status()).isEqualTo(200);
        var polled = api.get("/api/events/" + event + "/queue/" + ticket.text("ticketId"));
        assertThat(polled.status()).isEqualTo(200);
        assertThat(polled.text("ticketId")).isEqualTo(ticket.text("ticketId"));
        // the token buckets live on the cluster (Bucket4j's cluster connection): the per-user join limit,
        // 10 a minute, answers 429 at the latest on the 11th join (they used to fail open on a cluster)
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            statuses.add(api.post("/api/events/" + event + "/queue", "{\"userId\":\"room-u2\"}")
                    .status());
        }
        assertThat(statuses).contains(429);
        assertThat(statuses.subList(0, 9)).containsOnly(200);
    }

    @Test
    void anEventChangeReachesSubscribersOnEveryNode() {
        var api = api();
        long event = api.createOpenEvent("cluster-broadcast", 10, null);
        var heard = new ConcurrentHashMap<Integer, String>();
        var clients = new ArrayList<RedisClient>();
        try {
            for (RedisCluster.Node node : cluster.nodes()) {
                RedisClient client = RedisClient.create(RedisURI.builder()
                        .withHost("127.0.0.1")
                        .withPort(node.port())
                        .withPassword(cluster.password().toCharArray())
                        .build());
                clients.add(client);
                var pubsub = client.connectPubSub();
                pubsub.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        heard.put(node.port(), message);
                    }
                });
                pubsub.sync().subscribe(names.eventsChannel());
            }

            assertThat(api.admin("PATCH", "/api/admin/events/" + event, "{\"totalQuantity\":20}")
                            .status())
                    .isEqualTo(200);

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(heard)
                            .hasSize(cluster.nodes().size())
                            .allSatisfy(
                                    (nodePort, message) -> assertThat(message).isEqualTo(Long.toString(event))));
        } finally {
            clients.forEach(RedisClient::shutdown);
        }
    }

    @Test
    void anAdmissionItsReplicaDoesNotAcknowledgeIsUndoneAndAnswered503() {
        var api = api();
        var mainPort = new HttpApi(port);
        long event = api.createOpenEvent("cluster-wait", 10, null);
        assertThat(api.apply(event, "before").status()).isEqualTo(201);

        RedisCluster.Node master = cluster.masterOf(names.keyPrefix() + ":{evt:" + event + "}:meta");
        List<RedisCluster.Node> replicas = cluster.replicasOf(master);
        assertThat(replicas).isNotEmpty();
        replicas.forEach(r -> Processes.signal(r.pid(), "STOP"));
        HttpApi.Answer stalled;
        HttpApi.Answer stalledOnMainPort;
        try {
            stalled = api.apply(event, "stalled");
            stalledOnMainPort = mainPort.apply(event, "stalled-main");
        } finally {
            replicas.forEach(r -> Processes.signal(r.pid(), "CONT"));
        }

        assertThat(stalled.status()).isEqualTo(503);
        assertThat(stalled.isProblem()).isTrue();
        assertThat(stalledOnMainPort.status()).isEqualTo(503);
        assertThat(state.counts(event).admitted()).isEqualTo(1);
        assertThat(state.admitted(event)).containsOnlyKeys("before");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(api.apply(event, "stalled").status()).isEqualTo(201));
        assertThat(state.counts(event).admitted()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                jdbc.queryForList("SELECT user_id FROM coupon WHERE event_id = ?", String.class, event))
                        .containsExactlyInAnyOrder("before", "stalled"));
    }

    @Test
    void aFailoverOfTheEventsMasterIsTreatedAsARollbackAndTheEventRebuiltBeforeItAdmitsAgain() {
        var api = api();
        long event = api.createOpenEvent("cluster-failover", 10, null);
        assertThat(api.apply(event, "u1").status()).isEqualTo(201);
        assertThat(api.apply(event, "u2").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        jdbc.queryForObject("SELECT COUNT(*) FROM coupon WHERE event_id = ?", Long.class, event) == 2);
        String meta = keys.meta(event);
        long versionBefore = Long.parseLong((String) redis.opsForHash().get(meta, "version"));
        // the detector has recorded the current master's replication id
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.hasKey(keys.replicationId(event)));

        RedisCluster.Node master = cluster.masterOf(meta);
        RedisCluster.Node replica = cluster.replicasOf(master).getFirst();
        cluster.run(replica, c -> c.clusterFailover(false));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> cluster.masterOf(meta).port() == replica.port());

        // rebuilt from the database: the meta hash is written again under a newer version
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Object version = redis.opsForHash().get(meta, "version");
            assertThat(version).isNotNull();
            assertThat(Long.parseLong((String) version)).isGreaterThan(versionBefore);
        });
        assertThat(state.admitted(event)).containsOnlyKeys("u1", "u2");
        assertThat(api.apply(event, "u1").status()).isEqualTo(409);
        assertThat(api.apply(event, "u3").status()).isEqualTo(201);
        assertThat(state.counts(event).admitted()).isEqualTo(3);
    }
}
