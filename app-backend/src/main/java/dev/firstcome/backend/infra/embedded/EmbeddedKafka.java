package dev.firstcome.backend.infra.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker and controller), running in this
 * JVM. The log directory is formatted once with the storage formatter and kept between runs, so
 * topics and committed consumer offsets survive a restart. Both listeners (clients and controller)
 * are bound to 127.0.0.1 only. Its threads are non-daemon: it must be closed on every exit path.
 */
final class EmbeddedKafka implements EmbeddedServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaRaftServer server;
    private final int port;

    private EmbeddedKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static EmbeddedKafka start(Path requestedDataDir, int defaultPartitions) {
        Path dataDir = requestedDataDir.toAbsolutePath().normalize();
        try {
            Path logDir = Files.createDirectories(dataDir.resolve("kafka"));
            int port = ProcessSupport.freePort();
            int controllerPort = ProcessSupport.freePort();
            var props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("log.dirs", logDir.toString());
            props.put("num.partitions", String.valueOf(defaultPartitions));
            props.put("auto.create.topics.enable", "true");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "4");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("transaction.state.log.num.partitions", "4");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("num.network.threads", "2");
            props.put("num.io.threads", "4");
            props.put("log.retention.hours", "168");
            props.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
            props.put("controlled.shutdown.enable", "false");
            props.put("unstable.api.versions.enable", "false");

            KafkaConfig config = new KafkaConfig(props);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                new Formatter()
                        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                        .setClusterId(Uuid.randomUuid().toString())
                        .setNodeId(1)
                        .setDirectories(List.of(logDir.toString()))
                        .setMetadataLogDirectory(logDir.toString())
                        .setControllerListenerName("CONTROLLER")
                        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                        .run();
            }
            var server = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                server.startup();
                ProcessSupport.awaitPort(port, Duration.ofSeconds(60), null, "Kafka broker");
            } catch (RuntimeException | Error e) {
                shutdown(server);
                throw e;
            }
            log.info("Kafka: embedded KRaft broker listening on 127.0.0.1:{}, log in {}", port, logDir);
            return new EmbeddedKafka(server, port);
        } catch (IOException e) {
            throw new IllegalStateException("could not prepare the embedded Kafka log directory", e);
        } catch (Exception e) {
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("could not format the embedded Kafka storage", e);
        }
    }

    private static void shutdown(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Kafka: error while stopping the embedded broker", e);
        }
    }

    @Override
    public String component() {
        return "kafka";
    }

    @Override
    public String address() {
        return "127.0.0.1:" + port;
    }

    @Override
    public Map<String, String> springProperties() {
        return Map.of("spring.kafka.bootstrap-servers", address());
    }

    @Override
    public void close() {
        shutdown(server);
        log.info("Kafka: embedded broker on port {} stopped", port);
    }
}
