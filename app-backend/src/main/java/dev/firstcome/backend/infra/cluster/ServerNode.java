package dev.firstcome.backend.infra.cluster;

import dev.firstcome.backend.infra.embedded.EmbeddedParts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One FirstCome server of a {@link Topology}: a JVM of its own with its own data directory and ports. */
public final class ServerNode {

    private final int index;
    private final int httpPort;
    private final int applyPort;
    private final Path dataDir;
    private final Map<String, String> environment;
    private final List<String> command;
    private volatile Process process;

    ServerNode(int index, Path dataDir, Map<String, String> environment, List<String> jvmOptions) {
        this.index = index;
        this.dataDir = dataDir;
        this.httpPort = EmbeddedParts.freePort();
        this.applyPort = EmbeddedParts.freePort();
        this.environment = environment;
        this.command = JavaCommand.of("dev.firstcome.backend.FirstComeServer", jvmOptions, List.of());
    }

    public int index() {
        return index;
    }

    public int httpPort() {
        return httpPort;
    }

    public int applyPort() {
        return applyPort;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** Starts the JVM (returns at once; {@link #awaitUp} waits for its health). */
    void start() {
        try {
            Files.createDirectories(dataDir);
            var builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dataDir.resolve("server.out").toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("FIRSTCOME_DATA_DIR", dataDir.toString());
            builder.environment().put("FIRSTCOME_HTTP_PORT", Integer.toString(httpPort));
            builder.environment().put("FIRSTCOME_APPLY_SERVER_PORT", Integer.toString(applyPort));
            builder.environment().put("FIRSTCOME_APPLYSERVER_PORT", Integer.toString(applyPort));
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start FirstCome server " + index, e);
        }
    }

    /** Waits until {@code /actuator/health} answers UP on the main port. */
    void awaitUp(Duration timeout) {
        var client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive()) {
                throw new IllegalStateException("FirstCome server " + index + " exited with code " + process.exitValue()
                        + " (see " + dataDir.resolve("server.out") + ")");
            }
            try {
                var response = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && EmbeddedParts.portOpen(applyPort)) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            EmbeddedParts.pause(500);
        }
        throw new IllegalStateException("FirstCome server " + index + " not UP within " + timeout);
    }

    void stop() {
        Processes.stop(process, 30);
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public String toString() {
        return "server " + index + ": http://127.0.0.1:" + httpPort + " (apply http://127.0.0.1:" + applyPort + ")";
    }
}
