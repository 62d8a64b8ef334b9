package dev.firstcome.backend.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.admission.AdmissionStateApi;
import dev.firstcome.backend.admission.state.AdmissionKeys;
import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.infra.InfrastructureApi;
import dev.firstcome.backend.issuance.IssuanceApi;
import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Monitoring, reconcile, heal and Redis-loss recovery against real Redis, Kafka and a real database,
 * through the HTTP API. Subclasses choose the servers.
 */
abstract class MonitorScenarios {

    private static final Duration PERSIST_WAIT = Duration.ofSeconds(60);

    @Autowired
    InfrastructureApi infrastructure;

    @Autowired
    EventApi events;

    @Autowired
    IssuanceApi issuance;

    @Autowired
    FirstComeNames names;

    @Autowired
    FirstComeProperties properties;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    @Autowired
    Clock clock;

    @Autowired
    KafkaListenerEndpointRegistry registry;

    @Autowired
    AdmissionStateApi admission;

    /** admission's RedisStateRebuilder, seen as what it is to a context: a lifecycle. */
    @Autowired
    @Qualifier("redisStateRebuilder")
    SmartLifecycle rebuilder;

    @Autowired
    @Qualifier("admitScript")
    @SuppressWarnings("rawtypes")
    RedisScript<List> admitScript;

    @Autowired
    AdmissionKeys keys;

    @Autowired
    MonitorApi monitorApi;

    @Autowired
    RepairProperties repair;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void statsShowAdmissionsPersistedCouponsAndADrainedPipelineAfterARush() throws Exception {
        EventView event = createEvent(30);
        var outcomesBefore = monitorApi.applyOutcomes();

        List<Integer> statuses = applyConcurrently(event.id(), users("stats", 60));
        // the apply counters by outcome (the console's requests per second) grew by exactly what was answered
        var outcomesAfter = monitorApi.applyOutcomes();
        assertThat(outcomesAfter.get("ISSUED") - outcomesBefore.getOrDefault("ISSUED", 0L))
                .isEqualTo(30);
        assertThat(outcomesAfter.get("SOLD_OUT") - outcomesBefore.getOrDefault("SOLD_OUT", 0L))
                .isEqualTo(30);

        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(30);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(30);
        awaitPersisted(event.id(), 30);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode stats = adminGet("/api/admin/events/" + event.id() + "/stats", 200);
            assertThat(stats.get("eventId").asLong()).isEqualTo(event.id());
            assertThat(stats.get("admitted").asLong()).isEqualTo(30);
            assertThat(stats.get("admittedToday").asLong()).isEqualTo(30);
            assertThat(stats.get("remaining").asLong()).isZero();
            assertThat(stats.get("persisted").asLong()).isEqualTo(30);
            assertThat(stats.get("failedOpen").asLong()).isZero();
            assertThat(stats.get("consumerLag").asLong()).isZero();
            assertThat(stats.get("lagSeconds").asDouble()).isZero();
            assertThat(stats.get("persistRatePerSecond").asDouble()).isPositive();
        });
    }

    @Test
    void pipelineListsEveryPartitionOfTheAdmittedTopicAndIsOkOnceDrained() throws Exception {
        EventView event = createEvent(5);
        applyConcurrently(event.id(), users("pipe", 5));
        awaitPersisted(event.id(), 5);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode pipeline = adminGet("/api/admin/pipeline", 200);
            assertThat(pipeline.get("topic").asString()).isEqualTo(names.admittedTopic());
            assertThat(pipeline.get("consumerGroup").asString()).isEqualTo(names.consumerGroup());
            assertThat(pipeline.get("partitions")).hasSize(properties.kafka().partitions());
            assertThat(pipeline.get("totalLag").asLong()).isZero();
            assertThat(pipeline.get("lagSeconds").asDouble()).isZero();
            assertThat(pipeline.get("status").asString()).isEqualTo("OK");
            assertThat(pipeline.get("deadLetterRecords").asLong())
                    .as("known: Kafka answered")
                    .isNotNegative();
            assertThat(pipeline.get("groups"))
                    .extracting(g -> g.get("role").asString())
                    .contains("issuance", "dead letters", "notifications", "settlement");
            long committed = 0;
            for (JsonNode partition : pipeline.get("partitions")) {
                assertThat(partition.get("lag").asLong()).isZero();
                assertThat(partition.get("committedOffset").asLong())
                        .isEqualTo(partition.get("endOffset").asLong());
                committed += partition.get("committedOffset").asLong();
            }
            assertThat(committed).isGreaterThanOrEqualTo(5);
        });
    }

    @Test
    void reconcileReportsZeroLostAfterANormalRush() throws Exception {
        EventView event = createEvent(40);
        applyConcurrently(event.id(), users("rec", 100));
        awaitPersisted(event.id(), 40);

        JsonNode report = awaitReconciled(event.id());

        assertThat(report.get("admitted").asLong()).isEqualTo(40);
        assertThat(report.get("persisted").asLong()).isEqualTo(40);
        assertThat(report.get("inFlight").asLong()).isZero();
        assertThat(report.get("failedOpen").asLong()).isZero();
        assertThat(report.get("unknownToRedis").asLong()).isZero();
        assertThat(report.get("missingSample")).isEmpty();
    }

    @Test
    void redisLosingTheEventsStateAnswers503UntilRebuiltAndNeverSellsACouponTwice() throws Exception {
        EventView event = createEvent(40);
        List<String> firstWave = users("wave1", 20);
        assertThat(applyConcurrently(event.id(), firstWave)).containsOnly(201);
        awaitPersisted(event.id(), 20);

        deleteEventKeys(event.id()); // Redis restarted empty, for this event

        assertThat(apply(event.id(), "probe-" + run).status()).isEqualTo(503);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> apply(event.id(), "probe-" + run).status() != 503);
        assertThat(apply(event.id(), "probe-" + run).status()).isEqualTo(409);

        List<String> secondWave = new ArrayList<>(users("wave2", 60));
        secondWave.addAll(firstWave);
        List<Integer> statuses = applyConcurrently(event.id(), secondWave);

        // the probe took one coupon after the rebuild: 20 + 1 + 19 = 40, the first wave only hears 409
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(19);
        assertThat(statuses.subList(60, 80)).containsOnly(409);
        awaitPersisted(event.id(), 40);
        List<CouponAdmitted> rows = issuance.persistedAdmissions(event.id());
        assertThat(rows).hasSize(40);
        assertThat(rows.stream().map(CouponAdmitted::userId).distinct()).hasSize(40);
        assertThat(rows.stream().map(CouponAdmitted::admissionId).distinct()).hasSize(40);
        assertThat(rows.stream().map(CouponAdmitted::userId)).containsAll(firstWave);
        JsonNode report = awaitReconciled(event.id());
        assertThat(report.get("admitted").asLong()).isEqualTo(40);
        assertThat(report.get("unknownToRedis").asLong()).isZero();
    }

    @Test
    void redisFlushedMidRushNeverSellsMoreThanTheTotalNorTwoCouponsToAUser() throws Exception {
        EventView event = createEvent(100);
        List<String> rush = users("midrush", 220);
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        List<Integer> statuses;
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String user : rush) {
                answers.add(pool.submit(() -> {
                    // a client retries a 503 until it gets a decision
                    int status = await().atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(100))
                            .until(
                                    () -> {
                                        int s = apply(event.id(), user).status();
                                        if (s == 503) {
                                            unavailable.incrementAndGet();
                                        }
                                        return s;
                                    },
                                    s -> s != 503);
                    answered.incrementAndGet();
                    return status;
                }));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() >= 40);
            deleteEventKeys(event.id()); // Redis restarted empty, mid-rush
            statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
        }

        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(100);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(120);
        assertThat(unavailable.get()).isPositive();
        awaitPersisted(event.id(), 100);
        List<CouponAdmitted> rows = issuance.persistedAdmissions(event.id());
        assertThat(rows.stream().map(CouponAdmitted::userId).distinct()).hasSize(100);
        JsonNode report = awaitReconciled(event.id());
        assertThat(report.get("admitted").asLong()).isEqualTo(100);
        assertThat(report.get("persisted").asLong()).isEqualTo(100);
        assertThat(report.get("unknownToRedis").asLong()).isZero();
    }

    @Test
    void anAdmissionKafkaNeverGotIsReportedLostAndHealedIntoACoupon() throws Exception {
        EventView event = createEvent(10);
        assertThat(applyConcurrently(event.id(), users("before", 3))).containsOnly(201);
        awaitPersisted(event.id(), 3);
        String orphan = "orphan-" + run;

        // the server died between the admission script and the Kafka send, longer ago than an apply can
        // still be waiting for Kafka (younger, reconcile counts it in flight)
        List<?> decision = admitDirectly(event.id(), orphan, clock.instant().minus(repair.after()));
        assertThat(decision.getFirst()).isEqualTo("ISSUED");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode report = adminGet("/api/admin/events/" + event.id() + "/reconcile", 200);
            assertThat(report.get("drained").asBoolean()).isTrue();
            assertThat(report.get("admitted").asLong()).isEqualTo(4);
            assertThat(report.get("persisted").asLong()).isEqualTo(3);
            assertThat(report.get("lost").asLong()).isEqualTo(1);
            assertThat(report.get("missingSample"))
                    .extracting(JsonNode::asString)
                    .containsExactly(orphan);
        });

        JsonNode heal = adminPost("/api/admin/events/" + event.id() + "/heal", 200);
        assertThat(heal.get("republished").asInt()).isEqualTo(1);
        assertThat(heal.get("restoredToRedis").asInt()).isZero();

        awaitPersisted(event.id(), 4);
        assertThat(issuance.persistedAdmissions(event.id()))
                .filteredOn(a -> a.userId().equals(orphan))
                .singleElement()
                .satisfies(a -> assertThat(a.admissionId()).isEqualTo(((Number) decision.get(2)).longValue()));
        awaitReconciled(event.id());
        assertThat(apply(event.id(), orphan).status()).isEqualTo(409);
    }

    @Test
    void healRestoresIntoRedisAPersistedUserRedisForgot() throws Exception {
        EventView event = createEvent(10);
        List<String> winners = users("forgot", 4);
        assertThat(applyConcurrently(event.id(), winners)).containsOnly(201);
        awaitPersisted(event.id(), 4);
        String forgotten = winners.getFirst();
        redis.opsForHash().delete(keys.applied(event.id()), forgotten);
        redis.opsForValue().decrement(keys.total(event.id()));
        redis.opsForValue().decrement(keys.day(event.id(), today()));

        JsonNode report = awaitReconciled(event.id());
        assertThat(report.get("unknownToRedis").asLong()).isEqualTo(1);
        assertThat(report.get("unknownSample")).extracting(JsonNode::asString).containsExactly(forgotten);

        JsonNode heal = adminPost("/api/admin/events/" + event.id() + "/heal", 200);
        assertThat(heal.get("restoredToRedis").asInt()).isEqualTo(1);
        assertThat(heal.get("republished").asInt()).isZero();
        assertThat(apply(event.id(), forgotten).status()).isEqualTo(409);
        JsonNode after = awaitReconciled(event.id());
        assertThat(after.get("unknownToRedis").asLong()).isZero();
        assertThat(after.get("admitted").asLong()).isEqualTo(4);
        JsonNode stats = adminGet("/api/admin/events/" + event.id() + "/stats", 200);
        assertThat(stats.get("admitted").asLong()).isEqualTo(4);
        assertThat(stats.get("remaining").asLong()).isEqualTo(6);
    }

    @Test
    void healRebuildsAnEventWhoseRedisStateIsGoneFromTheDatabase() throws Exception {
        EventView event = createEvent(8);
        List<String> winners = users("gone", 5);
        assertThat(applyConcurrently(event.id(), winners)).containsOnly(201);
        awaitPersisted(event.id(), 5);
        deleteEventKeys(event.id());

        JsonNode heal = adminPost("/api/admin/events/" + event.id() + "/heal", 200);

        assertThat(heal.get("restoredToRedis").asInt()).isEqualTo(5);
        assertThat(heal.get("republished").asInt()).isZero();
        JsonNode stats = adminGet("/api/admin/events/" + event.id() + "/stats", 200);
        assertThat(stats.get("admitted").asLong()).isEqualTo(5);
        assertThat(stats.get("remaining").asLong()).isEqualTo(3);
        assertThat(apply(event.id(), winners.getLast()).status()).isEqualTo(409);
        List<Integer> late = applyConcurrently(event.id(), users("gone-late", 6));
        assertThat(late.stream().filter(s -> s == 201)).hasSize(3);
        awaitPersisted(event.id(), 8);
        assertThat(issuance.persistedAdmissions(event.id()).stream()
                        .map(CouponAdmitted::admissionId)
                        .distinct())
                .hasSize(8);
    }

    @Test
    void pipelineTurnsStalledWhileTheConsumerIsStoppedAndOkOnceItResumes() throws Exception {
        EventView event = createEvent(10);
        List<MessageListenerContainer> consumers = registry.getAllListenerContainers().stream()
                .filter(container -> names.consumerGroup().equals(container.getGroupId()))
                .toList();
        assertThat(consumers).isNotEmpty();
        consumers.forEach(MessageListenerContainer::stop);
        try {
            assertThat(applyConcurrently(event.id(), users("stall", 6))).containsOnly(201);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode pipeline = adminGet("/api/admin/pipeline", 200);
                assertThat(pipeline.get("totalLag").asLong()).isEqualTo(6);
                assertThat(pipeline.get("status").asString()).isEqualTo("STALLED");
                assertThat(pipeline.get("persistRatePerSecond").asDouble()).isZero();
                // nothing persists: the seconds behind are how long the backlog has waited, never negative
                assertThat(pipeline.get("lagSeconds").asDouble()).isPositive();
                // the same backlog in the per-group list (read every 5 s), beside the other groups
                JsonNode issuance = groupOf(pipeline, names.consumerGroup());
                assertThat(issuance.get("role").asString()).isEqualTo("issuance");
                assertThat(issuance.get("lag").asLong()).isEqualTo(6);
                assertThat(groupOf(pipeline, names.notificationsGroup())
                                .get("lag")
                                .asLong())
                        .as("nothing persisted, nothing to notify")
                        .isZero();
            });
            JsonNode stats = adminGet("/api/admin/events/" + event.id() + "/stats", 200);
            assertThat(stats.get("admitted").asLong()).isEqualTo(6);
            assertThat(stats.get("persisted").asLong()).isZero();
            assertThat(stats.get("consumerLag").asLong()).isEqualTo(6);
            assertThat(stats.get("lagSeconds").asDouble()).isPositive();
            JsonNode report = adminGet("/api/admin/events/" + event.id() + "/reconcile", 200);
            assertThat(report.get("drained").asBoolean()).isFalse();
            assertThat(report.get("inFlight").asLong()).isEqualTo(6);
            assertThat(report.get("lost").asLong()).isZero();
            JsonNode notDrained = adminPost("/api/admin/events/" + event.id() + "/heal", 409);
            assertThat(notDrained.get("backlog").asLong()).isEqualTo(6);
        } finally {
            consumers.forEach(MessageListenerContainer::start);
        }

        awaitPersisted(event.id(), 6);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(adminGet("/api/admin/pipeline", 200)
                                .get("status")
                                .asString())
                        .isEqualTo("OK"));
        awaitReconciled(event.id());
    }

    @Test
    void theStartupCheckRebuildsEveryOpenEventWhoseStateIsGoneButNotClosedOnes() throws Exception {
        EventView open = createEvent(5);
        EventView closed = createEvent(5);
        List<String> winners = users("startup", 3);
        assertThat(applyConcurrently(open.id(), winners)).containsOnly(201);
        assertThat(applyConcurrently(closed.id(), users("startup-closed", 2))).containsOnly(201);
        awaitPersisted(open.id(), 3);
        awaitPersisted(closed.id(), 2);
        events.close(closed.id());
        deleteEventKeys(open.id());
        deleteEventKeys(closed.id());

        // what a start (or a restart of the context) triggers: the rebuilder checks every event
        rebuilder.stop();
        rebuilder.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> admission.stateLoaded(open.id()));
        assertThat(admission.admitted(open.id())).containsOnlyKeys(winners);
        assertThat(admission.counts(open.id()).remaining()).isEqualTo(2);
        assertThat(admission.stateLoaded(closed.id())).isFalse();
        assertThat(apply(open.id(), winners.getFirst()).status()).isEqualTo(409);
    }

    @Test
    void adminEndpointsWithoutTheTokenAnswer401Problems() throws Exception {
        EventView event = createEvent(1);
        for (String path : List.of(
                "/api/admin/events/" + event.id() + "/stats",
                "/api/admin/pipeline",
                "/api/admin/events/" + event.id() + "/reconcile")) {
            assertUnauthorized(api().get(path));
        }
        assertUnauthorized(api().as("wrong-token", "POST", "/api/admin/events/" + event.id() + "/heal", null));
    }

    @Test
    void unknownEventAnswers404ProblemsForStatsReconcileAndHeal() throws Exception {
        long unknown = 987_654_321L;
        for (JsonNode problem : List.of(
                adminGet("/api/admin/events/" + unknown + "/stats", 404),
                adminGet("/api/admin/events/" + unknown + "/reconcile", 404),
                adminPost("/api/admin/events/" + unknown + "/heal", 404))) {
            assertThat(problem.get("status").asInt()).isEqualTo(404);
            assertThat(problem.get("detail").asString()).contains(Long.toString(unknown));
            assertThat(problem.get("eventId").asLong()).isEqualTo(unknown);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private EventView createEvent(int total) {
        Instant now = clock.instant();
        return events.create(EventDraft.of(
                "monitor " + run + " " + UUID.randomUUID(),
                total,
                null,
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(2)),
                "UTC"));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private List<String> users(String wave, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> wave + "-" + run + "-" + i)
                .toList();
    }

    private static JsonNode groupOf(JsonNode pipeline, String group) {
        for (JsonNode g : pipeline.get("groups")) {
            if (group.equals(g.get("group").asString())) {
                return g;
            }
        }
        throw new AssertionError("no group " + group + " in " + pipeline.get("groups"));
    }

    private void deleteEventKeys(long eventId) {
        Set<String> eventKeys = new HashSet<>(redis.keys(keys.tag(eventId) + "*"));
        assertThat(eventKeys).isNotEmpty();
        redis.delete(eventKeys);
    }

    private List<?> admitDirectly(long eventId, String userId, Instant admittedAt) {
        LocalDate day = today();
        return redis.execute(
                admitScript,
                keys.admitKeys(eventId, day),
                userId,
                day.toString(),
                Long.toString(admittedAt.toEpochMilli()),
                Long.toString(properties.redis().dayCounterTtl().toSeconds()));
    }

    private void awaitPersisted(long eventId, long count) {
        await().atMost(PERSIST_WAIT).until(() -> issuance.persistedCount(eventId) >= count);
        assertThat(issuance.persistedCount(eventId)).isEqualTo(count);
    }

    /** Waits for a drained pipeline and zero lost admissions; returns that report. */
    private JsonNode awaitReconciled(long eventId) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> adminGet("/api/admin/events/" + eventId + "/reconcile", 200),
                        r -> r.get("drained").asBoolean()
                                && r.get("lost").asLong() == 0
                                && r.get("inFlight").asLong() == 0);
    }

    private List<Integer> applyConcurrently(long eventId, List<String> users) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String user : users) {
                answers.add(pool.submit(() -> apply(eventId, user).status()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        }
    }

    private HttpApi.Answer apply(long eventId, String userId) {
        return api().apply(eventId, userId);
    }

    private JsonNode adminGet(String path, int expectedStatus) {
        return admin("GET", path, expectedStatus);
    }

    private JsonNode adminPost(String path, int expectedStatus) {
        return admin("POST", path, expectedStatus);
    }

    private JsonNode admin(String method, String path, int expectedStatus) {
        HttpApi.Answer answer = api().as(infrastructure.adminToken(), method, path, null);
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(expectedStatus);
        if (expectedStatus >= 400) {
            assertThat(answer.isProblem()).as(answer.contentType()).isTrue();
        }
        return answer.body();
    }

    private static void assertUnauthorized(HttpApi.Answer answer) {
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.isProblem()).as(answer.contentType()).isTrue();
        assertThat(answer.body().get("status").asInt()).isEqualTo(401);
    }

    private HttpApi api() {
        return new HttpApi(infrastructure.httpApiUrl());
    }
}
