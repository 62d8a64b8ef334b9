package dev.firstcome.backend.redemption;

import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.infra.KafkaJson;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.converter.ByteArrayJacksonJsonMessageConverter;

/**
 * The ledger's transactional outbox is Spring Modulith's: {@link VendorLedgerEntry} events are written to
 * the event publication registry in the redemption's transaction and sent by spring-modulith-events-kafka
 * after the commit (routed by the annotation on {@link VendorLedgerEntry}: the namespaced ledger topic,
 * keyed by vendor, so one vendor's entries stay in order). The template it sends with: JSON bytes,
 * idempotent producer, acks=all.
 */
@Configuration(proxyBeanMethods = false)
class LedgerExternalizationConfiguration {

    @Bean
    KafkaTemplate<Object, Object> ledgerKafkaTemplate(KafkaProperties kafka) {
        Map<String, Object> producer = new HashMap<>(kafka.buildProducerProperties());
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        var template = new KafkaTemplate<Object, Object>(new DefaultKafkaProducerFactory<>(producer));
        template.setMessageConverter(new ByteArrayJacksonJsonMessageConverter(KafkaJson.mapper()));
        return template;
    }

    @Bean
    NewTopic vendorLedgerTopic(FirstComeProperties properties, FirstComeNames names) {
        return TopicBuilder.name(names.ledgerTopic())
                .partitions(properties.kafka().partitions())
                .replicas(1)
                .build();
    }
}
