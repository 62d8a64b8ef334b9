package dev.firstcome.backend.infra;

import java.time.Duration;
import java.util.Properties;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * How FirstCome reaches Redis ({@link Mode}) and how many replicas must acknowledge an admission batch
 * before it is promised ({@code FIRSTCOME_REDIS_REPLICA_ACKS}, Redis {@code WAIT}; unset: 1 on a Cluster
 * or Sentinel, 0 on a standalone Redis), within {@code FIRSTCOME_REDIS_REPLICA_ACK_TIMEOUT}.
 */
@Component
public class RedisTopology {

    /** How the Redis connection is made. */
    public enum Mode {
        STANDALONE,
        CLUSTER,
        SENTINEL
    }

    private final Mode mode;
    private final int replicaAcks;
    private final Duration replicaAckTimeout;
    private final RedisConnectionFactory connections;

    RedisTopology(FirstComeProperties properties, RedisConnectionFactory connections) {
        var redis = properties.redis();
        this.mode = StringUtils.hasText(redis.clusterNodes())
                ? Mode.CLUSTER
                : StringUtils.hasText(redis.sentinelMaster()) ? Mode.SENTINEL : Mode.STANDALONE;
        this.replicaAcks = redis.replicaAcks() != null ? redis.replicaAcks() : mode == Mode.STANDALONE ? 0 : 1;
        this.replicaAckTimeout = redis.replicaAckTimeout();
        this.connections = connections;
    }

    public Mode mode() {
        return mode;
    }

    /** Replicas that must acknowledge each admission batch (0: none, no {@code WAIT}). */
    public int replicaAcks() {
        return replicaAcks;
    }

    public Duration replicaAckTimeout() {
        return replicaAckTimeout;
    }

    /**
     * Masters and replicas up, read now: on a Cluster from {@code CLUSTER NODES}, otherwise from the
     * master's {@code INFO replication}. Throws when Redis does not answer.
     */
    public Nodes nodes() {
        if (mode == Mode.CLUSTER) {
            try (var cluster = connections.getClusterConnection()) {
                int masters = 0;
                int mastersUp = 0;
                int replicas = 0;
                int replicasUp = 0;
                for (RedisClusterNode node : cluster.clusterGetNodes()) {
                    boolean up = node.isConnected()
                            && (node.getFlags() == null
                                    || node.getFlags().stream()
                                            .noneMatch(f -> f == RedisClusterNode.Flag.FAIL
                                                    || f == RedisClusterNode.Flag.PFAIL));
                    if (node.isReplica()) {
                        replicas++;
                        replicasUp += up ? 1 : 0;
                    } else if (node.getSlotRange() != null
                            && !node.getSlotRange().getSlots().isEmpty()) {
                        masters++;
                        mastersUp += up ? 1 : 0;
                    }
                }
                return new Nodes(masters, mastersUp, replicas, replicasUp);
            }
        }
        try (var connection = connections.getConnection()) {
            Properties info = connection.serverCommands().info("replication");
            int replicas = info == null ? 0 : Integer.parseInt(info.getProperty("connected_slaves", "0"));
            return new Nodes(1, 1, replicas, replicas);
        }
    }

    /** Masters (those serving slots, on a Cluster) and replicas, each counted and counted up. */
    public record Nodes(int masters, int mastersUp, int replicas, int replicasUp) {

        @Override
        public String toString() {
            return mastersUp + "/" + masters + " master(s) up, " + replicasUp + "/" + replicas + " replica(s) up";
        }
    }
}
