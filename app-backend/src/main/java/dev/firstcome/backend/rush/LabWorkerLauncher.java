package dev.firstcome.backend.rush;

import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.infra.InfrastructureApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Starts the worker JVMs of lab rushes: {@code java -cp <this JVM's class path> FirstComeServer} (or,
 * from the server jar, through Spring Boot's {@code PropertiesLauncher}), pointed at the servers this
 * one uses (Redis, Kafka, database, passwords included, through environment variables so that they
 * never show in a process list), with the same namespace and lab settings, HTTP and apply server on
 * free loopback ports, no Kafka consumers (an apply-only node: killing it never stalls the issuance
 * consumer group), each worker slot on a data directory of its own (a restart finds its write-ahead
 * log again). A worker announces its apply URL in a ready file ({@code firstcome.lab.ready-file}).
 */
@Component
class LabWorkerLauncher {

    static final String SERVER_MAIN = "dev.firstcome.backend.FirstComeServer";
    private static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";
    private static final Duration POLL = Duration.ofMillis(100);

    private final Environment environment;
    private final InfrastructureApi infrastructure;
    private final FirstComeProperties firstCome;
    /** The lab's settings a worker must share (names only: the rush does not read the lab's classes). */
    private static final List<String> LAB_SETTINGS = List.of(
            "firstcome.lab.flush-interval",
            "firstcome.lab.sequencer.requests-topic",
            "firstcome.lab.sequencer.replies-topic",
            "firstcome.lab.sequencer.partitions",
            "firstcome.lab.sequencer.reply-timeout",
            "firstcome.lab.sequencer.commit-interval");

    private final LabWorkerProperties lab;

    LabWorkerLauncher(
            Environment environment,
            InfrastructureApi infrastructure,
            FirstComeProperties firstCome,
            LabWorkerProperties lab) {
        this.environment = environment;
        this.infrastructure = infrastructure;
        this.firstCome = firstCome;
        this.lab = lab;
    }

    /** The data directory of worker slot {@code number} of a rush run. */
    Path slot(String runId, int number) {
        String dataDir = infrastructure.dataDir();
        Path base = StringUtils.hasText(dataDir)
                ? Path.of(dataDir)
                : Path.of(System.getProperty("java.io.tmpdir"), "firstcome");
        return base.resolve("lab-workers").resolve(runId + "-w" + number);
    }

    /** Starts worker {@code number} on its slot and waits until it answers HTTP. */
    LabWorker start(Path slot, int number) throws InterruptedException {
        try {
            Files.createDirectories(slot);
            Path ready = slot.resolve("ready");
            Files.deleteIfExists(ready);
            ProcessBuilder builder = new ProcessBuilder(command(ready))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            slot.resolve("worker.log").toFile()));
            environment(builder.environment(), slot, ready);
            long started = System.nanoTime();
            Process process = builder.start();
            String url = awaitReady(process, ready, number, slot);
            return new LabWorker(number, slot, process, url, System.nanoTime() - started);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start lab worker " + number, e);
        }
    }

    private List<String> command(Path ready) {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-Xmx" + lab.maxHeap());
        command.add("-Dfile.encoding=UTF-8");
        for (String option : lab.jvmOptions().strip().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        String classPath = System.getProperty("java.class.path");
        if (getClass().getClassLoader().getClass().getName().startsWith("org.springframework.boot.loader")) {
            command.add("-Dloader.main=" + SERVER_MAIN);
            command.add("-cp");
            command.add(classPath);
            command.add(BOOT_LAUNCHER);
        } else {
            command.add("-cp");
            command.add(classPath);
            command.add(SERVER_MAIN);
        }
        command.add("--server.port=0");
        command.add("--server.address=127.0.0.1");
        command.add("--firstcome.apply-server.port=0");
        command.add("--firstcome.apply-server.address=127.0.0.1");
        command.add("--spring.kafka.listener.auto-startup=false");
        command.add("--spring.main.banner-mode=off");
        // settings, not secrets: on the command line
        command.add("--firstcome.namespace=" + (firstCome.namespace() == null ? "" : firstCome.namespace()));
        command.add("--firstcome.redis.key-prefix=" + firstCome.redis().keyPrefix());
        for (String name : LAB_SETTINGS) {
            String value = environment.getProperty(name);
            if (value != null && !value.isBlank()) {
                command.add("--" + name + "=" + value);
            }
        }
        command.add("--firstcome.lab.ready-file=" + ready);
        return command;
    }

    private void environment(Map<String, String> env, Path slot, Path ready) {
        env.keySet().removeIf(k -> k.startsWith("FIRSTCOME_") || k.startsWith("SPRING_"));
        put(env, "FIRSTCOME_REDIS_URL", environment.getProperty("spring.data.redis.url"));
        put(env, "FIRSTCOME_KAFKA_BOOTSTRAP_SERVERS", environment.getProperty("spring.kafka.bootstrap-servers"));
        put(env, "FIRSTCOME_DB_URL", environment.getProperty("spring.datasource.url"));
        put(env, "FIRSTCOME_DB_USER", environment.getProperty("spring.datasource.username"));
        put(env, "FIRSTCOME_DB_PASSWORD", environment.getProperty("spring.datasource.password"));
        put(env, "FIRSTCOME_DATA_DIR", slot.toString());
        put(env, "FIRSTCOME_ADMIN_TOKEN", infrastructure.adminToken());
        put(env, "FIRSTCOME_CUSTOMER_JWT_SECRET", environment.getProperty("firstcome.customer.jwt-secret"));
        put(env, "FIRSTCOME_CUSTOMER_JWKS_URL", environment.getProperty("firstcome.customer.jwks-url"));
    }

    private static void put(Map<String, String> env, String name, String value) {
        if (value != null && !value.isEmpty()) {
            env.put(name, value);
        }
    }

    private String awaitReady(Process process, Path ready, int number, Path slot)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + lab.startTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(ready)) {
                String url = Files.readString(ready, StandardCharsets.UTF_8).strip();
                if (answers(url)) {
                    return url;
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("lab worker " + number + " exited with " + process.exitValue()
                        + " before it was ready; see " + slot.resolve("worker.log"));
            }
            LockSupport.parkNanos(POLL.toNanos());
            if (Thread.interrupted()) {
                process.destroyForcibly();
                throw new InterruptedException("interrupted while starting lab worker " + number);
            }
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException("lab worker " + number + " was not ready within " + lab.startTimeout()
                + "; see " + slot.resolve("worker.log"));
    }

    /** Whether the worker answers HTTP at all (any status). */
    static boolean answers(String url) throws InterruptedException {
        try (HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            client.send(
                    HttpRequest.newBuilder(URI.create(url + "/api/events/0/apply"))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
