package dev.firstcome.backend.infra.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The failover promises on the real topology ({@link Topology}, the code {@code ./cluster} runs): a Redis
 * Cluster of 3 masters and 3 replicas, 3 KRaft brokers, PostgreSQL, 2 FirstCome servers and HAProxy.
 * During a rush whose clients retry a 503 or a connection error on any server, a fault is injected;
 * afterwards the coupons satisfy: never more than the quantity, every user ever answered 201 has exactly
 * one, no user whose last answer was a refusal other than ALREADY_APPLIED has one, nobody has two.
 * Scenarios 1 (Redis master killed while its replica lags) and 3 (a Kafka leader killed) run in every
 * build; the others are in {@code ClusterChaosExtendedIntegrationTests} ({@code -Pcluster}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterChaosIntegrationTests extends AbstractClusterChaosTests {

    @Test
    @Order(1)
    void redisMasterKilledWhileItsReplicaLagsNeverOversellsNorLosesAWin() throws Exception {
        long event = createEvent("chaos-redis-master", 300);
        RedisCluster redis = topology.redis();
        RedisCluster.Node master = redis.masterOf(keyPrefix() + ":{evt:" + event + "}:meta");
        RedisCluster.Node replica = redis.replicasOf(master).getFirst();

        try (var clients = new ChaosClients(applyUrls())) {
            List<Future<?>> users = clients.rush(event, "r", 1500, 32);
            await().atMost(Duration.ofSeconds(60)).until(() -> clients.issued() >= 50);
            // the replica falls about a second behind under load, then its master dies
            Processes.signal(replica.pid(), "STOP");
            long stalledUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() >= stalledUntil);
            long fault = System.nanoTime();
            Processes.signal(master.pid(), "KILL");
            Processes.signal(replica.pid(), "CONT");
            // the replica takes over; the dead master is restarted as a supervisor would, and rejoins as its
            // replica (until then WAIT 1 has no replica to wait for: the slot's events answer 503)
            String meta = keyPrefix() + ":{evt:" + event + "}:meta";
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> redis.masterOf(meta).port() == replica.port());
            redis.restart(master);
            finish(users);
            report(clients, fault);
            assertInvariants(event, 300, clients);
        } finally {
            redis.restart(master); // rejoins as a replica of its replacement
        }
    }

    @Test
    @Order(2)
    void kafkaBrokerLeadingPartitionsKilledNeverOversellsNorLosesAWin() throws Exception {
        long event = createEvent("chaos-kafka-leader", 300);
        KafkaCluster kafka = topology.kafka();
        KafkaCluster.Broker leader;
        try (Admin admin = kafka.admin()) {
            var topic = admin.describeTopics(List.of("firstcome.coupon-admitted"))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get("firstcome.coupon-admitted");
            assertThat(topic.partitions())
                    .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            int leaderId = topic.partitions().getFirst().leader().id();
            leader = kafka.brokers().stream()
                    .filter(b -> b.nodeId() == leaderId)
                    .findFirst()
                    .orElseThrow();
        }
        try (var clients = new ChaosClients(applyUrls())) {
            List<Future<?>> users = clients.rush(event, "k", 1500, 32);
            await().atMost(Duration.ofSeconds(60)).until(() -> clients.issued() >= 50);
            long fault = System.nanoTime();
            Processes.signal(leader.pid(), "KILL");
            finish(users);
            report(clients, fault);
            assertInvariants(event, 300, clients);
        } finally {
            kafka.restart(leader);
        }
    }
}
