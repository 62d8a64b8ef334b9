package dev.firstcome.backend.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * A listener that dies of an {@link Error} on the real embedded broker: Spring Kafka stops its consumer
 * for good, {@link KafkaConsumerRestarts} starts it again, and the record it died on is read again (its
 * offset was never committed), followed by the ones sent after it. Nothing is skipped.
 */
@SpringBootTest(properties = {"firstcome.namespace=restarts", "firstcome.kafka.restart-after-error=200ms"})
class KafkaConsumerRestartsIntegrationTests {

    static final String TOPIC = "firstcome-restarts-test";
    static final String LISTENER = "restarts-test";

    static final List<String> seen = new CopyOnWriteArrayList<>();
    static final AtomicBoolean poisoned = new AtomicBoolean();

    /** What an OutOfMemoryError or a StackOverflowError in a listener looks like to the container. */
    static final class InjectedError extends Error {
        InjectedError() {
            super("injected by the test");
        }
    }

    @TestConfiguration
    static class Listener {
        @Bean
        static NewTopic restartsTestTopic() {
            return new NewTopic(TOPIC, 1, (short) 1);
        }

        @Bean
        static ConcurrentKafkaListenerContainerFactory<String, String> restartsFactory(Environment environment) {
            var factory = new ConcurrentKafkaListenerContainerFactory<String, String>();
            factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    environment.getProperty("spring.kafka.bootstrap-servers"),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                    false,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class)));
            return factory;
        }

        @KafkaListener(id = LISTENER, topics = TOPIC, groupId = LISTENER, containerFactory = "restartsFactory")
        void listen(String value) {
            seen.add(value);
            if (value.equals("poison") && poisoned.compareAndSet(false, true)) {
                throw new InjectedError();
            }
        }
    }

    @Autowired
    Environment environment;

    @Autowired
    KafkaConsumerRestarts restarts;

    @Autowired
    KafkaListenerEndpointRegistry registry;

    @Test
    void aConsumerThatDiedOfAnErrorIsStartedAgainAndReadsTheRecordItDiedOnAndTheRest() {
        long before = restarts.restarts();
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                environment.getProperty("spring.kafka.bootstrap-servers"),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class))) {
            producer.send(new ProducerRecord<>(TOPIC, "k", "before"));
            producer.send(new ProducerRecord<>(TOPIC, "k", "poison"));
            producer.flush();
            await().atMost(Duration.ofSeconds(60)).until(poisoned::get);
            producer.send(new ProducerRecord<>(TOPIC, "k", "after"));
            producer.flush();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> seen.contains("after"));
        assertThat(restarts.restarts()).isGreaterThan(before);
        assertThat(registry.getListenerContainer(LISTENER).isRunning()).isTrue();
        // the record the consumer died on was read again after the restart, and nothing was skipped
        assertThat(seen.stream().filter("poison"::equals).count()).isGreaterThanOrEqualTo(2);
        assertThat(seen).containsSubsequence("before", "poison", "poison", "after");
    }
}
