package dev.firstcome.backend.infra.cluster;

import dev.firstcome.backend.infra.embedded.EmbeddedParts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy in front of the servers: one frontend for the main ports (the API, the console, health), one
 * for the apply servers; round robin, checked every second on the readiness probe ({@code
 * /actuator/health/readiness}: the server is up and not shutting down), a connection that fails is retried
 * on another server. Not on {@code /actuator/health}: it reports the shared Redis, Kafka and PostgreSQL,
 * which every server sees alike, and waits up to their timeouts; a PostgreSQL restart (which the apply
 * path does not need) or a Redis failover took every server out of HAProxy at once and it answered 503 to
 * everyone. Installed with apt-get when missing.
 */
final class Haproxy implements AutoCloseable {

    /** The readiness probe (the servers run with {@code management.endpoint.health.probes.enabled}). */
    static final String READINESS = "/actuator/health/readiness";

    private final int mainPort;
    private final int applyPort;
    private final Process process;

    private Haproxy(int mainPort, int applyPort, Process process) {
        this.mainPort = mainPort;
        this.applyPort = applyPort;
        this.process = process;
    }

    static Haproxy start(Path dir, List<ServerNode> servers, int mainPort, int applyPort) {
        String executable = executable();
        try {
            Path config = Files.createDirectories(dir).resolve("haproxy.cfg");
            var cfg = new StringBuilder();
            cfg.append("global\n  maxconn 4000\n\n")
                    .append("defaults\n  mode http\n  timeout connect 2s\n  timeout client 60s\n")
                    .append("  timeout server 60s\n  timeout check 2s\n  option redispatch\n  retries 3\n")
                    .append("  retry-on conn-failure empty-response response-timeout\n\n");
            cfg.append("frontend main\n  bind 127.0.0.1:").append(mainPort).append("\n  default_backend servers\n\n");
            cfg.append("frontend apply\n  bind 127.0.0.1:")
                    .append(applyPort)
                    .append("\n  default_backend apply_servers\n\n");
            cfg.append("backend servers\n  balance roundrobin\n  option httpchk GET " + READINESS + "\n");
            for (ServerNode s : servers) {
                cfg.append("  server s")
                        .append(s.index())
                        .append(" 127.0.0.1:")
                        .append(s.httpPort())
                        .append(" check inter 1s fall 2 rise 2\n");
            }
            cfg.append("\nbackend apply_servers\n  balance roundrobin\n");
            for (ServerNode s : servers) {
                // the apply server has no health route: its server's main port says whether it is ready
                cfg.append("  server a")
                        .append(s.index())
                        .append(" 127.0.0.1:")
                        .append(s.applyPort())
                        .append(" check port ")
                        .append(s.httpPort())
                        .append(" inter 1s fall 2 rise 2\n");
            }
            cfg.append("  option httpchk GET " + READINESS + "\n");
            Files.writeString(config, cfg.toString());
            Process process = new ProcessBuilder(executable, "-db", "-f", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("haproxy.out").toFile())
                    .start();
            EmbeddedParts.awaitPort(mainPort, Duration.ofSeconds(20), process, "haproxy");
            EmbeddedParts.awaitPort(applyPort, Duration.ofSeconds(20), process, "haproxy");
            return new Haproxy(mainPort, applyPort, process);
        } catch (IOException e) {
            throw new IllegalStateException("could not start haproxy", e);
        }
    }

    /** haproxy from PATH, or installed from the distribution's packages. */
    private static String executable() {
        for (String candidate : List.of("/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        try {
            for (List<String> step :
                    List.of(List.of("apt-get", "update", "-q"), List.of("apt-get", "install", "-y", "-q", "haproxy"))) {
                Process p = new ProcessBuilder(step).inheritIO().start();
                if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", step) + " failed");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("haproxy is not installed and apt-get could not install it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return "/usr/sbin/haproxy";
    }

    int mainPort() {
        return mainPort;
    }

    int applyPort() {
        return applyPort;
    }

    @Override
    public void close() {
        Processes.stop(process, 10);
    }
}
