package dev.firstcome.backend.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.FirstComeApplication;
import dev.firstcome.backend.admission.AdmissionStateApi;
import dev.firstcome.backend.infra.InfrastructureApi;
import dev.firstcome.backend.support.Race;
import dev.firstcome.backend.support.ShiftedClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The waiting room against the real embedded Redis, Kafka and database, over real HTTP with racing
 * threads: one ticket per user, the shuffled pre-queue recomputable from the published seed, the outflow
 * (two servers together) within 10 % of the setting over 30 s, the apply gate on both entrances, the
 * sold-out queue answering without Redis or admission, and positions that never go backward.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "firstcome.namespace=room",
            "firstcome.waiting-room.token-secret=" + WaitingRoomIntegrationTests.SECRET,
            "firstcome.waiting-room.limits.enabled=false"
        })
class WaitingRoomIntegrationTests {

    static final String SECRET = "room-test-secret";
    static final ShiftedClock CLOCK = new ShiftedClock();

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    InfrastructureApi infrastructure;

    @Autowired
    QueueStore store;

    @Autowired
    org.springframework.data.redis.core.StringRedisTemplate redis;

    @Autowired
    AdmissionStateApi admission;

    RoomHttp http() {
        return new RoomHttp(port);
    }

    RoomHttp applyServer() {
        return new RoomHttp(URI.create(infrastructure.applyApiUrl()).getPort());
    }

    long roomEvent(String mode, int total, int outflow, Instant startsAt, Instant endsAt, int tokenSeconds) {
        return http().createEvent("{\"name\":\"room " + mode + "\",\"totalQuantity\":" + total + ",\"startsAt\":\""
                + startsAt + "\",\"endsAt\":\"" + endsAt + "\",\"zoneId\":\"UTC\",\"waitingRoom\":{\"mode\":\"" + mode
                + "\",\"prequeueOpensMinutesBefore\":600,\"outflowPerSecond\":" + outflow + ",\"entryTokenSeconds\":"
                + tokenSeconds + "}}");
    }

    long openFifoEvent(int total, int outflow) {
        Instant now = CLOCK.instant();
        return roomEvent("FIFO", total, outflow, now.minusSeconds(60), now.plus(Duration.ofDays(1)), 300);
    }

    @Test
    void oneTicketPerUserUnderConcurrentJoins() {
        long event = openFifoEvent(100, 1);
        var http = http();

        List<RoomHttp.Reply> replies = Race.run(64, 2000, i -> http.join(event, "one-" + (i % 200)));

        assertThat(replies).allMatch(r -> r.status() == 200);
        Map<String, Set<String>> ticketsByUser = replies.stream()
                .collect(Collectors.groupingBy(
                        r -> r.text("userId"), Collectors.mapping(r -> r.text("ticketId"), Collectors.toSet())));
        assertThat(ticketsByUser).hasSize(200);
        assertThat(ticketsByUser.values()).allMatch(tickets -> tickets.size() == 1);
        assertThat(http.admin("GET", "/api/admin/events/" + event + "/queue", null)
                        .number("ticketsIssued"))
                .isEqualTo(200);
        // numbers are unique: no two users share a place in line
        List<Long> positions = replies.stream()
                .filter(r -> "WAITING".equals(r.text("status")))
                .collect(Collectors.toMap(r -> r.text("userId"), r -> r.number("position"), (a, b) -> a))
                .values()
                .stream()
                .toList();
        assertThat(new HashSet<>(positions)).hasSameSizeAs(positions);
    }

    @Test
    void aShuffledPrequeueOfTenThousandIsRecomputableFromThePublishedSeed() throws Exception {
        Instant now = CLOCK.instant();
        long event =
                roomEvent("SHUFFLED_PREQUEUE", 10, 1, now.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), 300);
        var http = http();

        List<RoomHttp.Reply> joins = Race.run(64, 10_000, i -> http.join(event, "pre-" + i));

        assertThat(joins).allMatch(r -> r.status() == 200 && "PREQUEUE".equals(r.text("status")));
        assertThat(joins).allMatch(r -> r.number("position") == null);
        Map<String, String> ticketOf = new HashMap<>();
        joins.forEach(r -> ticketOf.put(r.text("userId"), r.text("ticketId")));
        assertThat(new HashSet<>(ticketOf.values())).hasSize(10_000);
        // the audit is not published before the event ends
        assertThat(http.get("/api/events/" + event + "/queue/audit").status()).isEqualTo(409);

        CLOCK.shift(Duration.ofHours(1)); // the opening
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Boolean.TRUE.equals(http.admin("GET", "/api/admin/events/" + event + "/queue", null)
                        .body()
                        .get("opened")
                        .asBoolean()));
        // every ticket polled now has a place: positions 1..10,000 minus the few let in already
        var sample = new ArrayList<>(ticketOf.values()).subList(0, 300);
        Map<String, Long> positionOf = new ConcurrentHashMap<>();
        Race.run(16, sample.size(), i -> {
            RoomHttp.Reply r = http.poll(event, sample.get(i));
            positionOf.put(sample.get(i), "YOUR_TURN".equals(r.text("status")) ? 0L : r.number("position"));
            return r;
        });
        long letInAfter =
                http.admin("GET", "/api/admin/events/" + event + "/queue", null).number("letIn");

        assertThat(http.admin("POST", "/api/admin/events/" + event + "/close", null)
                        .status())
                .isEqualTo(200);
        RoomHttp.Reply audit = http.get("/api/events/" + event + "/queue/audit");
        assertThat(audit.status()).isEqualTo(200);
        String seed = audit.text("seed");
        List<String> order = new ArrayList<>();
        audit.body().get("tickets").forEach(t -> order.add(t.asString()));
        assertThat(order).hasSize(10_000);
        assertThat(new HashSet<>(order)).isEqualTo(new HashSet<>(ticketOf.values()));

        // anyone can recompute the order from the seed and the list, and check the digest
        List<String> recomputed = new ArrayList<>(order);
        recomputed.sort(Comparator.comparing((String t) -> sha1(seed + ":" + t)).thenComparing(t -> t));
        assertThat(recomputed).isEqualTo(order);
        List<String> sorted = new ArrayList<>(order);
        sorted.sort(Comparator.naturalOrder());
        assertThat(sha1(String.join("\n", sorted))).isEqualTo(audit.text("digest"));
        // shuffled: not the arrival order
        List<String> arrival = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            arrival.add(ticketOf.get("pre-" + i));
        }
        assertThat(order).isNotEqualTo(arrival);
        // each polled ticket stood where the published order puts it
        for (String ticket : sample) {
            long place = order.indexOf(ticket) + 1;
            long position = positionOf.get(ticket);
            if (position > 0) {
                assertThat(place - position).isBetween(0L, letInAfter);
            } else {
                assertThat(place).isLessThanOrEqualTo(letInAfter);
            }
        }
    }

    @Test
    void twoServersTogetherLetInTheOutflowWithinTenPercentOverThirtySeconds() {
        var second = secondServer();
        try {
            var other = new RoomHttp(
                    ((WebServerApplicationContext) second).getWebServer().getPort());
            int outflow = 20;
            long event = openFifoEvent(10, outflow);
            var http = http();
            // both servers have visitors of the room, so both tick it
            Race.run(32, 1500, i -> (i % 2 == 0 ? http : other).join(event, "flow-" + i));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> stats(http, event).number("letIn") > 0);

            long t0 = System.nanoTime();
            long letIn0 = stats(http, event).number("letIn");
            await().pollDelay(Duration.ofSeconds(30))
                    .atMost(Duration.ofSeconds(40))
                    .until(() -> true);
            long letIn1 = stats(other, event).number("letIn");
            double seconds = (System.nanoTime() - t0) / 1e9;

            double measured = (letIn1 - letIn0) / seconds;
            assertThat(measured).as("let in per second over %.1f s", seconds).isBetween(outflow * 0.9, outflow * 1.1);
            // the ETA comes from the measured outflow, which both servers see
            assertThat(stats(other, event)
                            .body()
                            .get("measuredOutflowPerSecond")
                            .asDouble())
                    .isBetween(outflow * 0.8, outflow * 1.2);
        } finally {
            second.close();
        }
    }

    @Test
    void aQueueSurvivesTheRestartOfTheOnlyServerThatIssuedItsTickets() {
        long event = openFifoEvent(10, 1);
        http().admin("POST", "/api/admin/events/" + event + "/queue/pause", null);
        Map<String, String> ticketOf = new HashMap<>();
        Map<String, Long> positionOf = new HashMap<>();
        var before = secondServer();
        try {
            var first = new RoomHttp(
                    ((WebServerApplicationContext) before).getWebServer().getPort());
            List<RoomHttp.Reply> joins = Race.run(16, 200, i -> first.join(event, "restart-" + i));
            joins.forEach(r -> {
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                ticketOf.put(r.text("userId"), r.text("ticketId"));
                positionOf.put(r.text("ticketId"), r.number("position"));
            });
        } finally {
            before.close();
        }
        // a server started afterwards, which never saw these visitors, answers for every one of them
        var after = secondServer();
        try {
            var next = new RoomHttp(
                    ((WebServerApplicationContext) after).getWebServer().getPort());
            ticketOf.forEach((user, ticket) -> {
                RoomHttp.Reply poll = next.poll(event, ticket);
                assertThat(poll.status()).as(poll.toString()).isEqualTo(200);
                assertThat(poll.text("status")).isEqualTo("WAITING");
                assertThat(poll.number("position")).isEqualTo(positionOf.get(ticket));
                assertThat(next.join(event, user).text("ticketId"))
                        .as("asking again after the restart returns the same ticket")
                        .isEqualTo(ticket);
            });
            assertThat(stats(next, event).number("ticketsIssued")).isEqualTo(200);
            assertThat(new HashSet<>(positionOf.values())).hasSize(200);
        } finally {
            after.close();
        }
    }

    private static org.springframework.context.ConfigurableApplicationContext secondServer() {
        return new SpringApplicationBuilder(FirstComeApplication.class, TestClock.class)
                .properties(
                        "server.port=0",
                        "firstcome.apply-server.port=0",
                        "firstcome.namespace=room",
                        "firstcome.waiting-room.token-secret=" + SECRET,
                        "firstcome.waiting-room.limits.enabled=false",
                        "spring.main.allow-bean-definition-overriding=true")
                .run();
    }

    @Test
    void appliesWithoutOrWithAnExpiredOrForgedTokenAreRefusedOnBothEntrances() throws Exception {
        Instant now = CLOCK.instant();
        long event = roomEvent("FIFO", 100, 1000, now.minusSeconds(60), now.plus(Duration.ofDays(1)), 20);
        long otherEvent = openFifoEvent(100, 1000);
        var http = http();
        String token = turnOf(http, event, "gate-a");
        String othersToken = turnOf(http, event, "gate-b");
        String otherEventsToken = turnOf(http, otherEvent, "gate-a");
        long exp = Long.parseLong(token.substring(0, token.indexOf('.')));

        for (RoomHttp entrance : List.of(http, applyServer())) {
            assertRefused(entrance.apply(event, "gate-a", null), "ENTRY_TOKEN_MISSING");
            assertRefused(entrance.apply(event, "gate-a", "x"), "ENTRY_TOKEN_INVALID");
            assertRefused(entrance.apply(event, "gate-a", othersToken), "ENTRY_TOKEN_INVALID");
            assertRefused(entrance.apply(event, "gate-a", otherEventsToken), "ENTRY_TOKEN_INVALID");
            // the expiry pushed forward with the signature kept: forged
            assertRefused(
                    entrance.apply(event, "gate-a", (exp + 3600) + token.substring(token.indexOf('.'))),
                    "ENTRY_TOKEN_INVALID");
            // a token signed with another key
            assertRefused(
                    entrance.apply(event, "gate-a", sign("another-key", event, "gate-a", exp)), "ENTRY_TOKEN_INVALID");
            // properly signed, but expired
            assertRefused(
                    entrance.apply(event, "gate-a", sign(SECRET, event, "gate-a", now.getEpochSecond() - 1)),
                    "ENTRY_TOKEN_EXPIRED");
        }
        assertThat(admission.counts(event).admitted()).isZero();

        assertThat(applyServer().apply(event, "gate-a", token).status()).isEqualTo(201);
        assertThat(http.apply(event, "gate-a", token).status()).isEqualTo(409); // ALREADY_APPLIED: admission decides

        // the real expiry: the turn passes, the poll says so, and the token is refused
        CLOCK.shift(Duration.ofSeconds(21));
        assertRefused(http.apply(event, "gate-b", othersToken), "ENTRY_TOKEN_EXPIRED");
        assertRefused(applyServer().apply(event, "gate-b", othersToken), "ENTRY_TOKEN_EXPIRED");
        RoomHttp.Reply late = http.join(event, "gate-b");
        assertThat(late.text("status")).isEqualTo("CLOSED");
        assertThat(late.text("reason")).isEqualTo("ENTRY_EXPIRED");
        assertThat(admission.counts(event).admitted()).isEqualTo(1);
    }

    @Test
    void aSoldOutEventAnswersTheQueueWithoutRedisOrAdmission() {
        long event = openFifoEvent(5, 1000);
        var http = http();
        List<RoomHttp.Reply> joins = Race.run(16, 50, i -> http.join(event, "sold-" + i));
        Map<String, String> tickets =
                joins.stream().collect(Collectors.toMap(r -> r.text("userId"), r -> r.text("ticketId")));
        for (int i = 0; i < 5; i++) {
            String token = turnOf(http, event, "sold-" + i);
            RoomHttp.Reply turn = http.poll(event, tickets.get("sold-" + i));
            assertThat(turn.text("status")).isEqualTo("YOUR_TURN");
            assertThat(turn.number("position"))
                    .as("no position once the turn came")
                    .isNull();
            assertThat(http.apply(event, "sold-" + i, token).status()).isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "SOLD_OUT"
                        .equals(http.poll(event, tickets.get("sold-7")).text("status")));

        long runs = store.runs(event);
        long admitted = admission.counts(event).admitted();
        List<RoomHttp.Reply> after = Race.run(
                32,
                400,
                i -> i % 2 == 0 ? http.poll(event, tickets.get("sold-" + (i % 50))) : http.join(event, "late-" + i));

        assertThat(after).allMatch(r -> r.status() == 200 && "SOLD_OUT".equals(r.text("status")));
        assertThat(store.runs(event)).as("queue script runs after the sell-out").isEqualTo(runs);
        assertThat(admission.counts(event).admitted()).isEqualTo(admitted).isEqualTo(5);
        assertThat(after.stream()
                        .filter(r ->
                                r.text("ticketId") != null && r.text("ticketId").equals(tickets.get("sold-9"))))
                .allMatch(r -> "sold-9".equals(r.text("userId")));
        RoomHttp.Reply real = http.poll(event, tickets.get("sold-9"));
        assertThat(real.text("status")).isEqualTo("SOLD_OUT");
        assertThat(real.text("userId")).as("a real ticket keeps its customer").isEqualTo("sold-9");
        assertThat(http.poll(event, QueueStore.newTicketId()).status())
                .as("a ticket nobody was given, after the sell-out as before it")
                .isEqualTo(404);
    }

    @Test
    void theAdvisedPollIntervalGrowsWithTheWaitUpToItsCeilingAndNeverPastHalfTheTokenValidity() {
        Instant now = CLOCK.instant();
        long longTokens = openFifoEvent(10, 1);
        long shortTokens = roomEvent("FIFO", 10, 1, now.minusSeconds(60), now.plus(Duration.ofDays(1)), 20);
        var http = http();
        // the front of the line (an ETA of a second or two) polls at the floor, 1 s
        http.join(longTokens, "advised-first");
        RoomHttp.Reply front = http.join(longTokens, "advised-second");
        if ("WAITING".equals(front.text("status"))) { // not let in already
            assertThat(front.number("pollAfterMillis")).isEqualTo(1_000L);
        }
        Race.run(16, 800, i -> http.join(i % 2 == 0 ? longTokens : shortTokens, "advised-" + i));

        // 400 in line at 1 a second: a tenth of the ETA, about 40 s (under the 60 s ceiling)
        RoomHttp.Reply back = http.join(longTokens, "advised-last");
        assertThat(back.number("position")).isGreaterThan(300L);
        assertThat(back.number("pollAfterMillis")).isEqualTo(Math.min(60_000L, back.number("etaSeconds") * 100));
        assertThat(back.number("pollAfterMillis")).isGreaterThan(30_000L);
        // with 20 s entry tokens the advice never exceeds 10 s, whatever the wait
        RoomHttp.Reply shortBack = http.join(shortTokens, "advised-last");
        assertThat(shortBack.number("position")).isGreaterThan(300L);
        assertThat(shortBack.number("pollAfterMillis")).isEqualTo(10_000L);
    }

    @Test
    void aClosedRoomsQueueExpiresAfterTheRetentionAndItsAuditStaysReadableMeanwhile() {
        long event = openFifoEvent(10, 5);
        var http = http();
        http.join(event, "retire-1");
        http.join(event, "retire-2");
        String meta = store.key(event, "meta");
        assertThat(redis.getExpire(meta)).as("no expiry while the room is open").isEqualTo(-1L);

        assertThat(http.admin("POST", "/api/admin/events/" + event + "/close", null)
                        .status())
                .isEqualTo(200);

        // the next outflow tick sees the room over and sets every queue key to expire in 30 days
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String name : List.of("meta", "users", "tickets", "num")) {
                assertThat(redis.getExpire(store.key(event, name), java.util.concurrent.TimeUnit.DAYS))
                        .as(name)
                        .isBetween(29L, 30L);
            }
        });
        assertThat(http.get("/api/events/" + event + "/queue/audit").status()).isEqualTo(200);
    }

    @Test
    void positionsNeverGoBackwardForAnyTicketOverARun() {
        Instant now = CLOCK.instant();
        long fifo = openFifoEvent(10, 40);
        long shuffled = roomEvent("SHUFFLED_PREQUEUE", 10, 40, now.plusSeconds(5), now.plus(Duration.ofDays(1)), 300);
        var http = http();
        Map<String, Long> eventOf = new ConcurrentHashMap<>();
        Race.run(32, 600, i -> {
            long event = i % 2 == 0 ? fifo : shuffled;
            RoomHttp.Reply r = http.join(event, "pos-" + i);
            eventOf.put(r.text("ticketId"), event);
            return r;
        });
        List<String> tickets = new ArrayList<>(eventOf.keySet());
        Map<String, List<long[]>> seen = new ConcurrentHashMap<>();
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        // 32 pollers, each polling random tickets until the run ends (the shuffled room opens meanwhile)
        Race.run(32, 32, t -> {
            int polls = 0;
            while (System.nanoTime() < until) {
                String ticket = tickets.get(ThreadLocalRandom.current().nextInt(tickets.size()));
                long sent = System.nanoTime();
                RoomHttp.Reply r = http.poll(eventOf.get(ticket), ticket);
                long rank = switch (r.text("status")) {
                    case "PREQUEUE" -> r.number("position") == null ? Long.MAX_VALUE : r.number("position");
                    case "WAITING" -> r.number("position");
                    default -> 0L;
                };
                seen.computeIfAbsent(ticket, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                        .add(new long[] {sent, System.nanoTime(), rank});
                polls++;
            }
            return polls;
        });

        assertThat(seen).hasSizeGreaterThan(500);
        // two pollers may ask for one ticket at once, and their answers may arrive in either order: only a
        // poll sent after another one's answer arrived is later in real time, and only then must its
        // position be no higher (what one customer polling in turn sees)
        seen.forEach((ticket, observations) -> {
            List<long[]> bySent = new ArrayList<>(observations);
            bySent.sort(Comparator.comparingLong(o -> o[0]));
            for (long[] later : bySent) {
                for (long[] earlier : bySent) {
                    if (earlier[1] < later[0]) {
                        assertThat(later[2])
                                .as("ticket %s: a poll sent after an answer of %d arrived", ticket, earlier[2])
                                .isLessThanOrEqualTo(earlier[2]);
                    }
                }
            }
        });
        assertThat(seen.values().stream().anyMatch(o -> o.stream().anyMatch(x -> x[2] == 0)))
                .as("some tickets got their turn during the run")
                .isTrue();
    }

    @Test
    void theCustomerPageSendsAStrictContentSecurityPolicyAndNoReferrer() throws Exception {
        long event = openFifoEvent(10, 5);
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            var page = client.send(
                    java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://127.0.0.1:" + port + "/e/" + event))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .hasValue("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
                            + " img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
            assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            // what the policy allows is all the page uses: its own files, no inline script or style
            assertThat(page.body())
                    .contains("<script src=\"/room/room.js\">")
                    .doesNotContain("<style")
                    .doesNotContain(" style=")
                    .doesNotContainPattern("\\son[a-z]+\\s*=");
        }
    }

    /** Joins and polls until the user's turn came; returns the entry token. */
    private static String turnOf(RoomHttp http, long event, String user) {
        String ticket = http.join(event, user).text("ticketId");
        var token = new java.util.concurrent.atomic.AtomicReference<String>();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    RoomHttp.Reply r = http.poll(event, ticket);
                    token.set(r.text("entryToken"));
                    return "YOUR_TURN".equals(r.text("status"));
                });
        return token.get();
    }

    private static RoomHttp.Reply stats(RoomHttp http, long event) {
        return http.admin("GET", "/api/admin/events/" + event + "/queue", null);
    }

    private static void assertRefused(RoomHttp.Reply reply, String reason) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.text("reason")).isEqualTo(reason);
        assertThat(reply.text("field")).isEqualTo("Entry-Token");
    }

    private static String sign(String secret, long event, String user, long exp) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] sig = mac.doFinal(("entry|v1|" + event + "|" + user + "|" + exp).getBytes(StandardCharsets.UTF_8));
        return exp + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
