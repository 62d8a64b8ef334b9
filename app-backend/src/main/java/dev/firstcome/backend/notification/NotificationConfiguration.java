package dev.firstcome.backend.notification;

import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.infra.KafkaJson;
import dev.firstcome.backend.order.OrderStepReached;
import dev.firstcome.model.CouponPersisted;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.util.backoff.FixedBackOff;

/** The notifications consumers (coupons won, order steps) and their sender (SMTP when {@code spring.mail.host} is set). */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    static final String CONTAINER_FACTORY = "notificationsContainerFactory";
    static final String ORDERS_CONTAINER_FACTORY = "orderNoticesContainerFactory";

    private static final Logger log = LoggerFactory.getLogger(NotificationConfiguration.class);

    @Bean
    @ConditionalOnProperty(prefix = "spring.mail", name = "host")
    NotificationSender mailNotificationSender(JavaMailSender mail, FirstComeProperties properties) {
        return new MailNotificationSender(mail, properties.notifications().from());
    }

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, CouponPersisted> notificationsContainerFactory(
            KafkaProperties kafka, FirstComeNames names, FirstComeProperties properties) {
        return factory(
                CouponPersisted.class,
                names.notificationsGroup(),
                kafka,
                properties,
                properties.notifications().enabled());
    }

    /** The order notices' consumer (the orders topic), running when both notifications and orders are on. */
    @Bean(ORDERS_CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, OrderStepReached> orderNoticesContainerFactory(
            KafkaProperties kafka, FirstComeNames names, FirstComeProperties properties) {
        return factory(
                OrderStepReached.class,
                names.ordersGroup("notifications"),
                kafka,
                properties,
                properties.notifications().enabled() && properties.orders().enabled());
    }

    private static <T> ConcurrentKafkaListenerContainerFactory<String, T> factory(
            Class<T> type, String group, KafkaProperties kafka, FirstComeProperties properties, boolean enabled) {
        Map<String, Object> consumer = new HashMap<>(kafka.buildConsumerProperties());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        java.util.function.Supplier<Deserializer<T>> values = () -> new ErrorHandlingDeserializer<>(
                new JacksonJsonDeserializer<>(type, KafkaJson.mapper()).ignoreTypeHeaders());
        var factory = new ConcurrentKafkaListenerContainerFactory<String, T>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(consumer, StringDeserializer::new, values));
        factory.setAutoStartup(enabled && kafka.getListener().isAutoStartup());
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(AckMode.BATCH);
        factory.getContainerProperties()
                .setPollTimeout(Math.max(1, properties.issuance().pollTimeout().toMillis()));
        factory.getContainerProperties().setShutdownTimeout(30_000);
        // A notice that keeps failing is given up after a few tries (its coupon stays unnotified).
        factory.setCommonErrorHandler(new DefaultErrorHandler(
                (record, error) -> log.error("Giving up the notice of {}: {}", record.value(), error.getMessage()),
                new FixedBackOff(1000, 5)));
        return factory;
    }
}
