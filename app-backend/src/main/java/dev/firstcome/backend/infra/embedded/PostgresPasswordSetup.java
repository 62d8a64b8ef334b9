package dev.firstcome.backend.infra.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The embedded PostgreSQL's authentication: the superuser's SCRAM-SHA-256 password, set in
 * single-user mode, and a pg_hba.conf that asks every connection for it.
 */
final class PostgresPasswordSetup {

    private PostgresPasswordSetup() {}

    /**
     * Makes every connection need the password, before the server accepts any: sets the superuser's
     * password in single-user mode (no listener at all, so no trusted connection is ever open) as a
     * SCRAM-SHA-256 verifier computed here (the password itself never reaches PostgreSQL, its logs or a
     * command line), then writes a pg_hba.conf that asks every connection for it. Done at every start, so
     * a cluster initialised with {@code trust} by an older FirstCome is migrated, and the password file stays
     * the one source of truth.
     */
    static void requirePassword(Path bin, Path data, String password) throws IOException {
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
        Process single = ProcessSupport.start(
                new ProcessBuilder(command).directory(data.getParent().toFile()).redirectErrorStream(true));
        try (var stdin = single.getOutputStream()) {
            stdin.write(("ALTER ROLE " + EmbeddedPostgresServer.USER + " PASSWORD '" + verifier + "'\n")
                    .getBytes(StandardCharsets.US_ASCII));
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
        // written by this JVM (root, when PostgreSQL runs as uid 65534) into a directory uid 65534 owns: never through
        // a symbolic link planted there
        try (var out = Files.newByteChannel(
                data.resolve("pg_hba.conf"),
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            out.write(java.nio.ByteBuffer.wrap(PG_HBA.getBytes(StandardCharsets.UTF_8)));
        }
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
}
