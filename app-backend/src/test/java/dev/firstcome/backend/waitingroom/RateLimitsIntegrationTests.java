package dev.firstcome.backend.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.FirstComeApplication;
import dev.firstcome.backend.infra.InfrastructureApi;
import dev.firstcome.backend.support.Race;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The abuse limits hold across two servers on one Redis (Bucket4j buckets in Redis): racing requests
 * split between the two get exactly the bucket's worth through, the rest 429 problem+json with
 * {@code Retry-After}; on joins (per user), polls (per client) and applies (per user, both entrances).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitsIntegrationTests {

    static final String[] PROPERTIES = {
        "--server.port=0",
        "--firstcome.apply-server.port=0",
        "--firstcome.namespace=limits",
        "--firstcome.waiting-room.token-secret=limits-secret",
        "--firstcome.waiting-room.limits.queue-per-user=3",
        "--firstcome.waiting-room.limits.queue-per-client=100000",
        "--firstcome.waiting-room.limits.poll-per-user=100000",
        "--firstcome.waiting-room.limits.poll-per-client=25",
        "--firstcome.waiting-room.limits.apply-per-user=2",
        "--firstcome.waiting-room.limits.apply-per-client=100000"
    };

    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() {
        first = new SpringApplicationBuilder(FirstComeApplication.class).run(PROPERTIES);
        second = new SpringApplicationBuilder(FirstComeApplication.class).run(PROPERTIES);
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    static RoomHttp main(ConfigurableApplicationContext context) {
        return new RoomHttp(
                ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    static RoomHttp applyServer(ConfigurableApplicationContext context) {
        return new RoomHttp(URI.create(context.getBean(InfrastructureApi.class).applyApiUrl())
                .getPort());
    }

    static long openRoom() {
        Instant now = Instant.now();
        return main(first)
                .createEvent("{\"name\":\"limits\",\"totalQuantity\":100,\"startsAt\":\"" + now.minusSeconds(60)
                        + "\",\"endsAt\":\"" + now.plus(Duration.ofDays(1))
                        + "\",\"zoneId\":\"UTC\",\"waitingRoom\":{\"mode\":\"FIFO\",\"outflowPerSecond\":1000}}");
    }

    @Test
    void joinsOfOneUserAreLimitedAcrossTwoServers() {
        long event = openRoom();
        List<RoomHttp.Reply> replies =
                Race.run(20, 20, i -> (i % 2 == 0 ? main(first) : main(second)).join(event, "greedy"));

        // a bucket of 3 a minute: 3 through (a 4th only if the race took longer than 20 s to refill one)
        long through = replies.stream().filter(r -> r.status() == 200).count();
        assertThat(through).isBetween(3L, 4L);
        assertLimited(replies.stream().filter(r -> r.status() != 200).toList(), 20 - through);
    }

    @Test
    @Order(1) // first: the other tests poll from the same client address
    void pollsOfOneClientAreLimitedAcrossTwoServers() {
        long event = openRoom();
        String ticket = main(first).join(event, "poller").text("ticketId");
        List<RoomHttp.Reply> replies =
                Race.run(40, 80, i -> (i % 2 == 0 ? main(first) : main(second)).poll(event, ticket));

        long through = replies.stream().filter(r -> r.status() == 200).count();
        assertThat(through).isBetween(25L, 27L);
        assertLimited(replies.stream().filter(r -> r.status() != 200).toList(), 80 - through);
    }

    @Test
    void appliesOfOneUserAreLimitedOnBothEntrancesOfBothServers() {
        long event = openRoom();
        RoomHttp http = main(first);
        String ticket = http.join(event, "applier").text("ticketId");
        var token = new AtomicReference<String>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            RoomHttp.Reply r = http.poll(event, ticket);
            token.set(r.text("entryToken"));
            return token.get() != null;
        });
        List<RoomHttp> entrances = List.of(main(first), applyServer(first), main(second), applyServer(second));
        List<RoomHttp.Reply> replies =
                Race.run(12, 12, i -> entrances.get(i % entrances.size()).apply(event, "applier", token.get()));

        // two through: one 201 ISSUED, one 409 ALREADY_APPLIED (admission still decides); the rest 429
        assertThat(replies.stream().filter(r -> r.status() == 201)).hasSize(1);
        long through = replies.stream().filter(r -> r.status() != 429).count();
        assertThat(through).isBetween(2L, 3L);
        assertLimited(replies.stream().filter(r -> r.status() == 429).toList(), 12 - through);
    }

    @Test
    void theLimitsAreEachEventsOwn() {
        // a bucket of 3 joins a minute per user: one customer joins four rooms at once, each a first join
        for (int room = 0; room < 4; room++) {
            long event = openRoom();
            RoomHttp.Reply reply = main(room % 2 == 0 ? first : second).join(event, "everywhere");
            assertThat(reply.status()).as("room %d: %s", room + 1, reply).isEqualTo(200);
        }
    }

    private static void assertLimited(List<RoomHttp.Reply> limited, long expected) {
        assertThat(limited).hasSize((int) expected);
        assertThat(limited).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.isProblem()).isTrue();
            assertThat(Long.parseLong(r.retryAfter())).isPositive();
            assertThat(r.number("retryAfterSeconds")).isPositive();
        });
    }
}
