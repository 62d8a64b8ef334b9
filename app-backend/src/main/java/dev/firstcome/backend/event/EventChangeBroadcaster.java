package dev.firstcome.backend.event;

import dev.firstcome.backend.infra.FirstComeNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps every instance's event cache current: a change is announced on a Redis channel and each
 * instance reloads that event; everything is also reloaded periodically in case a message was missed.
 */
@Component
class EventChangeBroadcaster implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(EventChangeBroadcaster.class);

    private final StringRedisTemplate redis;
    private final EventCache cache;
    private final String channel;
    private final RedisMessageListenerContainer container;

    EventChangeBroadcaster(
            StringRedisTemplate redis, EventCache cache, FirstComeNames names, RedisConnectionFactory connections) {
        this.redis = redis;
        this.cache = cache;
        this.channel = names.eventsChannel();
        this.container = new RedisMessageListenerContainer();
        this.container.setConnectionFactory(connections);
        this.container.addMessageListener(this, new ChannelTopic(channel));
        this.container.setErrorHandler(e -> log.debug("event change channel: {}", e.getMessage()));
        this.container.setRecoveryInterval(2000L);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        cache.reloadAll();
        container.afterPropertiesSet();
        container.start();
    }

    @jakarta.annotation.PreDestroy
    void stop() throws Exception {
        container.destroy();
    }

    void announce(long eventId) {
        try {
            redis.convertAndSend(channel, Long.toString(eventId));
        } catch (RuntimeException e) {
            log.warn(
                    "Could not announce the change of event {} (other instances refresh within {}): {}",
                    eventId,
                    "the periodic refresh",
                    e.getMessage());
        }
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        try {
            cache.reload(Long.parseLong(new String(message.getBody(), java.nio.charset.StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            log.warn("Could not refresh an announced event: {}", e.getMessage());
        }
    }

    @Scheduled(fixedDelayString = "${firstcome.admission.event-cache-refresh:30s}")
    void refreshAll() {
        try {
            cache.reloadAll();
        } catch (RuntimeException e) {
            log.debug("periodic event cache refresh failed: {}", e.getMessage());
        }
    }
}
