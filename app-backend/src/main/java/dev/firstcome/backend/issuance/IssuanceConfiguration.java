package dev.firstcome.backend.issuance;

import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.model.CouponAdmitted;
import java.time.Duration;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Listener containers of the persist path: the CouponAdmitted batch listener and the dead-letter
 * listener. Both commit offsets only after the listener returned, that is after the database
 * committed (ack mode BATCH, auto-commit off). On shutdown each container finishes and commits its
 * current batch before it stops.
 */
@Configuration(proxyBeanMethods = false)
class IssuanceConfiguration {

    static final String CONTAINER_FACTORY = "issuanceContainerFactory";
    static final String DEAD_LETTER_CONTAINER_FACTORY = "issuanceDeadLetterContainerFactory";

    private static final long SHUTDOWN_TIMEOUT_MS = 30_000;

    /** Publishes a record that could not be persisted to the dead-letter topic and waits for the ack. */
    @Bean
    DeadLetterPublishingRecoverer issuanceDeadLetters(IssuanceKafka kafka, FirstComeNames names) {
        var recoverer = new DeadLetterPublishingRecoverer(
                kafka.template(), (record, error) -> new TopicPartition(names.deadLetterTopic(), -1));
        recoverer.setFailIfSendResultIsError(true);
        recoverer.setWaitForSendResultTimeout(Duration.ofSeconds(10));
        return recoverer;
    }

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, CouponAdmitted> issuanceContainerFactory(
            IssuanceKafka kafka, FirstComeNames names, FirstComeProperties properties) {
        var settings = properties.issuance();
        var factory = new ConcurrentKafkaListenerContainerFactory<String, CouponAdmitted>();
        factory.setConsumerFactory(
                kafka.consumerFactory(names.consumerGroup(), CouponAdmitted.class, settings.batchSize()));
        factory.setBatchListener(true);
        factory.setAutoStartup(kafka.autoStartup());
        factory.setConcurrency(settings.concurrency());
        var container = factory.getContainerProperties();
        container.setAckMode(AckMode.BATCH);
        container.setPollTimeout(Math.max(1, settings.pollTimeout().toMillis()));
        container.setShutdownTimeout(SHUTDOWN_TIMEOUT_MS);
        // Database failures are handled in the listener (retry, then dead letters). What reaches the
        // container (Redis or the dead-letter topic unreachable) is retried until it succeeds: the
        // records stay uncommitted in Kafka meanwhile.
        factory.setCommonErrorHandler(new DefaultErrorHandler(untilItWorks(settings.retryBackoff())));
        return factory;
    }

    @Bean(DEAD_LETTER_CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, CouponAdmitted> issuanceDeadLetterContainerFactory(
            IssuanceKafka kafka, FirstComeNames names, FirstComeProperties properties) {
        var settings = properties.issuance();
        var factory = new ConcurrentKafkaListenerContainerFactory<String, CouponAdmitted>();
        factory.setConsumerFactory(kafka.consumerFactory(names.deadLetterGroup(), CouponAdmitted.class, 500));
        factory.setBatchListener(true);
        factory.setAutoStartup(kafka.autoStartup());
        factory.setConcurrency(1);
        var container = factory.getContainerProperties();
        container.setAckMode(AckMode.BATCH);
        container.setPollTimeout(Math.max(1, settings.pollTimeout().toMillis()));
        container.setShutdownTimeout(SHUTDOWN_TIMEOUT_MS);
        // The database may be what failed: keep retrying until the failed_issue rows exist.
        factory.setCommonErrorHandler(new DefaultErrorHandler(untilItWorks(settings.retryBackoff())));
        return factory;
    }

    static ExponentialBackOff untilItWorks(Duration initial) {
        var backOff = new ExponentialBackOff(Math.max(10, initial.toMillis()), 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return backOff;
    }
}
