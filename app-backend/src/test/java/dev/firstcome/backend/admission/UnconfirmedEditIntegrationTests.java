package dev.firstcome.backend.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.admission.state.AdmissionKeys;
import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.HttpApi.Answer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An edit whose commit fails after Redis took it (the embedded PostgreSQL: a deferred trigger fails the
 * commit of rows named {@code fail-commit...}, after a pause in which applies race): Redis and the
 * database are made to agree on the committed event under a later version, what Redis admitted
 * meanwhile is kept by raising the database's total, and the 503 says where the event stands.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class UnconfirmedEditIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    AdmissionKeys keys;

    @Autowired
    JdbcTemplate jdbc;

    HttpApi api;

    @BeforeEach
    void failingCommits() {
        api = new HttpApi(port);
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION fc_test_fail_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  PERFORM pg_sleep(3);
                  RAISE EXCEPTION 'commit refused by the test';
                END $$""");
        jdbc.execute("DROP TRIGGER IF EXISTS fc_test_fail_commit ON coupon_event");
        jdbc.execute("""
                CREATE CONSTRAINT TRIGGER fc_test_fail_commit AFTER UPDATE ON coupon_event
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
                WHEN (NEW.name LIKE 'fail-commit%') EXECUTE FUNCTION fc_test_fail_commit()""");
    }

    @AfterEach
    void normalCommits() {
        jdbc.execute("DROP TRIGGER IF EXISTS fc_test_fail_commit ON coupon_event");
        jdbc.execute("DROP FUNCTION IF EXISTS fc_test_fail_commit()");
    }

    @Test
    void anEditWhoseCommitFailsIsUndoneInRedisAndWhatRedisAdmittedMeanwhileIsKept() throws Exception {
        long event = api.createOpenEvent("unconfirmed", 10, null);
        for (int i = 0; i < 5; i++) {
            assertThat(api.apply(event, "before-" + i).status()).isEqualTo(201);
        }
        long versionBefore = databaseVersion(event);

        CompletableFuture<Answer> edit = CompletableFuture.supplyAsync(() ->
                api.admin("PATCH", "/api/admin/events/" + event, "{\"name\":\"fail-commit\",\"totalQuantity\":50}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "50".equals(meta(event, "total")));
        for (int i = 0; i < 20; i++) {
            assertThat(api.apply(event, "during-" + i).status()).isEqualTo(201);
        }
        Answer answer = edit.get(30, TimeUnit.SECONDS);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.text("detail")).contains("could not be confirmed").contains("total 25");
        assertThat(jdbc.queryForObject("SELECT name FROM coupon_event WHERE id = ?", String.class, event))
                .isEqualTo("unconfirmed");
        assertThat(databaseTotal(event)).isEqualTo(25);
        assertThat(meta(event, "total")).isEqualTo("25");
        assertThat(databaseVersion(event)).isGreaterThan(versionBefore + 1);
        assertThat(meta(event, "version")).isEqualTo(Long.toString(databaseVersion(event)));
        assertThat(api.admin("GET", "/api/admin/events/" + event, null).number("totalQuantity"))
                .isEqualTo(25);
        assertThat(api.apply(event, "after").text("outcome")).isEqualTo("SOLD_OUT");
    }

    private int databaseTotal(long event) {
        return jdbc.queryForObject("SELECT total_quantity FROM coupon_event WHERE id = ?", Integer.class, event);
    }

    private long databaseVersion(long event) {
        return jdbc.queryForObject("SELECT version FROM coupon_event WHERE id = ?", Long.class, event);
    }

    private String meta(long event, String field) {
        Object value = redis.opsForHash().get(keys.meta(event), field);
        return value == null ? null : value.toString();
    }
}
