package dev.firstcome.backend.infra;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * How many replica acknowledgements each admission batch waits for on each master: the configured {@code
 * FIRSTCOME_REDIS_REPLICA_ACKS}, but never more than the replicas attached to that master right now
 * ({@code connected_slaves} of its {@code INFO replication}, whatever their sync state). A master with no
 * replica at all (its replica was promoted after the old master died, and nothing has re-attached yet) can
 * never be acknowledged, and a promotion cannot roll it back either: there is nothing to promote. Its
 * admissions then go on without {@code WAIT} ("degraded": logged once per change, shown in health and by
 * the gauge {@code firstcome.redis.replica.acks.degraded}) until a replica attaches, and from then on the
 * acknowledgements are required again. A write such a master loses by crashing and restarting from its
 * append-only file comes back with a new replication id, which the rollback detection treats as a
 * rollback (docs/architecture.md, failover safety).
 *
 * <p>The apply path reads a cached count ({@link #required}, a map lookup): the masters are asked every
 * {@code firstcome.redis.replica-count-refresh} (1 s) off the apply path, by a virtual thread of its own
 * (not the shared scheduler, where a master that does not answer would delay the rollback detection), and
 * at once after a {@code WAIT} answered fewer acknowledgements than required. A master not asked yet (e.g.
 * just promoted) is required the configured count: never fewer acknowledgements on a guess.
 */
@Component
public class RedisReplicaAcks implements DisposableBean {

    /** The key of the one master outside a Cluster (standalone, Sentinel). */
    public static final String SINGLE_MASTER = "";

    private static final Logger log = LoggerFactory.getLogger(RedisReplicaAcks.class);

    private final RedisTopology topology;
    private final RedisConnectionFactory connections;
    private final int configured;
    /** Node id (a Cluster's) or {@link #SINGLE_MASTER} -> the master as last asked. */
    private final Map<String, Master> masters = new ConcurrentHashMap<>();
    /** Node ids reported degraded, for the log on each change. */
    private final Set<String> degradedLogged = ConcurrentHashMap.newKeySet();

    private final Duration interval;
    private volatile Thread refresher;

    RedisReplicaAcks(
            RedisTopology topology,
            RedisConnectionFactory connections,
            MeterRegistry meters,
            FirstComeProperties properties) {
        this.interval = properties.redis().replicaCountRefresh();
        this.topology = topology;
        this.connections = connections;
        this.configured = topology.replicaAcks();
        Gauge.builder(
                        "firstcome.redis.replica.acks.degraded",
                        this,
                        acks -> acks.degraded().size())
                .description("Redis masters with fewer attached replicas than FIRSTCOME_REDIS_REPLICA_ACKS: their"
                        + " admissions are acknowledged by fewer replicas (none: no WAIT) until one attaches")
                .register(meters);
    }

    /** A master as last asked: its address (empty outside a Cluster) and how many replicas were attached to it. */
    public record Master(String id, String address, int replicas) {}

    /** The configured count ({@code FIRSTCOME_REDIS_REPLICA_ACKS}), 0: no {@code WAIT} at all. */
    public int configured() {
        return configured;
    }

    /**
     * Acknowledgements an admission batch on this master waits for: the configured count, or fewer when the
     * master has fewer replicas attached (0: no {@code WAIT}). No Redis command: the cached count.
     */
    public int required(String masterId) {
        Master master = masters.get(masterId);
        return master == null ? configured : Math.min(configured, master.replicas());
    }

    /**
     * A {@code WAIT} on this master answered fewer acknowledgements than required: ask the masters again
     * now (off the caller's thread), so that a replica that is gone stops being waited for within moments.
     */
    public void shortfall(String masterId) {
        Thread current = refresher;
        if (current != null) {
            LockSupport.unpark(current);
        }
    }

    /** The masters with fewer attached replicas than the configured count, by address. */
    public List<Master> degraded() {
        return masters.values().stream()
                .filter(m -> m.replicas() < configured)
                .sorted(Comparator.comparing(Master::address))
                .toList();
    }

    /**
     * "replica acks degraded: master 127.0.0.1:7001 has 0 of 1 replica(s) attached, ..." or empty when
     * every master has the configured count (the health detail and the console show it).
     */
    public String degradedDescription() {
        List<Master> degraded = degraded();
        if (degraded.isEmpty()) {
            return "";
        }
        return "replica acks degraded: "
                + String.join(
                        ", ",
                        degraded.stream()
                                .map(m ->
                                        name(m) + " has " + m.replicas() + " of " + configured + " replica(s) attached")
                                .toList())
                + "; admissions there wait for the replicas it has (none: no WAIT), " + configured
                + " again once a replica attaches";
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (configured > 0 && refresher == null) {
            refresher = Thread.ofVirtual().name("redis-replica-count").start(this::refreshUntilStopped);
        }
    }

    private void refreshUntilStopped() {
        while (!Thread.currentThread().isInterrupted()) {
            refreshNow();
            // the interval, or less when a WAIT fell short (unpark)
            LockSupport.parkNanos(interval.toNanos());
        }
    }

    @Override
    public synchronized void destroy() {
        if (refresher != null) {
            refresher.interrupt();
            refresher = null;
        }
    }

    /** Asks each master how many replicas are attached to it. */
    void refreshNow() {
        try {
            Map<String, Master> now = topology.mode() == RedisTopology.Mode.CLUSTER ? askCluster() : askSingle();
            masters.keySet().retainAll(now.keySet());
            masters.putAll(now);
        } catch (RuntimeException e) {
            // Redis unreachable: keep what was known (an admission fails there anyway), asked again next time
            log.debug("Replica count not refreshed: {}", e.getMessage());
        }
        logChanges();
    }

    private Map<String, Master> askCluster() {
        var found = new ConcurrentHashMap<String, Master>();
        try (var cluster = connections.getClusterConnection()) {
            for (RedisClusterNode node : cluster.clusterGetNodes()) {
                if (!node.isMaster()
                        || node.getSlotRange() == null
                        || node.getSlotRange().getSlots().isEmpty()) {
                    continue;
                }
                try {
                    Master master = master(
                            node.getId(),
                            node.getHost() + ":" + node.getPort(),
                            cluster.serverCommands().info(node, "replication"));
                    if (master != null) {
                        found.put(master.id(), master);
                    }
                } catch (RuntimeException e) {
                    // this master does not answer (failing over): not known, so the configured count applies
                    log.debug("Replica count of {} unknown: {}", node.getId(), e.getMessage());
                }
            }
        }
        return found;
    }

    private Map<String, Master> askSingle() {
        try (var connection = connections.getConnection()) {
            Master master =
                    master(SINGLE_MASTER, "", connection.serverCommands().info("replication"));
            return master == null ? Map.of() : Map.of(SINGLE_MASTER, master);
        }
    }

    /** The master's replica count from its INFO replication; null when the node is no master (any more). */
    private static Master master(String id, String address, Properties info) {
        if (info == null || !"master".equals(info.getProperty("role"))) {
            return null;
        }
        return new Master(id, address, Integer.parseInt(info.getProperty("connected_slaves", "0")));
    }

    /** "master 127.0.0.1:7001" on a Cluster, "master" outside one. */
    private static String name(Master master) {
        return master.address().isEmpty() ? "master" : "master " + master.address();
    }

    private void logChanges() {
        Set<String> degradedNow = new HashSet<>();
        for (Master master : degraded()) {
            degradedNow.add(master.id());
            if (degradedLogged.add(master.id())) {
                log.warn(
                        "Redis {} has {} of {} replica(s) attached: its admissions wait for {} acknowledgement(s)"
                                + " until a replica attaches (a master without a replica cannot be rolled back by a"
                                + " promotion; a restart of it is caught by the rollback detection)",
                        name(master),
                        master.replicas(),
                        configured,
                        master.replicas());
            }
        }
        for (String id : new ArrayList<>(degradedLogged)) {
            if (!degradedNow.contains(id)) {
                degradedLogged.remove(id);
                Master master = masters.get(id);
                if (master != null) {
                    log.info(
                            "Redis {} has {} replica(s) attached again: its admissions wait for {}"
                                    + " acknowledgement(s)",
                            name(master),
                            master.replicas(),
                            configured);
                } else {
                    log.info("Redis node {} serves no slots any more (failed over)", id);
                }
            }
        }
    }
}
