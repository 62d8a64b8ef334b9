package dev.firstcome.backend.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.backend.admission.AdmissionStrategy.Decision;
import dev.firstcome.backend.admission.AdmissionStrategy.EventLimits;
import dev.firstcome.model.ApplyOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every lab strategy against a real Redis and a real database, raced by 64 platform threads released
 * at once by a latch. Unsafe strategies must show their anomaly within a bounded number of rounds;
 * safe ones must never oversell nor duplicate, and must sell exactly what they can. Subclasses choose
 * the servers (embedded defaults, or the machine's MariaDB and Redis).
 */
abstract class AbstractLabStrategiesTests {

    private static final int THREADS = 64;
    private static final int MAX_ROUNDS = 25;
    private static final AtomicLong EVENT_IDS = new AtomicLong(System.currentTimeMillis() * 1000);

    @Autowired
    List<AdmissionStrategy> strategies;

    @Autowired
    LabRedisCounter counter;

    @Test
    void everyLabStrategyIsABean() {
        assertThat(strategies.stream().map(AdmissionStrategy::name))
                .contains(
                        "redis-incr-set",
                        "redis-set-scard",
                        "redis-lock",
                        "db-naive",
                        "db-pessimistic",
                        "db-optimistic",
                        "db-atomic-update",
                        "jvm-synchronized");
    }

    @Test
    void dbNaiveOversellsInATightRace() throws Exception {
        assertThat(roundsUntilOversold(strategy("db-naive")::admit))
                .as("db-naive oversold within %d rounds", MAX_ROUNDS)
                .isLessThanOrEqualTo(MAX_ROUNDS);
    }

    @Test
    void redisSetScardOversellsInATightRace() throws Exception {
        assertThat(roundsUntilOversold(strategy("redis-set-scard")::admit))
                .as("redis-set-scard oversold within %d rounds", MAX_ROUNDS)
                .isLessThanOrEqualTo(MAX_ROUNDS);
    }

    @Test
    void redisSetScardLetsOneUserWinTwiceInATightRace() throws Exception {
        AdmissionStrategy strategy = strategy("redis-set-scard");
        int rounds = 0;
        Race race;
        do {
            rounds++;
            race = race(i -> strategy, new EventLimits(EVENT_IDS.incrementAndGet(), 100, null), sameUser());
        } while (race.duplicates() == 0 && rounds < MAX_ROUNDS);
        assertThat(race.issued()).as("ISSUED answers for one user").isGreaterThan(1);
    }

    @Test
    void jvmSynchronizedOversellsOnTwoInstancesSharingRedis() throws Exception {
        var first = strategy("jvm-synchronized");
        var second = new JvmSynchronizedStrategy(counter); // a second server: its own monitors, the same Redis
        AdmissionStrategy[] servers = {first, second};
        int rounds = 0;
        Race race;
        do {
            rounds++;
            EventLimits event = new EventLimits(EVENT_IDS.incrementAndGet(), 5, null);
            race = race(i -> servers[i % 2], event, distinctUsers(THREADS));
        } while (race.issued() <= event(race).totalQuantity() && rounds < MAX_ROUNDS);
        assertThat(race.issued()).as("issued on two instances").isGreaterThan(5);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "redis-incr-set",
                "redis-lock",
                "db-pessimistic",
                "db-optimistic",
                "db-atomic-update",
                "jvm-synchronized"
            })
    void safeStrategyNeverOversellsNorDuplicates(String name) throws Exception {
        AdmissionStrategy strategy = strategy(name);
        for (int round = 0; round < 3; round++) {
            // 32 users, each sending twice, for 10 coupons: the limit binds
            Race scarce = race(i -> strategy, new EventLimits(EVENT_IDS.incrementAndGet(), 10, null), repeatedUsers());
            assertThat(scarce.issued()).as("issued for 10 coupons").isEqualTo(10);
            assertThat(scarce.duplicates()).as("users with two wins").isZero();
            assertThat(scarce.ranks()).as("ranks").containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);

            // the same users for 100 coupons: dedupe binds, every user wins exactly once
            Race plenty = race(i -> strategy, new EventLimits(EVENT_IDS.incrementAndGet(), 100, null), repeatedUsers());
            assertThat(plenty.issued()).as("issued for 32 users").isEqualTo(32);
            assertThat(plenty.duplicates()).as("users with two wins").isZero();
            assertThat(plenty.count(ApplyOutcome.ALREADY_APPLIED)).isEqualTo(32);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis-incr-set", "redis-set-scard", "redis-lock", "jvm-synchronized"})
    void redisStrategiesRespectTheDailyLimit(String name) {
        AdmissionStrategy strategy = strategy(name);
        EventLimits event = new EventLimits(EVENT_IDS.incrementAndGet(), 10, 3);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<ApplyOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            outcomes.add(
                    strategy.admit(event, "daily-" + i, today, Instant.now()).outcome());
        }
        assertThat(outcomes)
                .containsExactly(
                        ApplyOutcome.ISSUED,
                        ApplyOutcome.ISSUED,
                        ApplyOutcome.ISSUED,
                        ApplyOutcome.DAILY_SOLD_OUT,
                        ApplyOutcome.DAILY_SOLD_OUT);
        assertThat(strategy.admit(event, "daily-next-day", today.plusDays(1), Instant.now())
                        .outcome())
                .isEqualTo(ApplyOutcome.ISSUED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "redis-incr-set",
                "redis-lock",
                "db-pessimistic",
                "db-optimistic",
                "db-atomic-update",
                "jvm-synchronized"
            })
    void undoGivesTheSlotBack(String name) {
        AdmissionStrategy strategy = strategy(name);
        EventLimits event = new EventLimits(EVENT_IDS.incrementAndGet(), 1, null);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Decision first = strategy.admit(event, "undo-a", today, Instant.now());
        assertThat(first.outcome()).isEqualTo(ApplyOutcome.ISSUED);
        assertThat(strategy.admit(event, "undo-b", today, Instant.now()).outcome())
                .isEqualTo(ApplyOutcome.SOLD_OUT);

        strategy.undo(event, "undo-a", today, first);

        assertThat(strategy.admit(event, "undo-b", today, Instant.now()).outcome())
                .isEqualTo(ApplyOutcome.ISSUED);
    }

    private AdmissionStrategy strategy(String name) {
        return strategies.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private int roundsUntilOversold(Admit admit) throws Exception {
        AdmissionStrategy strategy = new AdmissionStrategy() {
            @Override
            public String name() {
                return "under-test";
            }

            @Override
            public Decision admit(EventLimits event, String userId, LocalDate day, Instant now) {
                return admit.admit(event, userId, day, now);
            }
        };
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            EventLimits event = new EventLimits(EVENT_IDS.incrementAndGet(), 5, null);
            if (race(i -> strategy, event, distinctUsers(THREADS)).issued() > 5) {
                return round;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static List<String> distinctUsers(int count) {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add("user-" + i);
        }
        return users;
    }

    private static List<String> sameUser() {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            users.add("the-same-user");
        }
        return users;
    }

    private static List<String> repeatedUsers() {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            users.add("user-" + (i % (THREADS / 2)));
        }
        return users;
    }

    private static EventLimits event(Race race) {
        return race.event();
    }

    /** One request per user entry, each on its own platform thread, all released at once. */
    private static Race race(IntFunction<AdmissionStrategy> strategyOf, EventLimits event, List<String> users)
            throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        CountDownLatch ready = new CountDownLatch(users.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Decision>> futures = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(users.size())) {
            for (int i = 0; i < users.size(); i++) {
                AdmissionStrategy strategy = strategyOf.apply(i);
                String user = users.get(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return strategy.admit(event, user, today, Instant.now());
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<String> winners = new ArrayList<>();
            List<Long> ranks = new ArrayList<>();
            Map<ApplyOutcome, Long> outcomes = new HashMap<>();
            for (int i = 0; i < futures.size(); i++) {
                Decision decision = futures.get(i).get(60, TimeUnit.SECONDS);
                outcomes.merge(decision.outcome(), 1L, Long::sum);
                if (decision.outcome().issued()) {
                    winners.add(users.get(i));
                    ranks.add(decision.rank());
                }
            }
            return new Race(event, winners, ranks, outcomes);
        }
    }

    @FunctionalInterface
    private interface Admit {
        Decision admit(EventLimits event, String userId, LocalDate day, Instant now);
    }

    private record Race(EventLimits event, List<String> winners, List<Long> ranks, Map<ApplyOutcome, Long> outcomes) {

        long issued() {
            return winners.size();
        }

        long duplicates() {
            Map<String, Integer> wins = new HashMap<>();
            winners.forEach(w -> wins.merge(w, 1, Integer::sum));
            return wins.values().stream().filter(n -> n > 1).count();
        }

        long count(ApplyOutcome outcome) {
            return outcomes.getOrDefault(outcome, 0L);
        }
    }
}
