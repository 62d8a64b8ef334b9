package dev.firstcome.backend.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.infra.InfrastructureApi;
import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.HttpApi.Answer;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import redis.embedded.RedisServer;

/** Redis down at apply time: 503 problem, nothing admitted, nothing sent, nothing persisted. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "firstcome.namespace=redisdown")
class RedisDownIntegrationTests {

    static RedisServer redisServer;
    static int redisPort;

    // component addresses are chosen before the test context's dynamic properties exist: a system
    // property set before the context starts (and removed after) points this context at its own Redis
    @BeforeAll
    static void ownRedis() throws Exception {
        try (var socket = new ServerSocket(0)) {
            redisPort = socket.getLocalPort();
        }
        redisServer = RedisServer.builder()
                .port(redisPort)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        redisServer.start();
        System.setProperty("firstcome.redis.url", "redis://127.0.0.1:" + redisPort);
    }

    @AfterAll
    static void stopRedis() {
        System.clearProperty("firstcome.redis.url");
        if (redisServer != null && redisServer.isActive()) {
            redisServer.stop();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    InfrastructureApi infrastructure;

    @Test
    void redisDownAnswers503AndChangesNothing() {
        var api = new HttpApi(port);
        var applyServer = new HttpApi("http://127.0.0.1:" + port, infrastructure.applyApiUrl());
        long event = api.createOpenEvent("redis-down", 10, null);
        assertThat(api.apply(event, "before").status()).isEqualTo(201);
        assertThat(applyServer.apply(event, "before-2").status()).isEqualTo(201);

        redisServer.stop();
        Answer down = api.apply(event, "during");
        Answer downOnApplyServer = applyServer.apply(event, "during");
        String name = "while-down-" + System.nanoTime();
        Answer create = api.admin(
                "POST",
                "/api/admin/events",
                "{\"name\":\"" + name + "\",\"totalQuantity\":5,\"startsAt\":\"2000-01-01T00:00:00Z\","
                        + "\"endsAt\":\"2100-01-01T00:00:00Z\"}");

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.isProblem()).isTrue();
        assertThat(down.text("detail")).isNotBlank();
        assertThat(downOnApplyServer.status()).isEqualTo(503);
        assertThat(downOnApplyServer.isProblem()).isTrue();
        assertThat(downOnApplyServer.text("detail")).contains("Redis");
        assertThat(create.status()).isEqualTo(503);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM coupon_event WHERE name = ?", Long.class, name))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM coupon WHERE event_id = ? AND user_id = 'during'", Long.class, event))
                .isZero();
    }
}
