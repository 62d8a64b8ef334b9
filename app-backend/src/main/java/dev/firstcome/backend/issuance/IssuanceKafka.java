package dev.firstcome.backend.issuance;

import dev.firstcome.backend.infra.KafkaJson;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.stereotype.Component;

/**
 * The issuance feature's own Kafka clients: a producer for dead letters and CouponPersisted
 * notifications, and consumer factories for its listeners. Deliberately not exposed as
 * {@code ProducerFactory}/{@code KafkaTemplate} beans, so Boot's auto-configured ones (used by the
 * apply path) stay as they are.
 */
@Component
class IssuanceKafka implements DisposableBean {

    private final KafkaProperties kafka;
    private final DefaultKafkaProducerFactory<String, Object> producerFactory;
    private final KafkaTemplate<String, Object> template;

    IssuanceKafka(KafkaProperties kafka) {
        this.kafka = kafka;
        Map<String, Object> producer = new HashMap<>(kafka.buildProducerProperties());
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, "firstcome-issuance");
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producerFactory =
                new DefaultKafkaProducerFactory<>(producer, StringSerializer::new, JsonOrBytesSerializer::new);
        this.template = new KafkaTemplate<>(producerFactory);
    }

    KafkaTemplate<String, Object> template() {
        return template;
    }

    /** A consumer factory of the given group reading JSON values of {@code type} (no type headers). */
    <V> DefaultKafkaConsumerFactory<String, V> consumerFactory(String groupId, Class<V> type, int maxPollRecords) {
        Map<String, Object> consumer = new HashMap<>(kafka.buildConsumerProperties());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Supplier<Deserializer<V>> values = () -> new ErrorHandlingDeserializer<>(
                new JacksonJsonDeserializer<>(type, KafkaJson.mapper()).ignoreTypeHeaders());
        return new DefaultKafkaConsumerFactory<>(consumer, StringDeserializer::new, values);
    }

    /** {@code spring.kafka.listener.auto-startup}: false on an apply-only node (its consumers run elsewhere). */
    boolean autoStartup() {
        return kafka.getListener().isAutoStartup();
    }

    @Override
    public void destroy() {
        producerFactory.destroy();
    }

    /** JSON for records, raw bytes passed through (a dead letter whose value could not be read). */
    static final class JsonOrBytesSerializer implements Serializer<Object> {

        private final JacksonJsonSerializer<Object> json = new JacksonJsonSerializer<>(KafkaJson.mapper()).noTypeInfo();

        @Override
        public byte[] serialize(String topic, Object data) {
            return data instanceof byte[] bytes ? bytes : json.serialize(topic, data);
        }

        @Override
        public byte[] serialize(String topic, Headers headers, Object data) {
            return data instanceof byte[] bytes ? bytes : json.serialize(topic, headers, data);
        }

        @Override
        public void close() {
            json.close();
        }
    }
}
