package dev.firstcome.backend.infra.cluster;

import dev.firstcome.backend.infra.embedded.EmbeddedParts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A production-shaped FirstCome on one machine, from what the project ships: a Redis Cluster (the bundled
 * redis-server; 3 masters, 3 replicas), 3 KRaft brokers (JVMs from the server's Kafka jars), one
 * PostgreSQL (the embedded binaries, or {@code FIRSTCOME_DB_URL}), N FirstCome servers (each its own
 * data directory) and HAProxy in front of their main ports and apply servers. {@code ./cluster} and the
 * chaos tests both start it with {@link #start}.
 */
public final class Topology implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Topology.class);

    /** What to start. {@code extraEnvironment}: more FIRSTCOME_* settings for every server. */
    public record Options(
            Path dir,
            int redisMasters,
            int kafkaBrokers,
            int servers,
            Duration redisNodeTimeout,
            String adminToken,
            String databaseUrl,
            String databaseUser,
            String databasePassword,
            int mainPort,
            int applyPort,
            List<String> serverJvmOptions,
            Map<String, String> extraEnvironment) {

        public static Options defaults(Path dir) {
            return new Options(
                    dir,
                    3,
                    3,
                    2,
                    Duration.ofSeconds(3),
                    null,
                    null,
                    null,
                    null,
                    0,
                    0,
                    List.of("-Xms256m", "-Xmx768m"),
                    Map.of());
        }

        public Options withServers(int count) {
            return new Options(
                    dir,
                    redisMasters,
                    kafkaBrokers,
                    count,
                    redisNodeTimeout,
                    adminToken,
                    databaseUrl,
                    databaseUser,
                    databasePassword,
                    mainPort,
                    applyPort,
                    serverJvmOptions,
                    extraEnvironment);
        }

        public Options withAdminToken(String token) {
            return new Options(
                    dir,
                    redisMasters,
                    kafkaBrokers,
                    servers,
                    redisNodeTimeout,
                    token,
                    databaseUrl,
                    databaseUser,
                    databasePassword,
                    mainPort,
                    applyPort,
                    serverJvmOptions,
                    extraEnvironment);
        }

        public Options withEnvironment(Map<String, String> environment) {
            return new Options(
                    dir,
                    redisMasters,
                    kafkaBrokers,
                    servers,
                    redisNodeTimeout,
                    adminToken,
                    databaseUrl,
                    databaseUser,
                    databasePassword,
                    mainPort,
                    applyPort,
                    serverJvmOptions,
                    environment);
        }

        public Options withServerJvmOptions(List<String> jvmOptions) {
            return new Options(
                    dir,
                    redisMasters,
                    kafkaBrokers,
                    servers,
                    redisNodeTimeout,
                    adminToken,
                    databaseUrl,
                    databaseUser,
                    databasePassword,
                    mainPort,
                    applyPort,
                    jvmOptions,
                    extraEnvironment);
        }

        public Options withPorts(int main, int apply) {
            return new Options(
                    dir,
                    redisMasters,
                    kafkaBrokers,
                    servers,
                    redisNodeTimeout,
                    adminToken,
                    databaseUrl,
                    databaseUser,
                    databasePassword,
                    main,
                    apply,
                    serverJvmOptions,
                    extraEnvironment);
        }
    }

    private final Options options;
    private RedisCluster redis;
    private KafkaCluster kafka;
    private EmbeddedParts.Database database;
    private final List<ServerNode> servers = new ArrayList<>();
    private Haproxy haproxy;
    private final Map<String, String> environment = new LinkedHashMap<>();

    private Topology(Options options) {
        this.options = options;
    }

    /** Starts everything (Redis and Kafka and PostgreSQL side by side, then the servers, then HAProxy). */
    public static Topology start(Options options) {
        var topology = new Topology(options);
        try {
            topology.startAll();
            return topology;
        } catch (RuntimeException e) {
            topology.close();
            throw e;
        }
    }

    private void startAll() {
        Path dir = options.dir().toAbsolutePath().normalize();
        String password = "redis-" + Long.toHexString(new java.security.SecureRandom().nextLong());
        // threads of their own, not the common pool: with 2 cores it has one worker, and Lettuce completes
        // connection handshakes there (a start blocked on it would wait for itself)
        var starters = java.util.concurrent.Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("firstcome-cluster-start-", 0).factory());
        var redisStart = CompletableFuture.supplyAsync(
                () -> RedisCluster.start(
                        dir.resolve("redis"), options.redisMasters(), password, options.redisNodeTimeout()),
                starters);
        var kafkaStart = CompletableFuture.supplyAsync(
                () -> KafkaCluster.start(dir.resolve("kafka"), options.kafkaBrokers()), starters);
        starters.shutdown();
        try {
            if (options.databaseUrl() == null) {
                database = EmbeddedParts.startPostgres(dir.resolve("postgres"));
            }
        } finally {
            redis = joinQuietly(redisStart);
            kafka = joinQuietly(kafkaStart);
        }
        if (redis == null || kafka == null) {
            throw new IllegalStateException("Redis Cluster or Kafka did not start (see the logs under " + dir + ")");
        }
        environment.put("FIRSTCOME_REDIS_CLUSTER_NODES", redis.nodesAddress());
        environment.put("FIRSTCOME_REDIS_PASSWORD", password);
        environment.put("FIRSTCOME_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("FIRSTCOME_DB_URL", database != null ? database.url() : options.databaseUrl());
        environment.put("FIRSTCOME_DB_USER", database != null ? database.user() : options.databaseUser());
        environment.put("FIRSTCOME_DB_PASSWORD", database != null ? database.password() : options.databasePassword());
        // the readiness probe HAProxy checks (Haproxy.READINESS)
        environment.put("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");
        if (options.adminToken() != null) {
            environment.put("FIRSTCOME_ADMIN_TOKEN", options.adminToken());
        }
        environment.putAll(options.extraEnvironment());
        for (int i = 1; i <= options.servers(); i++) {
            servers.add(new ServerNode(i, dir.resolve("server-" + i), environment, options.serverJvmOptions()));
        }
        // the first server migrates the schema and creates the topics alone; the others then start together
        servers.getFirst().start();
        servers.getFirst().awaitUp(Duration.ofMinutes(5));
        servers.subList(1, servers.size()).forEach(ServerNode::start);
        servers.subList(1, servers.size()).forEach(s -> s.awaitUp(Duration.ofMinutes(5)));
        int main = options.mainPort() > 0 ? options.mainPort() : EmbeddedParts.freePort();
        int apply = options.applyPort() > 0 ? options.applyPort() : EmbeddedParts.freePort();
        haproxy = Haproxy.start(dir.resolve("haproxy"), servers, main, apply);
        log.info("FirstCome cluster up:\n{}", describe());
    }

    private static <T> T joinQuietly(CompletableFuture<T> start) {
        try {
            return start.join();
        } catch (RuntimeException e) {
            log.error("start failed", e);
            return null;
        }
    }

    public RedisCluster redis() {
        return redis;
    }

    public KafkaCluster kafka() {
        return kafka;
    }

    public List<ServerNode> servers() {
        return List.copyOf(servers);
    }

    /** The settings every server runs with (FIRSTCOME_*, credentials included: never log them). */
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    public String mainUrl() {
        return "http://127.0.0.1:" + haproxy.mainPort();
    }

    public String applyUrl() {
        return "http://127.0.0.1:" + haproxy.applyPort();
    }

    /** Starts a server again (after a SIGKILL) and waits for it to be UP. */
    public void restart(ServerNode server) {
        if (!server.alive()) {
            server.start();
            server.awaitUp(Duration.ofMinutes(5));
        }
    }

    /** Restarts the embedded PostgreSQL on the same port and data (the servers reconnect). */
    public void restartDatabase() {
        if (database == null) {
            throw new IllegalStateException("the database is external (FIRSTCOME_DB_URL): restart it there");
        }
        database = database.restart();
    }

    /** The addresses, one per line (no credentials). */
    public String describe() {
        var lines = new ArrayList<String>();
        lines.add("main (HAProxy)   " + mainUrl());
        lines.add("apply (HAProxy)  " + applyUrl());
        servers.forEach(s -> lines.add(s.toString()));
        lines.add("Redis Cluster    " + redis.nodesAddress() + " (3 masters, 3 replicas; password in "
                + options.dir().resolve("cluster.env") + ")");
        lines.add("Kafka            " + kafka.bootstrapServers());
        lines.add("PostgreSQL       " + environment.get("FIRSTCOME_DB_URL"));
        return String.join("\n", lines);
    }

    /**
     * Writes {@code cluster.env} (the servers' settings, owner-only) and {@code cluster.txt} (the addresses,
     * and where the admin token is when {@code ./cluster} keeps one in the directory).
     */
    public void writeState(long launcherPid) {
        try {
            Path env = options.dir().resolve("cluster.env");
            Files.deleteIfExists(env);
            Files.createFile(
                    env,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            var text = new StringBuilder();
            environment.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            Files.writeString(env, text);
            Path token = options.dir().resolve("admin-token");
            Files.writeString(
                    options.dir().resolve("cluster.txt"),
                    "launcher pid " + launcherPid + "\n" + describe() + "\n"
                            + (Files.isRegularFile(token) ? "admin token      " + token + " (every server)\n" : ""));
        } catch (IOException e) {
            throw new IllegalStateException("could not write the cluster's state", e);
        }
    }

    @Override
    public void close() {
        if (haproxy != null) {
            haproxy.close();
        }
        servers.forEach(ServerNode::stop);
        if (kafka != null) {
            kafka.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
