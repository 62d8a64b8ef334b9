package dev.firstcome.backend.infra.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The password of the embedded Redis and PostgreSQL: 256 random bits generated at the first start, kept
 * in {@value #FILE_NAME} in the data directory (owner read/write only) and reused by every later start.
 * Deleting the file (while FirstCome is stopped) sets a new password at the next start. Never logged and
 * never put on a command line (every local user can read those).
 */
final class EmbeddedPassword {

    static final String FILE_NAME = "embedded-servers.password";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPassword.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private EmbeddedPassword() {}

    /** The data directory's password, generated and saved first if there is none yet. */
    static synchronized String of(Path dataDir) {
        Path file = file(dataDir);
        try {
            if (!Files.isRegularFile(file)) {
                create(file);
            }
            restrict(file);
            String password = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!password.matches("[0-9a-f]{32,}")) {
                throw new IllegalStateException(
                        "the embedded servers' password file " + file + " is damaged: stop FirstCome and delete it");
            }
            return password;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or write the embedded servers' password file " + file, e);
        }
    }

    static Path file(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
    }

    private static void create(Path file) throws IOException {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        Files.createDirectories(file.getParent());
        // created owner-only from the start, then moved into place whole: never readable by others, never half written
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException nonPosix) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, HexFormat.of().formatHex(bytes) + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);
        }
        log.info("Generated the password of the embedded Redis and PostgreSQL (kept in {})", file);
    }

    private static void restrict(Path file) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
                log.warn("{} was readable by other users: now owner read/write only", file);
            }
        } catch (UnsupportedOperationException nonPosix) {
            // a non-POSIX file system has no such permissions
        }
    }
}
