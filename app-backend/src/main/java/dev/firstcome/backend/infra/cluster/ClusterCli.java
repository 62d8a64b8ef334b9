package dev.firstcome.backend.infra.cluster;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./cluster up}: starts a {@link Topology} and keeps it until SIGTERM ({@code ./cluster down}),
 * then stops everything it started. Options: {@code --dir <path>} (default {@code ~/.firstcome-cluster}),
 * {@code --servers <n>} (default 2), {@code --main-port <p>} and {@code --apply-port <p>} (HAProxy's
 * ports; default 8080 and 8081).
 */
public final class ClusterCli {

    private ClusterCli() {}

    public static void main(String[] args) throws InterruptedException {
        QuietLogs.apply();
        Path dir = Path.of(System.getProperty("user.home"), ".firstcome-cluster");
        int servers = 2;
        int main = 8080;
        int apply = 8081;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "up" -> {}
                case "--dir" -> dir = Path.of(args[++i]);
                case "--servers" -> servers = Integer.parseInt(args[++i]);
                case "--main-port" -> main = Integer.parseInt(args[++i]);
                case "--apply-port" -> apply = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        var options = Topology.Options.defaults(dir).withServers(servers).withPorts(main, apply);
        Topology topology = Topology.start(options);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            topology.close();
            stopped.countDown();
        }));
        topology.writeState(ProcessHandle.current().pid());
        System.out.println(topology.describe());
        System.out.println("CLUSTER UP");
        stopped.await();
    }
}
