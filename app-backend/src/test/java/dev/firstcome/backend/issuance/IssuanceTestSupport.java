package dev.firstcome.backend.issuance;

import static org.awaitility.Awaitility.await;

import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.model.CouponAdmitted;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/** Producing CouponAdmitted records, counting rows and waiting for consumer groups, for issuance tests. */
abstract class IssuanceTestSupport {

    static final String ADMIN_TOKEN = "test-admin-token";

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected FirstComeNames names;

    @Autowired
    protected KafkaProperties kafkaProperties;

    @Autowired
    protected Admin admin;

    @LocalServerPort
    protected int port;

    private DefaultKafkaProducerFactory<String, Object> producerFactory;
    protected KafkaTemplate<String, Object> kafka;

    @BeforeEach
    void createProducer() {
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
        producerFactory = new DefaultKafkaProducerFactory<>(
                config, new StringSerializer(), new JacksonJsonSerializer<>().noTypeInfo());
        kafka = new KafkaTemplate<>(producerFactory);
    }

    @AfterEach
    void closeProducer() {
        producerFactory.destroy();
    }

    /** An event id no other test uses (events need no row: coupons only carry the id). */
    static long newEventId() {
        return ThreadLocalRandom.current().nextLong(1_000_000L, 1_000_000_000_000L);
    }

    static List<CouponAdmitted> admissions(long eventId, String userPrefix, int count) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<CouponAdmitted> list = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            list.add(new CouponAdmitted(eventId, userPrefix + i, i, i, day, now.plusMillis(i)));
        }
        return list;
    }

    /** Sends every record to the admitted topic (key = event id) and waits for the acks. */
    void produce(List<CouponAdmitted> records) {
        send(names.admittedTopic(), records);
    }

    void send(String topic, List<?> values) {
        List<CompletableFuture<?>> acks = new ArrayList<>(values.size());
        for (Object value : values) {
            String key = switch (value) {
                case CouponAdmitted a -> Long.toString(a.eventId());
                case dev.firstcome.model.CouponPersisted p -> Long.toString(p.eventId());
                default -> null;
            };
            acks.add(kafka.send(topic, key, value));
        }
        kafka.flush();
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                .orTimeout(60, TimeUnit.SECONDS)
                .join();
    }

    long rows(long eventId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM coupon WHERE event_id = ?", Long.class, eventId);
    }

    long distinctUsers(long eventId) {
        return jdbc.queryForObject(
                "SELECT COUNT(DISTINCT user_id) FROM coupon WHERE event_id = ?", Long.class, eventId);
    }

    long openFailures(long eventId) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM failed_issue WHERE event_id = ? AND status = 'OPEN'", Long.class, eventId);
    }

    /** Waits until the group has committed every record of the topic (nothing in flight). */
    void awaitCaughtUp(String group, String topic) {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> lag(group, topic) == 0);
    }

    long lag(String group, String topic) throws Exception {
        return dev.firstcome.backend.support.KafkaLag.of(admin, group, topic);
    }

    /** The current end offset of every partition of the topic. */
    Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        var partitions = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }
}
