package dev.firstcome.backend.infra.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded servers running in this JVM, shared by every application context that uses the same
 * data directory. Each context holds a lease; the servers stop when the last lease is released
 * (stop mode {@code context}) or when the JVM exits (stop mode {@code jvm}, used by the test suite so
 * that many test contexts share one set of servers).
 */
public final class EmbeddedServers {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);
    private static final Map<String, EmbeddedServer> running = new HashMap<>();
    private static final Map<String, Integer> leases = new HashMap<>();
    private static final AtomicBoolean hookInstalled = new AtomicBoolean();

    private EmbeddedServers() {}

    /** Starts (or reuses) one component and takes a lease on it. Returns the address clients use. */
    static synchronized String acquire(
            String component, Path dataDir, java.util.function.Supplier<EmbeddedServer> starter) {
        installShutdownHook();
        String key = key(component, dataDir);
        EmbeddedServer server = running.get(key);
        if (server == null) {
            server = starter.get();
            running.put(key, server);
        } else {
            log.info("{}: reusing the embedded server at {}", component, server.address());
        }
        leases.merge(key, 1, Integer::sum);
        return server.address();
    }

    static synchronized void release(String component, Path dataDir, boolean stopWhenUnused) {
        String key = key(component, dataDir);
        Integer count = leases.get(key);
        if (count == null) {
            return;
        }
        if (count > 1) {
            leases.put(key, count - 1);
            return;
        }
        leases.remove(key);
        if (stopWhenUnused) {
            EmbeddedServer server = running.remove(key);
            if (server != null) {
                closeQuietly(server);
            }
        }
    }

    /** Stops every embedded server now (JVM exit, or a test that restarts them). */
    public static synchronized void stopAll() {
        // stop in reverse start order: clients of Kafka and PostgreSQL are gone by now
        List<EmbeddedServer> servers = new ArrayList<>(running.values());
        java.util.Collections.reverse(servers);
        servers.forEach(EmbeddedServers::closeQuietly);
        running.clear();
        leases.clear();
    }

    /** Stops one component's embedded server, so that a test can prove state survives a restart. */
    public static synchronized void stop(String component, Path dataDir) {
        String key = key(component, dataDir);
        EmbeddedServer server = running.remove(key);
        leases.remove(key);
        if (server != null) {
            closeQuietly(server);
        }
    }

    private static void closeQuietly(EmbeddedServer server) {
        try {
            server.close();
        } catch (RuntimeException e) {
            log.warn("{}: error while stopping the embedded server", server.component(), e);
        }
    }

    private static void installShutdownHook() {
        if (hookInstalled.compareAndSet(false, true)) {
            Runtime.getRuntime()
                    .addShutdownHook(
                            Thread.ofPlatform().name("firstcome-embedded-stop").unstarted(() -> {
                                // give Spring's own hook the chance to close contexts (flush producer, commit offsets)
                                // first
                                long deadline = System.nanoTime() + 10_000_000_000L;
                                while (hasLeases() && System.nanoTime() < deadline) {
                                    ProcessSupport.pause(100);
                                }
                                stopAll();
                            }));
        }
    }

    private static synchronized boolean hasLeases() {
        return !leases.isEmpty();
    }

    private static String key(String component, Path dataDir) {
        return component + "@" + dataDir.toAbsolutePath().normalize();
    }
}
