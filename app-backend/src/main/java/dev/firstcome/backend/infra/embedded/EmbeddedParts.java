package dev.firstcome.backend.infra.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What the embedded servers are made of, for the cluster launcher ({@code infra.cluster}): the bundled
 * redis-server binary, a PostgreSQL all servers of a cluster share, free ports. Nothing here registers
 * with {@link EmbeddedServers}: the caller owns what it starts.
 */
public final class EmbeddedParts {

    private EmbeddedParts() {}

    /** The redis-server binary shipped in embedded-redis (Redis 7.0.15), copied under {@code dataDir/bin}. */
    public static String bundledRedisServer(Path dataDir) {
        try {
            return EmbeddedRedis.bundledExecutable(dataDir.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new IllegalStateException("could not extract the bundled redis-server", e);
        }
    }

    /** A free TCP port on the loopback interface. */
    public static int freePort() {
        return ProcessSupport.freePort();
    }

    /** Whether something listens on the loopback port. */
    public static boolean portOpen(int port) {
        return ProcessSupport.portOpen(port);
    }

    /** Waits until something listens on the port, failing early when the process exits. */
    public static void awaitPort(int port, Duration timeout, Process process, String what) {
        ProcessSupport.awaitPort(port, timeout, process, what);
    }

    /**
     * The start-up poll of a child process (no event says "the cluster formed"), as the embedded servers
     * poll theirs: launcher code only, never the server's request paths.
     */
    public static void pause(long millis) {
        ProcessSupport.pause(millis);
    }

    /** A PostgreSQL 18 server under {@code dataDir} (the embedded one's layout), password protected. */
    public static Database startPostgres(Path dataDir) {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, true);
        Map<String, String> props = server.springProperties();
        return new Database(
                props.get("spring.datasource.url"),
                props.get("spring.datasource.username"),
                props.get("spring.datasource.password"),
                server);
    }

    /** A running database: its JDBC address and credentials; close stops it. */
    public record Database(String url, String user, String password, AutoCloseable server) implements AutoCloseable {

        @Override
        public void close() {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop PostgreSQL", e);
            }
        }

        @Override
        public String toString() {
            return "Database[" + url + "]";
        }
    }
}
