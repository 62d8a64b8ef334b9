package dev.firstcome.backend.redemption;

import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.infra.KafkaJson;
import dev.firstcome.model.CouponPersisted;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.util.backoff.FixedBackOff;

/** The consumer (own group) that records an ISSUED status row for every persisted coupon. */
@Configuration(proxyBeanMethods = false)
class RedemptionKafkaConfiguration {

    static final String CONTAINER_FACTORY = "redemptionContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, CouponPersisted> redemptionContainerFactory(
            KafkaProperties kafka, FirstComeNames names, FirstComeProperties properties) {
        Map<String, Object> consumer = new HashMap<>(kafka.buildConsumerProperties());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, names.redemptionGroup());
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        Supplier<Deserializer<CouponPersisted>> values = () -> new ErrorHandlingDeserializer<>(
                new JacksonJsonDeserializer<>(CouponPersisted.class, KafkaJson.mapper()).ignoreTypeHeaders());
        var factory = new ConcurrentKafkaListenerContainerFactory<String, CouponPersisted>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(consumer, StringDeserializer::new, values));
        factory.setAutoStartup(
                properties.redemption().listenerEnabled() && kafka.getListener().isAutoStartup());
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(AckMode.BATCH);
        factory.getContainerProperties()
                .setPollTimeout(Math.max(1, properties.issuance().pollTimeout().toMillis()));
        factory.getContainerProperties().setShutdownTimeout(30_000);
        // retried (the database may be down), never skipped for long: a coupon without a row is still
        // materialised on its first read or redeem
        factory.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(1000, 30)));
        return factory;
    }
}
