package dev.firstcome.backend.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Each embedded server is the real thing, and a restart keeps its state: a Lua EVAL on Redis; produce,
 * consume, committed offsets and lag through AdminClient on Kafka; a table on PostgreSQL.
 */
class EmbeddedServersRestartIntegrationTests {

    @Test
    void embeddedServersAreRealAndKeepStateAcrossRestart() throws Exception {
        Path dataDir = EmbeddedTestSupport.newDataDir("restart-test");

        // first life
        try (var redis = EmbeddedRedis.start(dataDir, true);
                var kafka = EmbeddedKafka.start(dataDir, 1);
                var postgres = EmbeddedPostgresServer.start(dataDir, true)) {
            try (var client = RedisClient.create(redis.url());
                    var connection = client.connect()) {
                Object evaluated = connection
                        .sync()
                        .eval(
                                "redis.call('SET', KEYS[1], ARGV[1]); return redis.call('GET', KEYS[1])",
                                ScriptOutputType.VALUE,
                                new String[] {"fc:restart"},
                                "kept");
                assertThat(evaluated).isEqualTo("kept");
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.address()))) {
                admin.createTopics(List.of(new NewTopic("restart-topic", 1, (short) 1)))
                        .all()
                        .get();
            }
            produce(kafka.address(), 5);
            assertThat(consumeAndCommit(kafka.address(), 3)).isEqualTo(3);
            assertThat(lag(kafka.address())).isEqualTo(2);
            try (var c = DriverManager.getConnection(
                            postgres.address(), EmbeddedPostgresServer.USER, EmbeddedPassword.of(dataDir));
                    var st = c.createStatement()) {
                st.execute("CREATE TABLE restart_probe (id INT PRIMARY KEY, note TEXT)");
                st.execute("INSERT INTO restart_probe VALUES (1, 'kept')");
            }
        }

        // second life: same data directory, new ports
        try (var redis = EmbeddedRedis.start(dataDir, true);
                var kafka = EmbeddedKafka.start(dataDir, 1);
                var postgres = EmbeddedPostgresServer.start(dataDir, true)) {
            try (var client = RedisClient.create(redis.url());
                    var connection = client.connect()) {
                assertThat(connection.sync().get("fc:restart")).isEqualTo("kept");
            }
            assertThat(lag(kafka.address())).isEqualTo(2);
            try (var c = DriverManager.getConnection(
                            postgres.address(), EmbeddedPostgresServer.USER, EmbeddedPassword.of(dataDir));
                    var st = c.createStatement();
                    var rs = st.executeQuery("SELECT note FROM restart_probe WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("kept");
            }
        }
        EmbeddedTestSupport.delete(dataDir);
    }

    private static void produce(String bootstrap, int count) throws Exception {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>("restart-topic", "k", "v" + i))
                        .get();
            }
        }
    }

    private static int consumeAndCommit(String bootstrap, int wanted) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "restart-group");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, wanted);
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("restart-topic"));
            int got = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (got < wanted && System.nanoTime() < deadline) {
                got += consumer.poll(Duration.ofMillis(200)).count();
            }
            consumer.commitSync();
            return got;
        }
    }

    private static long lag(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var tp = new TopicPartition("restart-topic", 0);
            long committed = admin.listConsumerGroupOffsets("restart-group")
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .get(tp)
                    .offset();
            long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest()))
                    .all()
                    .get()
                    .get(tp)
                    .offset();
            return end - committed;
        }
    }
}
