package dev.firstcome.backend.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.infra.SqlDialect;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.CouponPersisted;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventView;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The persist path end to end against real Kafka, Redis and a real database: every admission ends
 * as exactly one coupon row whatever is redelivered, revoked, stopped or refused. Subclasses choose
 * the database.
 */
abstract class PersistenceScenarios extends IssuanceTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    EventApi events;

    @Autowired
    ScheduledReissue scheduledReissue;

    private final List<Long> refusedEvents = new ArrayList<>();

    /** Makes the database refuse every coupon insert of the event (until {@link #acceptInserts}). */
    abstract void refuseInserts(long eventId);

    abstract void acceptInserts(long eventId);

    @AfterEach
    void dropRefusals() {
        refusedEvents.forEach(this::acceptInserts);
        refusedEvents.clear();
    }

    @Test
    void tenThousandAdmissionsEndAsExactlyTenThousandRows() {
        long eventId = newEventId();

        produce(admissions(eventId, "user-", 10_000));

        await().atMost(Duration.ofSeconds(90)).until(() -> rows(eventId) == 10_000);
        awaitCaughtUp(names.consumerGroup(), names.admittedTopic());
        assertThat(rows(eventId)).isEqualTo(10_000);
        assertThat(distinctUsers(eventId)).isEqualTo(10_000);
        // each coupon's status row commits with it, from batches of up to batch-size (5,000) users per event
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM coupon_state WHERE event_id = ?", Long.class, eventId))
                .isEqualTo(10_000);
    }

    @Test
    void redeliveredAdmissionsStillGiveOneRowEach() {
        long eventId = newEventId();
        List<CouponAdmitted> records = admissions(eventId, "again-", 500);

        produce(records);
        await().atMost(Duration.ofSeconds(60)).until(() -> rows(eventId) == 500);
        produce(records);
        produce(records.subList(0, 100));
        awaitCaughtUp(names.consumerGroup(), names.admittedTopic());

        assertThat(rows(eventId)).isEqualTo(500);
        assertThat(distinctUsers(eventId)).isEqualTo(500);
    }

    @Test
    void revokedAdmissionIsDropped() {
        long eventId = newEventId();
        List<CouponAdmitted> records = admissions(eventId, "revoked-", 10);
        redis.opsForSet().add(names.keyPrefix() + ":{evt:" + eventId + "}:revoked", "3", "7");

        produce(records);
        await().atMost(Duration.ofSeconds(60)).until(() -> rows(eventId) == 8);
        awaitCaughtUp(names.consumerGroup(), names.admittedTopic());

        assertThat(rows(eventId)).isEqualTo(8);
        List<String> users = jdbc.queryForList("SELECT user_id FROM coupon WHERE event_id = ?", String.class, eventId);
        assertThat(users).doesNotContain("revoked-3", "revoked-7").contains("revoked-1", "revoked-10");
    }

    /**
     * A send that "failed" although the broker wrote it is revoked; the user retries and wins. Both
     * records arrive in one batch: the revoked one is dropped and the win is persisted (the revoked record
     * must not shadow it as "the same user's first record").
     */
    @Test
    void aRevokedAdmissionDoesNotShadowTheSameUsersLaterWin() {
        long eventId = newEventId();
        List<CouponAdmitted> first = admissions(eventId, "retried-", 3);
        var lost = first.get(1);
        var win = new CouponAdmitted(
                eventId, lost.userId(), 4, 9, lost.day(), lost.admittedAt().plusMillis(50));
        redis.opsForSet().add(names.keyPrefix() + ":{evt:" + eventId + "}:revoked", Long.toString(lost.admissionId()));

        produce(List.of(first.get(0), lost, first.get(2), win));
        await().atMost(Duration.ofSeconds(60)).until(() -> rows(eventId) == 3);
        awaitCaughtUp(names.consumerGroup(), names.admittedTopic());

        assertThat(jdbc.queryForObject(
                        "SELECT admission_id FROM coupon WHERE event_id = ? AND user_id = ?",
                        Long.class,
                        eventId,
                        lost.userId()))
                .isEqualTo(9L);
        assertThat(rows(eventId)).isEqualTo(3);
    }

    /**
     * The consumer stops while the records are being persisted and its committed offsets are moved
     * back to before them, as if it had died after the database commit but before the offset
     * commit; restarted, it replays them all: still one row per admission.
     */
    @Test
    void consumerStoppedMidStreamAndReplayedFromOldOffsetsDoublesNothing() throws Exception {
        long eventId = newEventId();
        var before = endOffsets(names.admittedTopic());
        var container = listeners.getListenerContainer(CouponAdmittedListener.ID);

        produce(admissions(eventId, "crash-", 5_000));
        await().atMost(Duration.ofSeconds(60)).until(() -> rows(eventId) > 0);
        container.stop();
        long rowsAtStop = rows(eventId);
        long committedAtStop = committedSince(before);
        Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> rewind = before.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            admin.alterConsumerGroupOffsets(names.consumerGroup(), rewind).all().get();
            return true;
        });
        container.start();

        await().atMost(Duration.ofSeconds(90)).until(() -> rows(eventId) == 5_000);
        awaitCaughtUp(names.consumerGroup(), names.admittedTopic());
        assertThat(rowsAtStop).isPositive();
        // the stopped container committed offsets only for records whose rows were committed
        assertThat(committedAtStop).isLessThanOrEqualTo(rowsAtStop);
        assertThat(rows(eventId)).isEqualTo(5_000);
        assertThat(distinctUsers(eventId)).isEqualTo(5_000);
    }

    @Test
    void concurrentAppliesOverHttpEndAsExactlyOneRowPerIssuedAnswer() throws Exception {
        EventView event = events.create(EventDraft.of(
                "persist-it",
                1_500,
                null,
                Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(3600),
                "UTC"));
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            users.add("http-" + i);
        }
        users.addAll(users.subList(0, 300));
        java.util.Collections.shuffle(users);
        AtomicInteger issued = new AtomicInteger();

        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String user : users) {
                // a client retries a 503 (the admission was undone), as customer clients are told to
                answers.add(pool.submit(() -> {
                    int status;
                    int attempts = 0;
                    do {
                        status = HTTP.send(
                                        HttpRequest.newBuilder(
                                                        URI.create(baseUrl() + "/api/events/" + event.id() + "/apply"))
                                                .header("Content-Type", "application/json")
                                                .POST(HttpRequest.BodyPublishers.ofString(
                                                        "{\"userId\":\"" + user + "\"}"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                    } while (status == 503 && ++attempts < 20);
                    return status;
                }));
            }
            for (Future<Integer> answer : answers) {
                if (answer.get() == 201) {
                    issued.incrementAndGet();
                }
            }
        }

        assertThat(issued.get()).isEqualTo(1_500);
        await().atMost(Duration.ofSeconds(60)).until(() -> rows(event.id()) == issued.get());
        awaitCaughtUp(names.consumerGroup(), names.admittedTopic());
        assertThat(rows(event.id())).isEqualTo(issued.get());
        assertThat(distinctUsers(event.id())).isEqualTo(issued.get());
    }

    @Test
    void refusedInsertsBecomeFailedIssuesThatReissuePersistsExactlyOnce() throws Exception {
        Instant started = Instant.now().minusSeconds(1);
        long refused = newEventId();
        long healthy = newEventId();
        refuse(refused);

        produce(admissions(refused, "refused-", 100));
        produce(admissions(healthy, "healthy-", 100));

        await().atMost(Duration.ofSeconds(90)).until(() -> openFailures(refused) == 100 && rows(healthy) == 100);
        assertThat(rows(refused)).isZero();
        JsonNode listed = get("/api/admin/failed-issues?eventId=" + refused + "&status=OPEN", 200);
        assertThat(listed.size()).isEqualTo(100);
        assertThat(listed.get(0).get("reason").asString()).contains("refused by test trigger");

        JsonNode whileRefused = post("/api/admin/failed-issues/reissue", "{\"eventId\":" + refused + "}", 200);
        assertThat(whileRefused.get("stillFailing").asInt()).isEqualTo(100);
        assertThat(whileRefused.get("persisted").asInt()).isZero();
        assertThat(rows(refused)).isZero();

        acceptInserts(refused);
        JsonNode reissued = post("/api/admin/failed-issues/reissue", "{\"eventId\":" + refused + "}", 200);
        assertThat(reissued.get("requested").asInt()).isEqualTo(100);
        assertThat(reissued.get("persisted").asInt()).isEqualTo(100);
        assertThat(reissued.get("skipped").asInt()).isZero();
        assertThat(reissued.get("stillFailing").asInt()).isZero();
        assertThat(rows(refused)).isEqualTo(100);
        assertThat(distinctUsers(refused)).isEqualTo(100);
        assertThat(openFailures(refused)).isZero();

        List<Long> ids = jdbc.queryForList("SELECT id FROM failed_issue WHERE event_id = ?", Long.class, refused);
        JsonNode again = post("/api/admin/failed-issues/reissue", "{\"ids\":" + ids + "}", 200);
        assertThat(again.get("skipped").asInt()).isEqualTo(100);
        assertThat(again.get("persisted").asInt()).isZero();
        assertThat(rows(refused)).isEqualTo(100);

        Integer audits = jdbc.queryForObject(
                "SELECT COUNT(*) FROM reissue_audit WHERE operator = ? AND trigger_source = 'MANUAL'"
                        + " AND persisted = 100 AND at >= ?",
                Integer.class,
                "admin (bootstrap token)",
                Timestamp.from(started));
        assertThat(audits).isEqualTo(1);
    }

    /** The scheduled retry (switched off in this context, so run by hand) reissues OPEN failures, audited. */
    @Test
    void scheduledReissuePersistsOpenFailuresOnceTheDatabaseAccepts() {
        long eventId = newEventId();
        refuse(eventId);
        produce(admissions(eventId, "sched-", 7));
        await().atMost(Duration.ofSeconds(60)).until(() -> openFailures(eventId) == 7);

        scheduledReissue.run();
        assertThat(rows(eventId)).isZero();
        assertThat(openFailures(eventId)).isEqualTo(7);

        acceptInserts(eventId);
        scheduledReissue.run();

        assertThat(rows(eventId)).isEqualTo(7);
        assertThat(openFailures(eventId)).isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM reissue_audit WHERE trigger_source = 'SCHEDULE' AND operator = ?"
                                + " AND persisted = 7",
                        Integer.class,
                        ScheduledReissue.OPERATOR))
                .isPositive();
        // the automatic reissue is in the audit log like an operator's, with who (the scheduler) and when
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM audit_log WHERE actor = ? AND action = 'failed-issues.reissue'"
                                + " AND target = ?",
                        Integer.class,
                        ScheduledReissue.OPERATOR,
                        "event:" + eventId))
                .isEqualTo(2);
    }

    @Test
    void reissueDryRunChangesNothing() throws Exception {
        long eventId = newEventId();
        refuse(eventId);
        produce(admissions(eventId, "dry-", 5));
        await().atMost(Duration.ofSeconds(60)).until(() -> openFailures(eventId) == 5);
        acceptInserts(eventId);
        List<Map<String, Object>> before = failedRows(eventId);

        JsonNode report =
                post("/api/admin/failed-issues/reissue", "{\"eventId\":" + eventId + ",\"dryRun\":true}", 200);

        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(report.get("requested").asInt()).isEqualTo(5);
        assertThat(report.get("persisted").asInt()).isEqualTo(5);
        assertThat(rows(eventId)).isZero();
        assertThat(failedRows(eventId)).isEqualTo(before);
    }

    @Test
    void aDryRunWhileTheDatabaseStillRefusesSaysTheyWouldStillFail() throws Exception {
        long eventId = newEventId();
        refuse(eventId);
        produce(admissions(eventId, "dry-refused-", 4));
        await().atMost(Duration.ofSeconds(60)).until(() -> openFailures(eventId) == 4);
        List<Map<String, Object>> before = failedRows(eventId);

        JsonNode report =
                post("/api/admin/failed-issues/reissue", "{\"eventId\":" + eventId + ",\"dryRun\":true}", 200);

        assertThat(report.get("persisted").asInt()).isZero();
        assertThat(report.get("stillFailing").asInt()).isEqualTo(4);
        assertThat(rows(eventId)).isZero();
        assertThat(failedRows(eventId)).isEqualTo(before);
    }

    private long committedSince(Map<org.apache.kafka.common.TopicPartition, Long> before) throws Exception {
        var committed = admin.listConsumerGroupOffsets(names.consumerGroup())
                .partitionsToOffsetAndMetadata()
                .get();
        long sum = 0;
        for (var start : before.entrySet()) {
            OffsetAndMetadata done = committed.get(start.getKey());
            sum += done == null ? 0 : Math.max(0, done.offset() - start.getValue());
        }
        return sum;
    }

    private List<Map<String, Object>> failedRows(long eventId) {
        return jdbc.queryForList(
                "SELECT id, status, attempts, last_failed_at FROM failed_issue WHERE event_id = ? ORDER BY id",
                eventId);
    }

    private void refuse(long eventId) {
        refusedEvents.add(eventId);
        refuseInserts(eventId);
    }

    JsonNode get(String path, int expectedStatus) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + path))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    JsonNode post(String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + path))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    @Autowired
    LostNoticeSweeper sweeper;

    @Autowired
    SqlDialect dialect;

    /**
     * A coupon whose CouponPersisted announcement was lost (the row committed, the send to the
     * notifications topic did not happen) still gets its notice: once it is older than {@code
     * sweep-after}, the sweep announces it again through the real broker, and the real notifications
     * consumer claims and sends it. A younger coupon is left to the normal path, and a coupon with its
     * notice is never announced again. The sweeps run as of a later moment instead of waiting minutes
     * (the scheduled sweep of this context runs once an hour: see the context's properties).
     */
    @Test
    void aCouponWhoseAnnouncementWasLostGetsItsNoticeOnceAndAYoungOneIsLeftToTheNormalPath() {
        long eventId = ThreadLocalRandom.current().nextLong(1_000_000L, 1_000_000_000_000L);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MICROS);
        insertCouponWithoutAnnouncement(eventId, "lost", t0);
        assertThat(sweepAll(t0)).as("too young at t0").noneMatch(c -> c.eventId() == eventId);
        // committed a little later: still young when the next sweep runs
        Instant t1 = t0.plus(Duration.ofSeconds(100));
        insertCouponWithoutAnnouncement(eventId, "young", t1);

        // the shared test database also holds other test classes' coupons without a notice: sweep on
        // until a sweep is not full
        List<CouponPersisted> announced = sweepAll(t0.plus(Duration.ofMinutes(3)));

        assertThat(announced)
                .filteredOn(c -> c.eventId() == eventId)
                .extracting(CouponPersisted::userId)
                .containsExactly("lost");
        await().atMost(Duration.ofSeconds(60)).until(() -> notifiedAt(eventId, "lost") != null);
        Timestamp first = notifiedAt(eventId, "lost");
        assertThat(notifiedAt(eventId, "young"))
                .as("left to its own announcement")
                .isNull();

        // the next sweep finds nothing of this event: the lost one has its notice, the young one is young
        assertThat(sweepAll(t0.plus(Duration.ofMinutes(3)).plusSeconds(1))).noneMatch(c -> c.eventId() == eventId);
        assertThat(notifiedAt(eventId, "lost")).as("claimed once, never again").isEqualTo(first);
    }

    private List<CouponPersisted> sweepAll(Instant now) {
        List<CouponPersisted> all = new ArrayList<>();
        List<CouponPersisted> batch;
        do {
            batch = sweeper.sweep(now);
            all.addAll(batch);
        } while (batch.size() == LostNoticeSweeper.BATCH);
        return all;
    }

    private void insertCouponWithoutAnnouncement(long eventId, String userId, Instant persistedAt) {
        String rank = dialect == SqlDialect.POSTGRESQL ? "rank" : "`rank`";
        jdbc.update(
                "INSERT INTO coupon (event_id, user_id, " + rank + ", admission_id, day, admitted_at, persisted_at)"
                        + " VALUES (?, ?, 1, ?, ?, ?, ?)",
                eventId,
                userId,
                ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE),
                java.sql.Date.valueOf(LocalDate.ofInstant(persistedAt, ZoneOffset.UTC)),
                Timestamp.from(persistedAt),
                Timestamp.from(persistedAt));
    }

    private Timestamp notifiedAt(long eventId, String userId) {
        return jdbc.queryForObject(
                "SELECT notified_at FROM coupon WHERE event_id = ? AND user_id = ?", Timestamp.class, eventId, userId);
    }
}
