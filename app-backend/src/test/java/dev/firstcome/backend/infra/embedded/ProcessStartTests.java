package dev.firstcome.backend.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting a binary that is still open for writing somewhere ("Text file busy", ETXTBSY): what happened in
 * CI when a Redis Cluster's nodes exec'd the bundled redis-server while a Kafka broker's fork, started side
 * by side, still held the descriptor of its copy. The start waits it out; any other failure is not retried.
 */
class ProcessStartTests {

    @TempDir
    Path dir;

    @Test
    void aBinaryStillOpenForWritingStartsOnceTheWriterClosesIt() throws Exception {
        Path script = dir.resolve("hello.sh");
        Files.writeString(script, "#!/bin/sh\necho started\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        FileChannel writer = FileChannel.open(script, StandardOpenOption.WRITE, StandardOpenOption.APPEND);

        var plain = new ProcessBuilder(script.toString());
        assertThatThrownBy(plain::start)
                .as("the kernel refuses to exec a file open for writing")
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(ProcessSupport.textFileBusy(e)).isTrue());

        CompletableFuture<Void> close = CompletableFuture.runAsync(
                () -> {
                    try {
                        writer.close();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                },
                CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));

        Process process = ProcessSupport.start(new ProcessBuilder(script.toString()).redirectErrorStream(true));
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(out).isEqualTo("started\n");
        close.join();
    }

    @Test
    void aMissingBinaryFailsAtOnce() {
        Path missing = dir.resolve("no-such-binary");

        assertThatThrownBy(() -> ProcessSupport.start(new ProcessBuilder(missing.toString())))
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(ProcessSupport.textFileBusy(e)).isFalse());
    }
}
