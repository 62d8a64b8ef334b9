package dev.firstcome.backend.infra;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Topics FirstCome owns (replication factor and min.insync.replicas from {@link KafkaTopology}) and a
 * shared AdminClient for health and lag figures.
 */
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
    KafkaTopology kafkaTopology(Admin firstcomeAdminClient, FirstComeProperties properties, FirstComeNames names) {
        return new KafkaTopology(
                firstcomeAdminClient,
                java.util.List.of(names.admittedTopic(), names.deadLetterTopic(), names.notificationsTopic()),
                properties.kafka().replicationFactor());
    }

    private static NewTopic topic(String name, FirstComeProperties properties, KafkaTopology topology) {
        var builder = TopicBuilder.name(name)
                .partitions(properties.kafka().partitions())
                .replicas(topology.replicationFactor());
        if (topology.minInsyncReplicas() > 1) {
            builder.config("min.insync.replicas", Integer.toString(topology.minInsyncReplicas()));
        }
        return builder.build();
    }

    @Bean
    NewTopic couponAdmittedTopic(FirstComeProperties properties, FirstComeNames names, KafkaTopology topology) {
        return topic(names.admittedTopic(), properties, topology);
    }

    @Bean
    NewTopic couponAdmittedDeadLetterTopic(
            FirstComeProperties properties, FirstComeNames names, KafkaTopology topology) {
        return topic(names.deadLetterTopic(), properties, topology);
    }

    @Bean
    NewTopic couponPersistedTopic(FirstComeProperties properties, FirstComeNames names, KafkaTopology topology) {
        return topic(names.notificationsTopic(), properties, topology);
    }
}
