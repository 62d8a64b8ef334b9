package dev.firstcome.backend.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.HttpApi.Answer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * After Redis lost an event's state, operator actions (pause, resume, limit changes) must not recreate
 * the meta hash with empty counters: they answer 503 until the state is rebuilt from the database, and
 * the rebuilt event still knows its winners.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "firstcome.namespace=loststate")
class LostStateOperatorActionsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    FirstComeNames names;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void operatorActionsOnALostStateNeverReopenSoldCoupons() {
        var api = new HttpApi(port);
        long event = api.createOpenEvent("lost-state", 3, null);
        for (String user : new String[] {"w1", "w2", "w3"}) {
            assertThat(api.apply(event, user).status()).isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        jdbc.queryForObject("SELECT COUNT(*) FROM coupon WHERE event_id = ?", Long.class, event) == 3);

        redis.delete(redis.keys(names.keyPrefix() + ":{evt:" + event + "}:*"));

        Answer pause = api.admin("POST", "/api/admin/events/" + event + "/pause", null);
        Answer raise = api.admin("PATCH", "/api/admin/events/" + event, "{\"totalQuantity\":4}");
        assertThat(pause.status()).isIn(503, 200);
        assertThat(raise.status()).isIn(503, 200);
        if (pause.status() == 200) {
            api.admin("POST", "/api/admin/events/" + event + "/resume", null);
        }

        // once rebuilt from the database: the winners are known and the event is sold out (or has the one new coupon)
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.apply(event, "w1").status() != 503);
        assertThat(api.apply(event, "w1").text("outcome")).isEqualTo("ALREADY_APPLIED");
        int limit = api.admin("GET", "/api/admin/events/" + event, null)
                .body()
                .get("totalQuantity")
                .asInt();
        long issuedAfter = 0;
        for (int i = 0; i < 5; i++) {
            if (api.apply(event, "late-" + i).status() == 201) {
                issuedAfter++;
            }
        }
        assertThat(3 + issuedAfter).isEqualTo(limit);
    }
}
