package dev.firstcome.backend.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;

/**
 * One FirstCome process per data directory, and its redis-server and postgres children stopped on every
 * exit path: a second process on the same directory stops before starting anything; a failed start stops
 * what it started; a SIGKILLed process's orphans are stopped by the next start; SIGTERM stops everything.
 * The other FirstCome processes are real child JVMs running {@link EmbeddedServersProbe}.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedServersLifecycleIntegrationTests {

    private static final Duration START = Duration.ofSeconds(120);

    private final List<Process> children = new ArrayList<>();
    private final List<Path> dataDirs = new ArrayList<>();

    @AfterEach
    void stopChildren() throws Exception {
        for (Process child : children) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        for (Path dataDir : dataDirs) {
            EmbeddedTestSupport.serverProcesses(dataDir).forEach(ProcessHandle::destroyForcibly);
            EmbeddedTestSupport.delete(dataDir);
        }
    }

    @Test
    void secondProcessOnTheSameDataDirectoryFailsAtOnceAndLeavesNothingRunning(CapturedOutput output) throws Exception {
        Path dataDir = dataDir("lock-test");
        try (var first = EmbeddedServersProbe.start(dataDir)) {
            var servers = EmbeddedTestSupport.serverRoots(dataDir);
            assertThat(servers).hasSize(2);
            assertThat(dataDir.resolve("kafka/.lock")).exists();

            Path log = dataDir.resolveSibling(dataDir.getFileName() + "-second.log");
            Process second = child(dataDir, log);
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(second.exitValue()).isNotZero();
            assertThat(Files.readString(log))
                    .contains("Another FirstCome (pid "
                            + ProcessHandle.current().pid() + ") is using the data " + "directory " + dataDir
                            + "; stop it or set FIRSTCOME_DATA_DIR to another directory")
                    .doesNotContain("READY")
                    .doesNotContain("listening on");
            assertThat(EmbeddedTestSupport.serverRoots(dataDir)).containsExactlyInAnyOrderElementsOf(servers);
            assertThat(second.descendants()).isEmpty();
            assertAnswers(first.getEnvironment());
            assertThat(output.getAll())
                    .contains("Redis: embedded server listening on redis://127.0.0.1:")
                    .doesNotContain(EmbeddedPassword.of(dataDir));
        }
        assertThat(EmbeddedTestSupport.serverProcesses(dataDir)).isEmpty();
        DataDirLock.acquire(dataDir).release();
    }

    @Test
    void failedStartStopsWhatItStartedBeforeTheErrorPropagates() throws Exception {
        Path dataDir = dataDir("failed-start-test");
        // PostgreSQL, the last to start, cannot: a file stands where its directory must be
        Path blocker = dataDir.resolve("postgres");
        Files.writeString(blocker, "not a directory\n");

        assertThatThrownBy(() -> EmbeddedServersProbe.start(dataDir))
                .hasMessageContaining("could not start the embedded PostgreSQL");
        Files.delete(blocker);

        assertThat(EmbeddedTestSupport.serverProcesses(dataDir))
                .as("redis-server stopped")
                .isEmpty();
        // the broker ran in this JVM: it holds kafka/.lock while it runs and deletes it when it stops
        assertThat(dataDir.resolve("kafka/meta.properties")).as("Kafka started").exists();
        assertThat(dataDir.resolve("kafka/.lock")).as("Kafka stopped").doesNotExist();
        DataDirLock.acquire(dataDir).release();
    }

    @Test
    void killedProcessLeavesOrphansThatTheNextStartStopsAndSigtermStopsEverything() throws Exception {
        Path dataDir = dataDir("kill-test");
        Path firstLog = dataDir.resolveSibling(dataDir.getFileName() + "-first.log");
        Process first = child(dataDir, firstLog);
        await().atMost(START).until(() -> EmbeddedTestSupport.read(firstLog).contains("READY"));
        var orphans = EmbeddedTestSupport.serverRoots(dataDir);
        assertThat(orphans).hasSize(2);

        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(first.exitValue()).as("SIGKILL: no shutdown hook ran").isEqualTo(137);
        assertThat(orphans).allMatch(ProcessHandle::isAlive);

        Path secondLog = dataDir.resolveSibling(dataDir.getFileName() + "-second.log");
        Process second = child(dataDir, secondLog);
        await().atMost(START).until(() -> EmbeddedTestSupport.read(secondLog).contains("READY"));
        assertThat(orphans).noneMatch(ProcessHandle::isAlive);
        var restarted = EmbeddedTestSupport.serverRoots(dataDir);
        assertThat(restarted).hasSize(2).doesNotContainAnyElementsOf(orphans);
        assertThat(second.descendants().toList()).containsAll(restarted);

        second.destroy();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as("SIGTERM").isEqualTo(143);
        assertThat(EmbeddedTestSupport.serverProcesses(dataDir)).isEmpty();
        assertThat(restarted).noneMatch(ProcessHandle::isAlive);
        DataDirLock.acquire(dataDir).release();
    }

    private Path dataDir(String name) throws Exception {
        Path dataDir = EmbeddedTestSupport.newDataDir(name);
        dataDirs.add(dataDir);
        return dataDir;
    }

    private Process child(Path dataDir, Path log) throws Exception {
        Process child = EmbeddedTestSupport.startProbe(dataDir, log);
        children.add(child);
        return child;
    }

    /** Redis, PostgreSQL and Kafka of a running application answer, with the password the application was given. */
    private static void assertAnswers(Environment env) throws Exception {
        try (var client = RedisClient.create(env.getProperty("spring.data.redis.url"));
                var connection = client.connect()) {
            assertThat(connection.sync().ping()).isEqualTo("PONG");
        }
        try (var c = DriverManager.getConnection(
                        env.getProperty("spring.datasource.url"),
                        env.getProperty("spring.datasource.username"),
                        env.getProperty("spring.datasource.password"));
                var rs = c.createStatement().executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
        try (var admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.getProperty("spring.kafka.bootstrap-servers")))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .hasSize(1);
        }
    }
}
