package dev.firstcome.backend.vendor;

import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.infra.KafkaJson;
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

/** The settlement consumer (own group) of the ledger topic. */
@Configuration(proxyBeanMethods = false)
class SettlementKafkaConfiguration {

    static final String CONTAINER_FACTORY = "settlementContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, LedgerEntry> settlementContainerFactory(
            KafkaProperties kafka, FirstComeNames names, FirstComeProperties properties) {
        Map<String, Object> consumer = new HashMap<>(kafka.buildConsumerProperties());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, names.settlementGroup());
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        Supplier<Deserializer<LedgerEntry>> values = () -> new ErrorHandlingDeserializer<>(
                new JacksonJsonDeserializer<>(LedgerEntry.class, KafkaJson.mapper()).ignoreTypeHeaders());
        var factory = new ConcurrentKafkaListenerContainerFactory<String, LedgerEntry>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(consumer, StringDeserializer::new, values));
        factory.setAutoStartup(properties.redemption().settlementEnabled()
                && kafka.getListener().isAutoStartup());
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(AckMode.BATCH);
        factory.getContainerProperties()
                .setPollTimeout(Math.max(1, properties.issuance().pollTimeout().toMillis()));
        factory.getContainerProperties().setShutdownTimeout(30_000);
        // a batch the database refuses is retried until it is booked: skipping it would lose a payment
        factory.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(1000, FixedBackOff.UNLIMITED_ATTEMPTS)));
        return factory;
    }
}
