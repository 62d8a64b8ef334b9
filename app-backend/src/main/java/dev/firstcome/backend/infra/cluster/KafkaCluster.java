package dev.firstcome.backend.infra.cluster;

import dev.firstcome.backend.infra.embedded.EmbeddedParts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code size} KRaft nodes (each broker and controller), each a JVM of its own ({@link KafkaNodeMain}). */
public final class KafkaCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaCluster.class);

    private final List<Broker> brokers;

    private KafkaCluster(List<Broker> brokers) {
        this.brokers = brokers;
    }

    /** One broker: its node id, client port and process. */
    public static final class Broker {
        private final int nodeId;
        private final int port;
        private final List<String> command;
        private final Path dir;
        private volatile Process process;

        Broker(int nodeId, int port, List<String> command, Path dir) {
            this.nodeId = nodeId;
            this.port = port;
            this.command = command;
            this.dir = dir;
        }

        public int nodeId() {
            return nodeId;
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

        void start() {
            try {
                process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("broker.out").toFile())
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException("could not start Kafka node " + nodeId, e);
            }
        }

        @Override
        public String toString() {
            return "127.0.0.1:" + port;
        }
    }

    public static KafkaCluster start(Path dir, int size) {
        var brokers = new ArrayList<Broker>();
        var cluster = new KafkaCluster(brokers);
        try {
            String clusterId = Uuid.randomUuid().toString();
            int[] ports = new int[size];
            int[] controllerPorts = new int[size];
            var voters = new ArrayList<String>();
            for (int i = 0; i < size; i++) {
                ports[i] = EmbeddedParts.freePort();
                controllerPorts[i] = EmbeddedParts.freePort();
                voters.add((i + 1) + "@127.0.0.1:" + controllerPorts[i]);
            }
            for (int i = 0; i < size; i++) {
                Path brokerDir = Files.createDirectories(dir.resolve("kafka-" + (i + 1)));
                var command = JavaCommand.of(
                        KafkaNodeMain.class.getName(),
                        List.of("-Xms256m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                        List.of(
                                Integer.toString(i + 1),
                                Integer.toString(ports[i]),
                                Integer.toString(controllerPorts[i]),
                                String.join(",", voters),
                                brokerDir.resolve("log").toString(),
                                clusterId));
                var broker = new Broker(i + 1, ports[i], command, brokerDir);
                broker.start();
                brokers.add(broker);
            }
            for (Broker broker : brokers) {
                EmbeddedParts.awaitPort(broker.port(), Duration.ofMinutes(5), broker.process, "Kafka node");
            }
            cluster.awaitBrokers(size, Duration.ofMinutes(5));
            log.info("Kafka: {} KRaft brokers on {}", size, cluster.bootstrapServers());
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** Waits until the cluster reports {@code count} brokers. */
    public void awaitBrokers(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                try {
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= count) {
                        return;
                    }
                } catch (Exception e) {
                    log.debug("Kafka: not yet {} brokers: {}", count, e.getMessage());
                }
                EmbeddedParts.pause(200);
            }
        }
        throw new IllegalStateException("Kafka: not " + count + " brokers within " + timeout);
    }

    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10000));
    }

    /** FIRSTCOME_KAFKA_BOOTSTRAP_SERVERS. */
    public String bootstrapServers() {
        return String.join(",", brokers.stream().map(Broker::toString).toList());
    }

    public List<Broker> brokers() {
        return List.copyOf(brokers);
    }

    /** Starts a broker again (after a SIGKILL), on its port and log directory. */
    public void restart(Broker broker) {
        if (!broker.alive()) {
            broker.start();
            EmbeddedParts.awaitPort(broker.port(), Duration.ofMinutes(5), broker.process, "Kafka node");
        }
    }

    @Override
    public void close() {
        // brokers first, then the last ones hold the quorum a little longer: stop all at once, then wait
        brokers.forEach(b -> {
            if (b.alive()) {
                b.process.destroy();
            }
        });
        brokers.forEach(b -> Processes.stop(b.process, 20));
    }
}
