package dev.firstcome.backend.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * The consumer's process is killed with SIGKILL in the middle of persisting and started again: the
 * rows still equal the admissions and none is doubled. The consumer runs in a child JVM (the real
 * server, pointed at this JVM's embedded Redis, Kafka and PostgreSQL, in its own namespace).
 */
@EmbeddedIssuanceContext
class ConsumerKilledIntegrationTests extends IssuanceTestSupport {

    private static final int ADMISSIONS = 20_000;

    @Autowired
    Environment environment;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void consumerKilledMidBatchAndRestartedPersistsEveryAdmissionOnce() throws Exception {
        String namespace = "issuance-kill-" + newEventId();
        String topic = namespace + ".firstcome.coupon-admitted";
        String group = namespace + ".firstcome-issuance";
        long eventId = newEventId();
        send(topic, admissions(eventId, "killed-", ADMISSIONS));

        Process first = startServer(namespace, "first");
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> rows(eventId) > 0);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long rowsAtKill = rows(eventId);
        long committedAtKill = ADMISSIONS - lag(group, topic);

        Process second = startServer(namespace, "second");
        await().atMost(Duration.ofSeconds(180)).until(() -> rows(eventId) == ADMISSIONS);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> lag(group, topic) == 0);
        second.destroy();

        assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(rowsAtKill).as("killed while persisting").isLessThan(ADMISSIONS);
        assertThat(committedAtKill).as("offsets never ahead of the rows").isLessThanOrEqualTo(rowsAtKill);
        assertThat(rows(eventId)).isEqualTo(ADMISSIONS);
        assertThat(distinctUsers(eventId)).isEqualTo(ADMISSIONS);
    }

    private Process startServer(String namespace, String name) throws Exception {
        Path dir = Path.of("target", "kill-test", namespace, name).toAbsolutePath();
        Files.createDirectories(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(
                java,
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classpath,
                "-Dfirstcome.data-dir=" + dir,
                "-Dfirstcome.namespace=" + namespace,
                "-Dfirstcome.embedded.enabled=false",
                "-Dfirstcome.redis.url=" + environment.getProperty("spring.data.redis.url"),
                "-Dfirstcome.kafka.bootstrap-servers=" + environment.getProperty("spring.kafka.bootstrap-servers"),
                "-Dfirstcome.db.url=" + environment.getProperty("spring.datasource.url"),
                "-Dfirstcome.db.user=" + environment.getProperty("spring.datasource.username"),
                "-Dfirstcome.db.password=" + environment.getProperty("spring.datasource.password", ""),
                "-Dfirstcome.admin-token=child-token",
                "-Dfirstcome.issuance.batch-size=250",
                "-Dfirstcome.issuance.concurrency=1",
                "-Dfirstcome.issuance.scheduled-reissue=false",
                "-Dfirstcome.notifications.enabled=false",
                "-Dserver.port=0",
                "dev.firstcome.backend.FirstComeServer");
        File log = dir.resolve("server.log").toFile();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        children.add(process);
        return process;
    }
}
