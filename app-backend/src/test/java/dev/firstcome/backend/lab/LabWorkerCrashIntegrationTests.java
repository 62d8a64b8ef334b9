package dev.firstcome.backend.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.rush.RushApi;
import dev.firstcome.model.CrashReport;
import dev.firstcome.model.RushFault;
import dev.firstcome.model.RushReport;
import dev.firstcome.model.RushRequest;
import dev.firstcome.model.RushResult;
import dev.firstcome.model.RushState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Crashes you can trigger: lab rushes whose strategy runs in real worker JVMs (started from this JVM's
 * class path, sharing the embedded Redis, Kafka and PostgreSQL), one of which gets a real SIGKILL or
 * SIGTERM halfway through; the report compares the strategy's database counter, once settled, with the
 * ISSUED answers the clients hold.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "firstcome.namespace=lab-crash-test",
            "firstcome.lab.flush-interval=2s",
            "firstcome.rush.drain-timeout=5s",
            // a whole server per worker, on a shared 2-core machine: a quicker JIT, and patience
            "firstcome.lab.workers.jvm-options=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
            "firstcome.lab.workers.start-timeout=600s"
        })
class LabWorkerCrashIntegrationTests {

    /** Everybody wins (5,000 coupons): every admission is a count that must survive. */
    private static final int USERS = 1_200;

    private static final int QUANTITY = 5_000;

    @Autowired
    RushApi rush;

    @Test
    void sigkilledBufferedFlushWorkerLosesCounts() {
        RushReport report = crashRun("jvm-buffered-flush", 1, RushFault.of(RushFault.SIGKILL, 0.5, false, 1));

        CrashReport crash = report.crash();
        assertThat(crash.fault()).isEqualTo("SIGKILL worker 1 at 50 %");
        assertThat(report.issuedAnswers()).as("ISSUED answers before the kill").isPositive();
        assertThat(crash.counted()).as("the database counter").isLessThan(report.issuedAnswers());
        assertThat(crash.lostCounts())
                .as("answered admissions the counter never got")
                .isPositive();
        assertThat(crash.unreachable())
                .as("requests after the kill: no worker left")
                .isPositive();
        assertThat(crash.recoveryMillis()).as("no restart").isNull();
    }

    @Test
    void sigkilledWalWorkerLosesNothingOnceRestarted() {
        RushReport report = crashRun("jvm-buffered-wal", 1, RushFault.of(RushFault.SIGKILL, 0.5, true, 1));

        CrashReport crash = report.crash();
        assertThat(report.issuedAnswers()).isPositive();
        assertThat(crash.lostCounts())
                .as("answered admissions missing from the counter")
                .isZero();
        assertThat(crash.counted()).isGreaterThanOrEqualTo(report.issuedAnswers());
        assertThat(crash.recoveryMillis())
                .as("from the kill until the restarted worker answered")
                .isPositive();
        assertThat(report.oversold()).isZero();
        assertThat(report.duplicates())
                .as("the replayed log remembers the winners")
                .isZero();
    }

    @Test
    void sigtermLosesNothingForGraceful() {
        RushReport report = crashRun("jvm-buffered-graceful", 1, RushFault.of(RushFault.SIGTERM, 0.5, false, 1));

        CrashReport crash = report.crash();
        assertThat(report.issuedAnswers()).isPositive();
        assertThat(crash.counted()).as("flushed when the context closed").isEqualTo(report.issuedAnswers());
        assertThat(crash.lostCounts()).isZero();
        assertThat(crash.phantomCounts()).isZero();
    }

    @Test
    void twoBufferedWorkersOversellAndCountEveryWin() {
        long oversold = 0;
        for (int round = 0; round < 3 && oversold == 0; round++) {
            RushResult result = rush.run(
                    RushRequest.comparing(400, 20, 64, List.of("jvm-buffered-flush"))
                            .withWorkers(2, RushFault.none()),
                    Duration.ofMinutes(5));
            assertThat(result.state()).isEqualTo(RushState.COMPLETED);
            RushReport report = result.reports().getFirst();
            assertThat(report.crash().workers()).isEqualTo(2);
            assertThat(report.crash().lostCounts())
                    .as("no crash: every win reaches the counter")
                    .isZero();
            oversold = report.oversold();
        }
        assertThat(oversold).as("two servers deciding against a stale counter").isPositive();
    }

    private RushReport crashRun(String strategy, int workers, RushFault fault) {
        RushResult result = rush.run(
                RushRequest.comparing(USERS, QUANTITY, 32, List.of(strategy)).withWorkers(workers, fault),
                Duration.ofMinutes(6));
        assertThat(result.state()).as("rush state (%s)", result.error()).isEqualTo(RushState.COMPLETED);
        RushReport report = result.reports().getFirst();
        assertThat(report.crash().workers()).isEqualTo(workers);
        assertThat(report.crash().counted()).isNotNull();
        return report;
    }
}
