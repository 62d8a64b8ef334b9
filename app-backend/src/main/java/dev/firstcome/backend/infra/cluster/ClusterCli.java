package dev.firstcome.backend.infra.cluster;

import dev.firstcome.backend.infra.embedded.EmbeddedParts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./cluster up}: starts a {@link Topology} and keeps it until SIGTERM ({@code ./cluster down}),
 * then stops everything it started. Options: {@code --dir <path>} (default {@code ~/.firstcome-cluster}),
 * {@code --servers <n>} (default 2), {@code --main-port <p>} and {@code --apply-port <p>} (HAProxy's
 * ports; default 8080 and 8081, checked free before anything starts). Every server gets the same admin
 * token, kept in {@code <dir>/admin-token} (generated on the first {@code up}, owner-only): HAProxy sends
 * each request to any server, so a token one server generated for itself would fail on the others.
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
        for (int port : new int[] {main, apply}) {
            if (!EmbeddedParts.portFree(port)) {
                System.err.println("port " + port + " is in use: choose others with --main-port and --apply-port");
                System.exit(2);
            }
        }
        var options = Topology.Options.defaults(dir)
                .withServers(servers)
                .withPorts(main, apply)
                .withAdminToken(adminToken(dir));
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

    /** The cluster's admin token: read from {@code <dir>/admin-token}, or generated there (owner-only). */
    private static String adminToken(Path dir) {
        Path file = dir.resolve("admin-token");
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file).trim();
            }
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            String token = "fc_" + HexFormat.of().formatHex(bytes);
            Files.createDirectories(dir);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, token + "\n");
            return token;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or write the cluster's admin token " + file, e);
        }
    }
}
