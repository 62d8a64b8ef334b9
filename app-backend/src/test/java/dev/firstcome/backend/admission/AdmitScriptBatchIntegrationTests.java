package dev.firstcome.backend.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.admission.state.AdmissionKeys;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * admit.lua's batch form against the real Redis: a batch decides each apply exactly as the same applies
 * run one by one would (outcomes, ranks, admission ids, applied hash, counters), whatever the limits.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AdmitScriptBatchIntegrationTests {

    static final LocalDate DAY = LocalDate.of(2031, 3, 1);
    static final String TTL = "345600";

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    @SuppressWarnings("rawtypes")
    RedisScript<List> admitScript;

    @Autowired
    AdmissionKeys keys;

    @Test
    void aBatchHitsTheDailyLimitExactlyWhereSingleRunsDo() {
        List<String> users = List.of("u1", "u2", "u1", "u0", "u3", "u4", "u5");

        List<String> outcomes = sameAsOneByOne(10, 4, List.of("u0"), users);

        assertThat(outcomes)
                .containsExactly(
                        "ISSUED:2:2",
                        "ISSUED:3:3",
                        "ALREADY_APPLIED",
                        "ALREADY_APPLIED",
                        "ISSUED:4:4",
                        "DAILY_SOLD_OUT",
                        "DAILY_SOLD_OUT");
    }

    @Test
    void aBatchSellsOutExactlyWhereSingleRunsDo() {
        List<String> users = List.of("a", "b", "c", "a", "d", "e");

        List<String> outcomes = sameAsOneByOne(3, null, List.of(), users);

        assertThat(outcomes)
                .containsExactly("ISSUED:1:1", "ISSUED:2:2", "ISSUED:3:3", "ALREADY_APPLIED", "SOLD_OUT", "SOLD_OUT");
    }

    @Test
    void aLargeRandomBatchAgreesWithSingleRuns() {
        var random = ThreadLocalRandom.current();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            users.add("r" + random.nextInt(120)); // repeated users among them
        }

        List<String> outcomes = sameAsOneByOne(90, 70, List.of("r1", "r2"), users);

        assertThat(outcomes.stream().filter(o -> o.startsWith("ISSUED"))).hasSizeLessThanOrEqualTo(68);
    }

    @Test
    void aPausedOrClosedEventRefusesTheWholeBatch() {
        long paused = newEvent(10, null);
        redis.opsForHash().put(keys.meta(paused), "paused", "1");
        long closed = newEvent(10, null);
        redis.opsForHash().put(keys.meta(closed), "closed", "1");

        assertThat(batch(paused, List.of("a", "b"))).containsExactly("PAUSED", 0L, 0L, "PAUSED", 0L, 0L);
        assertThat(batch(closed, List.of("a", "b"))).containsExactly("CLOSED", 0L, 0L, "CLOSED", 0L, 0L);
        assertThat(redis.opsForHash().size(keys.applied(paused))).isZero();
        assertThat(redis.opsForValue().get(keys.total(closed))).isNull();
    }

    @Test
    void anEventWithoutStateAnswersNoStateForTheWholeBatch() {
        long missing = 9_000_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);

        assertThat(batch(missing, List.of("a", "b", "c"))).containsExactly("NO_STATE");
        assertThat(redis.hasKey(keys.applied(missing))).isFalse();
    }

    /** Runs the users as one batch on one event and one by one on another; both must agree in every respect. */
    private List<String> sameAsOneByOne(int total, Integer daily, List<String> before, List<String> users) {
        long batched = newEvent(total, daily);
        long single = newEvent(total, daily);
        for (String user : before) {
            one(batched, user);
            one(single, user);
        }

        List<?> answer = batch(batched, users);
        List<String> batchOutcomes = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            batchOutcomes.add(outcome(answer.subList(3 * i, 3 * i + 3)));
        }
        List<String> singleOutcomes =
                users.stream().map(u -> outcome(one(single, u))).toList();

        assertThat(batchOutcomes).isEqualTo(singleOutcomes);
        assertThat(state(batched)).isEqualTo(state(single));
        assertThat(redis.getExpire(keys.day(batched, DAY))).isPositive();
        return batchOutcomes;
    }

    private long newEvent(int total, Integer daily) {
        long event = 9_000_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);
        redis.opsForHash()
                .putAll(
                        keys.meta(event),
                        Map.of(
                                "total",
                                Integer.toString(total),
                                "daily",
                                daily == null ? "0" : daily.toString(),
                                "paused",
                                "0",
                                "closed",
                                "0"));
        return event;
    }

    private List<?> one(long event, String user) {
        return redis.execute(admitScript, keys.admitKeys(event, DAY), user, DAY.toString(), "1000", TTL);
    }

    @SuppressWarnings("unchecked")
    private List<Object> batch(long event, List<String> users) {
        List<String> args = new ArrayList<>(List.of(users.getFirst(), DAY.toString(), "1000", TTL));
        for (String user : users.subList(1, users.size())) {
            args.add(user);
            args.add("1000");
        }
        return (List<Object>) redis.execute(admitScript, keys.admitKeys(event, DAY), args.toArray());
    }

    private static String outcome(List<?> answer) {
        String outcome = String.valueOf(answer.getFirst());
        return outcome.equals("ISSUED") ? outcome + ":" + answer.get(1) + ":" + answer.get(2) : outcome;
    }

    /** Applied hash, total, day counter and sequence of an event. */
    private List<Object> state(long event) {
        return List.of(
                redis.opsForHash().entries(keys.applied(event)),
                String.valueOf(redis.opsForValue().get(keys.total(event))),
                String.valueOf(redis.opsForValue().get(keys.day(event, DAY))),
                String.valueOf(redis.opsForValue().get(keys.seq(event))));
    }
}
