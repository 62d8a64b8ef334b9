package dev.firstcome.backend.waitingroom;

import dev.firstcome.backend.infra.FirstComeNames;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
import org.springframework.stereotype.Component;

/**
 * Which events' queues are closed because the event sold out, known to every server without a Redis
 * round trip per poll: the server that sees the sell-out marks the queue in Redis and announces it on a
 * channel (like event changes); each server keeps the flag in memory. A server that missed the message
 * (or started later) learns it from its next outflow tick, which reads the queue's mark.
 */
@Component
class SoldOutFlags implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(SoldOutFlags.class);

    private final Set<Long> soldOut = ConcurrentHashMap.newKeySet();
    private final StringRedisTemplate redis;
    private final String channel;
    private final RedisMessageListenerContainer container;

    SoldOutFlags(StringRedisTemplate redis, FirstComeNames names, RedisConnectionFactory connections) {
        this.redis = redis;
        this.channel = names.keyPrefix() + ":waiting-room:sold-out";
        this.container = new RedisMessageListenerContainer();
        this.container.setConnectionFactory(connections);
        this.container.addMessageListener(this, new ChannelTopic(channel));
        this.container.setErrorHandler(e -> log.debug("sold-out channel: {}", e.getMessage()));
        this.container.setRecoveryInterval(2000L);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        container.afterPropertiesSet();
        container.start();
    }

    @jakarta.annotation.PreDestroy
    void stop() throws Exception {
        container.destroy();
    }

    boolean soldOut(long eventId) {
        return soldOut.contains(eventId);
    }

    /** This server learnt it (from Redis): remember it. */
    void remember(long eventId) {
        soldOut.add(eventId);
    }

    /** Remember it and tell every other server. */
    void announce(long eventId) {
        soldOut.add(eventId);
        try {
            redis.convertAndSend(channel, Long.toString(eventId));
        } catch (RuntimeException e) {
            log.warn(
                    "Could not announce that event {} sold out (others learn it on their next tick): {}",
                    eventId,
                    e.getMessage());
        }
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        try {
            soldOut.add(Long.parseLong(new String(message.getBody(), StandardCharsets.UTF_8)));
        } catch (NumberFormatException e) {
            log.warn("Ignored a sold-out announcement that is not an event id");
        }
    }
}
