package dev.firstcome.backend.infra.cluster;

import dev.firstcome.backend.infra.embedded.EmbeddedParts;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.lettuce.core.sentinel.api.sync.RedisSentinelCommands;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.awaitility.Awaitility;

/**
 * A Sentinel-managed Redis of real processes (the bundled redis-server, as {@link RedisCluster} uses): a
 * master, one replica and three sentinels (quorum 2, {@code down-after-milliseconds} 2 s), data nodes
 * password protected ({@code requirepass}, {@code masterauth}), sentinels without a password of their own.
 * Ports come from {@link EmbeddedParts#freePort}. The test signals the data nodes' processes.
 */
final class RedisSentinels implements AutoCloseable {

    static final String MASTER_NAME = "firstcome";

    private final String password;
    private final List<Node> dataNodes = new ArrayList<>();
    private final List<Node> sentinels = new ArrayList<>();
    private final RedisClient client = RedisClient.create();

    private RedisSentinels(String password) {
        this.password = password;
    }

    /** One redis-server process: a data node or a sentinel. */
    static final class Node {
        private final int port;
        private final Path dir;
        private final List<String> command;
        private volatile Process process;

        Node(int port, Path dir, List<String> command) {
            this.port = port;
            this.dir = dir;
            this.command = command;
        }

        int port() {
            return port;
        }

        long pid() {
            return process.pid();
        }

        boolean alive() {
            return process != null && process.isAlive();
        }

        void start() {
            try {
                process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(
                                dir.resolve("redis.out").toFile()))
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException("could not start " + command, e);
            }
            EmbeddedParts.awaitPort(port, Duration.ofSeconds(30), process, "redis-server");
        }

        void stop() {
            Processes.stop(process, 10);
        }

        @Override
        public String toString() {
            return "127.0.0.1:" + port;
        }
    }

    /**
     * Starts the master, its replica and the sentinels under {@code dir}; returns once the replica is in
     * sync and every sentinel knows the replica and the two other sentinels.
     */
    static RedisSentinels start(Path dir, String password) {
        var set = new RedisSentinels(password);
        try {
            String executable = EmbeddedParts.bundledRedisServer(dir);
            int masterPort = EmbeddedParts.freePort();
            set.dataNodes.add(set.dataNode(dir, executable, masterPort, null));
            set.dataNodes.add(set.dataNode(dir, executable, EmbeddedParts.freePort(), masterPort));
            for (Node node : set.dataNodes) {
                node.start();
            }
            for (int i = 0; i < 3; i++) {
                set.sentinels.add(set.sentinel(dir, executable, EmbeddedParts.freePort(), masterPort));
            }
            for (Node sentinel : set.sentinels) {
                sentinel.start();
            }
            await(
                    () -> set.run(set.dataNodes.get(1), c -> c.info("replication"))
                            .contains("master_link_status:up"),
                    "the replica in sync");
            await(
                    () -> set.sentinels.stream().allMatch(s -> {
                        Map<String, String> master = set.askSentinel(s, c -> c.master(MASTER_NAME));
                        return "1".equals(master.get("num-slaves")) && "2".equals(master.get("num-other-sentinels"));
                    }),
                    "every sentinel knowing the replica and the other sentinels");
            return set;
        } catch (IOException | RuntimeException e) {
            set.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    private Node dataNode(Path root, String executable, int port, Integer masterPort) throws IOException {
        Path dir = Files.createDirectories(root.resolve("redis-" + port));
        var lines = new ArrayList<>(List.of(
                "port " + port,
                "bind 127.0.0.1",
                "protected-mode yes",
                "daemonize no",
                "dir " + dir,
                "logfile " + dir.resolve("redis.log"),
                "appendonly yes",
                "appendfsync everysec",
                "save \"\"",
                "requirepass " + password,
                "masterauth " + password,
                "repl-diskless-sync-delay 0"));
        if (masterPort != null) {
            lines.add("replicaof 127.0.0.1 " + masterPort);
        }
        Path config = writeConfig(dir, "redis.conf", lines);
        return new Node(port, dir, List.of(executable, config.toString()));
    }

    private Node sentinel(Path root, String executable, int port, int masterPort) throws IOException {
        Path dir = Files.createDirectories(root.resolve("sentinel-" + port));
        // the sentinel rewrites its configuration file (what it learnt about the replicas, the other sentinels)
        Path config = writeConfig(
                dir,
                "sentinel.conf",
                List.of(
                        "port " + port,
                        "bind 127.0.0.1",
                        "daemonize no",
                        "dir " + dir,
                        "logfile " + dir.resolve("sentinel.log"),
                        "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + masterPort + " 2",
                        "sentinel auth-pass " + MASTER_NAME + " " + password,
                        "sentinel down-after-milliseconds " + MASTER_NAME + " 2000",
                        "sentinel failover-timeout " + MASTER_NAME + " 10000",
                        "sentinel parallel-syncs " + MASTER_NAME + " 1"));
        return new Node(port, dir, List.of(executable, config.toString(), "--sentinel"));
    }

    private static Path writeConfig(Path dir, String name, List<String> lines) throws IOException {
        Path config = dir.resolve(name);
        Files.deleteIfExists(config);
        Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(config, String.join("\n", lines) + "\n");
        return config;
    }

    /** {@code host:port,...} of the sentinels: FIRSTCOME_REDIS_SENTINEL_NODES. */
    String sentinelNodes() {
        return String.join(",", sentinels.stream().map(Node::toString).toList());
    }

    String password() {
        return password;
    }

    /** The data node the sentinels name as the master now (asked of the first sentinel that answers). */
    Node master() {
        RuntimeException last = null;
        for (Node sentinel : sentinels) {
            try {
                SocketAddress address = askSentinel(sentinel, c -> c.getMasterAddrByName(MASTER_NAME));
                int port = ((java.net.InetSocketAddress) address).getPort();
                return dataNodes.stream()
                        .filter(n -> n.port() == port)
                        .findFirst()
                        .orElseThrow();
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no sentinel names a master", last);
    }

    /** The other data node (the master's replica while both run). */
    Node other(Node node) {
        return dataNodes.stream().filter(n -> n != node).findFirst().orElseThrow();
    }

    /** Starts a data node again (after a SIGKILL): the sentinels make it a replica of the current master. */
    void restart(Node node) {
        if (!node.alive()) {
            node.start();
        }
    }

    /** One command on a data node (a short-lived connection, 5 s timeout). */
    <T> T run(Node node, Function<io.lettuce.core.api.sync.RedisCommands<String, String>, T> command) {
        try (var connection = client.connect(RedisURI.builder()
                .withHost("127.0.0.1")
                .withPort(node.port())
                .withPassword(password.toCharArray())
                .withTimeout(Duration.ofSeconds(5))
                .build())) {
            return command.apply(connection.sync());
        }
    }

    private <T> T askSentinel(Node sentinel, Function<RedisSentinelCommands<String, String>, T> command) {
        try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel(RedisURI.builder()
                .withHost("127.0.0.1")
                .withPort(sentinel.port())
                .withTimeout(Duration.ofSeconds(5))
                .build())) {
            return command.apply(connection.sync());
        }
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition, String what) {
        Awaitility.await(what)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(condition);
    }

    @Override
    public void close() {
        sentinels.forEach(Node::stop);
        dataNodes.forEach(Node::stop);
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
