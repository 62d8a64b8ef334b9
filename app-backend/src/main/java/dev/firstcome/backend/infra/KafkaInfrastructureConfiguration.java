package dev.firstcome.backend.infra;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** Topics FirstCome owns and a shared AdminClient for health and lag figures. */
@Configuration(proxyBeanMethods = false)
class KafkaInfrastructureConfiguration {

    @Bean(destroyMethod = "close")
    Admin firstcomeAdminClient(KafkaProperties kafka) {
        Map<String, Object> config = new java.util.HashMap<>(kafka.buildAdminProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "firstcome-monitor");
        return Admin.create(config);
    }

    @Bean
    NewTopic couponAdmittedTopic(FirstComeProperties properties, FirstComeNames names) {
        return TopicBuilder.name(names.admittedTopic())
                .partitions(properties.kafka().partitions())
                .replicas(1)
                .build();
    }

    @Bean
    NewTopic couponAdmittedDeadLetterTopic(FirstComeProperties properties, FirstComeNames names) {
        return TopicBuilder.name(names.deadLetterTopic())
                .partitions(properties.kafka().partitions())
                .replicas(1)
                .build();
    }

    @Bean
    NewTopic couponPersistedTopic(FirstComeProperties properties, FirstComeNames names) {
        return TopicBuilder.name(names.notificationsTopic())
                .partitions(properties.kafka().partitions())
                .replicas(1)
                .build();
    }
}
