package dev.firstcome.backend.infra.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded servers running in this JVM, shared by every application context that uses the same
 * data directory. Each context holds a lease; the servers stop when the last lease is released
 * (stop mode {@code context}) or when the JVM exits (stop mode {@code jvm}, used by the test suite so
 * that many test contexts share one set of servers).
 *
 * <p>The first server of a data directory is started only once this process holds the directory's
 * {@link DataDirLock}; the lock is released when the last of its servers stops. A server that fails to
 * start leaves nothing running: what it started is stopped before the exception propagates.
 */
public final class EmbeddedServers {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);
    // in start order: stopped in reverse
    private static final Map<Key, EmbeddedServer> running = new LinkedHashMap<>();
    private static final Map<Key, Integer> leases = new HashMap<>();
    private static final Map<Path, DataDirLock> locks = new HashMap<>();
    private static final AtomicBoolean hookInstalled = new AtomicBoolean();

    private static final java.util.List<StartListener> startListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private EmbeddedServers() {}

    /** Told when an embedded component begins to start and when it is up (the console's splash shows it). */
    public interface StartListener {

        void starting(String component);

        void started(String component, java.time.Duration took);
    }

    public static void addStartListener(StartListener listener) {
        startListeners.add(listener);
    }

    public static void removeStartListener(StartListener listener) {
        startListeners.remove(listener);
    }

    /**
     * Starts (or reuses) one component and takes a lease on it. The data directory is locked for this
     * process first: if another process holds it, this fails with {@link DataDirLock.DataDirInUseException}
     * before anything starts.
     */
    static synchronized EmbeddedServer acquire(String component, Path dataDir, Supplier<EmbeddedServer> starter) {
        installShutdownHook();
        Key key = new Key(component, dataDir);
        EmbeddedServer server = running.get(key);
        if (server == null) {
            locks.computeIfAbsent(key.dataDir(), DataDirLock::acquire);
            try {
                startListeners.forEach(l -> l.starting(component));
                long begin = System.nanoTime();
                server = starter.get();
                java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - begin);
                startListeners.forEach(l -> l.started(component, took));
            } catch (RuntimeException | Error e) {
                unlockIfIdle(key.dataDir());
                throw e;
            }
            running.put(key, server);
        } else {
            log.info("{}: reusing the embedded server at {}", component, server.address());
        }
        leases.merge(key, 1, Integer::sum);
        return server;
    }

    static synchronized void release(String component, Path dataDir, boolean stopWhenUnused) {
        Key key = new Key(component, dataDir);
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
            unlockIfIdle(key.dataDir());
        }
    }

    /** Stops every embedded server now (JVM exit, or a test that restarts them) and unlocks their data directories. */
    public static synchronized void stopAll() {
        // stop in reverse start order: clients of Kafka and PostgreSQL are gone by now
        List<EmbeddedServer> servers = new ArrayList<>(running.values());
        Collections.reverse(servers);
        servers.forEach(EmbeddedServers::closeQuietly);
        running.clear();
        leases.clear();
        locks.values().forEach(DataDirLock::release);
        locks.clear();
    }

    /** Stops one component's embedded server, so that a test can prove state survives a restart. */
    public static synchronized void stop(String component, Path dataDir) {
        Key key = new Key(component, dataDir);
        EmbeddedServer server = running.remove(key);
        leases.remove(key);
        if (server != null) {
            closeQuietly(server);
        }
        unlockIfIdle(key.dataDir());
    }

    /** Releases the data directory's lock once none of its servers runs in this JVM. */
    private static void unlockIfIdle(Path dataDir) {
        if (running.keySet().stream().noneMatch(key -> key.dataDir().equals(dataDir))) {
            DataDirLock lock = locks.remove(dataDir);
            if (lock != null) {
                lock.release();
            }
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

    /** One component on one data directory. */
    private record Key(String component, Path dataDir) {
        Key {
            dataDir = dataDir.toAbsolutePath().normalize();
        }
    }
}
