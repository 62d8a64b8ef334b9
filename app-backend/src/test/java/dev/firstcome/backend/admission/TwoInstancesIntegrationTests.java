package dev.firstcome.backend.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.FirstComeApplication;
import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.HttpApi.Answer;
import dev.firstcome.backend.support.Race;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Two backend instances share Redis, Kafka and the database: still no oversell, no duplicate. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "firstcome.namespace=twins")
class TwoInstancesIntegrationTests {

    @LocalServerPort
    int port;

    ConfigurableApplicationContext second;

    @AfterEach
    void stopSecond() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void twoInstancesRacingForTheSameCouponsNeverOversell() {
        second = new SpringApplicationBuilder(FirstComeApplication.class)
                .properties("server.port=0", "firstcome.namespace=twins")
                .run();
        int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
        var first = new HttpApi(port);
        var other = new HttpApi(secondPort);
        long event = first.createOpenEvent("two-instances", 100, null);

        // the second instance learns about the event through Redis pub/sub or its cache miss path
        List<Answer> answers = Race.run(64, 1000, i -> (i % 2 == 0 ? first : other).apply(event, "t-" + (i % 700)));

        List<String> winners = answers.stream()
                .filter(a -> a.status() == 201)
                .map(a -> a.text("userId"))
                .toList();
        assertThat(winners).hasSize(100);
        assertThat(new HashSet<>(winners)).hasSize(100);
        assertThat(answers).allMatch(a -> a.status() == 201 || a.status() == 409);
        assertThat(other.get("/api/events/" + event).number("remaining")).isZero();
    }
}
