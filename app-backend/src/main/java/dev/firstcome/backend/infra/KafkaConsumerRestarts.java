package dev.firstcome.backend.infra;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Starts a Kafka listener container again after its consumer died of an {@link Error} (an
 * OutOfMemoryError while decoding a batch, a StackOverflowError in a listener) or stopped abnormally.
 * Spring Kafka stops the consumer for good in that case: the issuance consumer would stop persisting,
 * the notices would stop, and nothing but the growing lag would say so. The offsets of the failed batch
 * were not committed, so the restarted consumer reads it again (every listener is idempotent).
 *
 * <p>The first restart waits {@code firstcome.kafka.restart-after-error} (1 s), each further one of the
 * same container twice as long, up to a minute; a container that ran for five minutes since its last
 * restart starts over at the first delay. A normal stop (shutdown, an operator's pause, an apply-only
 * node whose consumers never start) is left alone.
 */
@Component
class KafkaConsumerRestarts {

    private static final Logger log = LoggerFactory.getLogger(KafkaConsumerRestarts.class);
    private static final Duration MAX_DELAY = Duration.ofMinutes(1);
    private static final Duration STABLE = Duration.ofMinutes(5);

    private final TaskScheduler scheduler;
    private final Duration firstDelay;
    private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();
    private final AtomicLong restarts = new AtomicLong();
    private volatile boolean closing;

    KafkaConsumerRestarts(
            TaskScheduler scheduler, @Value("${firstcome.kafka.restart-after-error:1s}") Duration firstDelay) {
        this.scheduler = scheduler;
        this.firstDelay = firstDelay;
    }

    private record Attempts(int count, Instant last) {}

    @EventListener
    void onConsumerStopped(ConsumerStoppedEvent event) {
        ConsumerStoppedEvent.Reason reason = event.getReason();
        if (closing
                || (reason != ConsumerStoppedEvent.Reason.ERROR && reason != ConsumerStoppedEvent.Reason.ABNORMAL)) {
            return;
        }
        // the parent when the consumer was a child of a concurrent container: restart the whole container
        MessageListenerContainer container = event.getContainer(MessageListenerContainer.class);
        String id = container.getListenerId() != null ? container.getListenerId() : container.toString();
        // the scheduler's clock: the delay is real time, whatever the application's clock says
        Instant now = scheduler.getClock().instant();
        Attempts next = attempts.compute(
                id,
                (key, previous) -> previous == null
                                || Duration.between(previous.last(), now).compareTo(STABLE) > 0
                        ? new Attempts(1, now)
                        : new Attempts(previous.count() + 1, now));
        Duration delay = delay(firstDelay, next.count());
        log.error(
                "Kafka consumer of {} stopped ({}); starting it again in {} ms (attempt {})",
                id,
                reason,
                delay.toMillis(),
                next.count());
        scheduler.schedule(() -> restart(container, id), now.plus(delay));
    }

    /** The delay before the n-th restart in a row: the first delay doubled each time, at most a minute. */
    static Duration delay(Duration first, int attempt) {
        Duration delay = first;
        for (int i = 1; i < attempt && delay.compareTo(MAX_DELAY) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private void restart(MessageListenerContainer container, String id) {
        if (closing) {
            return;
        }
        try {
            // a concurrent container whose other consumers still run: stop them too, then start them all
            if (container.isRunning()) {
                container.stop();
            }
            container.start();
            restarts.incrementAndGet();
            log.warn("Kafka consumer of {} started again", id);
        } catch (RuntimeException e) {
            log.error("Kafka consumer of {} could not be started again: {}", id, e.toString());
        }
    }

    /** Restarts done since this server started (for tests and diagnostics). */
    long restarts() {
        return restarts.get();
    }

    @EventListener
    void onClose(ContextClosedEvent event) {
        closing = true;
    }
}
