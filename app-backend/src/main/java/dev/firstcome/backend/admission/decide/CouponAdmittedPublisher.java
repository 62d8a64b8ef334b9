package dev.firstcome.backend.admission.decide;

import dev.firstcome.backend.admission.AdmissionUnavailableException;
import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.infra.KafkaJson;
import dev.firstcome.model.CouponAdmitted;
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.stereotype.Component;

/**
 * Hands an admission to Kafka (key = eventId, idempotent producer, acks=all) and waits for the
 * broker's acknowledgement, bounded by {@code firstcome.kafka.send-timeout}.
 */
@Component
public class CouponAdmittedPublisher implements AutoCloseable {

    private final KafkaTemplate<String, CouponAdmitted> template;
    private final DefaultKafkaProducerFactory<String, CouponAdmitted> factory;
    private final String topic;
    private final Duration timeout;
    private final Executor blockingSends = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean metadataReady;

    CouponAdmittedPublisher(KafkaProperties kafka, FirstComeProperties properties, FirstComeNames names) {
        var config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        long timeoutMs = properties.kafka().sendTimeout().toMillis();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, timeoutMs - 500));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeoutMs, 1000 + timeoutMs - 500));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "firstcome-admission");
        this.factory = new DefaultKafkaProducerFactory<>(
                config,
                new StringSerializer(),
                new JacksonJsonSerializer<CouponAdmitted>(KafkaJson.mapper()).noTypeInfo());
        this.template = new KafkaTemplate<>(factory);
        this.topic = names.admittedTopic();
        this.timeout = properties.kafka().sendTimeout();
    }

    /**
     * Publishes an admission again and returns once the broker acknowledged it (heal of a lost record);
     * {@link AdmissionUnavailableException} when it did not within the timeout.
     */
    public void republish(CouponAdmitted admitted) {
        try {
            publish(admitted);
        } catch (PublishFailedException e) {
            throw new AdmissionUnavailableException("Kafka did not acknowledge the republished admission", e);
        }
    }

    /** Returns once the broker acknowledged the record; throws when it did not within the timeout. */
    void publish(CouponAdmitted admitted) throws PublishFailedException {
        try {
            publishAsync(admitted).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof PublishFailedException failed
                    ? failed
                    : new PublishFailedException(
                            "Kafka send failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Completes once the broker acknowledged the record, or fails with {@link PublishFailedException}
     * (refused, or no acknowledgement within the timeout). Never blocks the caller: until the producer
     * has the topic's metadata (the only time {@code send} can block, up to {@code max.block.ms}) the
     * send runs on a virtual thread.
     */
    CompletableFuture<Void> publishAsync(CouponAdmitted admitted) {
        if (!metadataReady) {
            return CompletableFuture.supplyAsync(() -> send(admitted), blockingSends)
                    .thenCompose(sent -> sent);
        }
        return send(admitted);
    }

    private CompletableFuture<Void> send(CouponAdmitted admitted) {
        CompletableFuture<?> sent;
        try {
            sent = template.send(topic, Long.toString(admitted.eventId()), admitted);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(
                    new PublishFailedException("Kafka send failed: " + e.getMessage(), e));
        }
        return sent.orTimeout(timeout.toMillis() + 500, TimeUnit.MILLISECONDS).handle((result, failure) -> {
            if (failure == null) {
                metadataReady = true;
                return null;
            }
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            throw new CompletionException(
                    cause instanceof TimeoutException
                            ? new PublishFailedException("Kafka did not acknowledge within " + timeout, cause)
                            : new PublishFailedException("Kafka refused the admission: " + cause.getMessage(), cause));
        });
    }

    /** Waits until every record sent so far is acknowledged (graceful shutdown). */
    void flush() {
        template.flush();
    }

    @Override
    public void close() {
        try {
            template.flush();
        } finally {
            factory.destroy();
        }
    }

    /** The hand-off failed or its outcome is unknown. */
    static final class PublishFailedException extends Exception {
        PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
