package dev.firstcome.backend.lab;

import dev.firstcome.backend.admission.AdmissionUnavailableException;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.infra.InfrastructureApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * {@code jvm-buffered-wal}: {@code jvm-buffered-graceful} plus a local write-ahead log. Every counted
 * admission is appended ({@code + event user}) and the ISSUED answer waits until its line is on disk;
 * one writer thread fsyncs whatever has queued up meanwhile in one go (group commit: one fsync serves
 * many requests). After each flush a checkpoint ({@code F event n}) is appended; at start the log is
 * replayed and what was counted but never flushed goes into the buffer again. So a SIGKILLed server,
 * restarted on the same disk, loses no answered admission.
 *
 * <p>What it still cannot do: it is one server's log, so two servers still oversell each other
 * exactly like {@code jvm-buffered-flush}; the count only comes back when the same server restarts
 * on the same disk (a lost machine or volume loses it); a crash between the database update and the
 * checkpoint's fsync replays that increment twice (phantom counts: the log and the database are not
 * one transaction); an admission whose process died after its line was written but before the answer
 * left is counted although the client never heard of it; and every apply now waits for an fsync.
 */
@Component
class JvmBufferedWalStrategy extends JvmBufferedStrategy implements SmartInitializingSingleton {

    static final String NAME = "jvm-buffered-wal";

    private static final Logger log = LoggerFactory.getLogger(JvmBufferedWalStrategy.class);

    private final Path file;
    private final BlockingQueue<Append> queue = new LinkedBlockingQueue<>();
    private volatile FileChannel channel;
    private volatile Thread writer;

    JvmBufferedWalStrategy(
            LabStockStore store,
            LabProperties properties,
            InfrastructureApi infrastructure,
            FirstComeProperties firstCome) {
        super(NAME, store, properties.flushInterval());
        String dataDir = infrastructure.dataDir();
        Path base = dataDir == null || dataDir.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "firstcome")
                : Path.of(dataDir);
        String namespace =
                firstCome.namespace() == null || firstCome.namespace().isBlank()
                        ? "default"
                        : firstCome.namespace().replaceAll("[^A-Za-z0-9._-]", "_");
        this.file = base.resolve("lab").resolve(namespace).resolve(NAME + ".log");
    }

    /** Replays the log, then opens it for appending. */
    @Override
    public void afterSingletonsInstantiated() {
        try {
            Files.createDirectories(file.getParent());
            replay();
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the lab write-ahead log " + file, e);
        }
        writer = Thread.ofPlatform().daemon().name("lab-wal-writer").start(this::writeLoop);
    }

    Path file() {
        return file;
    }

    private void replay() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        Map<Long, Long> pending = new HashMap<>();
        Map<Long, Set<String>> users = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] parts = line.split(" ", 3);
            if (parts.length < 3) {
                continue; // a torn last line: its answer never left
            }
            long eventId;
            try {
                eventId = Long.parseLong(parts[1]);
            } catch (NumberFormatException e) {
                continue;
            }
            switch (parts[0]) {
                case "+" -> {
                    pending.merge(eventId, 1L, Long::sum);
                    users.computeIfAbsent(eventId, id -> new HashSet<>()).add(parts[2]);
                }
                case "-" -> {
                    pending.merge(eventId, -1L, Long::sum);
                    users.computeIfAbsent(eventId, id -> new HashSet<>()).remove(parts[2]);
                }
                case "F" -> pending.merge(eventId, -Long.parseLong(parts[2].strip()), Long::sum);
                default -> {}
            }
        }
        long total = 0;
        for (var entry : users.entrySet()) {
            long n = Math.max(0, pending.getOrDefault(entry.getKey(), 0L));
            recovered(entry.getKey(), n, entry.getValue());
            total += n;
        }
        if (total > 0) {
            log.info("{}: replayed {} counted but unflushed admissions from {}", NAME, total, file);
        }
    }

    @Override
    void counted(long eventId, String userId) {
        pendingAppend.set(append("+ " + eventId + " " + userId));
    }

    @Override
    void uncounted(long eventId, String userId) {
        append("- " + eventId + " " + userId);
    }

    private final ThreadLocal<CompletableFuture<Void>> pendingAppend = new ThreadLocal<>();

    /** Waits for the fsync of the line {@link #counted} queued. */
    @Override
    void durable(long eventId, String userId) {
        CompletableFuture<Void> written = pendingAppend.get();
        pendingAppend.remove();
        if (written == null) {
            return;
        }
        try {
            written.join();
        } catch (CompletionException e) {
            throw new AdmissionUnavailableException("the lab write-ahead log could not be written", e.getCause());
        }
    }

    @Override
    void flushed(long eventId, long n) {
        try {
            append("F " + eventId + " " + n).join();
        } catch (CompletionException e) {
            log.warn("{}: checkpoint not written ({}); a restart would count {} twice", NAME, e.getCause(), n);
        }
    }

    private CompletableFuture<Void> append(String line) {
        Append append = new Append((line + "\n").getBytes(StandardCharsets.UTF_8), new CompletableFuture<>());
        if (channel == null) {
            append.done().completeExceptionally(new IOException("the write-ahead log is closed"));
        } else {
            queue.add(append);
        }
        return append.done();
    }

    /** One writer: takes what queued up, writes it, one fsync for all of it. */
    private void writeLoop() {
        List<Append> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch);
            try {
                int size = batch.stream().mapToInt(a -> a.bytes().length).sum();
                ByteBuffer buffer = ByteBuffer.allocate(size);
                batch.forEach(a -> buffer.put(a.bytes()));
                buffer.flip();
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
                batch.forEach(a -> a.done().complete(null));
            } catch (IOException | RuntimeException e) {
                batch.forEach(a -> a.done().completeExceptionally(e));
            }
            batch.clear();
        }
    }

    /** A clean stop flushes (and checkpoints) like {@code jvm-buffered-graceful}, then closes the log. */
    @Override
    public void destroy() {
        stopFlushing();
        try {
            flush();
        } finally {
            Thread current = writer;
            if (current != null) {
                current.interrupt(); // the last checkpoints were waited for by flush()
            }
            closeQuietly();
        }
    }

    private void closeQuietly() {
        FileChannel current = channel;
        channel = null;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                log.debug("closing {}: {}", file, e.toString());
            }
        }
    }

    private record Append(byte[] bytes, CompletableFuture<Void> done) {}
}
