package dev.firstcome.backend.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.infra.InfrastructureApi;
import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.HttpApi.Answer;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Kafka unreachable at apply time: Redis admits, the send fails within the bounded timeout, undo.lua
 * gives the slot back and revokes the admission id, and the customer gets 503.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "firstcome.namespace=nokafka",
            "firstcome.kafka.send-timeout=1500ms",
            "spring.kafka.admin.auto-create=false",
            "spring.kafka.listener.auto-startup=false"
        })
class KafkaUnavailableIntegrationTests {

    // component addresses are chosen before the test context's dynamic properties exist: a system
    // property set before the context starts (and removed after) points this context at a dead port
    @BeforeAll
    static void deadKafka() throws Exception {
        try (var socket = new ServerSocket(0)) {
            System.setProperty("firstcome.kafka.bootstrap-servers", "127.0.0.1:" + socket.getLocalPort());
        }
    }

    @AfterAll
    static void forgetDeadKafka() {
        System.clearProperty("firstcome.kafka.bootstrap-servers");
    }

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    FirstComeNames names;

    @Autowired
    InfrastructureApi infrastructure;

    @Test
    void kafkaDownAnswers503AndLeavesCountersAndAppliedSetExactlyAsBefore() {
        kafkaDown(new HttpApi(port));
    }

    @Test
    void kafkaDownOnTheApplyServerAnswers503AndLeavesCountersAndAppliedSetExactlyAsBefore() {
        kafkaDown(new HttpApi("http://127.0.0.1:" + port, infrastructure.applyApiUrl()));
    }

    private void kafkaDown(HttpApi api) {
        long event = api.createOpenEvent("no-kafka", 10, 5);
        String tag = names.keyPrefix() + ":{evt:" + event + "}:";
        Map<Object, Object> appliedBefore = redis.opsForHash().entries(tag + "applied");
        String totalBefore = redis.opsForValue().get(tag + "total");
        String seqBefore = redis.opsForValue().get(tag + "seq");

        Answer answer = api.apply(event, "k1");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.text("detail")).contains("Kafka");
        assertThat(redis.opsForHash().entries(tag + "applied")).isEqualTo(appliedBefore);
        assertThat(redis.opsForValue().get(tag + "total")).isIn(totalBefore, "0");
        List<String> dayKeys = List.copyOf(redis.keys(tag + "day:*"));
        dayKeys.forEach(k -> assertThat(redis.opsForValue().get(k)).isEqualTo("0"));
        // the admission id was taken (never reused) and revoked, so a late broker write is dropped
        assertThat(redis.opsForValue().get(tag + "seq")).isNotEqualTo(seqBefore);
        assertThat(redis.opsForSet().members(tag + "revoked")).hasSize(1);
        assertThat(api.get("/api/events/" + event).number("remaining")).isEqualTo(10);

        // the slot came back: the same user may apply again (and is refused again while Kafka is down)
        assertThat(api.apply(event, "k1").status()).isEqualTo(503);
        assertThat(redis.opsForSet().members(tag + "revoked")).hasSize(2);
    }
}
