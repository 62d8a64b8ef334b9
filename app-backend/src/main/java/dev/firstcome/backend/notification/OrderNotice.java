package dev.firstcome.backend.notification;

import dev.firstcome.model.OrderState;
import java.time.Instant;

/**
 * A customer notice that an order reached a state of the checkout flow: {@code reason} when it FAILED,
 * {@code amount} (minor units) once the stock was reserved, {@code discount} once the coupon was redeemed,
 * {@code at} when the state was reached.
 */
public record OrderNotice(
        long orderId, String userId, OrderState state, String reason, Long amount, Long discount, Instant at) {}
