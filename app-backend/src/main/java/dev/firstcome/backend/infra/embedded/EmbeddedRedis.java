package dev.firstcome.backend.infra.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real redis-server child process. Uses {@code redis-server} from PATH when there is one, otherwise
 * the Redis 7.0.15 binary shipped in {@code org.signal:embedded-redis}. Data is kept in an
 * append-only file under the data directory, so a restart keeps admission state. It listens on
 * 127.0.0.1 only, in protected mode, and every client must authenticate with the data directory's
 * {@link EmbeddedPassword} (user {@code default}); the password reaches redis-server through an
 * owner-only configuration file, never through its command line.
 */
final class EmbeddedRedis implements EmbeddedServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);
    private static final String BUNDLED = "redis-server-7.0.15-linux-amd64";
    private static final String CONFIG = "redis.conf";

    private final Process process;
    private final int port;
    private final String password;
    private final Path pidFile;

    private EmbeddedRedis(Process process, int port, String password, Path pidFile) {
        this.process = process;
        this.port = port;
        this.password = password;
        this.pidFile = pidFile;
    }

    static EmbeddedRedis start(Path dataDir, boolean persistent) {
        return start(dataDir, persistent, true);
    }

    /** {@code preferPath=false} always uses the bundled Redis 7.0.15 binary (what a fresh machine runs). */
    static EmbeddedRedis start(Path requestedDataDir, boolean persistent, boolean preferPath) {
        Path dataDir = requestedDataDir.toAbsolutePath().normalize();
        try {
            Path dir = Files.createDirectories(dataDir.resolve("redis"));
            Path pidFile = dir.resolve("firstcome-redis.pid");
            Path config = dir.resolve(CONFIG);
            ProcessSupport.killOrphan(pidFile, "redis-server");
            if (ProcessSupport.killOrphans("redis-server", config.toString()) > 0) {
                log.info("Redis: stopped an orphaned embedded redis-server on {}", dir);
            }
            String password = EmbeddedPassword.of(dataDir);
            writeConfig(config, password);
            String executable = executable(dataDir, preferPath);
            int port = ProcessSupport.freePort();
            var command = new ArrayList<>(List.of(
                    executable,
                    config.toString(),
                    "--port",
                    String.valueOf(port),
                    "--bind",
                    "127.0.0.1",
                    "--protected-mode",
                    "yes",
                    "--daemonize",
                    "no",
                    "--dir",
                    dir.toString(),
                    "--save",
                    "",
                    "--logfile",
                    dir.resolve("redis.log").toString()));
            if (persistent) {
                command.addAll(List.of("--appendonly", "yes", "--appendfsync", "everysec"));
            } else {
                command.addAll(List.of("--appendonly", "no"));
            }
            Process process = ProcessSupport.start(new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.out").toFile()));
            var redis = new EmbeddedRedis(process, port, password, pidFile);
            try {
                Files.writeString(pidFile, process.pid() + "\n");
                ProcessSupport.awaitPort(port, Duration.ofSeconds(30), process, "redis-server");
            } catch (IOException | RuntimeException e) {
                redis.close();
                throw e;
            }
            log.info(
                    "Redis: embedded ({}) listening on {}, password required, data in {}",
                    executable,
                    redis.address(),
                    dir);
            return redis;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the embedded Redis", e);
        }
    }

    /**
     * The settings that must not be on the command line, which every local user can read: the password.
     * Owner read/write only, rewritten at every start from the data directory's password file.
     */
    private static void writeConfig(Path config, String password) throws IOException {
        Path tmp = config.resolveSibling(CONFIG + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException nonPosix) {
            Files.createFile(tmp);
        }
        Files.writeString(
                tmp,
                String.join(
                        "\n",
                        "# written by FirstCome at every start of its embedded Redis: edit nothing here",
                        "requirepass " + password,
                        // ps, and the next start looking for orphans, see which data directory a redis-server serves
                        "proc-title-template \"{title} {listen-addr} {server-mode} {config-file}\"",
                        ""));
        Files.move(tmp, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String executable(Path dataDir, boolean preferPath) throws IOException {
        String override = System.getProperty("firstcome.embedded.redis-executable");
        if (override != null && !override.isBlank()) {
            return override;
        }
        var onPath = ProcessSupport.findOnPath("redis-server");
        if (preferPath && onPath.isPresent()) {
            return onPath.get();
        }
        return bundledExecutable(dataDir);
    }

    /**
     * The bundled Redis 7.0.15 binary, copied (once) to {@code dataDir/bin}. One copy at a time in this JVM:
     * a cluster's nodes ask for it side by side, and each copy is a file open for writing that a concurrent
     * fork can inherit (start with {@link ProcessSupport#start}, which waits that out).
     */
    static synchronized String bundledExecutable(Path dataDir) throws IOException {
        Path target = Files.createDirectories(dataDir.resolve("bin")).resolve(BUNDLED);
        if (!Files.isExecutable(target)) {
            try (InputStream in = EmbeddedRedis.class.getClassLoader().getResourceAsStream(BUNDLED)) {
                if (in == null) {
                    throw new IllegalStateException("no redis-server on PATH and no bundled " + BUNDLED);
                }
                Path tmp = Files.createTempFile(target.getParent(), "redis", ".tmp");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return target.toString();
    }

    @Override
    public String component() {
        return "redis";
    }

    @Override
    public String address() {
        return "redis://127.0.0.1:" + port;
    }

    /** The address with the credentials: {@code redis://default:<password>@127.0.0.1:<port>}. Never log it. */
    String url() {
        return "redis://default:" + password + "@127.0.0.1:" + port;
    }

    @Override
    public Map<String, String> springProperties() {
        return Map.of("spring.data.redis.url", url());
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: redis flushes its append-only file and exits
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // harmless: killOrphan checks the command line before killing anything
        }
        log.info("Redis: embedded server on port {} stopped", port);
    }
}
