package dev.firstcome.backend.waitingroom;

import dev.firstcome.backend.admission.ApplyThrottle;
import dev.firstcome.backend.admission.EventLookup;
import dev.firstcome.backend.admission.UserIds;
import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.model.EventView;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * The abuse limits: token buckets in Redis (Bucket4j's Lettuce integration, compare-and-swap on one key
 * per bucket), so every server shares them. Per client address and per user on joins, per client and per
 * ticket on polls, per client and per user on applies to events with a waiting room (events without one
 * are not limited: their apply path stays as it was). Lab events (rush rehearsals, all from this machine)
 * have no per-client limit, only the per-user ones. Each limit is its number of requests per minute and
 * per event, as a burst refilled gradually; a refusal carries the seconds until a token is back.
 */
@Component
class RateLimits implements ApplyThrottle {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RateLimits.class);

    private final WaitingRoomProperties.Limits limits;
    private final EventLookup events;
    private final String prefix;
    private final LettuceConnectionFactory connections;
    private volatile AsyncProxyManager<String> buckets;
    private StatefulConnection<String, byte[]> connection;

    RateLimits(
            WaitingRoomProperties properties,
            EventLookup events,
            FirstComeNames names,
            LettuceConnectionFactory connections) {
        this.limits = properties.limits();
        this.events = events;
        this.prefix = names.keyPrefix() + ":limit:";
        this.connections = connections;
    }

    /** Joins: per client and per user. Completes with 0 or the seconds to wait. */
    long join(long eventId, String client, String userId) {
        return both("queue", eventId, client(eventId, client), limits.queuePerClient(), userId, limits.queuePerUser())
                .join();
    }

    /** Polls: per client and per ticket. */
    long poll(long eventId, String client, String ticketId) {
        return both("poll", eventId, client(eventId, client), limits.pollPerClient(), ticketId, limits.pollPerUser())
                .join();
    }

    /**
     * The client address to limit, or null for a lab event's: a rush rehearsal sends every virtual user
     * from this machine, so lab events (created by operators only, never sold) are limited per user and
     * per ticket alone.
     */
    private String client(long eventId, String client) {
        if (!limits.enabled()) {
            return client; // not limited at all: no lookup
        }
        return events.find(eventId).map(EventView::lab).orElse(false) ? null : client;
    }

    @Override
    public CompletableFuture<Long> check(long eventId, String clientAddress, String userId) {
        if (!limits.enabled()) {
            return CompletableFuture.completedFuture(0L);
        }
        Optional<EventView> event = events.find(eventId);
        if (event.isEmpty() || !event.get().room().on()) {
            return CompletableFuture.completedFuture(0L);
        }
        return both(
                "apply",
                eventId,
                event.get().lab() ? null : clientAddress,
                limits.applyPerClient(),
                UserIds.isValid(userId) ? userId : null,
                limits.applyPerUser());
    }

    /**
     * {@code client} null: no per-client limit (lab events); {@code user} null: no per-user limit. The buckets
     * are the event's own ({@code <kind>:<eventId>:client:<address>}): a customer who joins many rooms in a
     * minute is limited in each, not refused in the eleventh for what it did in the other ten.
     */
    private CompletableFuture<Long> both(
            String kind, long eventId, String client, long perClient, String user, long perUser) {
        if (!limits.enabled()) {
            return CompletableFuture.completedFuture(0L);
        }
        String bucket = kind + ":" + eventId;
        CompletableFuture<Long> byClient =
                client == null ? CompletableFuture.completedFuture(0L) : take(bucket + ":client:" + client, perClient);
        if (user == null) {
            return byClient;
        }
        return byClient.thenCompose(
                wait -> wait > 0 ? CompletableFuture.completedFuture(wait) : take(bucket + ":user:" + user, perUser));
    }

    private CompletableFuture<Long> take(String bucket, long perMinute) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build();
        try {
            return buckets()
                    .getProxy(prefix + bucket, () -> CompletableFuture.completedFuture(configuration))
                    .tryConsumeAndReturnRemaining(1)
                    .thenApply(RateLimits::secondsToWait)
                    .exceptionally(RateLimits::failOpen);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failOpen(e));
        }
    }

    /** Redis unreachable: the limits let the request through (the queue or admission answers 503 itself). */
    private static long failOpen(Throwable e) {
        log.debug("abuse limits not checked: {}", e.toString());
        return 0L;
    }

    private static long secondsToWait(ConsumptionProbe probe) {
        if (probe.isConsumed()) {
            return 0L;
        }
        return Math.max(1L, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
    }

    private AsyncProxyManager<String> buckets() {
        AsyncProxyManager<String> current = buckets;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (buckets == null) {
                RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
                Bucket4jLettuce.LettuceBasedProxyManagerBuilder<String> builder;
                // standalone and Sentinel: a RedisClient; Redis Cluster: each bucket's key on its own slot
                if (connections.getNativeClient() instanceof RedisClusterClient cluster) {
                    StatefulRedisClusterConnection<String, byte[]> clustered = cluster.connect(codec);
                    connection = clustered;
                    builder = Bucket4jLettuce.casBasedBuilder(clustered);
                } else {
                    StatefulRedisConnection<String, byte[]> single =
                            ((RedisClient) connections.getNativeClient()).connect(codec);
                    connection = single;
                    builder = Bucket4jLettuce.casBasedBuilder(single);
                }
                buckets = builder.expirationAfterWrite(
                                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                        Duration.ofSeconds(10)))
                        .build()
                        .asAsync();
            }
            return buckets;
        }
    }

    @jakarta.annotation.PreDestroy
    void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
