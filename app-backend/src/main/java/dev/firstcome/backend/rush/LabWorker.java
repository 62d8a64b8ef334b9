package dev.firstcome.backend.rush;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** One worker JVM of a lab rush: its slot, process and apply URL. */
record LabWorker(int number, Path slot, Process process, String url, long startNanos) {

    /** SIGTERM ({@link Process#destroy()}: the context closes) or SIGKILL ({@link Process#destroyForcibly()}). */
    void signal(boolean kill) {
        if (kill) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
    }

    /** Waits for the process to exit; SIGKILL when it has not within {@code timeout}. */
    void awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
