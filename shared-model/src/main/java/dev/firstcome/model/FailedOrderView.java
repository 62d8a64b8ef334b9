package dev.firstcome.model;

import java.time.Instant;

/**
 * An order of the checkout flow that ended FAILED: its customer, coupon, amount (null when the stock was
 * never reserved), the {@code reason} it failed with (e.g. {@code OUT_OF_STOCK: tea}), when it was created
 * and when it failed.
 */
public record FailedOrderView(
        long orderId, String userId, Long couponId, Long amount, String reason, Instant createdAt, Instant failedAt) {}
