package dev.firstcome.backend.order;

import dev.firstcome.backend.infra.FirstComeProperties;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The simulated payment gateway: answers after {@code firstcome.orders.payment-latency}, declining
 * {@code payment-failure-rate} of the charges. Whether a charge succeeded is stored once per order by the
 * caller, so a replayed step never charges twice nor changes its answer.
 */
@Component
class PaymentGateway {

    private final double failureRate;
    private final Duration latency;

    PaymentGateway(FirstComeProperties properties) {
        this.failureRate = properties.orders().paymentFailureRate();
        this.latency = properties.orders().paymentLatency();
    }

    /** True when the charge is accepted. */
    boolean charge(long orderId, long amount) {
        if (!latency.isZero()) {
            CompletableFuture.runAsync(
                            () -> {}, CompletableFuture.delayedExecutor(latency.toMillis(), TimeUnit.MILLISECONDS))
                    .join();
        }
        return failureRate <= 0 || ThreadLocalRandom.current().nextDouble() >= failureRate;
    }
}
