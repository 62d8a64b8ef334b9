package dev.firstcome.backend.infra.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive lock of one process on a data directory: {@value #FILE_NAME}, locked with
 * {@link FileChannel#tryLock()} and holding the owner's pid. Taken before the first embedded server
 * starts and kept while any of them runs, so that a second FirstCome on the same directory stops at once
 * instead of corrupting the Kafka log and killing the first one's servers. The operating system drops the
 * lock when the process dies, however it dies; the servers' children never hold it.
 */
final class DataDirLock {

    static final String FILE_NAME = "firstcome.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code dataDir} for this process, or fails with {@link DataDirInUseException} if another one holds it. */
    static DataDirLock acquire(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this JVM holds it through another channel (EmbeddedServers keeps one per directory)
            }
            if (lock == null) {
                String owner = read(channel);
                channel.close();
                throw new DataDirInUseException(dir, owner);
            }
            channel.truncate(0);
            channel.write(
                    ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new DataDirLock(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new IllegalStateException("cannot lock the data directory " + dir + " (" + file + ")", e);
        }
    }

    void release() {
        try {
            if (lock.isValid()) {
                channel.truncate(0);
                lock.release();
            }
        } catch (IOException ignored) {
            // closing the channel below releases the lock anyway
        } finally {
            closeQuietly(channel);
        }
    }

    Path file() {
        return file;
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    /** Another process (usually another FirstCome) holds the data directory. */
    static final class DataDirInUseException extends IllegalStateException {

        DataDirInUseException(Path dataDir, String ownerPid) {
            super("Another FirstCome" + (ownerPid.matches("\\d+") ? " (pid " + ownerPid + ")" : "")
                    + " is using the data directory " + dataDir + "; stop it or set FIRSTCOME_DATA_DIR to another "
                    + "directory");
        }
    }
}
