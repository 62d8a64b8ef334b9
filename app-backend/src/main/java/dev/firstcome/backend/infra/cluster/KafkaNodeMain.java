package dev.firstcome.backend.infra.cluster;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One KRaft node (broker and controller) of a {@link KafkaCluster}, in a JVM of its own, from the Kafka
 * jars the server ships. Arguments: node id, client port, controller port, the quorum voters ({@code
 * 1@127.0.0.1:p,...}), the log directory, the cluster id. SIGTERM shuts it down.
 */
public final class KafkaNodeMain {

    private KafkaNodeMain() {}

    public static void main(String[] args) throws Exception {
        QuietLogs.apply();
        int nodeId = Integer.parseInt(args[0]);
        int port = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        String voters = args[3];
        Path logDir = Files.createDirectories(Path.of(args[4]));
        String clusterId = args[5];
        int nodes = voters.split(",").length;
        int factor = Math.min(3, nodes);
        var props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(nodeId));
        props.put("controller.quorum.voters", voters);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("num.partitions", "4");
        props.put("default.replication.factor", Integer.toString(factor));
        props.put("min.insync.replicas", factor >= 3 ? "2" : "1");
        props.put("unclean.leader.election.enable", "false");
        props.put("auto.create.topics.enable", "false");
        props.put("offsets.topic.replication.factor", Integer.toString(factor));
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", Integer.toString(factor));
        props.put("transaction.state.log.min.isr", factor >= 3 ? "2" : "1");
        props.put("transaction.state.log.num.partitions", "4");
        props.put("share.coordinator.state.topic.replication.factor", Integer.toString(factor));
        props.put("share.coordinator.state.topic.min.isr", factor >= 3 ? "2" : "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        props.put("replica.lag.time.max.ms", "10000");
        var config = new KafkaConfig(props);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setClusterId(clusterId)
                    .setNodeId(nodeId)
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        }
        var server = new KafkaRaftServer(config, Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(server::shutdown));
        server.startup();
        server.awaitShutdown();
    }
}
