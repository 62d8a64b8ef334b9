package dev.firstcome.backend.infra.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Data directories, child JVMs and the processes the embedded servers run, for the embedded servers' tests. */
final class EmbeddedTestSupport {

    private EmbeddedTestSupport() {}

    static Path newDataDir(String name) throws IOException {
        return Files.createDirectories(Path.of("target", name + "-" + System.nanoTime()))
                .toAbsolutePath();
    }

    /**
     * The live redis-server and postgres processes of {@code dataDir}: those whose executable or command
     * line (as {@code ps} shows it) names the data directory or the PostgreSQL home it links to (under
     * /var/tmp when running as root).
     */
    static List<ProcessHandle> serverProcesses(Path dataDir) throws IOException {
        List<String> roots = new ArrayList<>(List.of(dataDir.toString()));
        postgresHome(dataDir).ifPresent(home -> roots.add(home.toString()));
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(p -> {
                    String line = p.info().command().orElse("") + " " + ProcessSupport.commandLine(p);
                    return (line.contains("redis-server") || line.contains("/postgres "))
                            && roots.stream().anyMatch(line::contains);
                })
                .toList();
    }

    /** The redis-server and the postmaster of {@code dataDir}, without PostgreSQL's own children (workers come and go). */
    static List<ProcessHandle> serverRoots(Path dataDir) throws IOException {
        List<ProcessHandle> all = serverProcesses(dataDir);
        return all.stream()
                .filter(p -> p.parent().map(parent -> !all.contains(parent)).orElse(true))
                .toList();
    }

    static Optional<Path> postgresHome(Path dataDir) throws IOException {
        Path link = dataDir.resolve("postgres");
        return Files.exists(link) ? Optional.of(link.toRealPath()) : Optional.empty();
    }

    /** A child JVM on the test class path running {@link EmbeddedServersProbe} on {@code dataDir}, output to {@code log}. */
    static Process startProbe(Path dataDir, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(
                        java,
                        "-Xmx384m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        classpath,
                        EmbeddedServersProbe.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    static String read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file) : "";
    }

    /** Removes a data directory and the PostgreSQL home it links to (under /var/tmp when running as root). */
    static void delete(Path dataDir) throws IOException {
        Optional<Path> home = postgresHome(dataDir);
        for (Path root : Stream.concat(home.stream(), Stream.of(dataDir)).toList()) {
            if (Files.exists(root)) {
                try (Stream<Path> paths = Files.walk(root)) {
                    for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }
}
