package dev.firstcome.backend.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL's home cannot be planted by another local user (issue 33, finding 4). As root it
 * used to be {@code /var/tmp/firstcome-postgres-<sha1(data dir)[:12]>}, reused whatever stood there: a
 * planted directory's {@code bin/initdb} was executed, a planted symbolic link was followed, chmodded and
 * written into. These tests plant both at that old name, and a bad home behind the data directory's link.
 * "Another user" is uid 65534 when the tests run as root (as CI does), else a world-writable directory.
 */
class EmbeddedPostgresHomeIntegrationTests {

    private final List<Path> planted = new java.util.ArrayList<>();

    @AfterEach
    void removePlanted() throws IOException {
        for (Path p : planted) {
            if (Files.isSymbolicLink(p)) {
                Files.delete(p);
            } else if (Files.exists(p)) {
                try (Stream<Path> paths = Files.walk(p)) {
                    for (Path q :
                            paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(q);
                    }
                }
            }
        }
    }

    @Test
    void directoryPlantedAtThePredictableNameIsNeverExecuted() throws Exception {
        Path dataDir = EmbeddedTestSupport.newDataDir("planted-home-test");
        Path plantedHome = plant(oldPredictableHome(dataDir));
        Path bin = Files.createDirectories(plantedHome.resolve("pg18/bin"));
        Files.writeString(plantedHome.resolve("pg18/.complete"), "planted\n");
        Path marker = plantedHome.resolve("initdb-ran");
        Path initdb = bin.resolve("initdb");
        Files.writeString(initdb, "#!/bin/sh\ntouch '" + marker + "'\nexit 1\n");
        openToEveryone(plantedHome);
        ownByAnotherUser(plantedHome);

        try (var postgres = EmbeddedPostgresServer.start(dataDir, false)) {
            assertThat(postgres.address()).startsWith("jdbc:postgresql://127.0.0.1:");
        } finally {
            assertThat(marker).as("the planted bin/initdb ran").doesNotExist();
            assertThat(EmbeddedTestSupport.postgresHome(dataDir)).isNotEqualTo(java.util.Optional.of(plantedHome));
            EmbeddedTestSupport.delete(dataDir);
        }
    }

    @Test
    void symbolicLinkPlantedAtThePredictableNameIsNeverFollowed() throws Exception {
        Path dataDir = EmbeddedTestSupport.newDataDir("planted-link-test");
        Path victim = plant(Files.createTempDirectory(Path.of("/var/tmp"), "victim-"));
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rwx------"));
        ownByAnotherUser(victim);
        Object victimOwner = Files.getAttribute(victim, "unix:uid");
        Files.createSymbolicLink(plant(oldPredictableHome(dataDir)), victim);

        try (var postgres = EmbeddedPostgresServer.start(dataDir, false)) {
            assertThat(postgres.address()).startsWith("jdbc:postgresql://127.0.0.1:");
        } finally {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(victim)))
                    .isEqualTo("rwx------");
            assertThat(Files.getAttribute(victim, "unix:uid")).isEqualTo(victimOwner);
            try (Stream<Path> written = Files.list(victim)) {
                assertThat(written).as("written into the victim's directory").isEmpty();
            }
            EmbeddedTestSupport.delete(dataDir);
        }
    }

    @Test
    void recordedHomeThatIsALinkOrNotPrivateIsRefusedNamingIt() throws Exception {
        Path dataDir = EmbeddedTestSupport.newDataDir("recorded-home-test");
        Path victim = plant(Files.createTempDirectory(Path.of("/var/tmp"), "victim-"));
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rwx------"));
        Path linked = plant(Path.of("/var/tmp", "firstcome-postgres-linked-" + System.nanoTime()));
        Files.createSymbolicLink(linked, victim);
        Path home = ProcessSupport.runningAsRoot() ? linked : dataDir.resolve("postgres");
        if (ProcessSupport.runningAsRoot()) {
            Files.createSymbolicLink(dataDir.resolve("postgres"), linked);
        } else {
            Files.createSymbolicLink(home, victim);
        }

        assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir, false))
                .hasMessageContaining(home + " is a symbolic link");
        try (Stream<Path> written = Files.list(victim)) {
            assertThat(written).isEmpty();
        }

        Files.delete(home);
        Path open = Files.createDirectory(home);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir, false))
                .hasMessageContaining(home + " is writable by other users");
        try (Stream<Path> written = Files.list(open)) {
            assertThat(written).isEmpty();
        }
        if (ProcessSupport.runningAsRoot()) {
            Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwx--x--x"));
            Files.setAttribute(open, "unix:uid", ProcessSupport.UNPRIVILEGED_ID);
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir, false))
                    .hasMessageContaining(home + " is owned by uid 65534");
        }
        Files.delete(open);
        Files.deleteIfExists(dataDir.resolve("postgres"));
        EmbeddedTestSupport.delete(dataDir);
    }

    private Path plant(Path path) {
        planted.add(path);
        return path;
    }

    /** Where the old code put the home as root, whatever stood there. */
    private static Path oldPredictableHome(Path dataDir) throws Exception {
        String sha1 = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-1")
                        .digest(dataDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8)));
        return Path.of("/var/tmp", "firstcome-postgres-" + sha1.substring(0, 12));
    }

    private static void openToEveryone(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
            }
        }
    }

    private static void ownByAnotherUser(Path root) throws IOException {
        if (!ProcessSupport.runningAsRoot()) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                Files.setAttribute(p, "unix:uid", ProcessSupport.UNPRIVILEGED_ID, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", ProcessSupport.UNPRIVILEGED_ID, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }
}
