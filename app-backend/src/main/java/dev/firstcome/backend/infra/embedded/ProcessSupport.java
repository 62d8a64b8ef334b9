package dev.firstcome.backend.infra.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Small helpers for the embedded servers: free ports, waiting for a port, orphan clean-up. */
final class ProcessSupport {

    /** uid/gid the embedded PostgreSQL runs as when the JVM runs as root (PostgreSQL refuses root). */
    static final int UNPRIVILEGED_ID = 65534;

    private ProcessSupport() {}

    /** Ports this JVM handed out: a port is given once, even before its server binds it (the cluster launcher starts many at once). */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (var socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new IllegalStateException("no free TCP port on the loopback interface", e);
            }
        }
        throw new IllegalStateException("no TCP port on the loopback interface that was not handed out already");
    }

    /**
     * A free port {@code p} whose {@code p + offset} is free as well (a Redis Cluster node listens on its port
     * and on its bus at port + 10000). Picked below the kernel's ephemeral range (32768 and up on Linux), so
     * {@code p + offset} stays a valid port and no outgoing connection or other ephemeral server takes either.
     */
    static int freePortPair(int offset) {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        int low = 20000;
        int high = 32768 - offset;
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = random.nextInt(low, Math.max(low + 1, high));
            if (HANDED_OUT.contains(port) || HANDED_OUT.contains(port + offset)) {
                continue;
            }
            if (bindable(port) && bindable(port + offset) && HANDED_OUT.add(port)) {
                if (HANDED_OUT.add(port + offset)) {
                    return port;
                }
                HANDED_OUT.remove(port);
            }
        }
        throw new IllegalStateException("no free pair of TCP ports " + offset + " apart on the loopback interface");
    }

    static boolean bindable(int port) {
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean portOpen(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void awaitPort(int port, Duration timeout, Process process, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (portOpen(port)) {
                return;
            }
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(
                        what + " exited with code " + process.exitValue() + " before listening on " + port);
            }
            pause(50);
        }
        throw new IllegalStateException(what + " did not listen on port " + port + " within " + timeout);
    }

    static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    static boolean runningAsRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Prefixes {@code command} so that it runs as an unprivileged user when we are root. */
    static List<String> unprivileged(List<String> command) {
        if (!runningAsRoot()) {
            return command;
        }
        var wrapped = new ArrayList<String>();
        wrapped.add(findOnPath("setpriv").orElse("/usr/bin/setpriv"));
        wrapped.add("--reuid=" + UNPRIVILEGED_ID);
        wrapped.add("--regid=" + UNPRIVILEGED_ID);
        wrapped.add("--clear-groups");
        wrapped.add("--");
        wrapped.addAll(command);
        return wrapped;
    }

    static Optional<String> findOnPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    /**
     * Starts the process, trying again (up to 20 times, 25 ms apart, more between later tries) while the
     * executable is "Text file busy" (ETXTBSY). A binary this JVM has just written (the bundled
     * redis-server) can still be open for writing in a child another thread forked before the write was
     * closed: until that child execs and drops its inherited descriptors, no process may exec the file.
     * Seen in CI when a Redis Cluster's nodes and Kafka's brokers started side by side.
     */
    static Process start(ProcessBuilder builder) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return builder.start();
            } catch (IOException e) {
                if (attempt >= 20 || !textFileBusy(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(25L * Math.min(attempt, 8));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static boolean textFileBusy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("error: 26 (") || message.contains("Text file busy"))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command to completion, returning its combined output; fails on a non-zero exit. */
    static String run(List<String> command, Path workDir, Duration timeout) {
        try {
            var builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (workDir != null) {
                builder.directory(workDir.toFile());
            }
            builder.environment().put("LC_ALL", "C");
            Process process = start(builder);
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out");
            }
            String text = new String(out);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " failed with exit code " + process.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command.getFirst(), e);
        }
    }

    /**
     * Stops a process left over by an earlier JVM that died without stopping it (SIGKILL, power cut): the
     * one its pid file names, if that still runs {@code expectedCommand}. SIGTERM first (Redis flushes
     * its append-only file), SIGKILL if it is still alive after 10 s.
     */
    static void killOrphan(Path pidFile, String expectedCommand) {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            String first =
                    Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            if (!first.isEmpty()) {
                ProcessHandle.of(Long.parseLong(first))
                        .filter(handle -> runs(handle, expectedCommand))
                        .ifPresent(ProcessSupport::stop);
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a stale or foreign pid file is simply ignored
        } finally {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException ignored) {
                // the next start overwrites it
            }
        }
    }

    /**
     * Stops every live process running {@code expectedCommand} whose command line has {@code word} as a
     * whole word (e.g. the path of a configuration file that lies in one data directory only): the orphans a
     * pid file missed. Matched on the words, not the arguments: a server may rewrite its process title into
     * one string, as redis-server does. Returns how many were stopped.
     */
    static int killOrphans(String expectedCommand, String word) {
        var orphans = ProcessHandle.allProcesses()
                .filter(handle -> runs(handle, expectedCommand))
                .filter(handle -> (" " + commandLine(handle) + " ").contains(" " + word + " "))
                .toList();
        orphans.forEach(ProcessSupport::stop);
        return orphans.size();
    }

    /**
     * Checked on the executable and on the command line's first word: Debian's redis-server is a link to
     * redis-check-rdb, which is what the executable of a running redis-server then says.
     */
    private static boolean runs(ProcessHandle handle, String expectedCommand) {
        return handle.isAlive()
                && handle.pid() != ProcessHandle.current().pid()
                && (handle.info().command().orElse("").contains(expectedCommand)
                        || commandLine(handle).split(" ", 2)[0].contains(expectedCommand));
    }

    /**
     * The command line as {@code ps} shows it: {@code /proc/<pid>/cmdline}, which also holds a process
     * title the process rewrote (redis-server does; {@link ProcessHandle.Info} then loses it).
     */
    static String commandLine(ProcessHandle handle) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(handle.pid()), "cmdline"));
            return new String(raw, java.nio.charset.StandardCharsets.UTF_8)
                    .replace('\0', ' ')
                    .trim();
        } catch (IOException | RuntimeException e) {
            return handle.info().commandLine().orElse("");
        }
    }

    /** SIGTERM, then SIGKILL if the process is still alive after 10 s; returns once it is gone. */
    static void stop(ProcessHandle handle) {
        handle.destroy();
        try {
            handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            handle.destroyForcibly();
            handle.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
