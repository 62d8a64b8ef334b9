package dev.firstcome.backend.order;

import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.infra.FirstComeProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The simulated payment gateway. As a real one, it takes an idempotency key with every charge and keeps its
 * own record of each key, outside the server and its database ({@code <prefix>:gateway:<key>} in Redis: status,
 * amount, when, how many requests; kept {@link #RETENTION}): the first request decides, declining
 * {@code firstcome.orders.payment-failure-rate} of the charges, and charges; every later request with the same
 * key answers the recorded outcome and charges nothing. The answer reaches the caller
 * {@code firstcome.orders.payment-latency} after the charge was recorded, so a caller killed meanwhile (charged,
 * not yet told) asks again with the same key after its restart and is not charged twice.
 */
@Component
class PaymentGateway {

    static final String CHARGED = "CHARGED";
    static final String DECLINED = "DECLINED";

    /** How long the gateway remembers a key (a real gateway keeps them for a day or more). */
    static final Duration RETENTION = Duration.ofDays(7);

    private final StringRedisTemplate redis;
    private final FirstComeNames names;
    private final RedisScript<String> charge;
    private final Clock clock;
    private final double failureRate;
    private final Duration latency;

    PaymentGateway(
            StringRedisTemplate redis,
            FirstComeNames names,
            OrderScripts scripts,
            Clock clock,
            FirstComeProperties properties) {
        this.redis = redis;
        this.names = names;
        this.charge = scripts.charge();
        this.clock = clock;
        this.failureRate = properties.orders().paymentFailureRate();
        this.latency = properties.orders().paymentLatency();
    }

    /** True when the charge of {@code idempotencyKey} is (or was, for a repeated key) accepted. */
    boolean charge(String idempotencyKey, long amount) {
        boolean accept = failureRate <= 0 || ThreadLocalRandom.current().nextDouble() >= failureRate;
        String status = redis.execute(
                charge,
                List.of(key(idempotencyKey)),
                accept ? CHARGED : DECLINED,
                Long.toString(amount),
                Long.toString(clock.millis()),
                Long.toString(RETENTION.toSeconds()));
        if (!latency.isZero()) {
            CompletableFuture.runAsync(
                            () -> {}, CompletableFuture.delayedExecutor(latency.toMillis(), TimeUnit.MILLISECONDS))
                    .join();
        }
        return CHARGED.equals(status);
    }

    private String key(String idempotencyKey) {
        return names.keyPrefix() + ":gateway:" + idempotencyKey;
    }
}
