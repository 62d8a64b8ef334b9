package dev.firstcome.backend.infra.embedded;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The homes a root-run embedded PostgreSQL leaves under /var/tmp once their data directory is gone (a test's
 * data directory, a {@code mvn clean}, a removed {@code ~/.firstcome}): each holds the binaries and a database
 * (about 110 MB). Before a new home is made, the old ones this user made are removed when they are no longer
 * anyone's: a directory of ours (owned by this user, not a link) with an {@code OWNER} file (the data directory
 * it was made for; root-owned in a root-owned home, so no other user can have written it) older than
 * {@link #GRACE}, whose data directory's {@code postgres} link no longer points to it and whose postmaster is
 * not running. Anything else under the prefix (another user's, a link, a home of the old hashed naming without
 * {@code OWNER}) is left alone.
 */
final class StalePostgresHomes {

    private static final Logger log = LoggerFactory.getLogger(StalePostgresHomes.class);
    static final String PREFIX = "firstcome-postgres-";
    /** A home gets its link within milliseconds of its OWNER file; a younger one may be another start's. */
    static final Duration GRACE = Duration.ofMinutes(10);

    private StalePostgresHomes() {}

    /**
     * Removes the stale homes under {@code parent}; returns them. Never fails: what cannot be read is kept. The
     * embedded servers start before the application context (and its clock), so the time is the system's.
     */
    static List<Path> collect(Path parent) {
        return collect(parent, Clock.systemUTC());
    }

    static List<Path> collect(Path parent, Clock clock) {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> homes = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path home : homes) {
                try {
                    if (stale(home, clock.instant())) {
                        deleteTree(home);
                        removed.add(home);
                    }
                } catch (IOException | RuntimeException e) {
                    log.debug("Left {} alone: {}", home, e.toString());
                }
            }
        } catch (IOException e) {
            log.debug("Could not list {}: {}", parent, e.toString());
        }
        if (!removed.isEmpty()) {
            log.info("Database: removed {} embedded PostgreSQL home(s) whose data directory is gone", removed.size());
        }
        return removed;
    }

    static boolean stale(Path home, Instant now) throws IOException {
        PosixFileAttributes attributes =
                Files.readAttributes(home, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink() || !attributes.isDirectory() || !ours(home)) {
            return false;
        }
        Path ownerFile = home.resolve("OWNER");
        if (!Files.isRegularFile(ownerFile, LinkOption.NOFOLLOW_LINKS) || !ours(ownerFile)) {
            return false;
        }
        if (Files.getLastModifiedTime(ownerFile, LinkOption.NOFOLLOW_LINKS)
                .toInstant()
                .isAfter(now.minus(GRACE))) {
            return false;
        }
        Path link = Path.of(Files.readString(ownerFile).strip()).resolve("postgres");
        if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(home)) {
            return false;
        }
        return !postmasterRunning(home);
    }

    private static boolean ours(Path path) throws IOException {
        int owner = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        return owner == self;
    }

    private static boolean postmasterRunning(Path home) {
        Path pidFile = home.resolve("data").resolve("postmaster.pid");
        try {
            String first = Files.readAllLines(pidFile).getFirst().strip();
            return ProcessHandle.of(Long.parseLong(first))
                    .map(ProcessHandle::isAlive)
                    .orElse(false);
        } catch (IOException | RuntimeException noneOrUnreadable) {
            return Files.exists(pidFile, LinkOption.NOFOLLOW_LINKS) && !Files.isReadable(pidFile);
        }
    }

    /** Deletes the tree without following any link in it (a link is removed, never its target). */
    private static void deleteTree(Path home) throws IOException {
        Files.walkFileTree(home, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
