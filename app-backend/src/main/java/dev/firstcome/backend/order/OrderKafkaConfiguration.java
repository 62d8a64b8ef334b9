package dev.firstcome.backend.order;

import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.infra.KafkaJson;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.util.backoff.FixedBackOff;

/** The orders topic and the consumers of its steps (batch listeners, offsets committed per batch). */
@Configuration(proxyBeanMethods = false)
class OrderKafkaConfiguration {

    static final String CONTAINER_FACTORY = "ordersContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, OrderStepReached> ordersContainerFactory(
            KafkaProperties kafka, FirstComeProperties properties) {
        Map<String, Object> consumer = new HashMap<>(kafka.buildConsumerProperties());
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        consumer.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        consumer.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        Supplier<Deserializer<OrderStepReached>> values = () -> new ErrorHandlingDeserializer<>(
                new JacksonJsonDeserializer<>(OrderStepReached.class, KafkaJson.mapper()).ignoreTypeHeaders());
        var factory = new ConcurrentKafkaListenerContainerFactory<String, OrderStepReached>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(consumer, StringDeserializer::new, values));
        factory.setAutoStartup(
                properties.orders().enabled() && kafka.getListener().isAutoStartup());
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(AckMode.BATCH);
        factory.getContainerProperties().setPollTimeout(200);
        factory.getContainerProperties().setShutdownTimeout(30_000);
        factory.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(1000, FixedBackOff.UNLIMITED_ATTEMPTS)));
        return factory;
    }

    @Bean
    NewTopic ordersTopic(FirstComeProperties properties, FirstComeNames names) {
        return TopicBuilder.name(names.ordersTopic())
                .partitions(properties.kafka().partitions())
                .replicas(1)
                .build();
    }
}
