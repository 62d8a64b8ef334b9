package dev.firstcome.backend.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.backend.admission.AdmissionStrategy.Decision;
import dev.firstcome.backend.admission.AdmissionStrategy.EventLimits;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.infra.InfrastructureApi;
import dev.firstcome.backend.rush.RushApi;
import dev.firstcome.model.ApplyOutcome;
import dev.firstcome.model.RushReport;
import dev.firstcome.model.RushRequest;
import dev.firstcome.model.RushResult;
import dev.firstcome.model.RushState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * The strategies of issue 18 raced over real HTTP ({@link RushApi}: virtual users posting to this
 * server's apply path) against the embedded Redis, Kafka and PostgreSQL, each asserting the anomaly it
 * is there to show, or its absence.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "firstcome.namespace=lab-new-strategies-test",
            "firstcome.lab.flush-interval=200ms",
            "firstcome.rush.drain-timeout=20s"
        })
class LabNewStrategiesIntegrationTests {

    private static final int MAX_ROUNDS = 10;
    private static final AtomicLong EVENT_IDS = new AtomicLong(System.currentTimeMillis() * 1000 + 500_000);

    @Autowired
    RushApi rush;

    @Autowired
    List<AdmissionStrategy> strategies;

    @Autowired
    LabStockStore store;

    @Autowired
    InfrastructureApi infrastructure;

    @Autowired
    FirstComeProperties firstCome;

    @Autowired
    Environment environment;

    @Test
    void theNewStrategiesAreOfferedToRushes() {
        assertThat(rush.strategies())
                .contains(
                        "db-count-then-insert",
                        "redis-incr-only",
                        "jvm-buffered-flush",
                        "jvm-buffered-graceful",
                        "jvm-buffered-wal",
                        "kafka-sequencer");
    }

    @Test
    void dbCountThenInsertOversellsOverHttp() {
        long oversold = 0;
        for (int round = 0; round < MAX_ROUNDS && oversold == 0; round++) {
            RushReport report = run(RushRequest.comparing(300, 5, 128, List.of("db-count-then-insert")));
            oversold = report.oversold();
            if (oversold > 0) {
                LabCounted counted = (LabCounted) strategy("db-count-then-insert");
                assertThat(counted.counted(report.eventId(), report.limit()))
                        .as("claims of the oversold event")
                        .isGreaterThan(report.limit());
            }
        }
        assertThat(oversold).as("coupons promised beyond the 5 that exist").isPositive();
    }

    @Test
    void redisIncrOnlyNeverOversellsButLetsOneUserWinSeveralTimes() {
        // 100 users, every one of them sending again: 200 requests for 150 coupons
        RushReport report = run(
                RushRequest.comparing(100, 150, 64, List.of("redis-incr-only")).withRepeatShare(1.0));

        assertThat(report.issuedAnswers()).as("ISSUED answers").isEqualTo(150);
        assertThat(report.oversold()).isZero();
        assertThat(report.duplicates()).as("users who won more than once").isPositive();
        assertThat(report.winners()).as("distinct winners").isLessThan(150);
        assertThat(((LabCounted) strategy("redis-incr-only")).counted(report.eventId(), report.limit()))
                .as("the counter is exact")
                .isEqualTo(150);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jvm-buffered-flush", "jvm-buffered-graceful", "jvm-buffered-wal"})
    void bufferedStrategyIsExactOnOneServerAndItsCounterCatchesUp(String name) {
        RushReport report =
                run(RushRequest.comparing(400, 50, 64, List.of(name)).withRepeatShare(0.25));

        assertThat(report.issuedAnswers()).isEqualTo(50);
        assertThat(report.oversold()).isZero();
        assertThat(report.duplicates()).isZero();
        LabCounted counted = (LabCounted) strategy(name);
        // the database counter is behind by at most one flush interval, then exact
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(counted.counted(report.eventId(), report.limit()))
                        .isEqualTo(50));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jvm-buffered-flush", "jvm-buffered-graceful", "jvm-buffered-wal"})
    void bufferedStrategyOversellsOnTwoServersSharingTheDatabase(String name) throws Exception {
        AdmissionStrategy first = strategy(name);
        // a second server: its own memory, the same database (it never flushes within this race)
        JvmBufferedStrategy second = new JvmBufferedFlushStrategy(store, props(Duration.ofMinutes(10)));
        try {
            EventLimits event = new EventLimits(EVENT_IDS.incrementAndGet(), 10, null);
            long issued = race(List.of(first, second), event, 64);
            assertThat(issued).as("ISSUED on two servers for 10 coupons").isGreaterThan(10);
        } finally {
            second.destroy();
        }
    }

    @Test
    void walReplaysWhatADeadInstanceCountedButNeverFlushed() {
        EventLimits event = new EventLimits(EVENT_IDS.incrementAndGet(), 100, null);
        LabProperties slow = props(Duration.ofMinutes(10));
        JvmBufferedWalStrategy dying = new JvmBufferedWalStrategy(store, slow, infrastructure, firstCome);
        dying.afterSingletonsInstantiated();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int i = 0; i < 7; i++) {
            assertThat(dying.admit(event, "wal-" + i, today, Instant.now()).outcome())
                    .isEqualTo(ApplyOutcome.ISSUED);
        }
        assertThat(store.issued(event.eventId())).as("nothing flushed yet").isZero();
        dying.stopFlushing(); // dies: no flush, no checkpoint (as after SIGKILL)

        JvmBufferedWalStrategy restarted = new JvmBufferedWalStrategy(store, slow, infrastructure, firstCome);
        restarted.afterSingletonsInstantiated();
        try {
            assertThat(restarted.admit(event, "wal-3", today, Instant.now()).outcome())
                    .as("the replayed winners are remembered")
                    .isEqualTo(ApplyOutcome.ALREADY_APPLIED);
            restarted.flush();
            assertThat(store.issued(event.eventId())).as("replayed and flushed").isEqualTo(7);
        } finally {
            restarted.destroy();
        }
    }

    @Test
    void kafkaSequencerNeverOversellsNorDuplicatesOverHttp() {
        RushResult result = rush.run(
                RushRequest.comparing(400, 20, 64, List.of("lua", "kafka-sequencer"))
                        .withRepeatShare(0.25),
                Duration.ofMinutes(4));

        assertThat(result.state()).isEqualTo(RushState.COMPLETED);
        RushReport sequencer = result.reports().get(1);
        assertThat(sequencer.strategy()).isEqualTo("kafka-sequencer");
        assertThat(sequencer.completed()).isEqualTo(500);
        assertThat(sequencer.count("UNAVAILABLE"))
                .as("answers after the reply timeout")
                .isZero();
        assertThat(sequencer.issuedAnswers()).isEqualTo(20);
        assertThat(sequencer.winners()).isEqualTo(20);
        assertThat(sequencer.oversold()).isZero();
        assertThat(sequencer.duplicates()).isZero();
        assertThat(sequencer.count("ALREADY_APPLIED") + sequencer.count("SOLD_OUT"))
                .isEqualTo(480);
        assertThat(sequencer.persisted()).as("coupon rows after drain").isEqualTo(20L);
        assertThat(sequencer.latency().p99Ms()).isPositive();
    }

    private RushReport run(RushRequest request) {
        RushResult result = rush.run(request, Duration.ofMinutes(3));
        assertThat(result.state()).isEqualTo(RushState.COMPLETED);
        return result.reports().getFirst();
    }

    private AdmissionStrategy strategy(String name) {
        return strategies.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private LabProperties props(Duration flushInterval) {
        LabProperties bound = org.springframework.boot.context.properties.bind.Binder.get(environment)
                .bindOrCreate("firstcome.lab", LabProperties.class);
        return new LabProperties(flushInterval, bound.sequencer(), bound.readyFile());
    }

    /** {@code threads} distinct users, alternating between the servers, released at once; returns the ISSUED count. */
    private static long race(List<AdmissionStrategy> servers, EventLimits event, int threads) throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Decision>> futures = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                AdmissionStrategy server = servers.get(i % servers.size());
                String user = "two-servers-" + i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return server.admit(event, user, today, Instant.now());
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            long issued = 0;
            for (Future<Decision> future : futures) {
                if (future.get(60, TimeUnit.SECONDS).outcome().issued()) {
                    issued++;
                }
            }
            return issued;
        }
    }
}
