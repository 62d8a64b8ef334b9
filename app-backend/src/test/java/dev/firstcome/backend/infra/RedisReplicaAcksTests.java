package dev.firstcome.backend.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisClusterServerCommands;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisNode.NodeType;

/** The acknowledgements each master is held to, from the replicas it reports attached (issue 33). */
class RedisReplicaAcksTests {

    private final Map<String, Integer> attached = new ConcurrentHashMap<>(Map.of("a", 1, "b", 1));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RedisReplicaAcks acks = new RedisReplicaAcks(topology(), connections(), meters, properties());

    @Test
    void aMasterNotAskedYetIsHeldToTheConfiguredCount() {
        assertThat(acks.required("a")).isEqualTo(1);
        assertThat(acks.required("promoted-just-now")).isEqualTo(1);
        assertThat(acks.degradedDescription()).isEmpty();
    }

    @Test
    void aMasterWithoutAReplicaIsAdmittedWithoutWaitAndReportedUntilOneAttaches() {
        acks.refreshNow();
        assertThat(acks.required("a")).isEqualTo(1);
        assertThat(gauge()).isZero();

        attached.put("b", 0);
        acks.refreshNow();
        assertThat(acks.required("a")).isEqualTo(1);
        assertThat(acks.required("b")).isZero();
        assertThat(gauge()).isEqualTo(1);
        assertThat(acks.degradedDescription())
                .startsWith("replica acks degraded: master 127.0.0.1:7002 has 0 of 1 replica(s) attached");

        attached.put("b", 1);
        acks.refreshNow();
        assertThat(acks.required("b")).isEqualTo(1);
        assertThat(gauge()).isZero();
        assertThat(acks.degradedDescription()).isEmpty();
    }

    @Test
    void aMasterThatDoesNotAnswerIsHeldToTheConfiguredCountAgain() {
        attached.put("b", 0);
        acks.refreshNow();
        assertThat(acks.required("b")).isZero();

        attached.remove("b"); // INFO fails
        acks.refreshNow();
        assertThat(acks.required("b")).isEqualTo(1);
    }

    private double gauge() {
        return meters.get("firstcome.redis.replica.acks.degraded").gauge().value();
    }

    private static RedisTopology topology() {
        RedisTopology topology = mock(RedisTopology.class);
        when(topology.mode()).thenReturn(RedisTopology.Mode.CLUSTER);
        when(topology.replicaAcks()).thenReturn(1);
        return topology;
    }

    private static FirstComeProperties properties() {
        FirstComeProperties properties = mock(FirstComeProperties.class);
        FirstComeProperties.Redis redis = mock(FirstComeProperties.Redis.class);
        when(properties.redis()).thenReturn(redis);
        when(redis.replicaCountRefresh()).thenReturn(Duration.ofSeconds(1));
        return properties;
    }

    private RedisConnectionFactory connections() {
        List<RedisClusterNode> masters = List.of(master("a", 7001, 0, 8191), master("b", 7002, 8192, 16383));
        RedisClusterServerCommands server = mock(RedisClusterServerCommands.class);
        when(server.info(any(RedisClusterNode.class), eq("replication"))).thenAnswer(call -> {
            Integer replicas = attached.get(((RedisClusterNode) call.getArgument(0)).getId());
            if (replicas == null) {
                throw new IllegalStateException("no answer");
            }
            var info = new Properties();
            info.setProperty("role", "master");
            info.setProperty("connected_slaves", replicas.toString());
            return info;
        });
        RedisClusterConnection cluster = mock(RedisClusterConnection.class);
        when(cluster.clusterGetNodes()).thenReturn(masters);
        when(cluster.serverCommands()).thenReturn(server);
        RedisConnectionFactory factory = mock(RedisConnectionFactory.class);
        when(factory.getClusterConnection()).thenReturn(cluster);
        return factory;
    }

    private static RedisClusterNode master(String id, int port, int from, int to) {
        return RedisClusterNode.newRedisClusterNode()
                .listeningAt("127.0.0.1", port)
                .withId(id)
                .promotedAs(NodeType.MASTER)
                .serving(new RedisClusterNode.SlotRange(from, to))
                .build();
    }
}
