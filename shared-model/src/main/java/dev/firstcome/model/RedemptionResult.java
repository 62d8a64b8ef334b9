package dev.firstcome.model;

import java.time.Instant;

/** A coupon redeemed for an order: the discount it gives on {@code orderAmount}. */
public record RedemptionResult(
        long couponId, String orderId, long orderAmount, long discount, CouponStatus status, Instant redeemedAt) {}
