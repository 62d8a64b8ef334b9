package dev.firstcome.backend.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.HttpApi.Answer;
import dev.firstcome.backend.support.Race;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Real HTTP races against real Redis, Kafka and a real database: never more winners than coupons,
 * never two per user. Subclasses choose the servers (embedded defaults, or the machine's services).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
abstract class AbstractApplyRaceTests {

    @LocalServerPort
    int port;

    HttpApi api;

    @BeforeEach
    void setUp() {
        api = newApi();
    }

    /** Where the race sends its applies: the main port by default. */
    HttpApi newApi() {
        return new HttpApi(port);
    }

    @Test
    void thousandUsersRaceForHundredCouponsAndExactlyHundredWin() {
        long event = api.createOpenEvent("race-1000-100", 100, null);

        List<Answer> answers = Race.run(64, 1000, i -> api.apply(event, "user-" + i));

        Map<String, Long> outcomes = outcomes(answers);
        assertThat(outcomes)
                .containsEntry("ISSUED", 100L)
                .containsEntry("SOLD_OUT", 900L)
                .hasSize(2);
        List<Long> ranks = answers.stream()
                .filter(a -> a.status() == 201)
                .map(a -> a.number("rank"))
                .sorted()
                .toList();
        assertThat(ranks)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, 100).boxed().toList());
        answers.stream()
                .filter(a -> a.status() == 409)
                .forEach(a -> assertThat(a.isProblem()).isTrue());
        Answer publicView = api.get("/api/events/" + event);
        assertThat(publicView.number("remaining")).isZero();
    }

    @Test
    void oneUserSendingFiveHundredConcurrentAppliesWinsOnce() {
        long event = api.createOpenEvent("same-user", 10, null);

        List<Answer> answers = Race.run(64, 500, i -> api.apply(event, "the-one"));

        Map<String, Long> outcomes = outcomes(answers);
        assertThat(outcomes).containsEntry("ISSUED", 1L).containsEntry("ALREADY_APPLIED", 499L);
    }

    @Test
    void repeatedRequestsNeverGiveTwoCouponsToOneUser() {
        long event = api.createOpenEvent("repeats", 1000, null);
        // 3,000 applies: 2,100 distinct users first seen, 900 (30 %) repeat an earlier user
        List<String> users = new java.util.ArrayList<>();
        var random = new java.util.Random(42);
        for (int i = 0; i < 3000; i++) {
            if (i > 0 && random.nextDouble() < 0.3) {
                users.add(users.get(random.nextInt(users.size())));
            } else {
                users.add("r-" + i);
            }
        }

        List<Answer> answers = Race.run(64, users.size(), i -> api.apply(event, users.get(i)));

        List<String> winners = answers.stream()
                .filter(a -> a.status() == 201)
                .map(a -> a.text("userId"))
                .toList();
        assertThat(winners).hasSize(1000);
        assertThat(new HashSet<>(winners)).hasSize(1000);
        assertThat(answers).allMatch(a -> a.status() == 201 || a.status() == 409);
    }

    @Test
    void loweringTheLimitMidRushNeverIssuesMoreThanTheNewLimit() {
        // a total the race cannot exhaust during one admin round trip even on a loaded machine (an edit
        // locks the event's row and writes Redis under its version before it answers)
        int total = 2500;
        long event = api.createOpenEvent("lowered", total, null);
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger lowered = new AtomicInteger(total);

        List<Answer> answers = Race.run(32, 3000, i -> {
            if (sent.incrementAndGet() == 150) {
                // lower to a little above what is issued right now; if the race overtook us (the apply
                // path can issue hundreds during one admin round trip), try again with a wider margin
                for (int attempt = 0; attempt < 20 && lowered.get() == total; attempt++) {
                    long issuedNow = total - api.get("/api/events/" + event).number("remaining");
                    int target = (int) Math.min(total - 1, issuedNow + (40L << Math.min(attempt, 4)));
                    if (api.admin("PATCH", "/api/admin/events/" + event, "{\"totalQuantity\":" + target + "}")
                                    .status()
                            == 200) {
                        lowered.set(target);
                    }
                }
            }
            return api.apply(event, "low-" + i);
        });

        long issued = answers.stream().filter(a -> a.status() == 201).count();
        assertThat(lowered.get()).isLessThan(total);
        assertThat(api.admin("GET", "/api/admin/events/" + event, null).number("totalQuantity"))
                .isEqualTo(lowered.get());
        assertThat(issued).isEqualTo(lowered.get());
    }

    @Test
    void pauseRefusesTheVeryNextApplyAndResumeReopens() {
        long event = api.createOpenEvent("kill-switch", 10, null);
        assertThat(api.apply(event, "p1").status()).isEqualTo(201);

        assertThat(api.admin("POST", "/api/admin/events/" + event + "/pause", null)
                        .text("status"))
                .isEqualTo("PAUSED");
        Answer paused = api.apply(event, "p2");
        assertThat(paused.status()).isEqualTo(409);
        assertThat(paused.text("outcome")).isEqualTo("PAUSED");

        api.admin("POST", "/api/admin/events/" + event + "/resume", null);
        assertThat(api.apply(event, "p2").status()).isEqualTo(201);
    }

    @Test
    void closedEventRefusesAppliesAndCannotBeResumed() {
        long event = api.createOpenEvent("closing", 10, null);
        api.admin("POST", "/api/admin/events/" + event + "/close", null);

        Answer closed = api.apply(event, "c1");
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.text("outcome")).isEqualTo("CLOSED");
        Answer resume = api.admin("POST", "/api/admin/events/" + event + "/resume", null);
        assertThat(resume.status()).isEqualTo(409);
        assertThat(resume.isProblem()).isTrue();
    }

    static Map<String, Long> outcomes(List<Answer> answers) {
        return answers.stream()
                .collect(Collectors.groupingBy(
                        a -> a.text("outcome") == null ? a.status() + ": " + a.text("detail") : a.text("outcome"),
                        Collectors.counting()));
    }
}
