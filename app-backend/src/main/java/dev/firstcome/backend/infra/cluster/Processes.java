package dev.firstcome.backend.infra.cluster;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Signals to child processes (the chaos tests' SIGSTOP, SIGCONT and SIGKILL) and orderly stops. */
public final class Processes {

    private Processes() {}

    /** Sends a signal ({@code STOP}, {@code CONT}, {@code KILL}, {@code TERM}) to the process. */
    public static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder(List.of("kill", "-" + signal, Long.toString(pid)))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** SIGTERM, then SIGKILL after the grace period; a stopped (SIGSTOP) process is continued first. */
    static void stop(Process process, long graceSeconds) {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            signal(process.pid(), "CONT");
        } catch (RuntimeException ignored) {
            // already gone
        }
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
