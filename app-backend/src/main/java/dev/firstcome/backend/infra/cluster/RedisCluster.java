package dev.firstcome.backend.infra.cluster;

import dev.firstcome.backend.infra.embedded.EmbeddedParts;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis Cluster of real redis-server processes (the bundled binary): {@code masters} masters with one
 * replica each, slots split evenly, every node password protected ({@code requirepass} and {@code
 * masterauth}), append-only file on. Made with CLUSTER MEET / ADDSLOTSRANGE / REPLICATE, the commands
 * redis-cli --cluster create sends. Used by {@code ./cluster} and by the chaos tests, which signal the
 * nodes' processes.
 */
public final class RedisCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisCluster.class);

    private final List<Node> nodes;
    private final String password;
    private final Duration nodeTimeout;
    private RedisClient client;

    private RedisCluster(List<Node> nodes, String password, Duration nodeTimeout) {
        this.nodes = nodes;
        this.password = password;
        this.nodeTimeout = nodeTimeout;
    }

    /** One redis-server of the cluster. */
    public static final class Node {
        private final int port;
        private final Path dir;
        private final String executable;
        private volatile Process process;

        Node(int port, Path dir, String executable) {
            this.port = port;
            this.dir = dir;
            this.executable = executable;
        }

        public int port() {
            return port;
        }

        public long pid() {
            return process.pid();
        }

        public boolean alive() {
            return process != null && process.isAlive();
        }

        public Process process() {
            return process;
        }

        void start() {
            try {
                process = EmbeddedParts.start(new ProcessBuilder(
                                List.of(executable, dir.resolve("redis.conf").toString()))
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("redis.out").toFile()));
            } catch (IOException e) {
                throw new IllegalStateException("could not start redis-server on " + port, e);
            }
            EmbeddedParts.awaitPort(port, Duration.ofSeconds(30), process, "redis-server");
        }

        @Override
        public String toString() {
            return "127.0.0.1:" + port;
        }
    }

    /**
     * Starts {@code masters} masters and as many replicas under {@code dir} and joins them into one
     * cluster; returns once every slot is served and every master has its replica.
     */
    public static RedisCluster start(Path dir, int masters, String password, Duration nodeTimeout) {
        String executable = EmbeddedParts.bundledRedisServer(dir);
        var nodes = new ArrayList<Node>();
        var cluster = new RedisCluster(nodes, password, nodeTimeout);
        try {
            for (int i = 0; i < 2 * masters; i++) {
                // the node's bus listens on port + 10000: an ephemeral port above 55535 would not start
                int port = EmbeddedParts.freePortPair(10000);
                Path nodeDir = Files.createDirectories(dir.resolve("redis-" + port));
                writeConfig(nodeDir, port, password, nodeTimeout);
                Node node = new Node(port, nodeDir, executable);
                node.start();
                nodes.add(node);
            }
            cluster.form(masters);
            log.info("Redis Cluster: {} masters, {} replicas on {}", masters, masters, cluster.nodesAddress());
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    private static void writeConfig(Path dir, int port, String password, Duration nodeTimeout) throws IOException {
        Path config = dir.resolve("redis.conf");
        Files.deleteIfExists(config);
        Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "port " + port,
                        "bind 127.0.0.1",
                        "protected-mode yes",
                        "daemonize no",
                        "dir " + dir,
                        "logfile " + dir.resolve("redis.log"),
                        "cluster-enabled yes",
                        "cluster-config-file nodes.conf",
                        "cluster-node-timeout " + nodeTimeout.toMillis(),
                        // a replica takes over however long it was cut off: availability first; a promoted replica
                        // that missed writes is what FirstCome's rollback detection is for
                        "cluster-replica-validity-factor 0",
                        // the other masters' events stay open while one slot range fails over
                        "cluster-require-full-coverage no",
                        // a master that comes back as a replica is resynchronised at once (default: 5 s later, to
                        // wait for more replicas): until then its replacement has no replica to acknowledge WAIT
                        "repl-diskless-sync-delay 0",
                        "appendonly yes",
                        "appendfsync everysec",
                        "save \"\"",
                        "requirepass " + password,
                        "masterauth " + password,
                        "proc-title-template \"{title} {listen-addr} {server-mode} {config-file}\"",
                        ""));
    }

    private void form(int masters) {
        List<Node> primaries = nodes.subList(0, masters);
        List<Node> replicas = nodes.subList(masters, 2 * masters);
        Node first = nodes.getFirst();
        for (Node node : nodes.subList(1, nodes.size())) {
            run(first, c -> c.clusterMeet("127.0.0.1", node.port()));
        }
        int per = SlotHash.SLOT_COUNT / masters;
        for (int i = 0; i < masters; i++) {
            int from = i * per;
            int to = i == masters - 1 ? SlotHash.SLOT_COUNT - 1 : (i + 1) * per - 1;
            run(primaries.get(i), c -> c.clusterAddSlotsRange(Range.create(from, to)));
        }
        await(
                () -> nodes.stream()
                        .allMatch(n -> run(n, c -> c.clusterNodes()).lines().count() == nodes.size()),
                "every node knows the others");
        for (int i = 0; i < masters; i++) {
            String masterId = run(primaries.get(i), RedisCommands::clusterMyId);
            run(replicas.get(i), c -> c.clusterReplicate(masterId));
        }
        await(
                () -> nodes.stream()
                                .allMatch(
                                        n -> run(n, RedisCommands::clusterInfo).contains("cluster_state:ok"))
                        && replicas.stream()
                                .allMatch(
                                        r -> run(r, c -> c.info("replication")).contains("master_link_status:up")),
                "cluster_state:ok and every replica in sync");
    }

    private void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                log.debug("Redis Cluster: not yet {}: {}", what, e.getMessage());
            }
            pause();
        }
        throw new IllegalStateException("Redis Cluster: not " + what + " within 60 s");
    }

    private static void pause() {
        EmbeddedParts.pause(100);
    }

    /** Runs one command on one node (a short-lived connection of the cluster's one client), retried twice. */
    public <T> T run(Node node, java.util.function.Function<RedisCommands<String, String>, T> command) {
        return run(node, command, Duration.ofSeconds(15), 3);
    }

    /**
     * One attempt with a short timeout: a node that is stopped (SIGSTOP) accepts the connection and never
     * answers, and asking it with {@link #run}'s timeout and retries would keep the caller 45 s on it.
     */
    private <T> T probe(Node node, java.util.function.Function<RedisCommands<String, String>, T> command) {
        return run(node, command, Duration.ofSeconds(2), 1);
    }

    private <T> T run(
            Node node,
            java.util.function.Function<RedisCommands<String, String>, T> command,
            Duration timeout,
            int attempts) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try (StatefulRedisConnection<String, String> connection = client().connect(RedisURI.builder()
                    .withHost("127.0.0.1")
                    .withPort(node.port())
                    .withPassword(password.toCharArray())
                    .withTimeout(timeout)
                    .build())) {
                return command.apply(connection.sync());
            } catch (RuntimeException e) {
                last = e;
                if (!node.alive()) {
                    break;
                }
            }
        }
        throw last;
    }

    private synchronized RedisClient client() {
        if (client == null) {
            client = RedisClient.create();
        }
        return client;
    }

    /** {@code host:port,...} of every node: FIRSTCOME_REDIS_CLUSTER_NODES. */
    public String nodesAddress() {
        return String.join(",", nodes.stream().map(Node::toString).toList());
    }

    public String password() {
        return password;
    }

    public Duration nodeTimeout() {
        return nodeTimeout;
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** The node that is master of the key's slot now, asked of any node that answers within 2 s. */
    public Node masterOf(String key) {
        int slot = SlotHash.getSlot(key);
        for (Node asked : nodes) {
            if (!asked.alive()) {
                continue;
            }
            try {
                for (String line : probe(asked, RedisCommands::clusterNodes).split("\n")) {
                    String[] f = line.split(" ");
                    if (f.length < 9 || !f[2].contains("master") || f[2].contains("fail")) {
                        continue;
                    }
                    for (int i = 8; i < f.length; i++) {
                        String[] range = f[i].split("-");
                        if (range[0].startsWith("[")) {
                            continue;
                        }
                        int from = Integer.parseInt(range[0]);
                        int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                        if (slot >= from && slot <= to) {
                            int port = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@')));
                            return nodes.stream()
                                    .filter(n -> n.port() == port)
                                    .findFirst()
                                    .orElseThrow();
                        }
                    }
                }
            } catch (RuntimeException e) {
                log.debug("Redis Cluster: {} did not answer CLUSTER NODES: {}", asked, e.getMessage());
            }
        }
        throw new IllegalStateException("no master serves slot " + slot);
    }

    /** The replicas of a master, from its INFO replication. */
    public List<Node> replicasOf(Node master) {
        String info = run(master, c -> c.info("replication"));
        var replicas = new ArrayList<Node>();
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("slave") && line.contains("port=")) {
                int port = Integer.parseInt(line.replaceAll(".*port=(\\d+).*", "$1"));
                nodes.stream().filter(n -> n.port() == port).forEach(replicas::add);
            }
        }
        return replicas;
    }

    /** Starts a node again (after a SIGKILL): it rejoins from its nodes.conf and append-only file. */
    public void restart(Node node) {
        if (!node.alive()) {
            node.start();
        }
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            Processes.stop(node.process(), 10);
        }
        synchronized (this) {
            if (client != null) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                client = null;
            }
        }
    }
}
