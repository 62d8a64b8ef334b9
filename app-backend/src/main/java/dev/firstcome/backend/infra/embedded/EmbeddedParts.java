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

    /** Starts the process, waiting out an executable that is briefly "Text file busy" ({@link ProcessSupport#start}). */
    public static Process start(ProcessBuilder builder) throws IOException {
        return ProcessSupport.start(builder);
    }

    /** A free TCP port on the loopback interface. */
    public static int freePort() {
        return ProcessSupport.freePort();
    }

    /** A free port whose port + {@code offset} is free too (a Redis Cluster node's bus), below the ephemeral range. */
    public static int freePortPair(int offset) {
        return ProcessSupport.freePortPair(offset);
    }

    /** Whether the loopback port can be bound now (nothing listens on it). */
    public static boolean portFree(int port) {
        return ProcessSupport.bindable(port);
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
        return startPostgres(dataDir, 0);
    }

    private static Database startPostgres(Path dataDir, int port) {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, true, port);
        Map<String, String> props = server.springProperties();
        String url = props.get("spring.datasource.url");
        int actualPort = Integer.parseInt(url.replaceAll("^jdbc:postgresql://[^:]+:(\\d+)/.*$", "$1"));
        return new Database(
                url,
                props.get("spring.datasource.username"),
                props.get("spring.datasource.password"),
                server,
                dataDir,
                actualPort);
    }

    /** A running database: its JDBC address and credentials; close stops it, restart starts it again. */
    public record Database(String url, String user, String password, AutoCloseable server, Path dataDir, int port)
            implements AutoCloseable {

        @Override
        public void close() {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop PostgreSQL", e);
            }
        }

        /** Stops PostgreSQL (fast shutdown) and starts it again on the same port and data: the new handle. */
        public Database restart() {
            close();
            return startPostgres(dataDir, port);
        }

        @Override
        public String toString() {
            return "Database[" + url + "]";
        }
    }
}
