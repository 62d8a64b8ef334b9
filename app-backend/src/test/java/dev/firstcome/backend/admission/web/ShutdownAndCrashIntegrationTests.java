package dev.firstcome.backend.admission.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.FirstComeApplication;
import dev.firstcome.backend.admission.AdmissionApi;
import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.HttpApi.Answer;
import dev.firstcome.model.ApplyResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Failure matrix rows "SIGTERM" and "the server dies after the ack, before answering": every 201 ends as
 * exactly one coupon row, every refusal as none, and a retry after a lost answer says ALREADY_APPLIED.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "firstcome.namespace=shutdown")
class ShutdownAndCrashIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    AdmissionApi admission;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void gracefulShutdownMidRushLosesNoAnsweredCouponAndPersistsNoRefusedOne() throws Exception {
        sigtermMidRush("sigterm", doomed -> new HttpApi(mainPort(doomed)));
    }

    @Test
    void gracefulShutdownMidRushOnTheApplyServerLosesNoAnsweredCouponAndPersistsNoRefusedOne() throws Exception {
        sigtermMidRush(
                "sigterm-apply-server",
                doomed -> new HttpApi(
                        "http://127.0.0.1:" + mainPort(doomed),
                        "http://127.0.0.1:"
                                + doomed.getBean(ApplyHttpServer.class).port()));
    }

    private static int mainPort(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private void sigtermMidRush(String name, Function<ConfigurableApplicationContext, HttpApi> victimApi)
            throws Exception {
        var survivor = new HttpApi(port);
        long event = survivor.createOpenEvent(name, 5_000, null);
        ConfigurableApplicationContext doomed = new SpringApplicationBuilder(FirstComeApplication.class)
                .properties("server.port=0", "firstcome.namespace=shutdown")
                .run();
        var victim = victimApi.apply(doomed);

        List<Answer> answers = new ArrayList<>();
        List<String> users = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < 1_500; i++) {
                String user = "sig-" + i;
                users.add(user);
                futures.add(pool.submit(() -> {
                    try {
                        return victim.apply(event, user);
                    } catch (IllegalStateException connectionRefusedAfterStop) {
                        return new Answer(0, null, null);
                    }
                }));
                if (i == 500) {
                    pool.submit(doomed::close); // what SIGTERM does: Spring's shutdown hook closes the context
                }
            }
            for (Future<Answer> f : futures) {
                answers.add(f.get());
            }
        }

        long answeredIssued = answers.stream().filter(a -> a.status() == 201).count();
        assertThat(answeredIssued).isPositive();
        // the surviving instance's consumers (same group) persist whatever the stopped one handed to Kafka
        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(rows(event)).isGreaterThanOrEqualTo(answeredIssued));
        for (int i = 0; i < answers.size(); i++) {
            Answer a = answers.get(i);
            long row = rowsOf(event, users.get(i));
            if (a.status() == 201) {
                assertThat(row).as("answered ISSUED to %s", users.get(i)).isEqualTo(1);
            } else if (a.status() == 409 || a.status() == 503 || a.status() == 400) {
                assertThat(row)
                        .as("refused %s with %s", users.get(i), a.status())
                        .isZero();
            }
        }
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) - COUNT(DISTINCT user_id) FROM coupon WHERE event_id = ?", Long.class, event))
                .isZero();
    }

    @Test
    void answerLostAfterTheAckStillEndsAsACouponAndTheRetrySaysAlreadyApplied() {
        var api = new HttpApi(port);
        long event = api.createOpenEvent("lost-answer", 10, null);

        // the admission and the Kafka ack happen, but the customer never sees the answer
        ApplyResult unseen = admission.apply(event, "lost-answer-user");
        assertThat(unseen.outcome().issued()).isTrue();

        Answer retry = api.apply(event, "lost-answer-user");
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.text("outcome")).isEqualTo("ALREADY_APPLIED");
        await().atMost(Duration.ofSeconds(60)).until(() -> rowsOf(event, "lost-answer-user") == 1);
        Answer coupons = api.get("/api/users/lost-answer-user/coupons");
        assertThat(coupons.status()).isEqualTo(200);
        assertThat(coupons.body().valueStream().anyMatch(c -> c.get("eventId").asLong() == event))
                .isTrue();
    }

    long rows(long event) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM coupon WHERE event_id = ?", Long.class, event);
    }

    long rowsOf(long event, String user) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM coupon WHERE event_id = ? AND user_id = ?", Long.class, event, user);
    }
}
