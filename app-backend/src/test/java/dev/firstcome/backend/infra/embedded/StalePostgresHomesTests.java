package dev.firstcome.backend.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root-run embedded PostgreSQL's homes are removed once their data directory is gone, and nothing else is:
 * a home still linked from its data directory, a young one (another start may be about to link it), one whose
 * postmaster runs, a link planted under the prefix, a home of the old naming without an OWNER file.
 */
class StalePostgresHomesTests {

    @TempDir
    Path parent;

    @TempDir
    Path dataDirs;

    @Test
    void onlyHomesWhoseDataDirectoryIsGoneAreRemoved() throws IOException {
        Path gone = home("gone", dataDirs.resolve("deleted-data-dir"), Duration.ofHours(1));
        Path relinked = home("relinked", Files.createDirectories(dataDirs.resolve("moved-on")), Duration.ofHours(1));
        Files.createSymbolicLink(dataDirs.resolve("moved-on").resolve("postgres"), parent.resolve("elsewhere"));
        Path live = home("live", Files.createDirectories(dataDirs.resolve("live")), Duration.ofHours(1));
        Files.createSymbolicLink(dataDirs.resolve("live").resolve("postgres"), live);
        Path young = home("young", dataDirs.resolve("young-and-gone"), Duration.ZERO);
        Path running = home("running", dataDirs.resolve("running-and-gone"), Duration.ofHours(1));
        Files.createDirectories(running.resolve("data"));
        Files.writeString(
                running.resolve("data").resolve("postmaster.pid"),
                ProcessHandle.current().pid() + "\n");
        Path target = Files.createDirectories(dataDirs.resolve("not-a-home"));
        Files.writeString(target.resolve("keep"), "mine\n");
        Path planted = Files.createSymbolicLink(parent.resolve(StalePostgresHomes.PREFIX + "planted"), target);
        Path oldNaming = Files.createDirectories(parent.resolve(StalePostgresHomes.PREFIX + "0123456789ab"));
        Path inside = Files.createDirectories(gone.resolve("data"));
        Files.createSymbolicLink(inside.resolve("escape"), target);

        assertThat(StalePostgresHomes.collect(parent)).containsExactlyInAnyOrder(gone, relinked);

        assertThat(gone).doesNotExist();
        assertThat(relinked).doesNotExist();
        assertThat(live).isDirectory();
        assertThat(young).isDirectory();
        assertThat(running).isDirectory();
        assertThat(planted).isSymbolicLink();
        assertThat(oldNaming).isDirectory();
        assertThat(target.resolve("keep"))
                .as("a link inside a removed home is removed, not followed")
                .exists();
    }

    private Path home(String name, Path dataDir, Duration age) throws IOException {
        Path home = Files.createDirectories(parent.resolve(StalePostgresHomes.PREFIX + name));
        Path owner = Files.writeString(home.resolve("OWNER"), dataDir + "\n");
        Files.setLastModifiedTime(owner, FileTime.from(Instant.now().minus(age)));
        Files.createDirectories(home.resolve("pg18").resolve("bin"));
        Files.writeString(home.resolve("pg18").resolve("bin").resolve("postgres"), "binary\n");
        return home;
    }
}
